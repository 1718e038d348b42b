# tests/http/staff.py: the staff review journey over HTTP (sign-in with TOTP enrolment, queue, order, reject with items on the revision seen, corrections marked, resubmission, a stale approve answering 409, approve, roles, audit) and the order's whole life to completion (paid by a confirmed transfer, produced, shipped and received; produced, ready and completed), shared by the lighttpd and Apache tests.
import base64
import hashlib
import hmac
import os
import re
import struct
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)
from fixtures import file_for  # noqa: E402
from httpclient import Client  # noqa: E402
from journeys import register, run_scenario  # noqa: E402
from orders import APPLY, ENTERPRISE, ORDERS, UPLOAD, submit_enterprise, upload  # noqa: E402

PAY = "/cgi-bin/pay.fcgi"

ADMIN = "/cgi-bin/admin.fcgi"
AGENT = ENTERPRISE["agent_mobile"]
PICKUP_ADDRESS = "福州市鼓楼区测试路1号政务服务中心一楼"
PICKUP_HOURS = "工作日 9:00-12:00、14:00-17:00"
MAIL_TO = {"delivery": "mail", "mail_name": "李四", "mail_mobile": "13800138000", "mail_address": "福州市鼓楼区五四路1号"}


def totp(secret, offset_ms=0, step_shift=0):
    """The RFC 6238 code (SHA-1, 6 digits, 30 s) of a base32 secret at the site's clock."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    step = int((time.time() + offset_ms / 1000.0) // 30) + step_shift
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    off = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[off:off + 4])[0] & 0x7fffffff) % 1000000)


def sign_in(t, site, clock, login, password, what, secrets):
    """Signs a staff member in through password and TOTP (enrolling on first sign-in);
    returns the client, or None."""
    c = Client(site.base)
    r = c.post(ADMIN, {"action": "login", "login": login, "password": password, "csrf": c.csrf(ADMIN)})
    if not t.eq(r.status, 303, "%s: the password step answers 303" % what, r.summary()):
        return None
    r = c.get(ADMIN)
    m = re.search(r'class="mono totp-secret">([A-Z2-7]+)<', r.text)
    if m:
        secrets[login] = m.group(1)
        q = c.get(ADMIN + "?page=totp_qr")
        t.ok(q.status == 200 and q.body.startswith(b"\x89PNG"), "%s: enrolment shows the otpauth QR code" % what)
    if not t.ok(login in secrets, "%s: the second factor is asked for" % what, r.summary()):
        return None
    clock[0] += 31000
    site.move_clock(clock[0])
    r = c.post(ADMIN, {"action": "totp", "totp": totp(secrets[login], clock[0]), "csrf": r.csrf()})
    t.eq(r.status, 303, "%s: the TOTP code signs in" % what, r.summary())
    return c


def submitted_order(t, site, a, what):
    """An enterprise order of applicant client a, complete and submitted; its number."""
    order, r = submit_enterprise(a, {})
    t.eq(r.status, 303, "%s: an applicant submits an order" % what, r.summary())
    return order


def page_rev(c, order):
    """The revision the staff order page carries in its review forms (rev), or None."""
    m = re.search(r'name="rev" value="(\d+)"', c.get(ADMIN + "?order=" + order).text)
    return m.group(1) if m else None


def scenario(t, site, what):
    clock, secrets = [0], {}
    for login, role, pw in (("rev1", "reviewer", "Review2024x"), ("fin1", "finance", "Finance2024x"),
                            ("boss", "admin", "Admin2024xx")):
        t.eq(site.admin("staff-add", login, role, input=pw + "\n").returncode, 0, "%s: staff-add %s %s" % (what, login, role))
    a = Client(site.base)
    if not register(t, site, a, "13912349876", "Secret2024ab", "%s: applicant" % what):
        return
    order = submitted_order(t, site, a, what)

    r = a.get(ADMIN)
    t.ok(r.status == 200 and order not in r.text and "工作人员登录" in r.text,
         "%s: an applicant session opening admin.fcgi gets only the staff sign-in" % what)
    r = a.post(ADMIN, {"action": "approve", "order": order, "csrf": a.csrf(ORDERS)})
    t.ok(r.status in (303, 403) and site.sql("SELECT status FROM orders WHERE id = %s" % order) == "pending",
         "%s: and cannot approve anything" % what, r.summary())

    c = Client(site.base)
    r = c.post(ADMIN, {"action": "login", "login": "rev1", "password": "Wrong2024x", "csrf": c.csrf(ADMIN)})
    unknown = Client(site.base)
    u = unknown.post(ADMIN, {"action": "login", "login": "nobody", "password": "Wrong2024x", "csrf": unknown.csrf(ADMIN)})
    t.ok(r.status == 422 and u.status == 422, "%s: a wrong password and an unknown login get the same refusal" % what)
    c.post(ADMIN, {"action": "login", "login": "rev1", "password": "Review2024x", "csrf": c.csrf(ADMIN)})
    r = c.get(ADMIN)
    t.ok("totp-secret" in r.text and order not in r.text, "%s: after the password only the enrolment shows" % what)
    r = c.post(ADMIN, {"action": "approve", "order": order, "csrf": r.csrf()})
    t.eq(site.sql("SELECT status FROM orders WHERE id = %s" % order), "pending",
         "%s: signing in without the second factor approves nothing" % what)
    r = c.post(ADMIN, {"action": "totp", "totp": "000000", "csrf": c.csrf(ADMIN)})
    t.eq(r.status, 422, "%s: a wrong TOTP code is refused" % what)

    rev = sign_in(t, site, clock, "rev1", "Review2024x", "%s: reviewer" % what, secrets)
    if not rev:
        return
    r = rev.get(ADMIN)
    t.ok(r.status == 200 and order in r.text and "rev1" in r.text and "退出" in r.text,
         "%s: the queue lists the order, with the login name and sign-out" % what)
    r = rev.get(ADMIN + "?q=91350100M000100Y43")
    t.ok(order in r.text, "%s: search by USCC finds it" % what)
    r = rev.get(ADMIN + "?q=11010519491231002X")
    t.ok(order in r.text, "%s: search by ID number (blind index) finds it" % what)
    today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600 + clock[0] / 1000.0))
    r = rev.get(ADMIN + "?subject=enterprise&kind=new&from=%s&to=%s" % (today, today))
    t.ok(order in r.text, "%s: filters by subject, kind and submission date find it" % what)
    r = rev.get(ADMIN + "?subject=personal")
    t.ok(order not in r.text, "%s: and a personal-only filter does not" % what)
    r = rev.get(ADMIN + "?from=2020-01-01&to=2020-01-31")
    t.ok(order not in r.text, "%s: nor a date range before it" % what)
    t.eq(rev.get(ADMIN + "?from=2026-13-40").status, 422, "%s: a malformed date is refused" % what)
    r = rev.get(ADMIN + "?order=" + order)
    t.ok(r.status == 200 and "11010519491231002X" in r.text, "%s: the staff order page shows the full ID number" % what)
    t.ok(int(site.sql("SELECT count(*) FROM audit WHERE action = 'view_order' AND order_id = %s" % order)) >= 1,
         "%s: and the view is audited" % what)
    r = rev.get(ADMIN + "?order=%s&slot=license" % order)
    t.ok(r.status == 200 and r.body[:2] == b"\xff\xd8", "%s: documents are shown inline to staff" % what)

    seen = len(site.sms_messages(AGENT))
    seen_rev = page_rev(rev, order)
    t.ok(seen_rev, "%s: the review forms carry the revision" % what)
    r = rev.post(ADMIN, [("action", "reject"), ("order", order), ("reason_pick", "扫描件不清晰"),
                         ("reason", "请重新上传营业执照"), ("items", "license"), ("items", "org_name"),
                         ("csrf", rev.csrf(ADMIN + "?order=" + order))])
    t.eq(r.status, 422, "%s: a reject without rev answers 422" % what)
    t.eq(site.sql("SELECT status FROM orders WHERE id = %s" % order), "pending", "%s: and changes nothing" % what)
    r = rev.post(ADMIN, [("action", "reject"), ("order", order), ("reason_pick", "扫描件不清晰"),
                         ("reason", "请重新上传营业执照"), ("items", "license"), ("items", "org_name"),
                         ("rev", seen_rev), ("csrf", rev.csrf(ADMIN + "?order=" + order))])
    t.eq(r.status, 303, "%s: reject answers 303" % what, r.summary())
    t.eq(site.sql("SELECT status || '|' || review_items FROM orders WHERE id = %s" % order), "rejected|license,org_name",
         "%s: the order is rejected with its items" % what)
    msgs = site.wait_sms(AGENT, seen) if hasattr(site, "wait_sms") else site.sms_messages(AGENT)[seen:]
    text = " ".join(m.get("text", "") if isinstance(m, dict) else str(m) for m in site.sms_messages(AGENT)[seen:])
    t.ok(order in text and "扫描件不清晰" in text and "营业执照" in text and "单位名称" in text,
         "%s: the agent's SMS names the order, the reason and the items" % what, text or msgs)
    r = a.get(ORDERS + "?order=" + order)
    t.ok("扫描件不清晰" in r.text and "需补正" in r.text, "%s: the applicant sees the reason and the marked items" % what)
    t.ok("已补正" not in r.text, "%s: nothing corrected yet" % what)
    r = a.get(APPLY + "?order=" + order)
    t.ok(r.status == 200 and re.search(r"单位名称[^<]*<span class=\"badge badge-fix\">需补正</span>", r.text),
         "%s: the edit form marks the field to correct" % what)
    acsrf = a.csrf(ORDERS)
    data, ctype = file_for("jpeg")
    r = upload(a, order, "license", "营业执照新.jpg", data, ctype, acsrf)
    t.eq(r.status, 303, "%s: the applicant replaces the licence" % what, r.summary())
    r = a.get(ORDERS + "?order=" + order)
    t.ok("已补正" in r.text and "需补正" in r.text, "%s: the licence shows 已补正, the name still 需补正" % what)
    r = rev.get(ADMIN + "?order=" + order)
    t.ok(r.status == 200 and re.search(r"营业执照[^<]*<span class=\"badge badge-changed\">已修改</span>", r.text),
         "%s: the staff page marks what changed since the rejection" % what)
    r = a.post(UPLOAD, {"action": "submit", "order": order, "csrf": acsrf})
    t.eq(site.sql("SELECT status FROM orders WHERE id = %s" % order), "pending", "%s: resubmission returns it to pending" % what)

    fin = sign_in(t, site, clock, "fin1", "Finance2024x", "%s: finance" % what, secrets)
    if fin:
        r = fin.post(ADMIN, {"action": "approve", "order": order, "csrf": fin.csrf(ADMIN)})
        t.eq(r.status, 403, "%s: a finance account cannot approve" % what)
        t.ok(int(site.sql("SELECT count(*) FROM audit WHERE realm = 'staff' AND outcome = 'refused' AND detail = 'role'")) >= 1,
             "%s: and the refusal is audited" % what)
        t.eq(fin.get(ADMIN + "?view=audit").status, 403, "%s: nor read the audit log" % what)

    # The reviewer opens the page; the applicant changes the order meanwhile.
    stale = page_rev(rev, order)
    seen = len(site.sms_messages(AGENT))
    hist = site.sql("SELECT count(*) FROM order_history WHERE order_id = %s" % order)
    data, ctype = file_for("jpeg")
    t.eq(upload(a, order, "license", "营业执照再.jpg", data, ctype, a.csrf(ORDERS)).status, 303,
         "%s: the applicant replaces a document of the pending order" % what)
    csrf = rev.csrf(ADMIN + "?order=" + order)
    r = rev.post(ADMIN, {"action": "approve", "order": order, "rev": stale, "csrf": csrf})
    t.ok(r.status == 409 and "业务单已被申请人修改，请刷新后再审核" in r.text,
         "%s: approving the revision seen before the change answers 409 with the page" % what, r.summary())
    t.eq(site.sql("SELECT status FROM orders WHERE id = %s" % order), "pending", "%s: the order stays pending" % what)
    r = rev.post(ADMIN, [("action", "reject"), ("order", order), ("reason", "x"), ("rev", stale), ("csrf", csrf)])
    t.eq(r.status, 409, "%s: so does rejecting it" % what)
    t.ok(int(site.sql("SELECT count(*) FROM order_history WHERE order_id = %s" % order)) == int(hist) + 1,
         "%s: the history holds the applicant's 已修改 only" % what)
    time.sleep(0.3)
    t.eq(len(site.sms_messages(AGENT)), seen, "%s: and no SMS went out" % what)
    fresh = page_rev(rev, order)
    r1 = rev.post(ADMIN, {"action": "approve", "order": order, "rev": fresh, "csrf": csrf})
    r2 = rev.post(ADMIN, {"action": "approve", "order": order, "rev": fresh, "csrf": csrf})
    t.ok(r1.status == 303 and r2.status == 422, "%s: a stale double approve applies once" % what, (r1.status, r2.status))
    t.eq(site.sql("SELECT count(*) FROM order_history WHERE order_id = %s AND to_status = 'approved'" % order), "1",
         "%s: one approval in the history" % what)
    time.sleep(0.5)
    text = " ".join(m.get("text", "") if isinstance(m, dict) else str(m) for m in site.sms_messages(AGENT)[seen:])
    t.ok(order in text and "通过" in text, "%s: the agent is told of the approval" % what, text)

    boss = sign_in(t, site, clock, "boss", "Admin2024xx", "%s: admin" % what, secrets)
    if boss:
        r = boss.get(ADMIN + "?view=audit")
        t.ok(r.status == 200 and ">reject<" in r.text and ">approve<" in r.text and ">rev1<" in r.text,
             "%s: the admin reads the audit log, naming the reviewer and the decisions" % what)
    t.eq(site.sql("SELECT count(*) FROM audit WHERE action IN ('approve', 'reject') AND outcome = 'ok'"), "2",
         "%s: every decision is in the audit log" % what)
    t.eq(rev.get(ADMIN + "?view=staff").status, 403, "%s: a reviewer cannot manage staff" % what)
    if boss:
        r = boss.get(ADMIN + "?view=staff")
        t.ok(r.status == 200 and "rev1" in r.text and "审核员" in r.text, "%s: the admin lists the staff accounts" % what)
        r = boss.post(ADMIN, {"action": "staff_add", "login": "prod1", "role": "producer",
                              "new_password": "Produce2024x", "csrf": r.csrf()})
        t.eq(r.status, 303, "%s: the admin adds a producer" % what, r.summary())
        t.eq(site.sql("SELECT role FROM staff WHERE login = 'prod1'"), "producer", "%s: with its role" % what)
        r = boss.post(ADMIN, {"action": "staff_add", "login": "prod1", "role": "producer",
                              "new_password": "Produce2024x", "csrf": boss.csrf(ADMIN)})
        t.eq(r.status, 422, "%s: an existing login is refused" % what)
        fin_id = site.sql("SELECT id FROM staff WHERE login = 'fin1'")
        r = boss.post(ADMIN, {"action": "staff_disable", "staff": fin_id, "csrf": boss.csrf(ADMIN)})
        t.eq(site.sql("SELECT disabled FROM staff WHERE login = 'fin1'"), "1", "%s: the admin disables an account" % what)
        if fin:
            t.ok(fin.get(ADMIN).status == 200 and "工作人员登录" in fin.get(ADMIN).text,
                 "%s: whose sessions end at once" % what)
    r = rev.post(ADMIN, {"action": "passwd", "old_password": "Wrong2024x", "new_password": "Renewed2024x",
                         "new_password2": "Renewed2024x", "csrf": rev.csrf(ADMIN + "?view=passwd")})
    t.eq(r.status, 422, "%s: a wrong old password is refused" % what)
    r = rev.post(ADMIN, {"action": "passwd", "old_password": "Review2024x", "new_password": "Renewed2024x",
                         "new_password2": "Renewed2024x", "csrf": rev.csrf(ADMIN + "?view=passwd")})
    t.eq(r.status, 303, "%s: a reviewer changes the password" % what, r.summary())
    c = Client(site.base)
    r = c.post(ADMIN, {"action": "login", "login": "rev1", "password": "Renewed2024x", "csrf": c.csrf(ADMIN)})
    t.eq(r.status, 303, "%s: and signs in with the new one" % what)
    whole_life(t, site, clock, secrets, a, Client(site.base), what)


def whole_life(t, site, clock, secrets, a, b, what):
    """The order's life to its end through the staff page: an order by mail submitted, approved, paid by a
    transfer claim that finance confirms, produced, shipped (SMS with carrier and tracking number) and
    received by its applicant; one for pickup produced, made ready (SMS with the address) and completed.
    Roles' landings, 403 and 404 views, refusals with nothing changed. a: the applicant; b: a fresh client
    for a second applicant."""
    from payments import claim_transfer, shanghai_day, uscc
    from fixtures import pdf

    staff = {}
    for login, role, pw in (("rev2", "reviewer", "Review2024y"), ("fin2", "finance", "Finance2024y"),
                            ("prod2", "producer", "Produce2024y")):
        t.eq(site.admin("staff-add", login, role, input=pw + "\n").returncode, 0, "%s: staff-add %s" % (what, login))
        staff[role] = sign_in(t, site, clock, login, pw, "%s: %s" % (what, role), secrets)
    rev, fin, prod = staff["reviewer"], staff["finance"], staff["producer"]
    if not (rev and fin and prod):
        return

    def life_order(n, extra):
        order, r = submit_enterprise(a, dict(extra, uscc=uscc(30 + n)))
        if not t.ok(order, "%s: life order %d is saved" % (what, n), r.summary()):
            return None
        t.eq(r.status, 303, "%s: life order %d is submitted" % (what, n), r.summary())
        r = rev.post(ADMIN, {"action": "approve", "order": order, "rev": page_rev(rev, order),
                             "csrf": rev.csrf(ADMIN + "?order=" + order)})
        t.eq(r.status, 303, "%s: life order %d is approved" % (what, n), r.summary())
        r = a.get(PAY + "?order=%s&method=transfer" % order)
        r = claim_transfer(a, order, r.csrf(), payer=ENTERPRISE["org_name"], paid_on=shanghai_day(clock), slip=pdf())
        t.eq(r.status, 303, "%s: life order %d: the applicant claims a transfer" % (what, n), r.summary())
        r = fin.post(ADMIN, {"action": "confirm_payment", "order": order, "csrf": fin.csrf(ADMIN + "?order=" + order)})
        t.eq(r.status, 303, "%s: life order %d: finance confirms it" % (what, n), r.summary())
        t.eq(site.sql("SELECT status || '|' || pay_status FROM orders WHERE id = %s" % order), "producing|paid",
             "%s: life order %d: approved and paid, producing" % (what, n))
        return order

    def status(order):
        return site.sql("SELECT status FROM orders WHERE id = %s" % order)

    def act(c, action, order, **fields):
        return c.post(ADMIN, dict(fields, action=action, order=order, csrf=c.csrf(ADMIN + "?order=" + order)))

    def texts(seen):
        site.wait_sms(AGENT, seen)
        return " ".join(m.get("text", "") for m in site.sms_messages(AGENT)[seen:])

    mail = life_order(1, MAIL_TO)
    pickup = life_order(2, {})
    if not (mail and pickup):
        return

    # Landings, navigation, views outside the role or unknown.
    r = prod.get(ADMIN)
    rows = re.search(r'<table class="table" id="production">(.*?)</table>', r.text, re.S)
    rows = rows.group(1) if rows else ""
    t.ok(r.status == 200 and mail in rows and pickup in rows and rows.find(mail) < rows.find(pickup),
         "%s: a producer lands on the production queue, oldest first" % what, r.summary(3000))
    t.ok("邮寄" in rows and "服务大厅自取" in rows, "%s: with the delivery method" % what)
    t.ok("view=production" in r.text and "view=payments" not in r.text and "status=pending" not in r.text,
         "%s: the producer's navigation shows only what it may open" % what)
    t.eq(prod.get(ADMIN + "?view=payments").status, 403, "%s: a producer gets 403 on view=payments" % what)
    t.eq(rev.get(ADMIN + "?view=production").status, 403, "%s: a reviewer gets 403 on view=production" % what)
    r = rev.get(ADMIN + "?view=nonsense")
    t.ok(r.status == 404 and "rev2" in r.text, "%s: view=nonsense answers 404 on the staff error page" % what, r.summary())
    t.eq(prod.get(ADMIN + "?view=dashboard").status, 403, "%s: a producer gets 403 on view=dashboard (admins only)" % what)
    r = fin.get(ADMIN)
    t.ok(r.status == 200 and "支付管理" in r.text and "view=production" not in r.text,
         "%s: finance lands on the payments" % what)

    # produce: an expiry in the past is refused; then recorded.
    r = act(prod, "produce", mail, cert_serial="5a3c0e11d2f4", cert_expires=shanghai_day(clock, -1))
    t.eq(r.status, 422, "%s: produce with an expiry in the past answers 422" % what, r.summary())
    t.eq(site.sql("SELECT ifnull(issued_serial, '-') FROM orders WHERE id = %s" % mail), "-", "%s: nothing stored" % what)
    expires = shanghai_day(clock, 730)
    for order in (mail, pickup):
        r = act(prod, "produce", order, cert_serial="5a3c0e11d2f4" + order[-4:], cert_expires=expires)
        t.eq(r.status, 303, "%s: produce answers 303" % what, r.summary())
    r = prod.get(ADMIN + "?order=" + mail)
    t.ok('name="tracking_no"' in r.text and 'value="ready"' not in r.text and "5A3C0E11D2F4" in r.text,
         "%s: a mail order's page shows the serial and offers ship, not ready" % what)

    # ship: refused on a pickup order with nothing changed; the mail order ships.
    r = act(prod, "ship", pickup, carrier="sf", tracking_no="SF1234567890")
    t.eq(r.status, 409, "%s: ship on a pickup order answers 409" % what, r.summary())
    t.eq(site.sql("SELECT status || '|' || ifnull(carrier, '-') FROM orders WHERE id = %s" % pickup), "producing|-",
         "%s: and changes nothing" % what)
    seen = len(site.sms_messages(AGENT))
    r = act(prod, "ship", mail, carrier="ems", tracking_no="EM123456789CN")
    t.eq(r.status, 303, "%s: ship answers 303" % what, r.summary())
    t.eq(status(mail), "shipped", "%s: the order is shipped" % what)
    text = texts(seen)
    t.ok(mail in text and "中国邮政EMS" in text and "EM123456789CN" in text,
         "%s: the SMS names the carrier and tracking number" % what, text)

    # The applicant receives it; another applicant cannot.
    r = a.get(ORDERS)
    t.ok('value="receive"' in r.text, "%s: the order list offers 确认收货" % what)
    r = a.get(ORDERS + "?order=" + mail)
    t.ok("5A3C0E11D2F4" in r.text and expires in r.text and "中国邮政EMS" in r.text and "EM123456789CN" in r.text,
         "%s: the applicant's page shows serial, expiry, carrier and tracking number" % what)
    t.ok("证书已制作" in r.text and "制证中 → 制证中" not in r.text, "%s: the timeline shows the production note" % what)
    if register(t, site, b, "13912345670", "Secret2024ab", "%s: applicant B" % what):
        r = b.post(ORDERS, {"action": "receive", "order": mail, "csrf": b.csrf(ORDERS)})
        t.eq(r.status, 404, "%s: another applicant cannot receive the order (404)" % what, r.summary())
    r = a.post(ORDERS, {"action": "receive", "order": mail, "csrf": a.csrf(ORDERS + "?order=" + mail)})
    t.eq(r.status, 303, "%s: 确认收货 answers 303" % what, r.summary())
    t.eq(status(mail), "completed", "%s: the order is completed" % what)
    r = a.get(ORDERS + "?order=" + mail)
    t.ok("已完成" in r.text and 'value="receive"' not in r.text, "%s: the page shows 已完成" % what)

    # Pickup: ready (SMS with the address), complete.
    seen = len(site.sms_messages(AGENT))
    r = act(prod, "ready", pickup)
    t.eq(r.status, 303, "%s: ready answers 303" % what, r.summary())
    text = texts(seen)
    t.ok(pickup in text and PICKUP_ADDRESS in text, "%s: the SMS names the pickup address" % what, text)
    r = a.get(ORDERS + "?order=" + pickup)
    t.ok(PICKUP_ADDRESS in r.text and PICKUP_HOURS in r.text, "%s: the applicant's page shows address and hours" % what)
    r = act(prod, "complete", pickup)
    t.eq(r.status, 303, "%s: complete answers 303" % what, r.summary())
    t.eq(status(pickup), "completed", "%s: the pickup order is completed" % what)


def run(server, mode="fcgid"):
    """Runs this journey through a real server as a TAP test file."""
    run_scenario(scenario, server, mode,
                 extra_config="Site.PickupAddress = %s\nSite.PickupHours = %s\n" % (PICKUP_ADDRESS, PICKUP_HOURS))
