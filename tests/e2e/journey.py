# tests/e2e/journey.py: tier 5, the wrapper side the browser journeys share (prerequisites, the site and its fakes checked, the documents to upload, the staff member, node in its own process group under a time limit, its TAP renumbered, screenshots cleared by prefix, the server log on failure).
"""What t_e2e_accounts.py, t_e2e_applications.py, t_e2e_staff.py, t_e2e_payments.py and t_e2e_invoices.py
have in common.

run(script, shot_prefix, ...) is all a wrapper calls. It skips when CERTDESK_TIERS is set
without 5, fails (not skips) when /usr/bin/chromium, node or
tests/e2e/node_modules/playwright-core is missing, starts the site with tests/lib/servers.py
(lighttpd, the SMS gateway fake, with alipay=True also the Alipay gateway fake and the
corporate account, with mail=True also the SMTP server fake), lets setup(t, site, tmp)
prepare it (write_fixtures(tmp, ...) writes the documents to upload), checks the fakes
answer and adds the staff member (a point each), removes the journey's old screenshots,
then runs `node tests/e2e/SCRIPT` with
  BASE_URL, SMS_URL, SCREENSHOT_DIR, E2E_STEP_TIMEOUT_MS, E2E_TIMEOUT_MS, TEST_CLOCK_FILE
(with a temporary directory also FIXTURE_DIR, TMP/fixtures; with alipay=True also
ALIPAY_URL; with mail=True also MAIL_URL, the SMTP fake's HTTP control, and MAIL_DIR,
where it keeps each message as NNNN.eml; with staff also STAFF_LOGIN and STAFF_PASSWORD)
and the wrapper's extra env, renumbers node's TAP points into the wrapper's and adds one
point for node's exit status and plan, then lets after(t, site, tmp) add its own points
while the site still runs. The site is always stopped (its log printed when a point failed)
and the temporary directory, if any, removed.
"""
import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import taplib  # noqa: E402
from fixtures import ENTERPRISE_SLOTS, PERSONAL_SLOTS, file_for  # noqa: E402
from servers import Site, TOP_BUILD, TOP_SRC  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
E2E_SRC = os.path.join(TOP_SRC, "tests", "e2e")
PLAYWRIGHT = os.path.join(E2E_SRC, "node_modules", "playwright-core")
SHOTS = os.path.join(TOP_BUILD, "tests", "e2e", "screenshots")
STEP_MS = int(os.environ.get("CERTDESK_E2E_STEP_MS", "15000"))
POINT = re.compile(r"^(ok|not ok)\b\s*\d*\s*(?:-\s*)?(.*)$")
PLAN = re.compile(r"^1\.\.(\d+)\b")


def missing_prerequisites():
    """What the journey needs and is not installed (each a failure, not a skip)."""
    missing = []
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        missing.append("%s is not installed (scripts/install-deps installs chromium)" % CHROMIUM)
    if not shutil.which("node"):
        missing.append("node is not installed (scripts/install-deps installs it)")
    if not os.path.isfile(os.path.join(PLAYWRIGHT, "package.json")):
        missing.append("%s is missing (scripts/install-deps runs npm ci in tests/e2e)" % PLAYWRIGHT)
    return missing


def own_screenshot(name, prefix):
    """Whether name is one of this journey's screenshots: PREFIX*.png, or NN-*.png when the
    prefix is empty (so the accounts journey leaves apply-*.png and staff-*.png alone)."""
    return name.endswith(".png") and name.startswith(prefix) and (prefix or name[:2].isdigit())


def clear_screenshots(prefix):
    """Removes this journey's earlier screenshots, not the other journeys'."""
    os.makedirs(SHOTS, exist_ok=True)
    for name in os.listdir(SHOTS):
        if own_screenshot(name, prefix):
            os.unlink(os.path.join(SHOTS, name))


