# tests/http/payments.py: the payment journey over HTTP (Alipay QR, notifications, query, poll, transfer claims, finance's confirm/decline/refund with their SMS, statement import, QR expiry, reconcile, the 1/5-price attack refused) with the Alipay gateway fake, shared by the lighttpd and Apache tests; its start (staff, two applicants), USCC numbers, enterprise orders and paying through the fake serve tests/http/invoices.py too.
import html
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)
from fixtures import PERSONAL_SLOTS, file_for, multipart, pdf  # noqa: E402
from httpclient import Client  # noqa: E402
from journeys import login, register, run_scenario  # noqa: E402
from orders import APPLY, ENTERPRISE, PAY, PERSONAL, UPLOAD, order_of, submit_enterprise, upload  # noqa: E402
from staff import ADMIN, sign_in  # noqa: E402

AGENT = ENTERPRISE["agent_mobile"]
PERSON = PERSONAL["mobile"]
NOTIFY = PAY + "/alipay/notify"
INVOICE = "/cgi-bin/invoice.fcgi"
ALIPAY_CTYPE = "application/x-www-form-urlencoded; text/html; charset=utf-8"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
STATEMENT_HEADER = "交易日期,贷方金额,借方金额,对方户名,摘要,流水号"
# The staff a journey starts with (login, role, password), and its applicants A and B (mobile, password).
REVIEWER = ("rev1", "reviewer", "Review2024x")
FINANCE = ("fin1", "finance", "Finance2024x")
APPLICANTS = (("13912340001", "Secret2024ab"), ("13912340002", "Secret2024ab"))


def uscc(n):
    """A valid USCC (GB 32100-2015 check character, GB 11714 organisation code) numbered n."""
    org = "M%07d" % (200 + n)
    total = sum((int(c) if c.isdigit() else ord(c) - ord("A") + 10) * w
                for c, w in zip(org, (3, 7, 9, 10, 5, 8, 4, 2)))
    c9 = 11 - total % 11
    first17 = "91350100" + org + ("X" if c9 == 10 else "0" if c9 == 11 else str(c9))
    weights = [pow(3, i, 31) for i in range(17)]
    check = (31 - sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, weights)) % 31) % 31
    return first17 + USCC_ALPHABET[check]


def new_order(t, site, a, what, n):
    """An enterprise order (USCC number n) of applicant a, complete and submitted; its number."""
    order, r = submit_enterprise(a, {"uscc": uscc(n)})
    if not t.ok(order, "%s: order %d is saved" % (what, n), r.summary()):
        return None
    t.ok(r.status == 303 and site.sql("SELECT status FROM orders WHERE id = %s" % order) == "pending",
         "%s: order %d is submitted (pending)" % (what, n), r.summary())
    return order


def start(t, site, what):
    """A journey's start: the reviewer and the finance member added with certdesk-admin staff-add (a point
    each), applicants A and B registered (journeys.register). Returns (A, B, clock, secrets): A and B signed
    in, the test clock's offset in ms ([0]) and the staff's TOTP secrets ({}) for staff_signed_in; or None
    when a registration failed."""
    for login_name, role, pw in (REVIEWER, FINANCE):
        t.eq(site.admin("staff-add", login_name, role, input=pw + "\n").returncode, 0,
             "%s: staff-add %s %s" % (what, login_name, role))
    clients = []
    for (mobile, password), name in zip(APPLICANTS, ("A", "B")):
        c = Client(site.base)
        if not register(t, site, c, mobile, password, "%s: applicant %s" % (what, name)):
            return None
        clients.append(c)
    return clients[0], clients[1], [0], {}


def staff_signed_in(t, site, clock, secrets, what):
    """Finance and the reviewer signed in with TOTP at the test clock (staff.sign_in, which keeps their
    secrets in secrets): (finance's client, the reviewer's), each None when its sign-in failed."""
    return (sign_in(t, site, clock, FINANCE[0], FINANCE[2], "%s: finance" % what, secrets),
            sign_in(t, site, clock, REVIEWER[0], REVIEWER[2], "%s: reviewer" % what, secrets))


def pay_status(site, order):
    return site.sql("SELECT pay_status FROM orders WHERE id = %s" % order)


def trades_of(site, order):
    """The fake's trades of order: {out_trade_no: trade}."""
    status, trades = site.alipay_call("GET", "/trades")
    return {k: v for k, v in (trades or {}).items() if k.startswith(order + "_")}


def pay_trade(t, site, order, name, notify=1):
    """The buyer pays order's Alipay trade at the fake (the trade its payment page opened), which then sends
    the site notify notifications (0: none). The point name says the order has exactly one trade there.
    Returns (status, the fake's answer), or None (and pays nothing) without exactly one trade."""
    trades = trades_of(site, order)
    if not t.eq(len(trades), 1, name, trades):
        return None
    return site.alipay_call("POST", "/_control/pay?out_trade_no=%s&notify=%d" % (next(iter(trades)), notify))


def shows_paid(r):
    return re.search(r'id="pay-status">已支付<', r.text) is not None and 'id="paid-title">已支付<' in r.text


def refreshes(r):
    return re.search(r'<meta http-equiv="refresh"', r.text) is not None


def shanghai_day(clock, days=0):
    """YYYY-MM-DD at the site's (test) clock in Asia/Shanghai, plus days."""
    return time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600 + clock[0] / 1000.0 + days * 86400))


