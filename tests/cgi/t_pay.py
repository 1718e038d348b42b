# tests/cgi/t_pay.py: pay.fcgi (订单支付: the page, 对公转账 with its code, transfer claims, 我已支付 without Alipay, Alipay's signed notifications) and finance's confirmation in admin.fcgi, as plain CGI and under FastCGI.
import os
import re
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cgitest import TOP_SRC, Browser, Runner, Site, main_modes, serve, shanghai_day, totp  # noqa: E402
from upload_fixtures import pdf, post_multipart, register  # noqa: E402

MOBILE_A = "13912345678"
MOBILE_B = "13698765432"
CREATED = 1795500000000                # 2026-11-23, any fixed time will do

TRANSFER = 1729333892315484161         # A's, pending and unpaid: the transfer claim
ALIPAY = 1729333892315484159           # A's, pending and unpaid: 我已支付 by Alipay, then the notification
DRAFT = 1729333892315484157            # A's draft
B_ORDER = 1729333892315484163          # B's, pending and unpaid
MISSING = 1729333892315484999

BANK = ("Bank.Name = 中国工商银行\nBank.Branch = 福州鼓楼支行\nBank.Account = 1402 0212 0910 0123 456\n"
        "Bank.Holder = 福建某某数字认证有限公司\n")
KEYS = os.path.join(TOP_SRC, "tests", "unit", "alipay-keys")
APP_ID = "2021000000000001"
SELLER_ID = "2088000000000001"
ALIPAY_CFG = "Alipay.AppId = %s\nAlipay.SellerId = %s\nAlipay.PublicKeyFile = %s\n" % (
    APP_ID, SELLER_ID, os.path.join(KEYS, "alipay_public.pem"))
ALIPAY_CTYPE = "application/x-www-form-urlencoded; text/html; charset=utf-8"
OUT_TRADE_NO = "%d_1" % ALIPAY
TRADE_NO = "2026112322001400001234567890"
PAYER = "福州市某某信息技术有限公司"




def notification(**changes):
    """A TRADE_SUCCESS notification for OUT_TRADE_NO (changes override parameters), signed like
    Alipay with its private key through the openssl command line; the urlencoded body."""
    params = {"notify_time": "2026-11-23 10:05:00", "notify_type": "trade_status_sync",
              "notify_id": "2026112300222100500012345678", "charset": "utf-8", "version": "1.0",
              "sign_type": "RSA2", "app_id": APP_ID, "seller_id": SELLER_ID, "out_trade_no": OUT_TRADE_NO,
              "trade_no": TRADE_NO, "trade_status": "TRADE_SUCCESS", "total_amount": "650.00",
              "receipt_amount": "650.00", "buyer_logon_id": "abc***@example.com",
              "subject": "数字证书业务单%d" % ALIPAY, "gmt_payment": "2026-11-23 10:04:58"}
    params.update(changes)
    text = "&".join("%s=%s" % (k, params[k]) for k in sorted(params) if k not in ("sign", "sign_type"))
    signed = subprocess.run("openssl dgst -sha256 -sign '%s' | base64 -w0" % os.path.join(KEYS, "alipay_private.pem"),
                            shell=True, input=text.encode(), capture_output=True, timeout=30)
    params["sign"] = signed.stdout.decode().strip()
    return urllib.parse.urlencode(params).encode()


def insert_orders(site, user_a, user_b):
    rows = [(TRANSFER, user_a, "pending", 65000), (ALIPAY, user_a, "pending", 65000),
            (DRAFT, user_a, "draft", None), (B_ORDER, user_b, "pending", 40000)]
    sql = ["INSERT INTO orders (id, user_id, subject, kind, project, years, cert_count, status, pay_status, amount_fen,"
           " agent_mobile, created_ms, updated_ms, submitted_ms) VALUES (%d, %s, 'enterprise', 'new', 'both', 1, 1, '%s',"
           " 'unpaid', %s, '13800138000', %d, %d, %s)" % (oid, uid, status, "NULL" if fen is None else fen, CREATED, CREATED,
                             "NULL" if status == "draft" else CREATED) for oid, uid, status, fen in rows]
    return site.sql("BEGIN; " + "; ".join(sql) + "; COMMIT; SELECT count(*) FROM orders;")


