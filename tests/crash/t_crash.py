# tests/crash/t_crash.py: SECURITY 21 — FastCGI programs killed with SIGKILL at random moments under mixed load (registrations, orders, uploads, submissions, Alipay notifications, approvals) through a real lighttpd; afterwards the database is intact, every write answered with success is in it, and `certdesk-admin orphans` removes the files no row names.
"""The crash loop, a tier 4 test of make check (about a minute; CERTDESK_TEST_CRASH=0 skips it).

Applicant workers run whole journeys — SMS code and registration, an enterprise
order saved, its nine documents uploaded, submitted, the payment page opened and
paid at the Alipay fake, which notifies the site — and a reviewer approves what
was submitted, while a killer sends SIGKILL to a random FastCGI child of
lighttpd (which respawns them) after a random pause, CERTDESK_CRASH_ROUNDS times
(default 100). Every answer that says a write succeeded goes into a client-side
ledger; a failed or cut-off request is simply tried again or given up. After
the loop: PRAGMA integrity_check and foreign_key_check, each ledger entry looked
up in the database (and each stored document's file read back against its
SHA-256), and the orphan sweep run dry and for real.
"""
import hashlib
import os
import random
import re
import signal
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, os.path.join(HERE, "..", "http"))
import taplib  # noqa: E402
from fixtures import ENTERPRISE_SLOTS, file_for, jpeg, multipart, pdf, png  # noqa: E402
from httpclient import Client  # noqa: E402
from orders import APPLY, ENTERPRISE, PAY, UPLOAD, order_of  # noqa: E402
from payments import uscc  # noqa: E402
from servers import Site  # noqa: E402
from staff import ADMIN, sign_in  # noqa: E402

REGISTER, LOGIN = "/cgi-bin/register.fcgi", "/cgi-bin/login.fcgi"
ROUNDS = int(os.environ.get("CERTDESK_CRASH_ROUNDS", "100"))
WORKERS = 4
TRIES = 4
PASSWORD = "Secret2024ab"
REVIEWER = ("rev1", "reviewer", "Review2024x")


class Ledger:
    """The writes the site acknowledged, by kind: lists of tuples."""

    def __init__(self):
        self.lock = threading.Lock()
        self.acked = {k: [] for k in ("register", "save", "upload", "submit", "paid", "approve")}
        self.failed = 0

    def ack(self, kind, *key):
        with self.lock:
            self.acked[kind].append(key)

    def miss(self):
        with self.lock:
            self.failed += 1


def unique_file(kind, n):
    """A fixture of kind made unique by n (so every upload is a file of its own): (bytes, type)."""
    if kind == "pdf":
        return pdf("certdesk crash test document %d" % n), "application/pdf"
    if kind == "jpeg":
        return jpeg(64 + n % 500, 48), "image/jpeg"
    if kind == "png":
        return png(100 + n % 400, 80), "image/png"
    return file_for(kind)


