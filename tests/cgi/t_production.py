# tests/cgi/t_production.py: admin.fcgi's production and delivery (produce, ship, ready, complete, the producer's queue, each role's landing, navigation, 403 and 404 views) and orders.fcgi's 确认收货 and delivery display, as plain CGI and under FastCGI.
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cgitest import Browser, Site, main_modes, serve, shanghai_day, totp  # noqa: E402
from upload_fixtures import register  # noqa: E402

MOBILE_A = "13912340001"
MOBILE_B = "13912340002"
AGENT = "13800138111"
CREATED = 1795500000000                # 2026-11-23, any fixed time will do
MAIL = 1729333892315484201             # A's, producing and paid, by mail
PICKUP = 1729333892315484203           # A's, producing and paid, for pickup
PENDING = 1729333892315484205          # A's, pending and unpaid
B_ORDER = 1729333892315484207          # B's, producing and paid, by mail
ADDRESS = "测试市政务服务中心一楼数字证书窗口"
HOURS = "工作日 9:00-17:00"




def insert_orders(site, user_a, user_b):
    rows = [(MAIL, user_a, "producing", "paid", "mail"), (PICKUP, user_a, "producing", "paid", "pickup"),
            (PENDING, user_a, "pending", "unpaid", "mail"), (B_ORDER, user_b, "producing", "paid", "mail")]
    sql = ["INSERT INTO orders (id, user_id, subject, kind, project, years, cert_count, status, pay_status, amount_fen,"
           " delivery, org_name, agent_mobile, created_ms, updated_ms, submitted_ms) VALUES (%d, %s, 'enterprise', 'new',"
           " 'both', 1, 1, '%s', '%s', 65000, '%s', '测试单位%d', '%s', %d, %d, %d)"
           % (oid, uid, status, pay, delivery, oid % 1000, AGENT, CREATED, CREATED, CREATED + i)
           for i, (oid, uid, status, pay, delivery) in enumerate(rows)]
    return site.sql("BEGIN; " + "; ".join(sql) + "; COMMIT; SELECT count(*) FROM orders;")


def run(t, mode):
    site = Site("Site.PickupAddress = %s\nSite.PickupHours = %s\n" % (ADDRESS, HOURS))
    serve(t, site, ["register", "orders", "admin"], mode, lambda runners, pids: scenario(t, site, runners, mode))