def run(t, mode):
    site = Site(BANK)
    serve(t, site, ["register", "pay", "admin"], mode,
          lambda runners, pids: scenario(t, site, runners, pids, mode))


def scenario(t, site, runners, pids, mode):
    def ok(cond, name, diag=None):
        return t.ok(cond, "%s: %s" % (mode, name), diag)

    def eq(got, want, name):
        return t.eq(got, want, "%s: %s" % (mode, name))

    def pay_status(order):
        return site.sql("SELECT pay_status FROM orders WHERE id = %d" % order)

    def claim(browser, order, csrf, payer=None, paid_on=None, slip=None):
        fields = [("csrf", csrf), ("action", "claim"), ("order", str(order)), ("method", "transfer")]
        if payer is not None:
            fields.append(("payer", payer))
        if paid_on is not None:
            fields.append(("paid_on", paid_on))
        files = [("slip", "回单.pdf", "application/pdf", slip)] if slip is not None else []
        return post_multipart(browser, "pay", fields, files)

    def notify(body):
        r = runners["pay"].request("POST", "", body, ctype=ALIPAY_CTYPE, path_info="/alipay/notify")
        return r.status, r.body

    visitor = Browser(runners)
    r = visitor.go("pay", "GET", "order=%d" % TRANSFER)
    ok(r.status == 303 and "/cgi-bin/login.fcgi?next=" in (r.header("Location") or ""), "a visitor is sent to sign in",
       r.header("Location"))

    a, b = Browser(runners), Browser(runners)
    user_a, user_b = register(site, a, MOBILE_A), register(site, b, MOBILE_B)
    if not ok(user_a and user_a.isdigit() and user_b and user_b.isdigit(), "applicants A and B register and are signed in"):
        return
    eq(insert_orders(site, user_a, user_b), "4", "4 orders stored")

    # The page without Alipay opens on 对公转账 (its tab first and current); the Alipay tab
    # says 暂未开通支付宝, pointing to 对公转账.
    r = a.go("pay", "GET", "order=%d" % TRANSFER)
    eq(r.status, 200, "the payment page of a pending unpaid order answers 200")
    tabs = re.search(r'<nav class="tabs"[^>]*>(.*?)</nav>', r.text, re.S)
    ok(tabs and tabs.group(1).find("对公转账") < tabs.group(1).find("支付宝")
       and re.search(r'class="tab is-current"[^>]*aria-current="page">对公转账<', tabs.group(1))
       and 'id="transfer-title">对公转账<' in r.text and 'id="alipay-title"' not in r.text,
       "without Alipay the page opens on 对公转账, its tab first and selected", r.text[-3000:])
    transfer_page = r
    r = a.go("pay", "GET", "order=%d&method=alipay" % TRANSFER)
    link = '<a href="/cgi-bin/pay.fcgi?order=%d&amp;method=transfer">对公转账</a>' % TRANSFER
    ok("本受理点暂未开通支付宝支付，请使用%s。" % link in r.text, "without Alipay: 暂未开通支付宝, with the 对公转账 link",
       r.text[-3000:])
    r = transfer_page
    ok(str(TRANSFER) in r.text and "650.00" in r.text and 'id="pay-status">未支付<' in r.text,
       "it shows the order number, the amount and 未支付")
    ok('id="alipay-qr"' not in r.text and 'http-equiv="refresh"' not in r.text, "no QR code, no refresh")
    eq(site.sql("SELECT count(*) FROM alipay_trades"), "0", "no Alipay trade is opened")
    csrf = r.csrf()

    # 对公转账: the bank account and the order's 8-character code, kept.
    r = a.go("pay", "GET", "order=%d&method=transfer" % TRANSFER)
    eq(r.status, 200, "method=transfer answers 200")
    m = re.search(r'id="transfer-code">([23456789A-HJ-NP-Z]{8})<', r.text)
    code = m.group(1) if m else None
    ok(code, "it shows the 8-character transfer code", r.text[-3000:])
    eq(site.sql("SELECT transfer_code FROM orders WHERE id = %d" % TRANSFER), code, "the code stored with the order")
    ok("1402 0212 0910 0123 456" in r.text and "中国工商银行 福州鼓楼支行" in r.text and "福建某某数字认证有限公司" in r.text,
       "and the configured bank account")
    ok('enctype="multipart/form-data"' in r.text and 'name="payer"' in r.text and 'name="paid_on"' in r.text
       and 'name="slip"' in r.text, "the claim form asks for payer, paid_on and slip")

    # Another applicant's order, one that does not exist, a draft.
    eq(b.go("pay", "GET", "order=%d" % TRANSFER).status, 404, "B gets 404 for A's order")
    eq(a.go("pay", "GET", "order=%d" % MISSING).status, 404, "an unknown order answers 404")
    r = a.go("pay", "GET", "order=%d" % DRAFT)
    eq(r.status, 303, "a draft answers 303")
    ok((r.header("Location") or "").endswith("/cgi-bin/upload.fcgi?order=%d" % DRAFT), "to its upload page",
       r.header("Location"))

    # Transfer claims: refused ones, then one with a PDF slip, then a second one.
    r = claim(a, TRANSFER, csrf, paid_on=shanghai_day(), slip=pdf())
    ok(r.status == 422 and "请填写付款账户名称" in r.text, "a claim without payer answers 422 with the message", r.status)
    r = claim(a, TRANSFER, csrf, payer=PAYER, paid_on="2026-13-40")
    eq(r.status, 422, "a claim with a malformed paid_on answers 422")
    r = claim(a, TRANSFER, csrf, payer=PAYER, paid_on=shanghai_day(1))
    ok(r.status == 422 and "转账日期不能晚于今天" in r.text, "a claim dated tomorrow answers 422 with the message", r.status)
    r = claim(a, TRANSFER, "0" * 64, payer=PAYER, paid_on=shanghai_day())
    eq(r.status, 403, "a claim with a wrong csrf answers 403")
    r = claim(b, TRANSFER, b.go("pay", "GET", "order=%d" % B_ORDER).csrf(), payer=PAYER, paid_on=shanghai_day())
    eq(r.status, 404, "B's claim on A's order answers 404")
    eq(site.sql("SELECT count(*) FROM payments"), "0", "refused claims record nothing")
    eq(pay_status(TRANSFER), "unpaid", "the order is still unpaid")

    r = claim(a, TRANSFER, csrf, payer=PAYER, paid_on=shanghai_day(), slip=pdf())
    eq(r.status, 303, "a claim with payer, today's date and a PDF slip answers 303")
    eq(r.header("Location"), "http://127.0.0.1:8080/cgi-bin/pay.fcgi?order=%d&method=transfer&done=claimed" % TRANSFER,
       "back to the transfer tab")
    eq(site.sql("SELECT method, status, amount_fen, source, payer, paid_on, slip_doc IS NOT NULL FROM payments"
                " WHERE order_id = %d" % TRANSFER), "transfer|claimed|65000|claim|%s|%s|1" % (PAYER, shanghai_day()),
       "a claimed transfer payment with payer, date and slip")
    eq(site.sql("SELECT d.ctype FROM documents d JOIN payments p ON p.slip_doc = d.id WHERE p.order_id = %d" % TRANSFER),
       "application/pdf", "the slip is stored as the order's document")
    eq(pay_status(TRANSFER), "claimed", "the order is claimed (待确认)")
    r = claim(a, TRANSFER, csrf, payer="另一个账户", paid_on=shanghai_day(), slip=pdf("another slip"))
    ok(r.status == 422 and "该业务单已有待确认的转账" in r.text, "a second claim answers 422", r.status)
    eq(site.sql("SELECT count(*) FROM payments WHERE order_id = %d" % TRANSFER), "1", "still one claim")
    r = a.go("pay", "GET", "order=%d&method=transfer" % TRANSFER)
    ok(r.status == 200 and "您已提交转账信息" in r.text and 'name="payer"' not in r.text,
       "the transfer tab says the claim waits, without the form")
    ok('id="transfer-code">%s<' % code in r.text, "with the same code")
    ok("付款方：%s" % PAYER in r.text and "待确认" in r.text, "支付记录 lists the claim")

    # 我已支付 by Alipay without Alipay configured.
    r = a.go("pay", "POST", fields={"csrf": csrf, "action": "claim", "order": ALIPAY, "method": "alipay"})
    ok(r.status == 503 and "暂时无法向支付宝查询支付结果" in r.text, "我已支付 by Alipay without Alipay answers 503", r.status)
    eq(pay_status(ALIPAY), "unpaid", "and changes nothing")
    r = a.go("pay", "POST", fields={"csrf": csrf, "action": "claim", "order": ALIPAY, "method": "bitcoin"})
    eq(r.status, 422, "an unknown method answers 422")

    # Alipay switched on (the program started again with the new configuration).
    runners["pay"].close()
    with open(site.config, "a") as f:
        f.write(ALIPAY_CFG)
    runners["pay"] = Runner(site, "pay", mode)
    pids["pay"] = runners["pay"].pid()
    now = int(time.time() * 1000)
    site.sql("INSERT INTO alipay_trades (out_trade_no, order_id, amount_fen, state, qr_code, created_ms, expires_ms)"
             " VALUES ('%s', %d, 65000, 'open', 'https://qr.alipay.com/bax00000000000000000', %d, %d)"
             % (OUT_TRADE_NO, ALIPAY, now - 60000, now + 7200000))

    garbage = b"this is not a notification&sign=%%%"
    eq(notify(garbage), (200, b"fail"), "a garbage notification: 200 fail")
    eq(site.sql("SELECT verdict, peer, body = CAST(X'%s' AS BLOB) FROM alipay_notifications" % garbage.hex()),
       "bad_signature|127.0.0.1|1", "stored as received, with verdict bad_signature")
    forged = re.sub(rb"sign=[^&]*", b"sign=" + b"QUJD" * 86 + b"QQ%3D%3D", notification())
    eq(notify(forged), (200, b"fail"), "a notification with a forged signature: fail")
    good = notification()
    eq(notify(good), (200, b"success"), "a correctly signed TRADE_SUCCESS: success")
    eq(site.sql("SELECT method, status, amount_fen, source, out_trade_no, trade_no, notification_id IS NOT NULL"
                " FROM payments WHERE order_id = %d" % ALIPAY),
       "alipay|received|65000|notify|%s|%s|1" % (OUT_TRADE_NO, TRADE_NO), "one payment, received by notification")
    eq(pay_status(ALIPAY), "paid", "the order is paid")
    eq(site.sql("SELECT state FROM alipay_trades WHERE out_trade_no = '%s'" % OUT_TRADE_NO), "paid", "the trade is paid")
    eq(notify(good), (200, b"success"), "the same notification again: success")
    eq(site.sql("SELECT count(*) FROM payments WHERE order_id = %d" % ALIPAY), "1", "still one payment")
    eq(notify(notification(app_id="2021000000009999")), (200, b"fail"), "a signed notification for another app_id: fail")
    eq(notify(notification(total_amount="0.01", receipt_amount="0.01")), (200, b"success"),
       "a signed notification of the paid trade with another amount: success (its money is recorded already)")
    eq(site.sql("SELECT group_concat(verdict, ',') FROM (SELECT verdict FROM alipay_notifications ORDER BY id)"),
       "bad_signature,bad_signature,applied,duplicate,wrong_app,duplicate", "every notification stored with its verdict")
    eq(site.sql("SELECT count(*) || '|' || group_concat(status) FROM payments WHERE order_id = %d" % ALIPAY),
       "1|received", "refused notifications change no payment")
    if mode == "fcgi":
        ok(runners["pay"].proc.poll() is None and runners["pay"].pid() == pids["pay"],
           "one FastCGI process took every notification")
    r = a.go("pay", "GET", "order=%d" % ALIPAY)
    ok(r.status == 200 and 'id="paid-title">已支付<' in r.text and 'id="pay-status">已支付<' in r.text,
       "the payment page now shows 已支付")
    ok(TRADE_NO in r.text and 'http-equiv="refresh"' not in r.text, "with Alipay's trade number, not refreshing")
    r = a.go("pay", "GET", "order=%d" % B_ORDER)
    eq(r.status, 404, "A still gets 404 for B's order")
    r = b.go("pay", "GET", "order=%d&method=alipay" % B_ORDER)
    ok(r.status == 200 and "暂时无法生成支付宝付款二维码" in r.text, "Alipay configured without its gateway: 暂时无法生成",
       r.status)

    # Finance sees the claim and confirms it.
    if not ok(site.admin("staff-add", "fin1", "finance", stdin="Finance2024x\n").returncode == 0, "staff-add fin1 finance"):
        return
    fin = Browser(runners)
    r = fin.go("admin", "POST", fields={"action": "login", "login": "fin1", "password": "Finance2024x",
                                        "csrf": fin.csrf("admin")})
    eq(r.status, 303, "finance: the password step answers 303")
    r = fin.go("admin")
    m = re.search(r'class="mono totp-secret">([A-Z2-7]+)<', r.text)
    if not ok(m, "finance: the second factor is enrolled", r.text[-2000:]):
        return
    r = fin.go("admin", "POST", fields={"action": "totp", "totp": totp(m.group(1)), "csrf": r.csrf()})
    eq(r.status, 303, "finance: the TOTP code signs in")
    r = fin.go("admin", "GET", "view=payments")
    claims = re.search(r'<table class="table" id="claims">(.*?)</table>', r.text, re.S)
    ok(r.status == 200 and claims and str(TRANSFER) in claims.group(1) and code in claims.group(1)
       and PAYER in claims.group(1), "view=payments lists the claim with its order, code and payer", r.text[-3000:])
    listed = re.search(r'<table class="table" id="payments">(.*?)</table>', r.text, re.S)
    ok(listed and TRADE_NO in listed.group(1), "and the Alipay payment with its trade number")
    o = fin.go("admin", "GET", "order=%d" % TRANSFER)
    panel = re.search(r'<section class="panel" id="payments".*?</section>', o.text, re.S)
    ok(o.status == 200 and panel and PAYER in panel.group(0)
       and re.search(r'<div class="table-wrap">\s*<table class="table">', panel.group(0)),
       "the order page's payments table sits in a .table-wrap (only the table scrolls on a phone)", o.status)
    r = fin.go("admin", "POST", fields={"action": "confirm_payment", "order": TRANSFER, "csrf": r.csrf()})
    eq(r.status, 303, "confirm_payment answers 303")
    eq(pay_status(TRANSFER), "paid", "the order is paid")
    eq(site.sql("SELECT status || '|' || (decided_by IS NOT NULL) FROM payments WHERE order_id = %d" % TRANSFER),
       "received|1", "the claim is received, decided by finance")
    r = fin.go("admin", "POST", fields={"action": "confirm_payment", "order": TRANSFER, "csrf": fin.csrf("admin", "view=payments")})
    eq(r.status, 422, "a second confirm_payment answers 422")
    r = a.go("pay", "GET", "order=%d" % TRANSFER)
    ok(r.status == 200 and 'id="paid-title">已支付<' in r.text, "the applicant's page shows 已支付")


if __name__ == "__main__":
    main_modes(run)
