# bench/bench.py: what users feel at scale: certdesk's pages on a seeded site (1,000,000 orders) and a small one (10,000) next to the PHP-FPM peer, interleaved wrk runs on loopback, ratios against the targets of issue 11.
"""Usage: top_builddir=BUILD top_srcdir=SRC python3 bench/bench.py [--record FILE]

Knobs (environment; see bench/README.md):
  BENCH_ORDERS (1000000), BENCH_USERS (BENCH_ORDERS / 10): the big site
  BENCH_SMALL_ORDERS (10000): the small site the big one is compared with
  BENCH_DATA=DIR: keep the big site's seeded data (and the peer's database) in DIR and
                  reuse them next time; without it they go to a temporary dir removed at the end
  BENCH_RUNS (3), BENCH_SECONDS (8), BENCH_CONNS (16), BENCH_THREADS (2): interleaved wrk runs
  BENCH_SUBMITTERS (32), BENCH_SUBMIT_SECONDS (30): the concurrent submitters
  BENCH_PROCS (4): FastCGI processes per program (lighttpd max-procs)
  BENCH_PEER (../shared/bench-peer next to the checkout): the PHP-FPM peer; BENCH_PEER=none skips it
Exits 1 when a target is missed.
"""
import argparse
import base64
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "lib"))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "http"))
from servers import ALIPAY_APP_ID, ALIPAY_SELLER_ID, TOP_BUILD, TOP_SRC, Site  # noqa: E402
from httpclient import Client  # noqa: E402
from fixtures import pdf  # noqa: E402
from orders import APPLY, ENTERPRISE, UPLOAD, order_of, submit_enterprise, upload  # noqa: E402
from payments import uscc  # noqa: E402
from staff import totp  # noqa: E402