def scenario(t, site, runners, mode):
    def ok(cond, name, diag=None):
        return t.ok(cond, "%s: %s" % (mode, name), diag)

    def eq(got, want, name):
        return t.eq(got, want, "%s: %s" % (mode, name))

    def status(order):
        return site.sql("SELECT status FROM orders WHERE id = %d" % order)

    def sms_since(seen, deadline=10.0):
        """The texts to AGENT after the first `seen`, waiting for at least one new one."""
        end = time.time() + deadline
        while time.time() < end:
            mine = [text for stamp, m, text in site.sms() if m == AGENT]
            if len(mine) > seen:
                return mine[seen:]
            time.sleep(0.05)
        return []

    def sign_in(login, role, password):
        if not ok(site.admin("staff-add", login, role, stdin=password + "\n").returncode == 0,
                  "staff-add %s %s" % (login, role)):
            return None
        b = Browser(runners)
        r = b.go("admin", "POST", fields={"action": "login", "login": login, "password": password, "csrf": b.csrf("admin")})
        r = b.go("admin")
        m = re.search(r'class="mono totp-secret">([A-Z2-7]+)<', r.text)
        if not ok(m, "%s: the second factor is enrolled" % login):
            return None
        r = b.go("admin", "POST", fields={"action": "totp", "totp": totp(m.group(1)), "csrf": r.csrf()})
        return b if ok(r.status == 303, "%s signs in" % login, r.status) else None

    def post(b, action, order, **fields):
        csrf = b.csrf("admin", "order=%d" % order)
        return b.go("admin", "POST", fields=dict(fields, action=action, order=str(order), csrf=csrf))

    a, b = Browser(runners), Browser(runners)
    user_a, user_b = register(site, a, MOBILE_A), register(site, b, MOBILE_B)
    if not ok(user_a and user_b, "applicants A and B register and are signed in"):
        return
    eq(insert_orders(site, user_a, user_b), "4", "4 orders stored")
    prod = sign_in("prod1", "producer", "Produce2024x")
    rev = sign_in("rev1", "reviewer", "Review2024x")
    fin = sign_in("fin1", "finance", "Finance2024x")
    boss = sign_in("boss", "admin", "Admin2024xx")
    if not (prod and rev and fin and boss):
        return

    # Each role lands on its own queue, with its own navigation.
    r = prod.go("admin")
    queue = re.search(r'<table class="table" id="production">(.*?)</table>', r.text, re.S)
    ok(r.status == 200 and "制证队列" in r.text and queue and str(MAIL) in queue.group(1) and str(PICKUP) in queue.group(1)
       and str(PENDING) not in queue.group(1), "a producer lands on the production queue of paid producing orders",
       r.text[-2000:])
    rows = queue.group(1) if queue else ""
    ok(rows.find(str(MAIL)) < rows.find(str(PICKUP)) < rows.find(str(B_ORDER)), "oldest first")
    ok("邮寄" in rows and "服务大厅自取" in rows and "录入证书序列号和有效期" in rows, "with the delivery method and the next step")
    ok("view=production" in r.text and "view=payments" not in r.text and "status=pending" not in r.text
       and "view=audit" not in r.text, "its navigation shows only the production queue")
    r = rev.go("admin")
    ok(r.status == 200 and "审核队列" in r.text and "view=production" not in r.text and "view=payments" not in r.text,
       "a reviewer lands on the review queue, without production or payments in the navigation")
    r = fin.go("admin")
    ok(r.status == 200 and 'id="claims-title"' in r.text and "view=invoices" in r.text and "view=production" not in r.text,
       "finance lands on the payments")
    r = boss.go("admin")
    ok(r.status == 200 and "工作总览" in r.text and 'id="count-producing">3<' in r.text and 'id="count-pending">1<' in r.text,
       "an admin lands on the overview of every queue, with counts", r.text[-2500:])
    ok(all(v in r.text for v in ("view=queue", "view=payments", "view=invoices", "view=production")),
       "with a link to each queue")

    # A search row links to the order by what the member may do there.
    def search_link(b, order):
        r = b.go("admin", "GET", "q=%d" % order)
        m = re.search(r'href="/cgi-bin/admin\.fcgi\?order=%d">([^<]*)</a>' % order, r.text)
        return m.group(1) if m else r.status
    eq(search_link(prod, MAIL), "办理", "a producer's search row of an order in production says 办理")
    eq(search_link(fin, MAIL), "查看", "finance's says 查看")
    eq(search_link(rev, MAIL), "查看", "so does a reviewer's")
    eq(search_link(rev, PENDING), "审核", "a reviewer's search row of a pending order says 审核")
    eq(search_link(prod, PENDING), "查看", "a producer's says 查看")
    eq(search_link(fin, PENDING), "查看", "and finance's too")

    # Views outside the role: 403, audited; unknown views: 404.
    before = int(site.sql("SELECT count(*) FROM audit WHERE outcome = 'refused' AND detail = 'role'"))
    r = prod.go("admin", "GET", "view=payments")
    ok(r.status == 403 and "管理后台" in r.text, "a producer gets 403 on view=payments, on the staff error page", r.status)
    eq(rev.go("admin", "GET", "view=production").status, 403, "a reviewer gets 403 on view=production")
    eq(fin.go("admin", "GET", "view=queue").status, 403, "finance gets 403 on view=queue")
    eq(int(site.sql("SELECT count(*) FROM audit WHERE outcome = 'refused' AND detail = 'role'")), before + 3,
       "each refusal is audited")
    r = rev.go("admin", "GET", "view=nonsense")
    ok(r.status == 404 and "管理后台" in r.text and "rev1" in r.text, "view=nonsense answers 404 on the staff error page",
       r.status)
    for view in ("prices", "dashboard", "export"):
        eq(boss.go("admin", "GET", "view=" + view).status, 200, "an admin opens view=%s" % view)
        eq(prod.go("admin", "GET", "view=" + view).status, 403, "a producer gets 403 on view=%s" % view)
    eq(boss.go("admin", "GET", "view=production").status, 200, "an admin opens view=production")

    # The order page offers what the table allows the member.
    r = prod.go("admin", "GET", "order=%d" % MAIL)
    ok(r.status == 200 and 'name="cert_serial"' in r.text and 'value="ship"' not in r.text
       and 'value="approve"' not in r.text and 'value="cancel"' not in r.text,
       "a producer's order page offers produce only (no ship before the certificate, no review)")
    r = rev.go("admin", "GET", "order=%d" % MAIL)
    ok('name="cert_serial"' not in r.text and 'value="cancel"' in r.text, "a reviewer's offers cancel, not produce")
    r = rev.go("admin", "GET", "order=%d" % PENDING)
    ok('value="approve"' in r.text and 'value="reject"' in r.text and 'name="cert_serial"' not in r.text,
       "and approve / reject on a pending order")

    # produce: checks, then the certificate recorded.
    r = post(prod, "produce", MAIL, cert_serial="0123abcdef", cert_expires=shanghai_day(-1))
    ok(r.status == 422 and "须晚于今天" in r.text, "produce with an expiry in the past answers 422", r.status)
    r = post(prod, "produce", MAIL, cert_serial="0123-XYZ", cert_expires=shanghai_day(365))
    eq(r.status, 422, "produce with a serial that is not hexadecimal answers 422")
    eq(site.sql("SELECT ifnull(issued_serial, '-') FROM orders WHERE id = %d" % MAIL), "-", "nothing stored")
    eq(post(rev, "produce", MAIL, cert_serial="0123abcdef", cert_expires=shanghai_day(365)).status, 403,
       "a reviewer cannot produce")
    eq(post(prod, "produce", PENDING, cert_serial="0123abcdef", cert_expires=shanghai_day(365)).status, 409,
       "produce on a pending order answers 409")
    r = post(prod, "produce", MAIL, cert_serial="0123abcdef", cert_expires=shanghai_day(365))
    eq(r.status, 303, "produce answers 303")
    eq(site.sql("SELECT issued_serial || '|' || issued_expires || '|' || status FROM orders WHERE id = %d" % MAIL),
       "0123ABCDEF|%s|producing" % shanghai_day(365), "the serial (upper-case) and expiry are stored, still producing")
    r = prod.go("admin", "GET", "order=%d" % MAIL)
    ok('id="issued-serial">0123ABCDEF<' in r.text and 'name="tracking_no"' in r.text and 'value="ready"' not in r.text,
       "the page shows the serial and now offers ship (a mail order), not ready")

    # ship: a pickup order is refused with nothing changed; the mail order ships, with the SMS.
    eq(post(prod, "produce", PICKUP, cert_serial="ABCDEF0123456789", cert_expires=shanghai_day(365)).status, 303,
       "the pickup order is produced")
    r = post(prod, "ship", PICKUP, carrier="sf", tracking_no="SF1234567890")
    eq(r.status, 409, "ship on a pickup order answers 409")
    eq(site.sql("SELECT status || '|' || ifnull(carrier, '-') || '|' || ifnull(tracking_no, '-') FROM orders WHERE id = %d"
                % PICKUP), "producing|-|-", "and changes nothing")
    eq(post(prod, "ship", MAIL, carrier="ups", tracking_no="SF1234567890").status, 422, "an unknown carrier answers 422")
    seen = len([1 for stamp, m, text in site.sms() if m == AGENT])
    r = post(prod, "ship", MAIL, carrier="sf", tracking_no="SF1234567890")
    eq(r.status, 303, "ship answers 303")
    eq(site.sql("SELECT status || '|' || carrier || '|' || tracking_no FROM orders WHERE id = %d" % MAIL),
       "shipped|sf|SF1234567890", "shipped with carrier and tracking number")
    text = " ".join(sms_since(seen))
    ok(str(MAIL) in text and "顺丰速运" in text and "SF1234567890" in text, "the SMS names the order, carrier and tracking number",
       text)
    eq(post(prod, "ship", MAIL, carrier="sf", tracking_no="SF1234567890").status, 409, "a second ship answers 409")

    # The applicant: delivery shown, 确认收货 (own orders only, shipped only).
    r = a.go("orders")
    ok('value="receive"' in r.text and str(MAIL) in r.text, "the order list offers 确认收货")
    r = a.go("orders", "GET", "order=%d" % MAIL)
    ok('id="issued-serial">0123ABCDEF<' in r.text and shanghai_day(365) in r.text and 'id="carrier">顺丰速运<' in r.text
       and 'id="tracking-no">SF1234567890<' in r.text and "确认收货" in r.text,
       "the order page shows serial, expiry, carrier, tracking number and 确认收货")
    ok("证书已制作" in r.text and "制证中 → 制证中" not in r.text, "the timeline shows the note, not 制证中 → 制证中")
    csrf = r.csrf()
    eq(b.go("orders", "POST", fields={"action": "receive", "order": str(MAIL), "csrf": b.csrf("orders")}).status, 404,
       "B cannot receive A's order (404)")
    r = a.go("orders", "POST", fields={"action": "receive", "order": str(PICKUP), "csrf": csrf})
    ok(r.status == 409 and "尚未寄出" in r.text, "receiving an order not shipped answers 409 with the reason", r.status)
    r = a.go("orders", "POST", fields={"action": "receive", "order": str(MAIL), "csrf": csrf})
    ok(r.status == 303 and (r.header("Location") or "").endswith("orders.fcgi?order=%d&done=received" % MAIL),
       "确认收货 answers 303 back to the order", r.header("Location"))
    eq(status(MAIL), "completed", "the order is completed")
    r = a.go("orders", "GET", "order=%d&done=received" % MAIL)
    ok("已确认收货" in r.text and "已完成" in r.text and 'value="receive"' not in r.text, "and says so, without the button")

    # Pickup: ready with the address in the SMS and on the page, then complete.
    seen = len([1 for stamp, m, text in site.sms() if m == AGENT])
    eq(post(rev, "ready", PICKUP).status, 403, "a reviewer cannot make it ready")
    eq(post(prod, "ready", PICKUP).status, 303, "ready answers 303")
    eq(status(PICKUP), "ready", "the order is ready")
    text = " ".join(sms_since(seen))
    ok(str(PICKUP) in text and ADDRESS in text and HOURS in text, "the SMS names the address and hours", text)
    r = a.go("orders", "GET", "order=%d" % PICKUP)
    ok('id="pickup-address">%s<' % ADDRESS in r.text and HOURS in r.text and 'value="receive"' not in r.text,
       "the applicant's page shows where and when to collect it")
    r = prod.go("admin", "GET", "view=production&status=ready")
    ok(str(PICKUP) in r.text, "the production queue's 待领取 tab lists it")
    eq(post(prod, "complete", PICKUP).status, 303, "complete answers 303")
    eq(status(PICKUP), "completed", "the order is completed")
    eq(post(prod, "complete", PICKUP).status, 409, "a second complete answers 409")
    eq(site.sql("SELECT count(*) FROM audit WHERE action IN ('produce', 'ship', 'ready', 'complete') AND outcome = 'ok'"),
       "5", "every delivery action is audited")


if __name__ == "__main__":
    main_modes(run)