def write_fixtures(top, kinds=("enterprise",), extra=None):
    """Writes the documents to upload under top/fixtures (FIXTURE_DIR): a file that fits each
    slot of each kind ("enterprise", "personal": tests/lib/fixtures.py) in fixtures/KIND/,
    and for each key of extra, whose value is (file name, bytes) or {slot: (file name,
    bytes)}, that file or those files in fixtures/enterprise/. manifest.json maps each kind to
    {slot: file name} and each key of extra to its file name or {slot: file name}. Returns
    the fixtures directory."""
    fixtures = os.path.join(top, "fixtures")
    manifest = {}
    for kind in kinds:
        os.makedirs(os.path.join(fixtures, kind))
        manifest[kind] = {}
        for slot, (filename, what) in {"enterprise": ENTERPRISE_SLOTS, "personal": PERSONAL_SLOTS}[kind].items():
            data, _ = file_for(what)
            with open(os.path.join(fixtures, kind, filename), "wb") as f:
                f.write(data)
            manifest[kind][slot] = filename
    os.makedirs(os.path.join(fixtures, "enterprise"), exist_ok=True)
    for key, value in (extra or {}).items():
        files = value if isinstance(value, dict) else {None: value}
        for slot, (filename, data) in files.items():
            with open(os.path.join(fixtures, "enterprise", filename), "wb") as f:
                f.write(data)
            if slot is None:
                manifest[key] = filename
            else:
                manifest.setdefault(key, {})[slot] = filename
    with open(os.path.join(fixtures, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    return fixtures


def fakes_answer(t, site, alipay, mail):
    """With alipay, checks the Alipay gateway fake answers GET /health; with mail, that the SMTP
    server fake answers GET /messages with no message yet (a point each). Returns False when
    one does not."""
    if alipay:
        status, body = site.alipay_call("GET", "/health")
        if not t.ok(status == 200 and body == {"ok": True}, "the Alipay gateway fake answers GET /health",
                    "status %s, %r" % (status, body)):
            return False
    if mail:
        try:
            found = site.mail_messages()
        except (OSError, ValueError) as e:
            found = e
        if not t.ok(found == [], "the SMTP server fake answers GET /messages with no message yet", repr(found)):
            return False
    return True


def add_staff(t, site, login, role, password):
    """certdesk-admin staff-add login role, the password on its stdin (a point); returns whether it succeeded."""
    r = site.admin("staff-add", login, role, input=password + "\n")
    return t.eq(r.returncode, 0, "certdesk-admin staff-add %s %s" % (login, role),
                (r.stdout + r.stderr).decode("utf-8", "replace"))


def kill_group(proc):
    """Stops node and the browser it started (its own process group)."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except OSError:
            pass
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def run_node(t, site, script, extra_env, journey_ms):
    """Runs node, passing its TAP on renumbered; returns (exit status, its plan, its point count, stderr)."""
    env = dict(os.environ)
    env.update({
        "BASE_URL": site.base,
        "SMS_URL": "http://127.0.0.1:%d" % site.sms_port,
        "SCREENSHOT_DIR": SHOTS,
        "E2E_STEP_TIMEOUT_MS": str(STEP_MS),
        "E2E_TIMEOUT_MS": str(journey_ms),
        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1",
        "PLAYWRIGHT_BROWSERS_PATH": "0",
    })
    env.update(extra_env)
    # A Chromium of ours must not go through a proxy to reach 127.0.0.1.
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env.pop(name, None)
    err = tempfile.TemporaryFile()
    proc = subprocess.Popen(["node", os.path.join(E2E_SRC, script)], cwd=E2E_SRC, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err,
                            start_new_session=True)
    plan = None
    points = 0
    buf = b""
    deadline = time.monotonic() + journey_ms / 1000.0 + 60
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    timed_out = False

    def line_out(raw):
        nonlocal plan, points
        line = raw.decode("utf-8", "replace").rstrip("\r\n")
        m = POINT.match(line)
        if m:
            points += 1
            t.n += 1
            if m.group(1) != "ok":
                t.failed += 1
            print("%s %d - %s" % (m.group(1), t.n, m.group(2)), flush=True)
            return
        m = PLAN.match(line)
        if m:
            plan = int(m.group(1))
            return
        if line.startswith("#"):
            print(line, flush=True)
        elif line.strip():
            print("# node: " + line, flush=True)

    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            if not sel.select(timeout=min(left, 1.0)):
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                raw, buf = buf.split(b"\n", 1)
                line_out(raw)
        if buf:
            line_out(buf)
    finally:
        sel.close()
        if timed_out or proc.poll() is None:
            try:
                proc.wait(timeout=0 if timed_out else 15)
            except subprocess.TimeoutExpired:
                pass
            kill_group(proc)
        else:
            # The browser is node's child: make sure nothing of it outlives the journey.
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
        proc.stdout.close()
    status = proc.wait()
    err.seek(0)
    stderr = err.read().decode("utf-8", "replace")
    err.close()
    if timed_out:
        t.ok(False, "the journey finished within %d s" % (journey_ms / 1000 + 60))
    return status, plan, points, stderr


def run(script, shot_prefix, env=None, setup=None, label="e2e", timeout_ms=240000, tmp_prefix=None,
        alipay=False, mail=False, after=None, staff=None):
    """The whole wrapper: runs tests/e2e/SCRIPT against a fresh site and exits with the TAP status.

    shot_prefix  the journey's screenshot names start with it ("" means NN-*.png)
    env          extra environment for node: a dict, or env(site, tmp) returning one
    setup        setup(t, site, tmp), after the site starts: false ends the test there
    label        the Site's label; timeout_ms the default of CERTDESK_E2E_TIMEOUT_MS
    tmp_prefix   when set, a temporary directory (tmp) made for the journey and removed after;
                 node gets FIXTURE_DIR=tmp/fixtures (where write_fixtures writes)
    alipay       start the site with the Alipay gateway fake (Site(alipay=True): site.alipay_port),
                 checked to answer; node gets ALIPAY_URL
    mail         start the site with the SMTP server fake (Site(mail=True)), checked to hold no
                 message yet; node gets MAIL_URL and MAIL_DIR
    staff        (login, role, password), or a list of them: the staff members added after setup
                 and the fakes' checks (add_staff; a failure ends the test); node gets
                 STAFF_LOGIN and STAFF_PASSWORD of the first, STAFF2_LOGIN and STAFF2_PASSWORD of
                 the second, and so on
    after        after(t, site, tmp), once node has finished, while the site still runs: more points
    """
    journey_ms = int(os.environ.get("CERTDESK_E2E_TIMEOUT_MS", str(timeout_ms)))

    def main(t):
        missing = missing_prerequisites()
        if missing:
            for what in missing:
                t.ok(False, what)
            return
        tmp = tempfile.mkdtemp(prefix=tmp_prefix) if tmp_prefix else None
        try:
            site = Site(server="lighttpd", label=label, alipay=alipay, mail=mail).start()
            try:
                if setup is not None and not setup(t, site, tmp):
                    return
                if not fakes_answer(t, site, alipay, mail):
                    return
                members = ([staff] if isinstance(staff, tuple) else list(staff)) if staff else []
                if not all(add_staff(t, site, *m) for m in members):
                    return
                extra = {"TEST_CLOCK_FILE": os.path.join(site.data, "test-clock")}
                if tmp:
                    extra["FIXTURE_DIR"] = os.path.join(tmp, "fixtures")
                if alipay:
                    extra["ALIPAY_URL"] = "http://127.0.0.1:%d" % site.alipay_port
                if mail:
                    extra.update({"MAIL_URL": "http://127.0.0.1:%d" % site.mail_control,
                                  "MAIL_DIR": site.mail_dir})
                for i, m in enumerate(members):
                    n = "" if i == 0 else str(i + 1)
                    extra.update({"STAFF%s_LOGIN" % n: m[0], "STAFF%s_PASSWORD" % n: m[2]})
                extra.update((env(site, tmp) if callable(env) else env) or {})
                clear_screenshots(shot_prefix)
                status, plan, points, stderr = run_node(t, site, script, extra, journey_ms)
                t.ok(status == 0 and plan == points and points > 0,
                     "the browser journey ran to its end (node exit status %s, plan 1..%s, %d points)"
                     % (status, plan, points),
                     stderr[-4000:] or None)
                if after is not None:
                    after(t, site, tmp)
                if os.path.isdir(SHOTS):
                    shots = sorted(n for n in os.listdir(SHOTS) if own_screenshot(n, shot_prefix))
                    print("# screenshots in %s: %s" % (SHOTS, " ".join(shots)), flush=True)
            finally:
                if t.failed:
                    t.diag(site.log_tail())
                site.stop()
        finally:
            if tmp:
                shutil.rmtree(tmp, ignore_errors=True)

    tiers = os.environ.get("CERTDESK_TIERS")
    if tiers and "5" not in tiers:
        print("1..0 # SKIP tier 5 not selected", flush=True)
        sys.exit(0)
    taplib.run(main, time_limit=int(os.environ.get("CERTDESK_TEST_TIMEOUT", "900")))