ENV = os.environ.get
ORDERS = int(ENV("BENCH_ORDERS", "1000000"))
USERS = int(ENV("BENCH_USERS", str(max(1, ORDERS // 10))))
SMALL_ORDERS = int(ENV("BENCH_SMALL_ORDERS", "10000"))
RUNS = int(ENV("BENCH_RUNS", "3"))
SECONDS = int(ENV("BENCH_SECONDS", "8"))
CONNS = int(ENV("BENCH_CONNS", "16"))
THREADS = int(ENV("BENCH_THREADS", "2"))
SUBMITTERS = int(ENV("BENCH_SUBMITTERS", "32"))
SUBMIT_SECONDS = int(ENV("BENCH_SUBMIT_SECONDS", "30"))
PROCS = int(ENV("BENCH_PROCS", "4"))   # lighttpd max-procs per program (conf/lighttpd-certdesk.conf's count)
PEER = ENV("BENCH_PEER", os.path.normpath(os.path.join(TOP_SRC, "..", "shared", "bench-peer")))
PAGE_SIZE = 10            # cgi-bin/orders.c PER_PAGE: the peer shows as many rows
SEED = 1                  # seed-demo --seed: the same data every time
DEMO_PASSWORD = "Bench2026pw"
MIB = 1024 * 1024

# The old targets (absolute, on the project's 2-core machine) and the ratios of issue 11.
TARGETS = {
    "home_rps": 1500, "register_rps": 1500, "p99_ms": 50, "rss_growth_kib": 2048,
    "notify_rps": 500, "notify_p99_ms": 400,
    "orders_vs_peer": 2.0, "orders_vs_home": 0.70, "orders_p99_ms": 10.0,
    "queue_vs_home": 0.50, "search_vs_home": 0.25, "scale": 1.2,
    "upload_rss_mib": 16, "form_ms": 50, "qr_ms": 5,
}

# What was found behind each miss of the recorded runs (bench/RESULTS.md, bench/README.md),
# printed next to a target when it is missed again; the first matching prefix wins.
KNOWN_CAUSES = [
    ("order list at", "run-to-run spread: the small site's list is itself 4,500–5,600 req/s across the three runs"
     " of one record; the list reads the applicant's own ten rows through orders_user at any size"),
    ("order list p99", "tail latency of 16 connections on 2 cores shared with lighttpd and wrk: 7.4 ms in the"
     " previous record, 12.3 ms in this one, with the same code paths"),
    ("PDF form", "perf: about 68% of a form's 51 ms is zlib deflating a 1 MB PDF in cairo_surface_finish (the"
     " embedded Noto CJK subsets), 6% drawing the form; the previous record measured 27.7 ms on another machine"),
    ("order list vs the peer", "the framework's fixed cost per request: perf on orders.fcgi (1 process, 1,000,000"
     " orders) puts about 35% of its ~220 µs in ClearSilver (the CGI environment copied into HDF, the page data as"
     " a tree of ~300 nodes, the template interpreted) and libfcgi (8 KiB records, allocations), about 20% in"
     " SQLite; home.fcgi's own 72 µs is already more than the peer's whole hello page"),
    ("order list vs home", "the list's own work: four statements, ten rows of twenty values through HDF and a"
     " 16 KiB page through libfcgi's 8 KiB records, about three times home.fcgi's CPU per request"),
    ("staff queue at", "not analysed"),
    ("staff queue", "per-request work for its 20 rows (HDF rows, their life-table flags, a 15 KiB page) and the"
     " capped count of up to 1,001 pending orders; about 390 µs of CPU against home's 72"),
    ("staff search by name", "each FTS5 query of the trigram index costs some 30 µs to open, and a whole name"
     " needs a probe or two for a rare trigram before its rows are read"),
    ("search by name at", "at 1,000,000 orders the first trigrams of a name are less often rare, so a search"
     " probes one or two more before it finds one that drives"),
    ("10 MiB upload", "upload.fcgi maps cairo, pango and fontconfig for the PDF forms it also serves: about 9 MiB"
     " of library pages before any request"),
    ("... 'database is locked'", "before commit 4b3d3ec: PRAGMA optimize after every 1,000 requests upgraded"
     " its read snapshot to a write, which fails at once in WAL mode"),
]

# The already paid order the notifications are about (rows inserted with sqlite3).
ORDER, FEN = 7340000000000001, 65000
OUT_TRADE_NO, TRADE_NO = "%d_1" % ORDER, "2026120222001400000000000001"
ALIPAY_CTYPE = "application/x-www-form-urlencoded; text/html; charset=utf-8"
ALIPAY_PRIVATE = os.path.join(TOP_SRC, "tests", "unit", "alipay-keys", "alipay_private.pem")


def log(msg):
    print("[bench %s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)


# ---- measuring ------------------------------------------------------------------------------

def rss_kib(pid, field="VmRSS"):
    try:
        with open("/proc/%d/status" % pid) as f:
            m = re.search(field + r":\s+(\d+)", f.read())
            return int(m.group(1)) if m else 0
    except OSError:
        return 0


def fcgi_pids(site, program):
    """The FastCGI processes of program spawned by this site's lighttpd (its children: the
    sites share one build, so the command line alone would mix them up)."""
    out = subprocess.run(["pgrep", "-P", str(site.proc.pid), "-f", "%s/%s.fcgi" % (site.cgidir, program)],
                         capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def wrk(url, seconds, conns=CONNS, threads=THREADS, cookie=None, script=None):
    """dict: rps, p50/p99 ms, bad (non-2xx/3xx + socket errors), done, refused (script) or None."""
    cmd = ["wrk", "-t%d" % threads, "-c%d" % conns, "-d%ds" % seconds, "--timeout", "5s", "--latency"]
    if cookie:
        cmd += ["-H", "Cookie: " + cookie]
    if script:
        cmd += ["-s", script]
    text = subprocess.run(cmd + [url], capture_output=True, text=True, timeout=seconds + 60).stdout
    lat = {}
    for pct in ("50", "99"):
        m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s|m)\s*$" % pct, text, re.M)
        lat[pct] = float(m.group(1)) * UNIT[m.group(2)] if m else float("nan")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    se = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    refused = re.search(r"Not success: (\d+)", text)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)), "p50": lat["50"],
            "p99": lat["99"], "done": int(re.search(r"(\d+) requests in", text).group(1)),
            "bad": (int(errors.group(1)) if errors else 0) + (sum(map(int, se.groups())) if se else 0),
            "refused": int(refused.group(1)) if refused else None}


def median(xs):
    return statistics.median(xs) if xs else float("nan")


# ---- the certdesk sites -----------------------------------------------------------------------

class BenchSite(Site):
    """A Site whose Data.Dir may live outside its throwaway dir (BENCH_DATA), seeded once with
    certdesk-admin seed-demo (--demo-applicant, password DEMO_PASSWORD) and reused after."""

    def __init__(self, data_dir, users, orders, **kw):
        super().__init__(server="lighttpd", sms_driver="file", lifetime=4 * 3600, **kw)
        self.keep_data, self.users, self.orders = data_dir, users, orders

    def _webconf(self, kind, out, **kw):
        kw["maxprocs"] = PROCS
        super()._webconf(kind, out, **kw)

    def _write_config(self):
        if self.keep_data:
            self.data = self.keep_data
        super()._write_config()

    def _init_data(self):
        marker = os.path.join(self.data, "bench-seeded")
        if os.path.exists(marker):
            log("reusing the seeded data in %s (%s)" % (self.data, open(marker).read().strip()))
            return
        os.makedirs(self.data, exist_ok=True)
        if os.path.exists(os.path.join(self.data, "certdesk.db")):
            raise SystemExit("%s holds a database not seeded by the bench: remove it" % self.data)
        super()._init_data()
        log("seeding %d users, %d orders in %s" % (self.users, self.orders, self.data))
        t0 = time.monotonic()
        r = subprocess.run([os.path.join(TOP_BUILD, "tools", "certdesk-admin"), "--config", self.config, "seed-demo",
                            "--users", str(self.users), "--orders", str(self.orders), "--seed", str(SEED),
                            "--demo-applicant"], input=(DEMO_PASSWORD + "\n").encode(), capture_output=True,
                           timeout=3 * 3600)
        if r.returncode != 0:
            raise SystemExit("seed-demo failed: %s" % r.stderr.decode("utf-8", "replace"))
        with open(marker, "w") as f:
            f.write("seed-demo --users %d --orders %d --seed %d, %.0f s\n"
                    % (self.users, self.orders, SEED, time.monotonic() - t0))
        log("seeded in %.0f s" % (time.monotonic() - t0))


def applicant(site):
    """A Client signed in as the demo applicant (POST login.fcgi)."""
    mobile = site.sql("SELECT mobile FROM users WHERE pw_hash <> '!seed-demo' ORDER BY id LIMIT 1")
    c = Client(site.base, timeout=60)
    r = c.post("/cgi-bin/login.fcgi", {"action": "login", "mobile": mobile, "password": DEMO_PASSWORD,
                                       "csrf": c.csrf("/cgi-bin/login.fcgi")})
    if r.status != 303:
        raise SystemExit("the demo applicant %s cannot sign in: %s" % (mobile, r.summary()))
    return c


def staff(site):
    """A Client signed in as a reviewer through the pages: staff-add, password, the TOTP
    enrolment secret read from the second-factor page and its current code (RFC 6238)."""
    login = "bench%d" % (time.time() * 1000 % 10 ** 9)
    password = "BenchStaff2026x"
    r = site.admin("staff-add", login, "reviewer", input=password + "\n")
    if r.returncode != 0:
        raise SystemExit("staff-add failed: %s" % r.stderr.decode("utf-8", "replace"))
    c = Client(site.base, timeout=60)
    admin = "/cgi-bin/admin.fcgi"
    r = c.post(admin, {"action": "login", "login": login, "password": password, "csrf": c.csrf(admin)})
    if r.status != 303:
        raise SystemExit("staff sign-in: %s" % r.summary())
    r = c.get(admin)
    m = re.search(r'class="mono totp-secret">([A-Z2-7]+)<', r.text)
    if not m:
        raise SystemExit("staff sign-in: no TOTP enrolment secret: %s" % r.summary())
    r = c.post(admin, {"action": "totp", "totp": totp(m.group(1)), "csrf": r.csrf()})
    if r.status != 303:
        raise SystemExit("staff TOTP: %s" % r.summary())
    return c


def cookie(c):
    return "; ".join("%s=%s" % kv for kv in c.jar.items())


def certdesk_pages(site, label):
    """{name: (url, cookie)} of the measured pages of a seeded site, each checked once."""
    a, s = applicant(site), staff(site)
    org, code = site.sql("SELECT org_name || '|' || uscc FROM orders WHERE subject = 'enterprise'"
                         " AND id >= (SELECT (min(id) + max(id)) / 2 FROM orders) LIMIT 1").split("|")
    pages = {"home": ("/cgi-bin/home.fcgi", None),
             "orders": ("/cgi-bin/orders.fcgi", cookie(a)),
             "queue": ("/cgi-bin/admin.fcgi", cookie(s)),
             "search_name": ("/cgi-bin/admin.fcgi?q=" + urllib.parse.quote(org), cookie(s)),
             "search_uscc": ("/cgi-bin/admin.fcgi?q=" + code, cookie(s))}
    for name, (path, ck) in pages.items():
        r = (a if name == "orders" else s).get(path)
        rows = len(re.findall(r"<tr", r.text))
        if r.status != 200:
            raise SystemExit("%s %s: %s" % (label, name, r.summary()))
        if name.startswith("search") and (org if name == "search_name" else code) not in r.text:
            raise SystemExit("%s %s finds nothing: %s" % (label, name, r.summary()))
        log("%s %s: 200, %d bytes, %d table rows" % (label, name, len(r.body), rows))
    return {k: (site.url(p), c) for k, (p, c) in pages.items()}, a


# ---- the PHP-FPM peer ------------------------------------------------------------------------------

class Peer:
    """../shared/bench-peer's pieces (make_db.py, the conf templates, the PHP pages with
    PEER_PAGE_SIZE = PAGE_SIZE) run the way its run.sh runs them, as www-data."""

    def __init__(self, data_dir):
        self.dir = tempfile.mkdtemp(prefix="certdesk-peer-")
        os.chmod(self.dir, 0o755)
        self.dbdir = data_dir or os.path.join(self.dir, "db")
        self.db = os.path.join(self.dbdir, "orders.db")
        self.fpm = self.lighttpd = None

    def start(self):
        os.makedirs(self.dbdir, exist_ok=True)
        out = os.path.join(self.dbdir, "make_db.txt")
        if not os.path.exists(out):
            users = max(USERS, 4242)       # make_db.py's user 4242 holds the measured session
            orders = max(ORDERS, users)
            log("peer: building its database (%d users, %d orders)" % (users, orders))
            with open(out + ".tmp", "w") as f:
                subprocess.run([sys.executable, os.path.join(PEER, "make_db.py"), self.db, "--users", str(users),
                                "--orders", str(orders)], stdout=f, check=True, timeout=3600)
            os.replace(out + ".tmp", out)
        self.token = re.search(r"^token=(\w+)", open(out).read(), re.M).group(1)
        subprocess.run(["chown", "-R", "www-data:www-data", self.dbdir], check=True)
        os.chmod(self.dbdir, 0o755)
        www, logd = os.path.join(self.dir, "www"), os.path.join(self.dir, "log")
        os.makedirs(www)
        os.makedirs(logd)
        shutil.chown(logd, "www-data", "www-data")
        for f in ("_layout.php", "hello.php", "orders_pconn.php", "orders.php"):
            text = open(os.path.join(PEER, f)).read()
            text = text.replace("PAGE_SIZE = 20", "PAGE_SIZE = %d" % PAGE_SIZE).replace(
                "LIMIT 20 OFFSET", "LIMIT %d OFFSET" % PAGE_SIZE)
            with open(os.path.join(www, f), "w") as g:
                g.write(text)
        self.port = free_port()
        fill = {"@DOCROOT@": www, "@RUNDIR@": self.dir, "@SOCK@": os.path.join(self.dir, "php-fpm.sock"),
                "@PORT@": str(self.port), "@DB@": self.db, "@CHILDREN@": ENV("PEER_CHILDREN", "4")}
        for name in ("lighttpd.conf", "php-fpm.conf"):
            text = open(os.path.join(PEER, name + ".in")).read()
            for k, v in fill.items():
                text = text.replace(k, v)
            with open(os.path.join(self.dir, name), "w") as g:
                g.write(text)
        fpm = shutil.which("php-fpm8.2") or "/usr/sbin/php-fpm8.2"
        self.fpm = subprocess.Popen([fpm, "-F", "-y", os.path.join(self.dir, "php-fpm.conf")],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.lighttpd = subprocess.Popen(["lighttpd", "-D", "-f", os.path.join(self.dir, "lighttpd.conf")],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.base = "http://127.0.0.1:%d" % self.port
        for _ in range(100):
            try:
                if urllib.request.urlopen(self.base + "/hello.php", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        req = urllib.request.Request(self.base + "/orders_pconn.php", headers={"Cookie": "sid=" + self.token})
        page = urllib.request.urlopen(req, timeout=30).read().decode("utf-8")
        rows = len(re.findall(r"^<tr><td>[0-9]", page, re.M))
        if rows != PAGE_SIZE or "共 50 条" not in page:
            raise SystemExit("peer: orders_pconn.php shows %d rows (want %d of 50)" % (rows, PAGE_SIZE))
        log("peer: up on port %d, %d rows a page" % (self.port, rows))
        ck = "sid=" + self.token
        return {"peer_hello": (self.base + "/hello.php", None), "peer_orders": (self.base + "/orders.php", ck),
                "peer_orders_pconn": (self.base + "/orders_pconn.php", ck)}

    def stop(self, keep_db):
        for p, sig in ((self.lighttpd, 15), (self.fpm, 3)):
            if p and p.poll() is None:
                p.send_signal(sig)
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait(timeout=5)
        if not keep_db:
            shutil.rmtree(self.dbdir, ignore_errors=True)
        shutil.rmtree(self.dir, ignore_errors=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---- the single-request and write checks ---------------------------------------------------------

def draft_order(c, n):
    """A saved (draft) enterprise order of client c with USCC number n; its number."""
    csrf = c.csrf(APPLY + "?subject=enterprise")
    r = c.post(APPLY, dict(ENTERPRISE, action="save", csrf=csrf, uscc=uscc(n)))
    order = order_of(r.header("Location"))
    if not order:
        raise SystemExit("saving a draft: %s" % r.summary())
    return order, csrf


def big_pdf(size):
    """A one-page PDF of exactly size bytes (fixtures.pdf's structure) whose page content is a
    stream of pseudo-random bytes, as a scan's compressed image is: binary, with a line break
    every 256 bytes on average (not one 10 MiB line, which no scanner writes)."""
    import random
    rnd = random.Random(SEED)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"]

    def build(n):
        stream = rnd.randbytes(n)
        body = objs + [b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"]
        out, offsets = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", []
        for i, o in enumerate(body, 1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1)
        out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(body) + 1, xref)
        return out
    overhead = len(build(0))
    data = build(size - overhead)
    return data if len(data) == size else build(size - overhead - (len(data) - size))


def big_upload(site, c):
    """Uploads a 10 MiB PDF as the application form of a new draft; (status, peak RSS KiB of the
    upload.fcgi processes: VmHWM, the high-water mark of each)."""
    order, csrf = draft_order(c, 900000)
    data = big_pdf(10 * MIB)
    r = upload(c, order, "form", "申请表.pdf", data, "application/pdf", csrf)
    time.sleep(0.2)
    peak = max([(rss_kib(p, "VmHWM"), rss_kib(p, "RssFile")) for p in fcgi_pids(site, "upload")] or [(0, 0)])
    return r.status, len(data), peak[0], peak[1]


def submitters(site, c0, n_threads, seconds):
    """n_threads applicants' browsers (each signed in on its own) saving, uploading and
    submitting orders for `seconds`; (submitted, requests, answers >= 500 or none, examples)."""
    clients = [applicant(site) for _ in range(n_threads)]
    lock, counter = threading.Lock(), [1000]
    stats = {"submitted": 0, "requests": 0, "bad": 0, "examples": []}
    stop = time.monotonic() + seconds

    def work(c):
        while time.monotonic() < stop:
            with lock:
                counter[0] += 1
                n = counter[0]
            order, r = submit_enterprise(c, {"uscc": uscc(n)})
            with lock:
                stats["requests"] += 12
                for m, p, st in c.history[-12:]:
                    if st == 0 or st >= 500:
                        stats["bad"] += 1
                        if len(stats["examples"]) < 5:
                            stats["examples"].append("%s %s: %d" % (m, p, st))
                if order and r.status == 303:
                    stats["submitted"] += 1
    ts = [threading.Thread(target=work, args=(c,)) for c in clients]
    for t in ts:
        t.start()
    for t in ts:
        t.join(timeout=seconds + 300)
    return stats


def log_mentions(site, pattern):
    """Lines of the site's logs (programs' standard error via lighttpd) that match pattern."""
    hits = []
    for name in sorted(os.listdir(site.logdir)):
        if name.endswith("access.log"):
            continue
        with open(os.path.join(site.logdir, name), encoding="utf-8", errors="replace") as f:
            hits += [name + ": " + line.rstrip() for line in f if re.search(pattern, line, re.I)]
    return hits


def paid_order(site):
    """An applicant, a submitted order paid by Alipay, its paid trade and the payment (sqlite3)."""
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
    """A TRADE_SUCCESS notification of OUT_TRADE_NO as Alipay sends it, signed RSA2 with the
    throwaway alipay_private.pem; the form-encoded body."""
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


def account_pages(check, seconds):
    """The old benchmark: home, register and the duplicate Alipay notification on a fresh
    unseeded site, against the absolute targets, with RSS growth per program."""
    site = Site(server="lighttpd", alipay=True, sms_driver="file", lifetime=3600).start()
    script = None
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
                check("notify answer", answer == "success", "'%s'" % answer, "'success'",
                      "a duplicate notification is answered success")
            subprocess.run(["wrk", "-t1", "-c2", "-d1s"] + (["-s", page_script] if page_script else []) + [url],
                           capture_output=True, timeout=60)
            before = {p: rss_kib(p) for p in fcgi_pids(site, name)}
            w = wrk(url, seconds, conns=8, script=page_script)
            time.sleep(0.2)
            growth = max([rss_kib(p) - before.get(p, rss_kib(p)) for p in fcgi_pids(site, name)] or [0])
            check("%s req/s (fresh site, -c8)" % program, w["rps"] >= TARGETS[key], "%.0f" % w["rps"],
                  ">= %d" % TARGETS[key])
            check("%s p99" % program, w["p99"] <= TARGETS[p99_key], "%.1f ms" % w["p99"],
                  "<= %d ms" % TARGETS[p99_key])
            check("%s errors" % program, w["bad"] == 0, "%d" % w["bad"], "0")
            if w["refused"] is not None:
                check("%s answers not success" % program, w["refused"] == 0, "%d of %d" % (w["refused"], w["done"]),
                      "0")
            check("%s RSS growth" % program, growth <= TARGETS["rss_growth_kib"], "%d KiB" % growth,
                  "<= %d KiB" % TARGETS["rss_growth_kib"])
            if program == "notify":
                stored = site.sql("SELECT count(*) || ' ' || count(*) FILTER (WHERE verdict = 'duplicate')"
                                  " FROM alipay_notifications").split()
                check("notify stored as duplicate", int(stored[0]) > w["done"] and stored[0] == stored[1],
                      "%s of %s" % (stored[1], stored[0]), "all, > %d" % w["done"])
                payments = site.sql("SELECT count(*) FROM payments WHERE order_id = %d" % ORDER)
                check("notify payments", payments == "1", payments, "1")
    finally:
        site.stop()
        if script:
            os.unlink(script)


# ---- the machine --------------------------------------------------------------------------------

def machine():
    def first(cmd, pattern=None):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout + ""
        except OSError:
            return "?"
        m = re.search(pattern, out, re.M) if pattern else None
        return (m.group(1) if m else out.strip().splitlines()[0] if out.strip() else "?").strip()
    cpu = first(["cat", "/proc/cpuinfo"], r"^model name\s*:\s*(.*)$")
    mem = first(["cat", "/proc/meminfo"], r"^MemTotal:\s*(\d+)")
    return [("CPU", "%s, %d cores" % (cpu, os.cpu_count())),
            ("memory", "%.1f GiB" % (int(mem) / 1024 / 1024) if mem.isdigit() else mem),
            ("kernel", platform.release()),
            ("system", first(["cat", "/etc/os-release"], r'^PRETTY_NAME="?([^"\n]*)')),
            ("lighttpd", first(["lighttpd", "-v"], r"lighttpd/(\S+)")),
            ("sqlite", first(["sqlite3", "--version"], r"^(\S+)")),
            ("php", first(["php-fpm8.2", "-v"], r"^PHP (\S+)")),
            ("wrk", first(["wrk", "-v"], r"^wrk (\S+)"))]


# ---- main -------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--record")
    args = ap.parse_args()
    keep = ENV("BENCH_DATA")
    tmp = None
    if keep:
        keep = os.path.abspath(keep)
        big_dir, peer_dir = os.path.join(keep, "orders-%d" % ORDERS, "data"), os.path.join(keep, "peer-%d" % ORDERS)
    else:
        tmp = tempfile.mkdtemp(prefix="certdesk-bench-")
        os.chmod(tmp, 0o755)
        big_dir, peer_dir = os.path.join(tmp, "big"), os.path.join(tmp, "peer")
    rows, failed = [], [0]

    def check(what, good, measured, target, note=""):
        failed[0] += not good
        if not good:
            cause = [c for k, c in KNOWN_CAUSES if what.startswith(k)]
            note = "; ".join(([note] if note else []) + (["known cause: " + cause[0]] if cause else []))
        rows.append((what, measured, target, "met" if good else "**MISSED**", note))

    sites, peer = [], None
    started = time.time()
    try:
        big = BenchSite(big_dir, USERS, ORDERS, label="big")
        sites.append(big)
        big.start()
        small = BenchSite(None, max(1, SMALL_ORDERS // 10), SMALL_ORDERS, label="small")
        sites.append(small)
        small.start()
        urls = {}
        big_pages, big_client = certdesk_pages(big, "%d orders" % ORDERS)
        small_pages, small_client = certdesk_pages(small, "%d orders" % SMALL_ORDERS)
        urls.update(big_pages)
        urls.update({"small_" + k: v for k, v in small_pages.items() if k != "home"})
        if PEER != "none":
            peer = Peer(peer_dir)
            urls.update(peer.start())
        order_names = list(urls)
        log("warm-up")
        for name in order_names:
            wrk(urls[name][0], 2, cookie=urls[name][1])
        res = {n: [] for n in order_names}
        for run in range(1, RUNS + 1):
            for name in order_names:
                w = wrk(urls[name][0], SECONDS, cookie=urls[name][1])
                res[name].append(w)
                log("run %d/%d %-18s %7.0f req/s  p99 %6.1f ms  bad %d" % (run, RUNS, name, w["rps"], w["p99"],
                                                                          w["bad"]))
        rps = {n: median([w["rps"] for w in res[n]]) for n in order_names}
        p99 = {n: median([w["p99"] for w in res[n]]) for n in order_names}
        bad = {n: sum(w["bad"] for w in res[n]) for n in order_names}
        table = [(n, rps[n], " / ".join("%.0f" % w["rps"] for w in res[n]), p99[n], bad[n]) for n in order_names]

        home = rps["home"]
        if peer:
            r = rps["orders"] / rps["peer_orders_pconn"]
            check("order list vs the peer's persistent-connection list", r >= TARGETS["orders_vs_peer"],
                  "%.2f×" % r, ">= 2×")
        check("order list vs home.fcgi", rps["orders"] / home >= TARGETS["orders_vs_home"],
              "%.0f%%" % (100 * rps["orders"] / home), ">= 70%")
        check("order list p99 at %d connections" % CONNS, p99["orders"] <= TARGETS["orders_p99_ms"],
              "%.1f ms" % p99["orders"], "<= 10 ms")
        check("staff queue vs home.fcgi", rps["queue"] / home >= TARGETS["queue_vs_home"],
              "%.0f%%" % (100 * rps["queue"] / home), ">= 50%")
        for k, what in (("search_name", "staff search by name"), ("search_uscc", "staff search by USCC")):
            check("%s vs home.fcgi" % what, rps[k] / home >= TARGETS["search_vs_home"],
                  "%.0f%%" % (100 * rps[k] / home), ">= 25%")
        for k, what in (("orders", "order list"), ("queue", "staff queue"), ("search_name", "search by name"),
                        ("search_uscc", "search by USCC")):
            # the same pages' throughput at 10,000 orders over it at 1,000,000: "within 1.2×"
            r = rps["small_" + k] / rps[k]
            check("%s at %d vs %d orders" % (what, ORDERS, SMALL_ORDERS), r <= TARGETS["scale"],
                  "%.2f× slower" % r, "<= 1.2×")
        for n in order_names:
            check("%s errors" % n, bad[n] == 0, "%d" % bad[n], "0")

        # Single requests on the big site: the PDF form and its QR code, one connection.
        mine = big.sql("SELECT id FROM orders WHERE user_id = (SELECT id FROM users WHERE pw_hash <> '!seed-demo'"
                       " ORDER BY id LIMIT 1) AND subject = 'enterprise' ORDER BY id DESC LIMIT 20").split()
        form_url = None
        for o in mine:
            r = big_client.get("/cgi-bin/upload.fcgi?order=%s&doc=form" % o)
            if r.status == 200 and r.body.startswith(b"%PDF"):
                form_url = "/cgi-bin/upload.fcgi?order=%s&doc=form" % o
                break
        if form_url:
            q = big_client.get(form_url + "&qr=1")
            ok_png = q.status == 200 and q.body.startswith(b"\x89PNG")
            f = wrk(big.url(form_url), 5, conns=1, threads=1, cookie=cookie(big_client))
            check("PDF form (median, 1 connection)", f["p50"] <= TARGETS["form_ms"] and f["bad"] == 0,
                  "%.1f ms" % f["p50"], "<= 50 ms")
            g = wrk(big.url(form_url + "&qr=1"), 5, conns=1, threads=1, cookie=cookie(big_client))
            check("QR PNG (median, 1 connection)", ok_png and g["p50"] <= TARGETS["qr_ms"] and g["bad"] == 0,
                  "%.2f ms" % g["p50"], "<= 5 ms", "" if ok_png else "qr=1 is not a PNG")
        else:
            check("PDF form", False, "none", "<= 50 ms", "no enterprise order of the demo applicant has a form")

        # Writes go to the small site (fresh every run), so that the big one stays as seeded.
        status, size, peak, files = big_upload(small, small_client)
        check("10 MiB upload: peak RSS (VmHWM) of upload.fcgi",
              status == 303 and peak < TARGETS["upload_rss_mib"] * 1024,
              "%.1f MiB (answer %d, %d bytes)" % (peak / 1024, status, size), "< 16 MiB",
              "of which %.1f MiB mapped library pages (RssFile), %.1f MiB the program's own"
              % (files / 1024, (peak - files) / 1024))
        log("%d submitters for %d s" % (SUBMITTERS, SUBMIT_SECONDS))
        st = submitters(small, small_client, SUBMITTERS, SUBMIT_SECONDS)
        locked = log_mentions(small, r"database is locked|SQLITE_BUSY|busy")
        check("%d submitters for %d s: answers >= 500" % (SUBMITTERS, SUBMIT_SECONDS), st["bad"] == 0,
              "%d of ~%d requests (%d orders submitted)" % (st["bad"], st["requests"], st["submitted"]), "0",
              "; ".join(st["examples"]))
        check("... 'database is locked' in the logs", not locked, "%d lines" % len(locked), "0",
              "; ".join(locked[:3]))
        for s in sites:
            s.stop()
        sites = []
        if peer:
            peer.stop(keep_db=bool(keep))
            peer = None
        account_pages(check, SECONDS)
    finally:
        for s in sites:
            s.stop()
        if peer:
            peer.stop(keep_db=bool(keep))
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    out = ["## Throughput (median of %d interleaved %d s runs, wrk -t%d -c%d)" % (RUNS, SECONDS, THREADS, CONNS), "",
           "| page | median req/s | runs | median p99 ms | errors |", "|---|---:|---|---:|---:|"]
    out += ["| %s | %.0f | %s | %.2f | %d |" % t for t in table]
    out += ["", "## Targets", "", "| target | measured | wanted | verdict | note |", "|---|---|---|---|---|"]
    out += ["| %s | %s | %s | %s | %s |" % r for r in rows]
    out += ["", "%d of %d targets met; %.0f s" % (len(rows) - failed[0], len(rows), time.time() - started)]
    report = "\n".join(out)
    print(report)
    if args.record:
        mach = machine()
        with open(args.record, "w") as f:
            f.write("# bench/RESULTS.md: the last recorded `bench/run --record`\n\n")
            f.write("Recorded %s UTC: big site %d orders / %d users (seed-demo --seed %d), small site %d orders;"
                    " %d FastCGI processes per program (lighttpd max-procs); the peer ../shared/bench-peer with %d rows a page,"
                    " PHP-FPM pm=static with %s workers.\n\n" %
                    (time.strftime("%Y-%m-%d %H:%M", time.gmtime()), ORDERS, USERS, SEED, SMALL_ORDERS, PROCS,
                     PAGE_SIZE, ENV("PEER_CHILDREN", "4")))
            f.write("| machine | |\n|---|---|\n" + "".join("| %s | %s |\n" % m for m in mach) + "\n")
            f.write(report + "\n")
    sys.exit(1 if failed[0] else 0)


main()
