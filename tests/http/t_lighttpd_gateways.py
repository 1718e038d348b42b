# tests/http/t_lighttpd_gateways.py: gateways in trouble (SECURITY.md 22, 26): the SMS gateway, the SMTP server and Alipay down (connection refused), slow and black-holed give a retry, never a lost message or a stuck page.
import os
import socket
import sys
import threading
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)
import taplib  # noqa: E402
from httpclient import Client  # noqa: E402
from journeys import HOME, REGISTER, register, send_code  # noqa: E402
from orders import PAY, submit_enterprise  # noqa: E402
from servers import Site  # noqa: E402

ALIPAY_TIMEOUT = 15             # TOTAL_TIMEOUT_S in lib/alipay_gw.c
ALIPAY_HOLD_MS = 30 * 1000      # HOLD_AFTER_TIMEOUT_MS in lib/alipay_gw.c
RETRY_CLOCK_MS = 2 * 3600 * 1000


def wait_for(cond, timeout):
    """Polls cond every 0.2 s until it holds or timeout seconds passed; its last value."""
    deadline = time.monotonic() + timeout
    value = cond()
    while not value and time.monotonic() < deadline:
        time.sleep(0.2)
        value = cond()
    return value


def wake_mail_lane(site):
    """What outbox_wake does after a program queues an e-mail."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        s.sendto(b"w", os.path.join(site.data, "sender-mail.sock"))
    except OSError:
        pass
    finally:
        s.close()


def attempts(site, where):
    return int(site.sql("SELECT ifnull(max(attempts), 0) FROM outbox WHERE %s" % where) or 0)


def main(t):
    taplib.require_tier(4)
    site = Site(server="lighttpd", mail=True, alipay=True, faults=True).start()
    try:
        messages(t, site)
        alipay(t, site)
    finally:
        if t.failed:
            t.diag(site.log_tail())
        site.stop()


def messages(t, site):
    mobile, mail_to = "13900001111", "buyer@example.com"
    site.fault("sms", "down")
    site.fault("mail", "down")
    k = Client(site.base)
    csrf = k.csrf(REGISTER)
    start = time.monotonic()
    r = send_code(k, REGISTER, mobile, csrf)
    took = time.monotonic() - start
    t.ok(r.status == 303 and took < 3, "获取验证码 answers 303 at once while the SMS gateway is down (%.2f s)" % took,
         r.summary(300))
    site.sql("INSERT INTO outbox (kind, recipient, subject, body, created_ms, due_ms)"
             " VALUES ('mail', '%s', '电子发票', '您的电子发票见附件。', 0, 0)" % mail_to)
    wake_mail_lane(site)
    sms_where, mail_where = "kind = 'sms' AND recipient = '%s'" % mobile, "kind = 'mail'"
    t.ok(wait_for(lambda: attempts(site, sms_where) >= 1, 15), "the sender tried the SMS gateway")
    t.ok(wait_for(lambda: attempts(site, mail_where) >= 1, 15), "and the SMTP server")
    t.like(site.sql("SELECT last_error FROM outbox WHERE %s" % sms_where), r"(?i)connect",
           "the SMS waits with the refused connection as its error")
    t.eq(site.sql("SELECT count(*) FROM outbox WHERE sent_ms IS NULL"), "2", "both messages wait, none is lost")
    t.eq(site.sms_messages(mobile), [], "nothing reached the SMS gateway")
    r = Client(site.base).get(HOME)
    t.eq(r.status, 200, "pages are served meanwhile")

    # Slow gateways (each connection waits 3 s, within the timeouts): the retries get through.
    site.fault("sms", "slow")
    site.fault("mail", "slow")
    site.move_clock(RETRY_CLOCK_MS)
    t.ok(wait_for(lambda: len(site.sms_messages(mobile)) >= 1, 30), "through a slow SMS gateway the code arrives")
    t.ok(wait_for(lambda: len(site.mail_messages()) >= 1, 30), "through a slow SMTP server the e-mail arrives")
    time.sleep(1)
    t.eq(len(site.sms_messages(mobile)), 1, "the SMS once")
    t.eq([m["rcpt_to"] for m in site.mail_messages()], [[mail_to]], "the e-mail once")
    t.eq(site.sql("SELECT count(*) FROM outbox WHERE sent_ms IS NULL"), "0", "nothing is left waiting")
    site.fault("sms", "up")
    site.fault("mail", "up")


def alipay(t, site):
    a = Client(site.base, timeout=120)
    if not register(t, site, a, "13912340009", "Secret2024ab", "applicant"):
        return
    order, r = submit_enterprise(a, {})
    if not t.ok(order, "an order is submitted", r.summary(300)):
        return
    for mode, bound in (("down", 5), ("blackhole", ALIPAY_TIMEOUT + 10)):
        site.fault("alipay", mode)
        result = {}

        def pay_page():
            start = time.monotonic()
            result["r"] = a.get(PAY + "?order=%s" % order)
            result["took"] = time.monotonic() - start

        th = threading.Thread(target=pay_page)
        th.start()
        other, c = [], Client(site.base)
        while th.is_alive() and len(other) < 200:
            start = time.monotonic()
            s = c.get(HOME).status
            other.append((s, time.monotonic() - start))
            time.sleep(0.1)
        th.join(ALIPAY_TIMEOUT + 60)
        r, took = result.get("r"), result.get("took", 999)
        t.ok(r is not None and 200 <= r.status < 600 and r.status != 0 and took < bound,
             "with Alipay %s the payment page still answers (%s in %.1f s)" % (mode, r and r.status, took),
             r and r.summary(300))
        t.ok(r is not None and "对公转账" in r.text, "and offers the corporate transfer", r and r.summary(600))
        t.ok(all(s == 200 and x < 2 for s, x in other), "other pages answer at once meanwhile",
             max((x for _, x in other), default=0))
    site.fault("alipay", "up")
    # A process whose call timed out calls Alipay again only after its hold.
    site.move_clock(RETRY_CLOCK_MS + ALIPAY_HOLD_MS + 1000)
    r = a.get(PAY + "?order=%s" % order)
    t.ok(r.status == 200 and "qr" in r.text, "once Alipay is back the payment page shows the QR code", r.summary(600))


if __name__ == "__main__":
    taplib.run(main)
