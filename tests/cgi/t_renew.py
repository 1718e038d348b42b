# tests/cgi/t_renew.py: renew.fcgi (证书续费 / 证书补办) and apply.fcgi's fee and edit rules, as plain CGI and under FastCGI.
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cgitest import Browser, Runner, Site, Tap  # noqa: E402

PROGRAMS = ("register", "login", "apply", "renew", "orders", "home")
ENTERPRISE = {
    "subject": "enterprise", "kind": "new", "project": "procurement", "years": "2", "cert_count": "3",
    "org_name": "厦门某某建设工程有限公司", "org_nature": "state", "uscc": "91350100M000100Y43",
    "legal_name": "陈一", "legal_id_no": "11010519491231002X", "agent_name": "林二",
    "agent_mobile": "13700137000", "agent_email": "lin@example.com", "agent_id_type": "passport",
    "agent_id_no": "E12345678", "agent_address": "厦门市湖里区", "delivery": "mail", "mail_name": "林二",
    "mail_mobile": "13700137000", "mail_address": "厦门市湖里区某路1号",
}


def signed_in(site, runners, mobile):
    b = Browser(runners)
    c = b.go("register").csrf()
    n = site.sms_count(mobile)
    b.go("register", "POST", fields={"action": "send_code", "mobile": mobile, "csrf": c})
    code = site.last_code(mobile, n)
    b.go("register", "POST", fields={"action": "register", "mobile": mobile, "password": "Secret2024ab",
                                     "password2": "Secret2024ab", "code": code, "csrf": c})
    return b


def fee(text):
    m = re.search(r'<p class="fee"[^>]*><strong>([\d.]+)</strong>', text)
    return m.group(1) if m else None


def run(t, mode):
    site = Site()
    runners = {p: Runner(site, p, mode) for p in PROGRAMS}
    try:
        scenario(t, site, runners, mode)
    finally:
        for r in runners.values():
            r.close()
        site.cleanup()


