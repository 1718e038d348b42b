# tests/cgi/t_utf8_limits.py: SECURITY.md 28: text limits count characters: 4-byte characters at and over the limit of the applicants' and staff's text fields, checking what is stored (SQLite) and sent (the SMS file driver) is whole, valid UTF-8.
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cgitest import Browser, Site, Tap, serve, totp  # noqa: E402
from upload_fixtures import register  # noqa: E402

WIDE = "\U00020BB7"             # 𠮷: one character, four bytes in UTF-8
MOBILE = "13912340021"
AGENT = "13800138021"
ORDERS = [1729333892315490001 + 2 * i for i in range(6)]


def stored(site, sql):
    """The value of a one-column query as text, decoded strictly from the bytes SQLite holds
    (None when they are not valid UTF-8)."""
    raw = site.sql("SELECT hex(CAST((%s) AS BLOB))" % sql)
    try:
        return bytes.fromhex(raw).decode("utf-8", "strict")
    except ValueError:
        return None


def sms_texts(site):
    """The text of every SMS queued to AGENT (the outbox row written with the change, whatever
    sends it later), oldest first, decoded strictly (None for one that is not UTF-8)."""
    ids = site.sql("SELECT id FROM outbox WHERE kind = 'sms' AND recipient = '%s' ORDER BY id" % AGENT).split()
    return [stored(site, "SELECT body FROM outbox WHERE id = %s" % i) for i in ids]