class Applicant(threading.Thread):
    """Runs journeys until stopped; each step is retried a few times when the answer is not success."""

    def __init__(self, site, ledger, index, stop, submitted):
        super().__init__(daemon=True)
        self.site, self.ledger, self.index, self.stop, self.submitted = site, ledger, index, stop, submitted
        self.n = 0
        self.error = None

    def forwarded(self):
        """A made-up client address (Site.TrustedProxies is 127.0.0.1), so the per-address SMS limit
        counts each journey apart."""
        return {"X-Forwarded-For": "10.%d.%d.%d" % (self.index, self.n // 250 % 250, self.n % 250 + 1)}

    def attempt(self, step):
        """Calls step() up to TRIES times until it returns a true value; returns it or None."""
        for _ in range(TRIES):
            if self.stop.is_set():
                return None
            got = step()
            if got:
                return got
            self.ledger.miss()
            time.sleep(random.uniform(0.05, 0.3))
        return None

    def register(self, c, mobile):
        def step():
            r = c.get(REGISTER, headers=self.forwarded())
            csrf = r.csrf()
            if r.status != 200 or not csrf:
                return None
            seen = len(self.site.sms_messages(mobile))
            r = c.post(REGISTER, {"action": "send_code", "mobile": mobile, "csrf": csrf}, headers=self.forwarded())
            if r.status != 303:
                return None
            code = self.site.wait_code(mobile, seen, timeout=6)
            if not code:
                return None
            r = c.post(REGISTER, {"action": "register", "mobile": mobile, "password": PASSWORD, "password2": PASSWORD,
                                  "code": code, "csrf": csrf}, headers=self.forwarded())
            if r.status == 303 and r.location_path() == "/" and "cd_sid" in c.jar:
                self.ledger.ack("register", mobile)
                return True
            # Registered, but the answer was lost: signing in says so.
            r = c.post(LOGIN, {"action": "login", "mobile": mobile, "password": PASSWORD,
                               "csrf": c.csrf(LOGIN)}, headers=self.forwarded())
            return r.status == 303 and "cd_sid" in c.jar
        return self.attempt(step)

    def save(self, c, n):
        def step():
            csrf = c.csrf(APPLY + "?subject=enterprise")
            if not csrf:
                return None
            r = c.post(APPLY, dict(ENTERPRISE, uscc=uscc(n), action="save", csrf=csrf))
            order = order_of(r.header("Location")) if r.status == 303 else None
            if order:
                self.ledger.ack("save", order)
            return order and (order, csrf)
        return self.attempt(step)

    def upload(self, c, order, csrf, slot, filename, kind):
        def step():
            self.n += 1
            data, ctype = unique_file(kind, self.index * 100000 + self.n)
            body, content_type = multipart({"csrf": csrf, "order": order, "slot": slot}, {"file": (filename, data, ctype)})
            r = c.request("POST", UPLOAD, body=body, content_type=content_type)
            if r.status == 303:
                self.ledger.ack("upload", order, slot, hashlib.sha256(data).hexdigest())
                return True
            return None
        return self.attempt(step)

    def submit(self, c, order, csrf):
        def step():
            r = c.post(UPLOAD, {"action": "submit", "order": order, "csrf": csrf})
            if r.status == 303 and r.location_path().split("?")[0] == PAY:
                self.ledger.ack("submit", order)
                return True
            return None
        return self.attempt(step)

    def pay(self, c, order):
        """Opens the payment page (the trade is created at the fake), pays, and has the fake
        notify the site; a notification not answered success is sent again."""
        def trade():
            if c.get(PAY + "?order=" + order).status != 200:
                return None
            status, trades = self.site.alipay_call("GET", "/trades")
            mine = [k for k in (trades or {}) if k.startswith(order + "_")]
            return mine[-1] if mine else None
        out_trade_no = self.attempt(trade)
        if not out_trade_no:
            return
        path = "/_control/pay?out_trade_no=%s&notify=1" % out_trade_no
        for _ in range(TRIES):
            status, got = self.site.alipay_call("POST", path)
            if status == 200 and [a.get("body") for a in (got or {}).get("answers", [])] == ["success"]:
                self.ledger.ack("paid", order, out_trade_no)
                return
            self.ledger.miss()
            path = "/_control/notify?out_trade_no=%s&mode=good&count=1" % out_trade_no
            time.sleep(random.uniform(0.05, 0.3))

    def journey(self):
        self.n += 1
        c = Client(self.site.base, timeout=30)
        mobile = "139%02d%06d" % (self.index, self.n)
        if not self.register(c, mobile):
            return
        saved = self.save(c, self.index * 10000 + self.n)
        if not saved:
            return
        order, csrf = saved
        for slot, (filename, kind) in ENTERPRISE_SLOTS.items():
            if not self.upload(c, order, csrf, slot, filename, kind):
                return
        if not self.submit(c, order, csrf):
            return
        self.submitted.append(order)
        self.pay(c, order)

    def run(self):
        try:
            while not self.stop.is_set():
                self.journey()
        except Exception as e:  # noqa: BLE001 - reported by the main thread
            self.error = "%s: %s" % (type(e).__name__, e)


class Reviewer(threading.Thread):
    """Approves the submitted orders, each with the revision its page shows."""

    def __init__(self, site, ledger, client, stop, submitted):
        super().__init__(daemon=True)
        self.site, self.ledger, self.c, self.stop, self.submitted = site, ledger, client, stop, submitted
        self.error = None

    def approve(self, order):
        for _ in range(TRIES):
            page = self.c.get(ADMIN + "?order=" + order)
            m = re.search(r'name="rev" value="(\d+)"', page.text)
            if page.status == 200 and m and page.csrf():
                r = self.c.post(ADMIN, {"action": "approve", "order": order, "rev": m.group(1), "csrf": page.csrf()})
                if r.status == 303:
                    self.ledger.ack("approve", order)
                    return
            elif page.status == 200 and not m:
                return  # approved already (an answer was lost), or no longer reviewable
            self.ledger.miss()
            time.sleep(random.uniform(0.05, 0.3))

    def run(self):
        try:
            while not self.stop.is_set():
                if self.submitted:
                    self.approve(self.submitted.pop(0))
                else:
                    time.sleep(0.1)
        except Exception as e:  # noqa: BLE001 - reported by the main thread
            self.error = "%s: %s" % (type(e).__name__, e)


def fcgi_children(site):
    """The pids of the site's FastCGI programs (lighttpd's children running a *.fcgi)."""
    found = []
    marker = site.marker.encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            exe = os.readlink("/proc/%s/exe" % entry)
            with open("/proc/%s/environ" % entry, "rb") as f:
                env = f.read().split(b"\0")
        except OSError:
            continue
        if exe.endswith(".fcgi") and marker in env:
            found.append(int(entry))
    return found


def busy(pid):
    """True when the process is running or in an uninterruptible wait (an fsync, say): in a request."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] in ("R", "D")
    except (OSError, IndexError):
        return False


def kill_loop(site, rounds, killed):
    """SIGKILLs a FastCGI child after a random pause, rounds times — one busy at that moment
    when there is one, three times in four, else any — and appends the pids to killed;
    returns how many were busy."""
    hit = 0
    for _ in range(rounds):
        time.sleep(random.uniform(0.05, 0.6))
        pids = fcgi_children(site)
        working = [p for p in pids if busy(p)]
        if working and random.random() < 0.75:
            pids = working
        if not pids:
            continue
        pid = random.choice(pids)
        try:
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
            hit += pid in working
        except ProcessLookupError:
            pass
    return hit


def check_ledger(t, site, ledger):
    """Each acknowledged write, looked up in the database."""
    acked = ledger.acked
    t.diag("acknowledged: %s; requests not answered with success: %d"
           % (", ".join("%s %d" % (k, len(v)) for k, v in acked.items()), ledger.failed))
    for kind in acked:
        t.ok(len(acked[kind]) > 0, "the load acknowledged at least one write of kind %s" % kind)

    def missing(kind, query):
        """The acknowledged keys of kind that query (rows of '|'-joined keys) does not return."""
        present = set(tuple(line.split("|")) for line in site.sql(query).splitlines())
        return [key for key in acked[kind] if key not in present]
    t.eq(missing("register", "SELECT mobile FROM users"), [], "every acknowledged registration has its account")
    t.eq(missing("save", "SELECT id FROM orders"), [], "every acknowledged order save has its order")
    t.eq(missing("upload", "SELECT order_id || '|' || slot || '|' || sha256 FROM documents"), [],
         "every acknowledged upload has its document row")
    t.eq(missing("submit", "SELECT id FROM orders WHERE status <> 'draft' AND submitted_ms IS NOT NULL"), [],
         "every acknowledged submission left its order submitted")
    t.eq(missing("paid", "SELECT p.order_id || '|' || p.out_trade_no FROM payments p JOIN orders o ON o.id = p.order_id"
                 " WHERE p.method = 'alipay' AND p.status = 'received' AND o.pay_status = 'paid'"), [],
         "every notification answered success has its payment received and the order paid")
    t.eq(missing("approve", "SELECT order_id FROM order_history WHERE to_status = 'approved' GROUP BY order_id"
                 " HAVING count(*) = 1"), [], "every acknowledged approval is in the order's history, once")


def check_whole(t, site):
    """Nothing half-written: a submitted order has its nine documents, money is applied once."""
    t.eq(site.sql("SELECT id FROM orders o WHERE status <> 'draft' AND (SELECT count(*) FROM documents d"
                  " WHERE d.order_id = o.id AND d.current = 1) <> %d" % len(ENTERPRISE_SLOTS)), "",
         "every submitted order has its nine current documents")
    t.eq(site.sql("SELECT order_id FROM payments WHERE status = 'received' GROUP BY order_id HAVING count(*) > 1"), "",
         "no order received its money twice")
    t.eq(site.sql("SELECT id FROM orders o WHERE (pay_status = 'paid') <> EXISTS (SELECT 1 FROM payments p"
                  " WHERE p.order_id = o.id AND p.status = 'received')"), "",
         "an order is paid exactly when a payment for it was received")


def check_files(t, site):
    """Every document row's file is on disk with the content its SHA-256 names."""
    bad = []
    for line in site.sql("SELECT path || '|' || sha256 FROM documents").splitlines():
        path, sha = line.split("|")
        try:
            with open(os.path.join(site.data, "uploads", path), "rb") as f:
                if hashlib.sha256(f.read()).hexdigest() != sha:
                    bad.append((path, "content"))
        except OSError as e:
            bad.append((path, str(e)))
    t.eq(bad, [], "every document row's file is on disk, whole")


def check_orphans(t, site):
    """The orphan sweep: dry run lists the unreferenced files (a planted one among them), the real
    run removes them, and every file a row names stays."""
    planted = os.path.join(site.data, "uploads", "ff", "f" * 64 + ".pdf")
    os.makedirs(os.path.dirname(planted), exist_ok=True)
    with open(planted, "wb") as f:
        f.write(pdf("planted orphan"))
    if site.user:
        os.chown(planted, site.user[1], site.user[2])
    old = time.time() - 7200
    os.utime(planted, (old, old))
    r = site.admin("orphans", "--dry-run", "--grace", "60")
    out = r.stdout.decode("utf-8", "replace")
    listed = re.findall(r"^would remove (uploads/\S+)", out, re.M)
    t.ok(r.returncode == 0 and "uploads/ff/%s.pdf" % ("f" * 64) in listed,
         "orphans --dry-run lists the planted old orphan", out[-2000:])
    r = site.admin("orphans", "--dry-run", "--grace", "0")
    out = r.stdout.decode("utf-8", "replace")
    listed = re.findall(r"^would remove uploads/(\S+)", out, re.M)
    t.diag("files without a row after the kills (besides the planted one): %d" % (len(listed) - 1))
    named = sorted(set(listed) & set(site.sql("SELECT path FROM documents").splitlines()))
    t.eq(named, [], "no file it lists is named by a document")
    t.ok(os.path.exists(planted), "a dry run removes nothing")
    r = site.admin("orphans", "--grace", "0")
    t.ok(r.returncode == 0 and not os.path.exists(planted), "orphans removes them",
         r.stdout.decode("utf-8", "replace")[-2000:] + r.stderr.decode("utf-8", "replace"))
    r = site.admin("orphans", "--dry-run", "--grace", "0")
    t.ok(r.returncode == 0 and "would remove" not in r.stdout.decode("utf-8", "replace"),
         "a second sweep finds nothing", r.stdout.decode("utf-8", "replace")[-2000:])
    check_files(t, site)


def main(t):
    taplib.require_tier(4)
    if os.environ.get("CERTDESK_TEST_CRASH") == "0":
        raise taplib.SkipAll("CERTDESK_TEST_CRASH=0")
    site = Site(server="lighttpd", alipay=True, extra_config="Site.TrustedProxies = 127.0.0.1").start()
    try:
        t.eq(site.admin("staff-add", REVIEWER[0], REVIEWER[1], input=REVIEWER[2] + "\n").returncode, 0,
             "a reviewer is added")
        rev = sign_in(t, site, [0], REVIEWER[0], REVIEWER[2], "the reviewer", {})
        if not rev:
            return
        t.ok(len(fcgi_children(site)) >= 10, "lighttpd runs the programs as FastCGI children")
        ledger, stop, submitted, killed = Ledger(), threading.Event(), [], []
        threads = [Applicant(site, ledger, i + 1, stop, submitted) for i in range(WORKERS)]
        threads.append(Reviewer(site, ledger, rev, stop, submitted))
        started = time.monotonic()
        for th in threads:
            th.start()
        hit = kill_loop(site, ROUNDS, killed)
        stop.set()
        for th in threads:
            th.join(120)
        t.diag("%d rounds in %.0f s, %d of the kills hit a child in a request" % (len(killed), time.monotonic() - started, hit))
        t.ok(len(killed) >= ROUNDS * 9 // 10, "%d FastCGI children were killed with SIGKILL under load" % len(killed))
        t.eq([th.error for th in threads if th.error or th.is_alive()], [], "every load thread ended cleanly")
        time.sleep(1)
        r = Client(site.base).get(REGISTER)
        t.eq(r.status, 200, "the site still serves after the kills", r.summary())
        t.eq(site.sql("PRAGMA integrity_check"), "ok", "PRAGMA integrity_check is clean")
        t.eq(site.sql("PRAGMA foreign_key_check"), "", "PRAGMA foreign_key_check finds nothing")
        check_ledger(t, site, ledger)
        check_whole(t, site)
        check_orphans(t, site)
    finally:
        if t.failed:
            t.diag(site.log_tail())
        site.stop()


taplib.run(main, time_limit=int(os.environ.get("CERTDESK_TEST_TIMEOUT", "600")))