def scenario(t, site, runners, mode):
    a = signed_in(site, runners, "13912340001")
    b = signed_in(site, runners, "13912340002")
    t.eq(runners["apply"].request("GET", "subject=enterprise").status, 303, "%s: a visitor is sent to sign in" % mode)
    csrf = a.go("apply", "GET", "subject=enterprise").csrf()
    r = a.go("apply", "POST", fields=dict(ENTERPRISE, action="quote", csrf=csrf))
    t.eq(fee(r.text), "2400.00", "%s: 3 certificates × 2 years of procurement cost 2400.00" % mode)
    r = a.go("apply", "GET", "page=fee&subject=enterprise&kind=new&project=both&years=1&cert_count=1")
    t.ok(r.status == 200 and r.text == "650.00", "%s: the fee endpoint answers 650.00 as text" % mode, r.text[:200])
    r = a.go("apply", "GET", "page=fee&subject=enterprise&project=both")
    t.eq(r.status, 422, "%s: an incomplete fee question answers 422" % mode)
    r = a.go("apply", "POST", fields=dict(ENTERPRISE, agent_id_no="11", action="save", csrf=csrf))
    t.eq(r.status, 422, "%s: a passport number of two characters is refused" % mode)
    r = a.go("apply", "POST", fields=dict(ENTERPRISE, agent_id_type="id_card", action="save", csrf=csrf))
    t.ok(r.status == 422 and "身份证" in r.text, "%s: an ID-card type needs a resident ID number" % mode)
    r = a.go("apply", "POST", fields=dict(ENTERPRISE, years="6", action="save", csrf=csrf))
    t.eq(r.status, 422, "%s: 6 years is refused" % mode)
    r = a.go("apply", "POST", fields=dict(ENTERPRISE, cert_count="21", action="save", csrf=csrf))
    t.eq(r.status, 422, "%s: 21 certificates are refused" % mode)
    r = a.go("apply", "POST", fields=dict(ENTERPRISE, org_name="名" * 101, action="save", csrf=csrf))
    t.eq(r.status, 422, "%s: a name over 100 characters is refused" % mode)
    t.eq(site.sql("SELECT count(*) FROM orders"), "0", "%s: nothing stored for any refused form" % mode)
    r = a.go("apply", "POST", fields=dict(ENTERPRISE, action="save", csrf=csrf))
    t.eq(r.status, 303, "%s: the enterprise order is saved" % mode)
    first = re.search(r"order=(\d+)", r.header("Location") or "").group(1)
    t.eq(a.go("apply", "GET", "order=" + first).status, 200, "%s: its owner edits it" % mode)
    t.eq(b.go("apply", "GET", "order=" + first).status, 404, "%s: another applicant gets 404" % mode)
    bc = b.go("apply", "GET", "subject=enterprise").csrf()
    r = b.go("apply", "POST", fields=dict(ENTERPRISE, order=first, action="save", csrf=bc))
    t.eq(r.status, 404, "%s: and cannot overwrite it" % mode)

    r = a.go("renew")
    t.ok(r.status == 200 and first not in r.text, "%s: an open order is not offered for renewal" % mode)
    site.sql("UPDATE orders SET status = 'completed', pay_status = 'paid', amount_fen = 240000,"
             " issued_serial = '7C1E55AA0B', issued_expires = '2027-06-30' WHERE id = %s" % first)
    r = a.go("renew")
    t.ok(first in r.text, "%s: a completed order is offered for renewal" % mode)
    t.ok("7C1E55AA0B" in r.text and "2027-06-30" in r.text,
         "%s: with its certificate serial and expiry" % mode)
    t.ok("renew.fcgi?prev_order=" + first in r.text and "续费" in r.text and "补办" in r.text,
         "%s: and 续费 / 补办 links to the prefilled form" % mode)
    r = a.go("renew", "GET", "prev_order=" + first)
    t.ok(r.status == 200 and "厦门某某建设工程有限公司" in r.text and "E12345678" in r.text
         and "11010519491231002X" in r.text,
         "%s: renew.fcgi?prev_order=ID opens the renewal prefilled (ID numbers in full)" % mode)
    t.ok('name="kind" value="renew"' in r.text and 'name="cert_serial" value="7C1E55AA0B"' in r.text,
         "%s: as a renewal of the certificate produced for it" % mode)
    t.ok('name="agree" value="1" checked' not in r.text, "%s: the agreement must be ticked again" % mode)
    t.eq(b.go("renew", "GET", "prev_order=" + first).status, 404,
         "%s: another applicant's order answers 404" % mode)
    t.eq(b.go("renew", "GET", "kind=renew&prev_order=" + first).status, 404,
         "%s: also with a kind" % mode)
    csrf = r.csrf()
    r = a.go("renew", "POST", fields=dict(ENTERPRISE, kind="renew", prev_order=first, action="save", csrf=csrf))
    t.eq(r.status, 303, "%s: the renewal is saved" % mode)
    renewal = re.search(r"order=(\d+)", r.header("Location") or "").group(1)
    t.eq(site.sql("SELECT kind || '/' || prev_order FROM orders WHERE id = %s" % renewal), "renew/" + first,
         "%s: as a renewal of the earlier order" % mode)
    t.eq(site.sql("SELECT cert_serial FROM orders WHERE id = %s" % renewal), "7C1E55AA0B",
         "%s: naming the certificate it renews" % mode)
    r = a.go("renew", "POST", fields=dict(ENTERPRISE, kind="renew", prev_order=first, action="save", csrf=csrf))
    t.eq(r.status, 303, "%s: a second renewal draft is saved too (drafts reserve nothing)" % mode)
    r = a.go("renew", "POST", fields=dict(ENTERPRISE, kind="reissue", prev_order=first, action="quote", csrf=csrf))
    t.eq(fee(r.text), "450.00", "%s: a reissue is 150.00 a certificate, whatever the years" % mode)
    r = a.go("renew", "GET", "kind=reissue&subject=personal&cert_serial=4A3F09BC12")
    t.ok(r.status == 200 and "4A3F09BC12" in r.text, "%s: a reissue by certificate serial number opens the form" % mode)
    r = a.go("renew", "GET", "kind=reissue&subject=personal&cert_serial=zz")
    t.eq(r.status, 422, "%s: a malformed serial number is refused" % mode)
    person = {"subject": "personal", "kind": "reissue", "project": "other", "years": "1", "name": "黄三",
              "id_no": "11010519491231002X", "mobile": "13600136000", "email": "h@example.com",
              "address": "泉州市", "cert_serial": "4A3F09BC12", "delivery": "pickup"}
    r = a.go("renew", "POST", fields=dict(person, action="save", csrf=csrf))
    t.eq(r.status, 303, "%s: the personal reissue is saved" % mode)
    t.eq(site.sql("SELECT cert_serial FROM orders WHERE subject = 'personal'"), "4A3F09BC12",
         "%s: with the serial number" % mode)
    r = a.go("renew", "POST", fields=dict(person, kind="new", action="save", csrf=csrf))
    t.eq(r.status, 422, "%s: renew.fcgi only takes renewals and reissues" % mode)
    r = a.go("home", "POST", fields={"action": "cancel_account", "password": "Secret2024ab", "csrf": csrf})
    t.ok(r.status == 422 and "未办结" in r.text, "%s: an account with open orders cannot be cancelled" % mode)
    t.eq(site.sql("SELECT count(*) FROM users WHERE mobile = '13912340001'"), "1", "%s: and stays" % mode)


def main():
    t = Tap()
    for mode in sys.argv[1:] or ("cgi", "fcgi"):
        run(t, mode)
    t.done()


main()
