# tests/e2e/t_e2e_accounts.py: tier 5, runs the browser journey tests/e2e/accounts.mjs (headless Chromium via playwright-core) against a throwaway site behind lighttpd, and passes its TAP on.
"""Tier 5: the account journey in a real browser.

Starts the site with tests/lib/servers.py (lighttpd, the SMS gateway fake), then
runs `node tests/e2e/accounts.mjs` with
  BASE_URL         the site
  SMS_URL          the fake's base URL (the journey reads the codes from GET /messages)
  SCREENSHOT_DIR   $top_builddir/tests/e2e/screenshots (its old NN-*.png removed first;
                   the other journeys' apply-*.png and staff-*.png are left alone)
  TEST_CLOCK_FILE  Data.Dir/test-clock (a --enable-test-clock build reads it)
and renumbers its TAP points into this file's, then adds one point for node's
exit status and plan. The site is always stopped.

CERTDESK_TIERS set without 5: skipped. /usr/bin/chromium, node or
tests/e2e/node_modules/playwright-core missing: a failure (scripts/install-deps
installs them). lighttpd missing: skipped, as in tier 4. All of that is tests/e2e/journey.py.
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey  # noqa: E402

if __name__ == "__main__":
    journey.run("accounts.mjs", "", label="e2e", timeout_ms=240000)
