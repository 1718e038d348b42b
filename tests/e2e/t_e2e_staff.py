# tests/e2e/t_e2e_staff.py: tier 5, runs the browser journey tests/e2e/staff.mjs (a reviewer signs in to admin.fcgi with TOTP, rejects an order with items, the applicant corrects and resubmits, the reviewer approves; headless Chromium via playwright-core) against a throwaway site behind lighttpd, and passes its TAP on.
"""Tier 5: the staff review journey in a real browser.

Creates the reviewer `shenhe` (certdesk-admin staff-add, role reviewer), writes the
documents of an enterprise order (tests/lib/fixtures.py) and a second scan of the
business licence into a temporary directory, starts the site with tests/lib/servers.py
(lighttpd, the SMS gateway fake), then runs `node tests/e2e/staff.mjs` with
  BASE_URL         the site
  SMS_URL          the fake's base URL (the journey reads the codes and notices from GET /messages)
  FIXTURE_DIR      the documents: manifest.json ({enterprise: {slot: name}, again: {slot: name}}),
                   the files in enterprise/
  STAFF_LOGIN      the reviewer's login and
  STAFF_PASSWORD   password
  TEST_CLOCK_FILE  Data.Dir/test-clock (a --enable-test-clock build reads it): the journey
                   moves the site's clock to the next TOTP step before the second sign-in
  SCREENSHOT_DIR   $top_builddir/tests/e2e/screenshots (its old staff-*.png removed first;
                   the other journeys' screenshots are left alone)
and renumbers its TAP points into this file's, then adds one point for node's
exit status and plan. The site is always stopped and the temporary directory removed.

CERTDESK_TIERS set without 5: skipped. /usr/bin/chromium, node or
tests/e2e/node_modules/playwright-core missing: a failure (scripts/install-deps
installs them). lighttpd missing: skipped, as in tier 4.
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
from servers import Site, TOP_BUILD, TOP_SRC  # noqa: E402
from fixtures import ENTERPRISE_SLOTS, file_for, jpeg  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
E2E_SRC = os.path.join(TOP_SRC, "tests", "e2e")
JOURNEY = os.path.join(E2E_SRC, "staff.mjs")
PLAYWRIGHT = os.path.join(E2E_SRC, "node_modules", "playwright-core")
SHOTS = os.path.join(TOP_BUILD, "tests", "e2e", "screenshots")
STEP_MS = int(os.environ.get("CERTDESK_E2E_STEP_MS", "15000"))
JOURNEY_MS = int(os.environ.get("CERTDESK_E2E_TIMEOUT_MS", "300000"))
STAFF_LOGIN, STAFF_ROLE, STAFF_PASSWORD = "shenhe", "reviewer", "Review2024x"
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


def clear_screenshots():
    """Removes this journey's old screenshots (staff-*.png) only."""
    os.makedirs(SHOTS, exist_ok=True)
    for name in os.listdir(SHOTS):
        if name.startswith("staff-") and name.endswith(".png"):
            os.unlink(os.path.join(SHOTS, name))


def write_fixtures(top):
    """Writes a file that fits each enterprise slot, and a second scan of the licence
    (the correction), under top; returns the dir."""
    fixtures = os.path.join(top, "fixtures")
    os.makedirs(os.path.join(fixtures, "enterprise"))
    manifest = {"enterprise": {}, "again": {}}
    for slot, (filename, what) in ENTERPRISE_SLOTS.items():
        data, _ = file_for(what)
        with open(os.path.join(fixtures, "enterprise", filename), "wb") as f:
            f.write(data)
        manifest["enterprise"][slot] = filename
    again = "营业执照-重新扫描.jpg"
    with open(os.path.join(fixtures, "enterprise", again), "wb") as f:
        f.write(jpeg(96, 64))
    manifest["again"]["license"] = again
    with open(os.path.join(fixtures, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    return fixtures


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


def run_journey(t, site, fixtures):
    """Runs node, passing its TAP on renumbered; returns (exit status, its plan, its point count)."""
    env = dict(os.environ)
    env.update({
        "BASE_URL": site.base,
        "SMS_URL": "http://127.0.0.1:%d" % site.sms_port,
        "SCREENSHOT_DIR": SHOTS,
        "FIXTURE_DIR": fixtures,
        "STAFF_LOGIN": STAFF_LOGIN,
        "STAFF_PASSWORD": STAFF_PASSWORD,
        "TEST_CLOCK_FILE": os.path.join(site.data, "test-clock"),
        "E2E_STEP_TIMEOUT_MS": str(STEP_MS),
        "E2E_TIMEOUT_MS": str(JOURNEY_MS),
        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1",
        "PLAYWRIGHT_BROWSERS_PATH": "0",
    })
    # A Chromium of ours must not go through a proxy to reach 127.0.0.1.
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env.pop(name, None)
    err = tempfile.TemporaryFile()
    proc = subprocess.Popen(["node", JOURNEY], cwd=E2E_SRC, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=err, start_new_session=True)
    plan = None
    points = 0
    buf = b""
    deadline = time.monotonic() + JOURNEY_MS / 1000.0 + 60
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
        t.ok(False, "the journey finished within %d s" % (JOURNEY_MS / 1000 + 60))
    return status, plan, points, stderr


def main(t):
    missing = missing_prerequisites()
    if missing:
        for what in missing:
            t.ok(False, what)
        return
    tmp = tempfile.mkdtemp(prefix="cd-e2e-staff-")
    try:
        fixtures = write_fixtures(tmp)
        site = Site(server="lighttpd", label="e2e-staff").start()
        try:
            r = site.admin("staff-add", STAFF_LOGIN, STAFF_ROLE, input=STAFF_PASSWORD + "\n")
            if not t.eq(r.returncode, 0, "certdesk-admin staff-add %s %s" % (STAFF_LOGIN, STAFF_ROLE),
                        (r.stdout + r.stderr).decode("utf-8", "replace")):
                return
            clear_screenshots()
            status, plan, points, stderr = run_journey(t, site, fixtures)
            t.ok(status == 0 and plan == points and points > 0,
                 "the browser journey ran to its end (node exit status %s, plan 1..%s, %d points)" % (status, plan, points),
                 stderr[-4000:] or None)
            if os.path.isdir(SHOTS):
                shots = sorted(n for n in os.listdir(SHOTS) if n.startswith("staff-") and n.endswith(".png"))
                print("# screenshots in %s: %s" % (SHOTS, " ".join(shots)), flush=True)
        finally:
            if t.failed:
                t.diag(site.log_tail())
            site.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    tiers = os.environ.get("CERTDESK_TIERS")
    if tiers and "5" not in tiers:
        print("1..0 # SKIP tier 5 not selected", flush=True)
        sys.exit(0)
    taplib.run(main, time_limit=int(os.environ.get("CERTDESK_TEST_TIMEOUT", "900")))
