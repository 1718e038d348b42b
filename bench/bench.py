# bench/bench.py: load benchmark of the account pages and the Alipay notification through a real lighttpd (wrk on loopback), with the targets they must meet.
"""Usage: top_builddir=BUILD top_srcdir=SRC python3 bench/bench.py [--seconds N] [--record FILE]

Measures, through lighttpd + FastCGI on 127.0.0.1, requests per second and latency of
GET home.fcgi (the home page), GET register.fcgi (a visitor form: cookie + CSRF) and
POST pay.fcgi/alipay/notify (a correctly signed TRADE_SUCCESS notification for a trade
already paid: Alipay's retries, each verified, stored durably and answered success),
and the resident memory of each FastCGI process before and after the load (a leak
across requests shows as growth). Exits 1 when a target is missed.
"""
import argparse
import base64
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "lib"))
from servers import ALIPAY_APP_ID, ALIPAY_SELLER_ID, TOP_SRC, Site  # noqa: E402

# Targets on the project's 2-core machine (see bench/README.md for how they were chosen).
TARGETS = {
    "home_rps": 1500,         # requests per second, GET home.fcgi
    "register_rps": 1500,     # requests per second, GET register.fcgi (sets a cookie)
    "p99_ms": 50,           # 99th percentile latency, home or register
    "rss_growth_kib": 2048,   # RSS growth of one FastCGI process over the whole run
    "notify_rps": 500,        # requests per second, POST pay.fcgi/alipay/notify (a duplicate, stored durably)
    "notify_p99_ms": 400,     # its 99th percentile latency (writers queue for the one SQLite write lock)
}

# The already paid order the notifications are about (rows inserted with sqlite3).
ORDER, FEN = 7340000000000001, 65000
OUT_TRADE_NO, TRADE_NO = "%d_1" % ORDER, "2026120222001400000000000001"
ALIPAY_CTYPE = "application/x-www-form-urlencoded; text/html; charset=utf-8"
ALIPAY_PRIVATE = os.path.join(TOP_SRC, "tests", "unit", "alipay-keys", "alipay_private.pem")


def rss_kib(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            m = re.search(r"VmRSS:\s+(\d+)", f.read())
            return int(m.group(1)) if m else 0
    except OSError:
        return 0


def fcgi_pids(program):
    out = subprocess.run(["pgrep", "-f", "cgi-bin/%s.fcgi" % program], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def wrk(url, seconds, script=None):
    """(requests/s, p99 ms, non-2xx/3xx answers, requests done, answers not "success" or None)."""
    out = subprocess.run(["wrk", "-t2", "-c8", "-d%ds" % seconds, "--latency"] + (["-s", script] if script else [])
                         + [url], capture_output=True, text=True, timeout=seconds + 60)
    text = out.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    done = int(re.search(r"(\d+) requests in", text).group(1))
    refused = re.search(r"Not success: (\d+)", text)
    return (rps, float(p99.group(1)) * scale, int(errors.group(1)) if errors else 0, done,
            int(refused.group(1)) if refused else None)


def paid_order(site):
    """Inserts an applicant, a submitted order paid by Alipay (found by a query, so that no
    notification is stored yet), its paid trade and the payment."""
    now = int(time.time() * 1000)
    site.sql("BEGIN; INSERT INTO users (id, mobile, pw_hash, created_ms) VALUES (900001, '13900000001', 'x', %(now)d);"
             " INSERT INTO orders (id, user_id, subject, kind, project, years, status, pay_status, amount_fen,"
             " created_ms, updated_ms, submitted_ms) VALUES (%(order)d, 900001, 'enterprise', 'new', 'bidding', 1,"
             " 'pending', 'paid', %(fen)d, %(now)d, %(now)d, %(now)d);"
             " INSERT INTO alipay_trades (out_trade_no, order_id, amount_fen, state, created_ms, expires_ms)"
             " VALUES ('%(out)s', %(order)d, %(fen)d, 'paid', %(now)d, %(now)d + 7200000);"
             " INSERT INTO payments (order_id, method, status, amount_fen, source, out_trade_no, trade_no, payer,"
             " created_ms) VALUES (%(order)d, 'alipay', 'received', %(fen)d, 'query', '%(out)s', '%(trade)s',"
             " '138****0001', %(now)d); COMMIT;"
             % {"now": now, "order": ORDER, "fen": FEN, "out": OUT_TRADE_NO, "trade": TRADE_NO})


def notification_body():
    """A TRADE_SUCCESS notification of OUT_TRADE_NO as Alipay sends it (tests/fakes/alipay_gateway.py's
    parameters), signed RSA2 with the throwaway alipay_private.pem; the form-encoded body."""
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(time.time() + 8 * 3600))
    amount = "%d.%02d" % divmod(FEN, 100)
    p = [("notify_time", stamp), ("notify_type", "trade_status_sync"),
         ("notify_id", "2026120200000000000000000000000001"), ("charset", "utf-8"), ("version", "1.0"),
         ("sign_type", "RSA2"), ("auth_app_id", ALIPAY_APP_ID), ("app_id", ALIPAY_APP_ID),
         ("trade_no", TRADE_NO), ("out_trade_no", OUT_TRADE_NO), ("buyer_id", "2088000000000099"),
         ("buyer_logon_id", "138****0001"), ("seller_id", ALIPAY_SELLER_ID),
         ("seller_email", "pay***@example.com"), ("trade_status", "TRADE_SUCCESS"), ("total_amount", amount),
         ("subject", "数字证书业务单%d" % ORDER), ("gmt_create", stamp), ("receipt_amount", amount),
         ("invoice_amount", amount), ("buyer_pay_amount", amount), ("point_amount", "0.00"),
         ("gmt_payment", stamp),
         ("fund_bill_list", '[{"amount":"%s","fundChannel":"ALIPAYACCOUNT"}]' % amount)]
    signed = sorted((k.encode("utf-8"), v.encode("utf-8")) for k, v in p if k not in ("sign", "sign_type") and v)
    sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", ALIPAY_PRIVATE],
                         input=b"&".join(k + b"=" + v for k, v in signed), capture_output=True, check=True,
                         timeout=30).stdout
    p.append(("sign", base64.b64encode(sig).decode("ascii")))
    return "&".join(urllib.parse.quote_plus(k) + "=" + urllib.parse.quote_plus(v) for k, v in p)


