# tests/e2e/t_e2e_staff.py: tier 5, runs the browser journey tests/e2e/staff.mjs (a reviewer signs in to admin.fcgi with TOTP, rejects an order with items, the applicant corrects and resubmits, the reviewer approves; headless Chromium via playwright-core) against a throwaway site behind lighttpd, and passes its TAP on.
"""Tier 5: the staff review journey in a real browser.

Starts the site with tests/lib/servers.py (lighttpd, the SMS gateway fake), writes the
documents of an enterprise order (tests/lib/fixtures.py) and a second scan of the
business licence into a temporary directory, creates the reviewer `shenhe`
(certdesk-admin staff-add, role reviewer), then runs `node tests/e2e/staff.mjs` with
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
The shared start-up, skips and failures are tests/e2e/journey.py.
"""
import json
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import journey  # noqa: E402  (puts tests/lib on the path)
from fixtures import ENTERPRISE_SLOTS, file_for, jpeg  # noqa: E402

STAFF_LOGIN, STAFF_ROLE, STAFF_PASSWORD = "shenhe", "reviewer", "Review2024x"


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


def setup(t, site, tmp):
    """The fixtures, then the reviewer (a failed staff-add ends the test)."""
    write_fixtures(tmp)
    r = site.admin("staff-add", STAFF_LOGIN, STAFF_ROLE, input=STAFF_PASSWORD + "\n")
    return t.eq(r.returncode, 0, "certdesk-admin staff-add %s %s" % (STAFF_LOGIN, STAFF_ROLE),
                (r.stdout + r.stderr).decode("utf-8", "replace"))


if __name__ == "__main__":
    journey.run("staff.mjs", "staff-", label="e2e-staff", timeout_ms=300000, tmp_prefix="cd-e2e-staff-",
                setup=setup,
                env=lambda site, tmp: {"FIXTURE_DIR": os.path.join(tmp, "fixtures"),
                                       "STAFF_LOGIN": STAFF_LOGIN,
                                       "STAFF_PASSWORD": STAFF_PASSWORD,
                                       "TEST_CLOCK_FILE": os.path.join(site.data, "test-clock")})
