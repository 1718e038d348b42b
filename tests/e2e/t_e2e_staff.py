# tests/e2e/t_e2e_staff.py: tier 5, runs the browser journey tests/e2e/staff.mjs (a reviewer signs in to admin.fcgi with TOTP, rejects an order with items, the applicant corrects and resubmits, the reviewer approves; headless Chromium via playwright-core) against a throwaway site behind lighttpd, and passes its TAP on.
"""Tier 5: the staff review journey in a real browser.

tests/e2e/journey.py starts the site, creates the reviewer `shenhe` and runs
`node tests/e2e/staff.mjs` with its environment (the journey reads the codes and notices from
SMS_URL's GET /messages, signs in as STAFF_LOGIN with STAFF_PASSWORD, moves TEST_CLOCK_FILE
to the next TOTP step before the second sign-in, and the staff-*.png screenshots go to
SCREENSHOT_DIR). This file writes the documents of an enterprise order and a second scan of
the business licence: FIXTURE_DIR/manifest.json is {enterprise: {slot: name}, again: {slot:
name}}, the files in enterprise/.
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey  # noqa: E402  (puts tests/lib on the path)
from fixtures import jpeg  # noqa: E402

STAFF = ("shenhe", "reviewer", "Review2024x")  # login, role, password


def setup(t, site, tmp):
    """The enterprise documents, and a second scan of the licence (the correction)."""
    journey.write_fixtures(tmp, extra={"again": {"license": ("营业执照-重新扫描.jpg", jpeg(96, 64))}})
    return True


if __name__ == "__main__":
    journey.run("staff.mjs", "staff-", label="e2e-staff", timeout_ms=300000, tmp_prefix="cd-e2e-staff-",
                setup=setup, staff=STAFF)