def notify_script(body):
    """A wrk Lua script POSTing body as Alipay does and counting the answers that are not "success"."""
    if not re.fullmatch(r"[A-Za-z0-9%&=+._~-]+", body):
        raise ValueError("the notification body is not plain form encoding")
    fd, path = tempfile.mkstemp(prefix="cd-bench-", suffix=".lua")
    with os.fdopen(fd, "w") as f:
        f.write("""wrk.method = "POST"
wrk.body = "%s"
wrk.headers["Content-Type"] = "%s"
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) refused = 0 end
function response(status, headers, body) if body ~= "success" then refused = refused + 1 end end
function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + t:get("refused") end
  io.write(string.format("Not success: %%d\\n", n))
end
""" % (body, ALIPAY_CTYPE))
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--record")
    args = ap.parse_args()
    site = Site(server="lighttpd", alipay=True, sms_driver="file").start()
    lines, failed, script = [], 0, None

    def check(good, text):
        nonlocal failed
        failed += not good
        lines.append(("PASS " if good else "MISS ") + text)

    try:
        paid_order(site)
        body = notification_body()
        script = notify_script(body)
        for program, path, key, p99_key in (("home", "", "home_rps", "p99_ms"),
                                            ("register", "", "register_rps", "p99_ms"),
                                            ("notify", "/alipay/notify", "notify_rps", "notify_p99_ms")):
            name = "pay" if program == "notify" else program
            url = site.url("/cgi-bin/%s.fcgi%s" % (name, path))
            page_script = script if program == "notify" else None
            if page_script:
                req = urllib.request.Request(url, data=body.encode("ascii"), headers={"Content-Type": ALIPAY_CTYPE})
                with urllib.request.urlopen(req, timeout=30) as r:
                    answer = r.read().decode("utf-8", "replace")
                check(answer == "success", "notify: a duplicate notification is answered %r (want 'success')" % answer)
            subprocess.run(["wrk", "-t1", "-c2", "-d1s"] + (["-s", page_script] if page_script else []) + [url],
                           capture_output=True, timeout=60)
            before = {p: rss_kib(p) for p in fcgi_pids(name)}
            rps, p99, errors, done, refused = wrk(url, args.seconds, page_script)
            time.sleep(0.2)
            growth = max([rss_kib(p) - before.get(p, rss_kib(p)) for p in fcgi_pids(name)] or [0])
            check(rps >= TARGETS[key], "%s: %.0f req/s (target >= %d)" % (program, rps, TARGETS[key]))
            check(p99 <= TARGETS[p99_key], "%s: p99 %.1f ms (target <= %d)" % (program, p99, TARGETS[p99_key]))
            check(errors == 0, "%s: %d non-2xx/3xx answers (target 0)" % (program, errors))
            if refused is not None:
                check(refused == 0, "%s: %d of %d answers not 'success' (target 0)" % (program, refused, done))
            check(growth <= TARGETS["rss_growth_kib"],
                  "%s: RSS growth %d KiB (target <= %d)" % (program, growth, TARGETS["rss_growth_kib"]))
            if program == "notify":
                stored = site.sql("SELECT count(*) || ' ' || count(*) FILTER (WHERE verdict = 'duplicate')"
                                  " FROM alipay_notifications").split()
                check(int(stored[0]) > done and stored[0] == stored[1],
                      "notify: %s notifications stored, %s of them 'duplicate' (want all, and more than the %d"
                      " measured requests)" % (stored[0], stored[1], done))
                payments = site.sql("SELECT count(*) FROM payments")
                check(payments == "1", "notify: %s payment(s) recorded (want exactly 1)" % payments)
    finally:
        site.stop()
        if script:
            os.unlink(script)
    report = "\n".join(lines)
    print(report)
    if args.record:
        with open(args.record, "w") as f:
            f.write("# certdesk bench, %s, %d s per page, 2 threads x 8 connections, lighttpd + FastCGI on loopback\n%s\n"
                    % (time.strftime("%Y-%m-%d"), args.seconds, report))
    sys.exit(1 if failed else 0)


main()