def decode_qr(png):
    """What zbarimg reads from a PNG, or None."""
    fd, path = tempfile.mkstemp(suffix=".png", prefix="cd-qr-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(png)
        r = subprocess.run(["zbarimg", "--raw", "-q", path], capture_output=True, timeout=30)
        return r.stdout.decode("utf-8", "replace").strip() if r.returncode == 0 else None
    except (OSError, subprocess.TimeoutExpired):
        return None
    finally:
        os.unlink(path)


def claim_transfer(c, order, csrf, payer=None, paid_on=None, slip=None):
    fields = {"csrf": csrf, "action": "claim", "order": order, "method": "transfer"}
    if payer is not None:
        fields["payer"] = payer
    if paid_on is not None:
        fields["paid_on"] = paid_on
    files = {"slip": ("回单.pdf", slip, "application/pdf")} if slip is not None else {}
    body, ctype = multipart(fields, files)
    return c.request("POST", PAY, body=body, content_type=ctype)


def sms_text(site, seen):
    return " ".join(m.get("text", "") for m in site.sms_messages(AGENT)[seen:])


def statement_csv(rows, title="中国工商银行 对公账户明细查询"):
    lines = [title, STATEMENT_HEADER] + [",".join(row) for row in rows]
    return "\r\n".join(lines) + "\r\n"


def upload_statement(fin, data, name):
    body, ctype = multipart({"csrf": fin.csrf(ADMIN + "?view=payments"), "action": "statement_upload"},
                            {"file": (name, data, "text/csv")})
    return fin.request("POST", ADMIN + "/statement_upload", body=body, content_type=ctype)


def preview_table(r):
    """The preview's table of rows (for diagnostics)."""
    m = re.search(r'<table class="table" id="statement-rows">.*?</table>', r.text, re.S)
    return m.group(0) if m else r.summary(3000)


def statement_row(r, remark):
    """The preview's verdict label of the row with remark (摘要), or None."""
    for tr in re.findall(r"<tr class=\"match-[a-z_]+\">(.*?)</tr>", r.text, re.S):
        if "<td>%s</td>" % remark in tr:
            m = re.search(r'<span class="match match-[a-z_]+">([^<]*)</span>', tr)
            return m.group(1) if m else None
    return None


def alipay_notified(t, site, a, b, what):
    """Step 1: the QR code, the notification applied once, refused notifications."""
    order = new_order(t, site, a, what, 1)
    if not order:
        return None
    r = a.get(PAY + "?order=" + order)
    m = re.search(r'<img[^>]*id="alipay-qr"[^>]*src="([^"]+)"', r.text) or \
        re.search(r'<img[^>]*src="(/cgi-bin/pay\.fcgi\?page=qr[^"]*)"', r.text)
    t.ok(r.status == 200 and m and "page=qr" in m.group(1), "%s: the payment page shows the Alipay QR image" % what,
         r.summary(3000))
    t.ok(refreshes(r) and not shows_paid(r), "%s: while the payment waits the page refreshes itself" % what)
    t.ok("650.00" in r.text, "%s: with the amount 650.00" % what)
    trades = trades_of(site, order)
    t.eq(len(trades), 1, "%s: the fake has one trade for the order" % what, trades)
    out_trade_no = next(iter(trades), None)
    src = html.unescape(m.group(1)) if m else PAY + "?page=qr&order=" + order
    q = a.get(src)
    t.ok(q.status == 200 and q.body.startswith(b"\x89PNG") and "image/png" in (q.header("Content-Type") or ""),
         "%s: the QR image is a PNG" % what, q.summary(300))
    decoded = decode_qr(q.body)
    t.ok(decoded and out_trade_no and decoded == trades[out_trade_no]["qr_code"],
         "%s: the PNG decodes (zbarimg) to the trade's qr_code" % what,
         (decoded, trades.get(out_trade_no, {}).get("qr_code") if out_trade_no else None))
    link = re.search(r'<a href="(https://qr\.alipay\.com/[^"]+)"[^>]*>直接打开支付宝付款', r.text)
    t.ok(link and out_trade_no and html.unescape(link.group(1)) == trades[out_trade_no]["qr_code"],
         "%s: on a phone the same code is offered as Alipay's link" % what)
    t.eq(b.get(PAY + "?order=" + order).status, 404, "%s: another applicant gets 404 for the page" % what)
    t.eq(b.get(src).status, 404, "%s: and for the QR image" % what)
    if not out_trade_no:
        return order

    history = site.sql("SELECT count(*) FROM order_history WHERE order_id = %s" % order)
    status, got = site.alipay_call("POST", "/_control/pay?out_trade_no=%s&notify=5" % out_trade_no)
    answers = [x.get("body") for x in (got or {}).get("answers", [])]
    t.eq(answers, ["success"] * 5, "%s: five copies of the notification are all answered success" % what, got)
    t.eq(site.sql("SELECT count(*) FROM payments WHERE order_id = %s" % order), "1",
         "%s: exactly one payment is recorded" % what)
    t.eq(site.sql("SELECT method || '|' || status || '|' || amount_fen || '|' || source || '|' || trade_no"
                  " FROM payments WHERE order_id = %s" % order),
         "alipay|received|65000|notify|%s" % (got or {}).get("trade_no"),
         "%s: received by notification, 65000 fen, with Alipay's trade_no" % what)
    t.eq(pay_status(site, order), "paid", "%s: the order is paid" % what)
    t.eq(site.sql("SELECT group_concat(verdict || ':' || n) FROM (SELECT verdict, count(*) AS n FROM"
                  " alipay_notifications WHERE out_trade_no = '%s' GROUP BY verdict ORDER BY verdict)" % out_trade_no),
         "applied:1,duplicate:4", "%s: one notification applied, four stored as duplicates" % what)
    t.eq(site.sql("SELECT count(*) FROM order_history WHERE order_id = %s" % order), history,
         "%s: the order's history has no extra rows" % what)
    r = a.get(PAY + "?order=" + order)
    t.ok(r.status == 200 and shows_paid(r), "%s: the page now shows 已支付" % what, r.summary(3000))
    t.ok(not refreshes(r), "%s: and no longer refreshes" % what)

    # Forged or unsigned: refused (fail). Signed with another amount for the paid trade: its
    # money is recorded already, so success and nothing new.
    for mode, want, answer in (("forged", "bad_signature", "fail"), ("unsigned", "bad_signature", "fail"),
                               ("wrong_amount", "duplicate", "success")):
        before = site.sql("SELECT count(*) FROM alipay_notifications WHERE verdict = '%s'" % want)
        status, got = site.alipay_call("POST", "/_control/notify?out_trade_no=%s&mode=%s" % (out_trade_no, mode))
        answers = [x.get("body") for x in (got or {}).get("answers", [])]
        t.eq(answers, [answer], "%s: a %s notification is answered %s" % (what, mode, answer), got)
        t.eq(int(site.sql("SELECT count(*) FROM alipay_notifications WHERE verdict = '%s'" % want)), int(before) + 1,
             "%s: and stored with the verdict %s" % (what, want))
    t.eq(site.sql("SELECT count(*) || '|' || group_concat(status) FROM payments WHERE order_id = %s" % order),
         "1|received", "%s: those notifications change no payment" % what)
    t.eq(pay_status(site, order), "paid", "%s: nor the pay status" % what)

    body = site.sql("SELECT body FROM alipay_notifications WHERE out_trade_no = '%s' AND verdict = 'applied'"
                    % out_trade_no)
    forged = re.sub(r"(^|&)sign=[^&]*", r"\1sign=" + "QUJD" * 86 + "QQ%3D%3D", body)
    before = site.sql("SELECT count(*) FROM alipay_notifications WHERE verdict = 'bad_signature'")
    r = Client(site.base).request("POST", NOTIFY, body=forged.encode("ascii"), content_type=ALIPAY_CTYPE)
    t.ok(forged != body and r.status == 200 and r.text.strip() == "fail",
         "%s: a raw notification POSTed through the server with a wrong signature gets 200 fail" % what,
         r.summary(500))
    t.eq(int(site.sql("SELECT count(*) FROM alipay_notifications WHERE verdict = 'bad_signature'")), int(before) + 1,
         "%s: and is stored as bad_signature" % what)
    t.eq(site.sql("SELECT count(*) FROM payments WHERE order_id = %s" % order), "1",
         "%s: still one payment" % what)
    return order


def alipay_query(t, site, a, what):
    """Step 2: no notification; 我已支付 queries Alipay and finds the payment."""
    order = new_order(t, site, a, what, 2)
    if not order:
        return None
    r = a.get(PAY + "?order=" + order)
    paid = pay_trade(t, site, order, "%s: query path: the page opened a trade" % what, notify=0)
    if paid is None:
        return order
    status, got = paid
    t.ok(status == 200 and got and got.get("trade_no"), "%s: the buyer pays, no notification sent" % what, got)
    r = a.post(PAY, {"action": "claim", "order": order, "method": "alipay", "csrf": r.csrf()})
    t.ok(r.status == 303 and "done=paid" in (r.header("Location") or ""),
         "%s: 我已支付 answers 303 to done=paid" % what, r.summary())
    t.eq(pay_status(site, order), "paid", "%s: the order is paid" % what)
    t.eq(site.sql("SELECT source || '|' || trade_no FROM payments WHERE order_id = %s" % order),
         "query|%s" % (got or {}).get("trade_no"), "%s: recorded from the query, with the fake's trade_no" % what)
    return order


def alipay_claimed_then_polled(t, site, a, clock, what):
    """Step 3: 我已支付 before paying, amount fields locked, the page's poll finds the payment."""
    order = new_order(t, site, a, what, 3)
    if not order:
        return
    r = a.get(PAY + "?order=" + order)
    r = a.post(PAY, {"action": "claim", "order": order, "method": "alipay", "csrf": r.csrf()})
    t.ok(r.status == 303 and "done=checking" in (r.header("Location") or ""),
         "%s: 我已支付 before paying answers 303 to done=checking" % what, r.summary())
    t.eq(pay_status(site, order), "claimed", "%s: the order is claimed (待确认)" % what)
    r = a.get(APPLY + "?order=" + order)
    for name in ("project", "years", "cert_count"):
        tag = re.search(r'<select[^>]*name="%s"[^>]*>' % name, r.text)
        t.ok(r.status == 200 and tag and re.search(r"\b(disabled|readonly)\b", tag.group(0)),
             "%s: the edit form has %s read-only" % (what, name), tag.group(0) if tag else r.summary(300))
    paid = pay_trade(t, site, order, "%s: one trade at the fake" % what, notify=0)
    if paid is None:
        return
    status, got = paid
    t.eq(status, 200, "%s: the buyer pays without a notification" % what, got)
    clock[0] += 60000
    site.move_clock(clock[0])
    r = a.get(PAY + "?order=" + order)
    t.ok(r.status == 200 and shows_paid(r) and not refreshes(r),
         "%s: a minute later the page's poll asks Alipay and shows 已支付" % what, r.summary(3000))
    t.eq(site.sql("SELECT source FROM payments WHERE order_id = %s AND status = 'received'" % order), "query",
         "%s: recorded from the query" % what)


def transfers(t, site, a, fin, rev, clock, what):
    """Step 4: a transfer claim confirmed by finance, another declined."""
    order = new_order(t, site, a, what, 4)
    if not order:
        return
    r = a.get(PAY + "?order=%s&method=transfer" % order)
    code = re.search(r'id="transfer-code">([0-9A-Z]{8})<', r.text)
    t.ok(r.status == 200 and "1402 0212 0910 0123 456" in r.text, "%s: the transfer tab shows the bank account" % what,
         r.summary(3000))
    t.ok(code, "%s: and the 8-character transfer code" % what)
    t.eq(site.sql("SELECT count(*) FROM alipay_trades WHERE order_id = %s" % order), "0",
         "%s: the transfer tab opens no Alipay trade" % what)
    code = code.group(1) if code else "?"
    csrf = r.csrf()
    r = claim_transfer(a, order, csrf, paid_on=shanghai_day(clock))
    t.ok(r.status == 422 and "请填写付款账户名称" in r.text, "%s: a claim without payer: 422 with the message" % what,
         r.summary())
    r = claim_transfer(a, order, csrf, payer="福州市某某信息技术有限公司", paid_on=shanghai_day(clock, 1))
    t.eq(r.status, 422, "%s: a transfer dated tomorrow: 422" % what, r.summary())
    t.eq(pay_status(site, order), "unpaid", "%s: refused claims record nothing" % what)
    r = claim_transfer(a, order, csrf, payer="福州市某某信息技术有限公司", paid_on=shanghai_day(clock), slip=pdf())
    t.ok(r.status == 303 and "done=claimed" in (r.header("Location") or ""),
         "%s: a claim with payer, today's date and a PDF slip answers 303" % what, r.summary())
    t.eq(pay_status(site, order), "claimed", "%s: the order is claimed" % what)
    r = claim_transfer(a, order, csrf, payer="另一个账户", paid_on=shanghai_day(clock), slip=pdf("another slip"))
    t.eq(r.status, 422, "%s: a second claim (with another slip): 422" % what, r.summary())
    t.eq(site.sql("SELECT count(*) FROM payments WHERE order_id = %s" % order), "1", "%s: one claim stored" % what)

    if fin:
        r = fin.get(ADMIN + "?view=payments")
        claims = re.search(r'<table class="table" id="claims">(.*?)</table>', r.text, re.S)
        t.ok(r.status == 200 and claims and order in claims.group(1) and code in claims.group(1),
             "%s: finance sees the claim with the order and its code" % what, r.summary(3000))
    if rev:
        t.eq(rev.get(ADMIN + "?view=payments").status, 403, "%s: a reviewer gets 403 for view=payments" % what)
        r = rev.post(ADMIN, {"action": "confirm_payment", "order": order, "csrf": rev.csrf(ADMIN + "?order=" + order)})
        t.eq(r.status, 403, "%s: and for confirm_payment" % what, r.summary())
        t.eq(pay_status(site, order), "claimed", "%s: which confirms nothing" % what)
    if fin:
        page = fin.get(ADMIN + "?order=%s" % order)
        link = re.search(r'href="(/cgi-bin/admin\.fcgi\?order=%s&amp;slip=\d+)"' % order, page.text)
        t.ok(link, "%s: the order page links the claim's slip" % what, page.summary(3000))
        r = fin.get(link.group(1).replace("&amp;", "&") if link else ADMIN + "?order=%s&slip=0" % order)
        t.ok(r.status == 200 and "application/pdf" in (r.header("Content-Type") or ""),
             "%s: finance opens the slip (application/pdf)" % what, r.summary(300))
        t.ok(r.body == pdf(), "%s: the slip of the waiting claim, not the refused second claim's" % what,
             r.body[:300])
        t.eq(fin.get(ADMIN + "?order=%s&slip=1" % order).status, 404,
             "%s: a document id of another order answers 404" % what)
        seen = len(site.sms_messages(AGENT))
        r = fin.post(ADMIN, {"action": "confirm_payment", "order": order, "csrf": fin.csrf(ADMIN + "?order=" + order)})
        t.eq(r.status, 303, "%s: confirm_payment answers 303" % what, r.summary())
        t.eq(pay_status(site, order), "paid", "%s: the order is paid" % what)
        site.wait_sms(AGENT, seen)
        text = sms_text(site, seen)
        t.ok(order in text and "650.00元已确认到账" in text, "%s: the agent's SMS says the transfer of 650.00 arrived" % what,
             text)
    if rev:
        seen = len(site.sms_messages(AGENT))
        page = rev.get(ADMIN + "?order=" + order)
        m = re.search(r'name="rev" value="(\d+)"', page.text)
        r = rev.post(ADMIN, {"action": "approve", "order": order, "rev": m.group(1) if m else "",
                             "csrf": page.csrf()})
        t.eq(r.status, 303, "%s: the reviewer approves it" % what, r.summary())
        t.eq(site.sql("SELECT status FROM orders WHERE id = %s" % order), "producing",
             "%s: approved and paid: producing" % what)
        site.wait_sms(AGENT, seen)
        text = sms_text(site, seen)
        t.ok(order in text and "款项已到账" in text and "完成支付" not in text,
             "%s: the agent's SMS says it is paid, not to pay" % what, text)

    order = new_order(t, site, a, what, 5)
    if not order or not fin:
        return
    r = a.get(PAY + "?order=%s&method=transfer" % order)
    r = claim_transfer(a, order, r.csrf(), payer="福州市另一家公司", paid_on=shanghai_day(clock))
    t.eq(pay_status(site, order), "claimed", "%s: a second order is claimed" % what, r.summary())
    csrf = fin.csrf(ADMIN + "?order=" + order)
    r = fin.post(ADMIN, {"action": "decline_payment", "order": order, "reason_pick": "", "reason": "", "csrf": csrf})
    t.eq(r.status, 422, "%s: decline_payment without a reason (the form's empty fields): 422" % what, r.summary())
    t.eq(pay_status(site, order), "claimed", "%s: still claimed" % what)
    seen = len(site.sms_messages(AGENT))
    r = fin.post(ADMIN, {"action": "decline_payment", "order": order, "reason": "未查到该笔到账款项", "csrf": csrf})
    t.eq(r.status, 303, "%s: with a reason: 303" % what, r.summary())
    t.eq(pay_status(site, order), "unpaid", "%s: the order is unpaid again" % what)
    site.wait_sms(AGENT, seen)
    text = sms_text(site, seen)
    t.ok(order in text and "未能确认，原因：未查到该笔到账款项" in text,
         "%s: the agent's SMS says the transfer was not confirmed, and why" % what, text)
    r = a.get(PAY + "?order=%s&method=transfer" % order)
    t.ok(r.status == 200 and "未查到该笔到账款项" in r.text, "%s: the applicant's page shows the reason" % what,
         r.summary(3000))


def statements(t, site, a, fin, clock, what):
    """Step 5: a bank statement (GB18030 and UTF-8) matched by code and amount, applied once."""
    order = new_order(t, site, a, what, 6)
    if not order or not fin:
        return
    r = a.get(PAY + "?order=%s&method=transfer" % order)
    m = re.search(r'id="transfer-code">([0-9A-Z]{8})<', r.text)
    if not t.ok(m, "%s: statement: the order has a transfer code" % what, r.summary(3000)):
        return
    code, day = m.group(1), shanghai_day(clock)
    unknown = "WXYZ2345" if code != "WXYZ2345" else "WXYZ2346"
    serial = "SN%d" % int(time.time() * 1000)
    remarks = ["数字证书费 %s" % code, "证书款 %s" % code, "附言 %s" % unknown]
    rows = [[day, "650.00", "", "福州市某某信息技术有限公司", remarks[0], serial],
            [day, "600.00", "", "福州市某某信息技术有限公司", remarks[1], serial + "W"],
            [day, "650.00", "", "某单位", remarks[2], serial + "U"]]
    text = statement_csv(rows)

    r = upload_statement(fin, text.encode("gb18030"), "流水GBK.csv")
    gbk = re.search(r"view=statement&statement=(\d+)", r.header("Location") or "")
    t.ok(r.status == 303 and gbk, "%s: a GB18030 statement uploads (303 to its preview)" % what, r.summary())
    if gbk:
        r = fin.get(ADMIN + "?view=statement&statement=" + gbk.group(1))
        t.eq([statement_row(r, x) for x in remarks], ["可入账", "金额不符", "附言码不存在"],
             "%s: its preview: 可入账, 金额不符, 附言码不存在" % what, preview_table(r))
    r = upload_statement(fin, text.encode("utf-8"), "流水.csv")
    utf = re.search(r"view=statement&statement=(\d+)", r.header("Location") or "")
    if not t.ok(r.status == 303 and utf, "%s: the UTF-8 statement uploads (303 to its preview)" % what, r.summary()):
        return
    sid = utf.group(1)
    r = fin.get(ADMIN + "?view=statement&statement=" + sid)
    t.eq([statement_row(r, x) for x in remarks], ["可入账", "金额不符", "附言码不存在"],
         "%s: its preview: 可入账, 金额不符, 附言码不存在" % what, preview_table(r))
    t.eq(pay_status(site, order), "unpaid", "%s: the preview pays nothing" % what)
    csrf = r.csrf()
    r = fin.post(ADMIN, {"action": "statement_apply", "statement": sid, "csrf": csrf})
    t.eq(r.status, 303, "%s: statement_apply answers 303" % what, r.summary())
    t.eq(pay_status(site, order), "paid", "%s: the order is paid" % what)
    t.eq(site.sql("SELECT method || '|' || source || '|' || amount_fen FROM payments WHERE order_id = %s" % order),
         "transfer|statement|65000", "%s: by a transfer from the statement" % what)
    r = fin.post(ADMIN, {"action": "statement_apply", "statement": sid, "csrf": fin.csrf(ADMIN + "?view=payments")})
    t.eq(r.status, 422, "%s: applying it again: 422" % what, r.summary())
    t.eq(site.sql("SELECT count(*) FROM payments WHERE order_id = %s" % order), "1", "%s: still one payment" % what)
    r = fin.post(ADMIN, {"action": "statement_apply", "statement": "987654321",
                         "csrf": fin.csrf(ADMIN + "?view=payments")})
    t.eq(r.status, 404, "%s: applying a statement that does not exist: 404" % what, r.summary())
    again = statement_csv(rows[:1], title="中国工商银行 对公账户明细（补打）")
    r = upload_statement(fin, again.encode("utf-8"), "流水2.csv")
    second = re.search(r"view=statement&statement=(\d+)", r.header("Location") or "")
    t.ok(r.status == 303 and second and second.group(1) != sid, "%s: another file with the same serial uploads" % what,
         r.summary())
    if second:
        r = fin.get(ADMIN + "?view=statement&statement=" + second.group(1))
        t.eq(statement_row(r, remarks[0]), "已入账", "%s: its preview shows that row 已入账" % what, preview_table(r))
    if gbk:
        r = fin.get(ADMIN + "?view=statement&statement=" + gbk.group(1))
        t.eq(statement_row(r, remarks[0]), "已入账", "%s: and so does the GB18030 one" % what, preview_table(r))


def cancel_refund(t, site, order, fin, rev, what):
    """Step 6: staff cancel a paid order, finance records the refund once."""
    if not order or not fin or not rev:
        return
    t.eq(site.sql("SELECT status || '|' || pay_status FROM orders WHERE id = %s" % order), "pending|paid",
         "%s: cancel: a paid pending order" % what)
    seen = len(site.sms_messages(AGENT))
    r = rev.post(ADMIN, {"action": "cancel", "order": order, "reason": "申请人要求取消",
                         "csrf": rev.csrf(ADMIN + "?order=" + order)})
    t.eq(r.status, 303, "%s: a reviewer cancels it (303)" % what, r.summary())
    t.eq(site.sql("SELECT status FROM orders WHERE id = %s" % order), "cancelled", "%s: it is cancelled" % what)
    site.wait_sms(AGENT, seen)
    text = sms_text(site, seen)
    t.ok(order in text and "取消" in text, "%s: the agent's SMS names the order and 取消" % what, text)
    csrf = fin.csrf(ADMIN + "?order=" + order)
    r = fin.post(ADMIN, {"action": "refund", "order": order, "reason": "", "csrf": csrf})
    t.eq(r.status, 422, "%s: refund without a reason (an empty field): 422" % what, r.summary())
    r = fin.post(ADMIN, {"action": "refund", "order": order, "reason": "已原路退回支付宝", "csrf": csrf})
    t.eq(r.status, 303, "%s: with a reason: 303" % what, r.summary())
    t.eq(site.sql("SELECT group_concat(status) FROM payments WHERE order_id = %s" % order), "refunded",
         "%s: the payment is refunded" % what)
    t.eq(pay_status(site, order), "refunded", "%s: the order's pay status is refunded" % what)
    r = fin.post(ADMIN, {"action": "refund", "order": order, "reason": "再次退款",
                         "csrf": fin.csrf(ADMIN + "?order=" + order)})
    t.eq(r.status, 422, "%s: refunding again: 422" % what, r.summary())


def qr_expiry(t, site, a, clock, what):
    """Step 7: two hours later the page replaces the trade and closes the old one."""
    order = new_order(t, site, a, what, 7)
    if not order:
        return None
    a.get(PAY + "?order=" + order)
    old = "%s_1" % order
    t.eq(site.sql("SELECT state FROM alipay_trades WHERE order_id = %s" % order), "open",
         "%s: expiry: the order has an open trade" % what)
    status, got = site.alipay_call("POST", "/_control/scan?out_trade_no=" + old)
    t.eq(status, 200, "%s: the buyer scans it" % what, got)
    clock[0] += 2 * 3600 * 1000
    site.move_clock(clock[0])
    return order


def qr_replaced(t, site, a, order, what):
    r = a.get(PAY + "?order=" + order)
    t.ok(r.status == 200 and "%s_2" % order in r.text, "%s: the page shows a new trade %s_2" % (what, "<order>"),
         r.summary(3000))
    trades = trades_of(site, order)
    t.eq(sorted((k, v["state"]) for k, v in trades.items()),
         [("%s_1" % order, "TRADE_CLOSED"), ("%s_2" % order, "CREATED")],
         "%s: the old trade is closed at Alipay, the new one created" % what, trades)
    t.eq(site.sql("SELECT group_concat(out_trade_no || ':' || state, ' ') FROM (SELECT * FROM alipay_trades"
                  " WHERE order_id = %s ORDER BY created_ms)" % order),
         "%s_1:closed %s_2:open" % (order, order), "%s: and closed in the database" % what)


def reconciled(t, site, a, what):
    """Step 8: certdesk-admin reconcile applies a payment nobody reported."""
    order = new_order(t, site, a, what, 8)
    if not order:
        return
    a.get(PAY + "?order=" + order)
    paid = pay_trade(t, site, order, "%s: reconcile: the order has a trade" % what, notify=0)
    if paid is None:
        return
    status, got = paid
    t.eq(status, 200, "%s: paid at Alipay, never notified nor claimed" % what, got)
    t.eq(pay_status(site, order), "unpaid", "%s: the order does not know yet" % what)
    r = site.admin("reconcile", "0")
    out = r.stdout.decode("utf-8", "replace")
    t.ok(r.returncode == 0 and re.search(r"\b1 payment\(s\) applied", out),
         "%s: reconcile exits 0 and reports 1 applied" % what, out + r.stderr.decode("utf-8", "replace"))
    t.eq(pay_status(site, order), "paid", "%s: the order is paid" % what)
    t.eq(site.sql("SELECT source || '|' || trade_no FROM payments WHERE order_id = %s" % order),
         "query|%s" % (got or {}).get("trade_no"), "%s: recorded from the query" % what)


def personal_order(t, site, c, years, what):
    """A personal order of applicant c for years, complete and submitted; its number."""
    csrf = c.csrf(APPLY + "?subject=personal")
    r = c.post(APPLY, dict(PERSONAL, years=str(years), action="save", csrf=csrf))
    order = order_of(r.header("Location"))
    if not t.ok(order, "%s: a personal order is saved" % what, r.summary()):
        return None
    for slot, (filename, kind) in PERSONAL_SLOTS.items():
        data, ctype = file_for(kind)
        upload(c, order, slot, filename, data, ctype, csrf)
    r = c.post(UPLOAD, {"action": "submit", "order": order, "csrf": csrf})
    t.ok(r.status == 303, "%s: and submitted" % what, r.summary())
    return order


def price_attack(t, site, b, clock, secrets, what):
    """Step 9: the 1/5-price attack. A personal order for 1 year (250 元) opens its QR code, is
    edited to 5 years (1250 元) and resubmitted, then the first QR code is paid: the money is
    recorded to refund (交易已失效), the order stays unpaid, finance sees it 待退款, and no invoice
    can be asked for."""
    what = "%s: attack" % what
    r = login(t, b, *APPLICANTS[1])
    t.eq(r.status, 303, "%s: applicant B signs in (the clock moved two hours)" % what, r.summary())
    order = personal_order(t, site, b, 1, what)
    if not order:
        return
    t.eq(site.sql("SELECT amount_fen FROM orders WHERE id = %s" % order), "25000", "%s: 250.00 元 for 1 year" % what)
    r = b.get(PAY + "?order=" + order)
    first = "%s_1" % order
    trades = trades_of(site, order)
    t.ok(r.status == 200 and first in trades and trades[first]["amount"] == "250.00",
         "%s: the payment page opened an Alipay trade for 250.00" % what, trades)
    csrf = b.csrf(APPLY + "?order=" + order)
    r = b.post(APPLY, dict(PERSONAL, years="5", order=order, action="save", csrf=csrf))
    t.eq(r.status, 303, "%s: the applicant edits it to 5 years" % what, r.summary())
    r = b.post(UPLOAD, {"action": "submit", "order": order, "csrf": csrf})
    t.eq(r.status, 303, "%s: and resubmits it" % what, r.summary())
    t.eq(site.sql("SELECT status || '|' || amount_fen FROM orders WHERE id = %s" % order), "pending|125000",
         "%s: the order is pending at 1250.00 元" % what)
    t.eq(site.sql("SELECT state FROM alipay_trades WHERE out_trade_no = '%s'" % first), "replaced",
         "%s: its 250.00 trade is no longer current" % what)

    seen_invoices = site.sql("SELECT count(*) FROM invoices")
    status, got = site.alipay_call("POST", "/_control/pay?out_trade_no=%s&notify=2" % first)
    answers = [x.get("body") for x in (got or {}).get("answers", [])]
    t.eq(answers, ["success", "success"], "%s: the old QR code is paid; Alipay's notifications get success" % what, got)
    t.eq(pay_status(site, order), "unpaid", "%s: the order is not paid by it" % what)
    t.eq(site.sql("SELECT method || '|' || status || '|' || amount_fen || '|' || refund_cause || '|' || trade_no"
                  " FROM payments WHERE order_id = %s" % order),
         "alipay|duplicate|25000|交易已失效|%s" % (got or {}).get("trade_no"),
         "%s: the 250.00 is recorded once, to refund, 交易已失效" % what)
    t.eq(site.sql("SELECT group_concat(verdict || ':' || n) FROM (SELECT verdict, count(*) AS n FROM"
                  " alipay_notifications WHERE out_trade_no = '%s' GROUP BY verdict ORDER BY verdict)" % first),
         "applied:1,duplicate:1", "%s: the notification recorded it once" % what)

    r = b.get(PAY + "?order=" + order)
    t.ok(r.status == 200 and not shows_paid(r) and "1250.00" in r.text and "交易已失效" in r.text,
         "%s: the payment page still asks for 1250.00 and says why the 250.00 goes back" % what, r.summary(3000))
    trades = trades_of(site, order)
    t.ok(trades.get("%s_2" % order, {}).get("amount") == "1250.00", "%s: with a new trade for 1250.00" % what, trades)

    r = b.get(INVOICE + "?order=" + order)
    t.ok(r.status == 200 and "暂不能申请开票" in r.text and 'value="request"' not in r.text,
         "%s: the invoice page offers no request" % what, r.summary(3000))
    icsrf = b.csrf(INVOICE)
    b.post(INVOICE, {"action": "title_add", "kind": "personal", "name": "王五", "email": "wangwu@fjca-test.cn",
                     "csrf": icsrf})
    title = site.sql("SELECT max(id) FROM invoice_titles WHERE name = '王五'")
    r = b.post(INVOICE, {"action": "request", "order": order, "type": "normal", "title": title, "csrf": icsrf})
    t.ok(r.status == 422 and "不能申请开票" in r.text, "%s: an invoice request is refused (422)" % what, r.summary())
    t.eq(site.sql("SELECT count(*) FROM invoices"), seen_invoices, "%s: no invoice exists" % what)

    fin = sign_in(t, site, clock, FINANCE[0], FINANCE[2], "%s: finance signs in again" % what, secrets)
    if not fin:
        return
    r = fin.get(ADMIN + "?view=payments")
    queue = re.search(r'<table class="table" id="to-refund">(.*?)</table>', r.text, re.S)
    row = re.search(r"<tr>(?:(?!</tr>).)*%s(?:(?!</tr>).)*</tr>" % order, queue.group(1) if queue else "", re.S)
    t.ok(r.status == 200 and row and "交易已失效" in row.group(0) and "250.00" in row.group(0),
         "%s: finance sees the 250.00 待退款 with its cause" % what, queue.group(0) if queue else r.summary(3000))
    seen = len(site.sms_messages(PERSON))
    r = fin.post(ADMIN, {"action": "refund", "order": order, "reason": "交易已失效，已原路退回支付宝",
                         "csrf": fin.csrf(ADMIN + "?order=" + order)})
    t.eq(r.status, 303, "%s: finance records the refund" % what, r.summary())
    t.eq(site.sql("SELECT status FROM payments WHERE order_id = %s" % order), "refunded", "%s: it is refunded" % what)
    t.eq(pay_status(site, order), "unpaid", "%s: the order is still to pay" % what)
    site.wait_sms(PERSON, seen)
    text = " ".join(m.get("text", "") for m in site.sms_messages(PERSON)[seen:])
    t.ok(order in text and "250.00元已办理退款" in text and "单位" not in text and "经办人" not in text,
         "%s: the person's SMS names the refund of 250.00, worded for a person" % what, text)
    r = fin.get(ADMIN + "?view=payments")
    queue = re.search(r'<table class="table" id="to-refund">(.*?)</table>', r.text, re.S)
    t.ok(r.status == 200 and (not queue or order not in queue.group(1)), "%s: and it leaves the 待退款 list" % what)

    # The current trade pays the order: the invoice is for the 1250.00 received.
    paid = site.alipay_call("POST", "/_control/pay?out_trade_no=%s_2&notify=1" % order)
    t.eq(pay_status(site, order), "paid", "%s: the 1250.00 trade pays the order" % what, paid)
    r = b.post(INVOICE, {"action": "request", "order": order, "type": "normal", "title": title, "csrf": icsrf})
    t.eq(r.status, 303, "%s: now an invoice may be asked for" % what, r.summary())
    t.eq(site.sql("SELECT amount_fen FROM invoices WHERE order_id = %s" % order), "125000",
         "%s: for the 1250.00 received" % what)


def edit_closes_trade(t, site, a, what):
    """Step 10: an edit that changes the amount retires the open trade; the next payment page
    closes it at Alipay before making one for the new amount, so the scanned old code cannot be paid."""
    what = "%s: edit" % what
    order = new_order(t, site, a, what, 9)
    if not order:
        return
    a.get(PAY + "?order=" + order)
    old = "%s_1" % order
    status, got = site.alipay_call("POST", "/_control/scan?out_trade_no=" + old)
    t.eq(status, 200, "%s: the buyer scans the 650.00 code" % what, got)
    csrf = a.csrf(APPLY + "?order=" + order)
    r = a.post(APPLY, dict(ENTERPRISE, uscc=uscc(9), years="2", order=order, action="save", csrf=csrf))
    t.eq(r.status, 303, "%s: the applicant edits the order to 2 years" % what, r.summary())
    t.eq(site.sql("SELECT amount_fen FROM orders WHERE id = %s" % order), "130000", "%s: 1300.00 元 now" % what)
    r = a.get(PAY + "?order=" + order)
    trades = trades_of(site, order)
    t.eq(sorted((k, v["state"], v["amount"]) for k, v in trades.items()),
         [(old, "TRADE_CLOSED", "650.00"), ("%s_2" % order, "CREATED", "1300.00")],
         "%s: the page closed the old trade at Alipay and made one for 1300.00" % what, trades)
    t.ok(r.status == 200 and "1300.00" in r.text and not shows_paid(r), "%s: and asks for 1300.00" % what)
    t.eq(site.sql("SELECT group_concat(out_trade_no || ':' || state, ' ') FROM (SELECT * FROM alipay_trades"
                  " WHERE order_id = %s ORDER BY created_ms)" % order),
         "%s:closed %s_2:open" % (old, order), "%s: and closed here" % what)
    status, got = site.alipay_call("POST", "/_control/pay?out_trade_no=%s&notify=1" % old)
    t.eq(status, 409, "%s: the scanned old code can no longer be paid" % what, got)


def scenario(t, site, what):
    started = start(t, site, what)
    if not started:
        return
    a, b, clock, secrets = started

    notified = alipay_notified(t, site, a, b, what)
    queried = alipay_query(t, site, a, what)
    alipay_claimed_then_polled(t, site, a, clock, what)
    fin, rev = staff_signed_in(t, site, clock, secrets, what)
    if fin and notified:
        trade_no = site.sql("SELECT trade_no FROM payments WHERE order_id = %s" % notified)
        r = fin.get(ADMIN + "?view=payments")
        listed = re.search(r'<table class="table" id="payments">(.*?)</table>', r.text, re.S)
        row = re.search(r"<tr>(?:(?!</tr>).)*%s(?:(?!</tr>).)*</tr>" % notified,
                        listed.group(1) if listed else "", re.S)
        t.ok(r.status == 200 and trade_no and row and trade_no in row.group(0) and "支付宝" in row.group(0)
             and "650.00" in row.group(0), "%s: finance's payment list has the Alipay payment with its trade_no" % what,
             listed.group(0) if listed else r.summary(3000))
    transfers(t, site, a, fin, rev, clock, what)
    statements(t, site, a, fin, clock, what)
    cancel_refund(t, site, queried, fin, rev, what)

    expiring = qr_expiry(t, site, a, clock, what)
    r = login(t, a, *APPLICANTS[0])
    t.eq(r.status, 303, "%s: two hours later the applicant signs in again" % what, r.summary())
    if expiring:
        qr_replaced(t, site, a, expiring, what)
    reconciled(t, site, a, what)
    price_attack(t, site, b, clock, secrets, what)
    edit_closes_trade(t, site, a, what)


def run(server, mode="fcgid"):
    """Runs this journey through a real server, with the Alipay gateway fake, as a TAP test file."""
    run_scenario(scenario, server, mode, alipay=True)