def scenario(t, site, runners):
    a = Browser(runners)
    user = register(site, a, MOBILE)
    if not t.ok(user, "an applicant registers"):
        return

    # Applicants: invoice titles (name 100, address 120, bank 60 characters).
    csrf = a.csrf("invoice")
    for field, limit, extra in (("name", 100, {}), ("address", 120, {"name": "单位"}), ("bank", 60, {"name": "单位"})):
        fields = dict({"action": "title_add", "csrf": csrf, "kind": "company", "name": "单位",
                       "tax_id": "91350100M000100Y43", "email": "a@example.com"}, **extra)
        fields[field] = WIDE * (limit + 1)
        r = a.go("invoice", "POST", fields=fields)
        t.eq(r.status, 422, "invoice title: %s of %d four-byte characters answers 422" % (field, limit + 1))
        fields[field] = WIDE * limit
        r = a.go("invoice", "POST", fields=fields)
        t.eq(r.status, 303, "invoice title: %s of %d four-byte characters is accepted" % (field, limit))
        got = stored(site, "SELECT %s FROM invoice_titles WHERE user_id = %s ORDER BY id DESC LIMIT 1" % (field, user))
        t.ok(got == WIDE * limit, "invoice title: the %s is stored whole, as valid UTF-8" % field,
             "%r characters" % (len(got) if got else got))

    # Applicants: the application form's text fields.
    base = {"action": "save", "subject": "enterprise", "project": "both", "years": "1", "cert_count": "1",
            "delivery": "pickup", "org_nature": "private", "agent_id_type": "id_card", "agent_mobile": "13912345670"}
    for field, limit in (("org_name", 100), ("legal_name", 30), ("agent_name", 30), ("agent_address", 120)):
        csrf = a.go("apply", "GET", "subject=enterprise").csrf()
        r = a.go("apply", "POST", fields=dict(base, csrf=csrf, **{field: WIDE * (limit + 1)}))
        t.eq(r.status, 422, "apply: %s of %d four-byte characters answers 422" % (field, limit + 1))
        r = a.go("apply", "POST", fields=dict(base, csrf=csrf, **{field: WIDE * limit}))
        m = re.search(r"order=(\d{19})", r.header("Location") or "")
        t.ok(r.status == 303 and m, "apply: %s of %d four-byte characters is accepted" % (field, limit), r.status)
        got = stored(site, "SELECT %s FROM orders WHERE id = %s" % (field, m.group(1) if m else 0))
        t.ok(got == WIDE * limit, "apply: the %s is stored whole, as valid UTF-8" % field)

    # Staff: reasons (500 characters, the picked and written ones together) and notes (1000).
    sql = ["INSERT INTO orders (id, user_id, subject, kind, project, years, cert_count, status, pay_status, amount_fen,"
           " delivery, org_name, agent_mobile, created_ms, updated_ms, submitted_ms) VALUES (%d, %s, 'enterprise', 'new',"
           " 'both', 1, 1, 'pending', 'unpaid', 65000, 'pickup', '测试单位', '%s', 1795500000000, 1795500000000,"
           " 1795500000000)" % (o, user, AGENT) for o in ORDERS]
    site.sql("BEGIN; " + "; ".join(sql) + "; COMMIT;")
    if not t.ok(site.admin("staff-add", "rev1", "reviewer", stdin="Review2024x\n").returncode == 0, "staff-add rev1"):
        return
    s = Browser(runners)
    s.go("admin", "POST", fields={"action": "login", "login": "rev1", "password": "Review2024x", "csrf": s.csrf("admin")})
    r = s.go("admin")
    m = re.search(r'class="mono totp-secret">([A-Z2-7]+)<', r.text)
    r = s.go("admin", "POST", fields={"action": "totp", "totp": totp(m.group(1)) if m else "", "csrf": r.csrf()})
    if not t.ok(r.status == 303, "the reviewer signs in"):
        return

    def post(action, order, **fields):
        rev = site.sql("SELECT rev FROM orders WHERE id = %d" % order)
        return s.go("admin", "POST", fields=dict(fields, action=action, order=str(order), rev=rev,
                                                 csrf=s.csrf("admin", "order=%d" % order)))

    def reason_of(order):
        return stored(site, "SELECT review_reason FROM orders WHERE id = %d" % order)

    r = post("reject", ORDERS[0], reason=WIDE * 501)
    t.ok(r.status == 422 and reason_of(ORDERS[0]) == "", "reject: a reason of 501 four-byte characters answers 422, nothing stored",
         r.status)
    r = post("reject", ORDERS[0], reason_pick="材料不全", reason=WIDE * 496)
    t.ok(r.status == 422 and "原因不能超过500个字" in r.text and reason_of(ORDERS[0]) == "",
         "reject: a picked reason and 496 written characters (501 joined) answer 422, nothing stored", r.status)
    r = post("reject", ORDERS[0], reason_pick="材料不全", reason=WIDE * 495)
    t.eq(r.status, 303, "reject: a picked reason and 495 written characters (500 joined) are accepted")
    t.ok(reason_of(ORDERS[0]) == "材料不全；" + WIDE * 495, "reject: the joined reason is stored whole, as valid UTF-8")
    seen = len(sms_texts(site))
    r = post("reject", ORDERS[1], reason=WIDE * 400)
    t.eq(r.status, 303, "reject: a reason of 400 four-byte characters is accepted")
    t.ok(reason_of(ORDERS[1]) == WIDE * 400, "reject: stored whole")
    texts = sms_texts(site)[seen:]
    t.ok(texts and texts[-1] is not None and WIDE * 400 in texts[-1],
         "reject: the rejection SMS carries the whole reason, as valid UTF-8", texts[-1:] if texts else "no SMS")
    seen = len(sms_texts(site))
    r = post("cancel", ORDERS[2], reason=WIDE * 500)
    t.eq(r.status, 303, "cancel: a reason of 500 four-byte characters is accepted")
    texts = sms_texts(site)[seen:]
    t.ok(texts and texts[-1] is not None and WIDE * 500 in texts[-1], "cancel: its SMS carries the whole reason",
         texts[-1:] if texts else "no SMS")
    r = post("note", ORDERS[3], note=WIDE * 1001)
    t.eq(r.status, 422, "note: 1001 four-byte characters answer 422")
    r = post("note", ORDERS[3], note=WIDE * 1000)
    t.eq(r.status, 303, "note: 1000 four-byte characters are accepted")
    t.ok(stored(site, "SELECT body FROM order_notes WHERE order_id = %d" % ORDERS[3]) == WIDE * 1000,
         "note: stored whole, as valid UTF-8")
    t.ok(all(x is not None for x in sms_texts(site)), "every SMS queued is valid UTF-8")


def main():
    t = Tap()
    site = Site()
    serve(t, site, ["register", "invoice", "apply", "admin"], "cgi", lambda runners, pids: scenario(t, site, runners))
    t.done()


main()
