# tests/e2e/t_e2e_applications.py: tier 5, runs the browser journey tests/e2e/applications.mjs (证书新办 企业 and 个人 in headless Chromium via playwright-core) against a throwaway site behind lighttpd, and passes its TAP on.
"""Tier 5: the application journey in a real browser.

Starts the site with tests/lib/servers.py (lighttpd, the SMS gateway fake), writes the
documents to upload (tests/lib/fixtures.py: JPEG, PNG, the red seal PNG, PDF) into a
temporary directory, then runs `node tests/e2e/applications.mjs` with
  BASE_URL         the site
  SMS_URL          the fake's base URL (the journey reads the code from GET /messages)
  FIXTURE_DIR      the documents: manifest.json ({enterprise|personal: {slot: name}}),
                   enterprise/NAME and personal/NAME (the slots of fixtures.py)
  DOWNLOAD_DIR     where the journey saves the downloaded forms (in the temporary directory)
  SCREENSHOT_DIR   $top_builddir/tests/e2e/screenshots (its old apply-*.png removed first;
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
from fixtures import ENTERPRISE_SLOTS, PERSONAL_SLOTS, file_for  # noqa: E402


def write_fixtures(top):
    """Writes a file that fits each enterprise and personal slot under top; returns the dir."""
    fixtures = os.path.join(top, "fixtures")
    manifest = {}
    for kind, slots in (("enterprise", ENTERPRISE_SLOTS), ("personal", PERSONAL_SLOTS)):
        os.makedirs(os.path.join(fixtures, kind))
        manifest[kind] = {}
        for slot, (filename, what) in slots.items():
            data, _ = file_for(what)
            with open(os.path.join(fixtures, kind, filename), "wb") as f:
                f.write(data)
            manifest[kind][slot] = filename
    with open(os.path.join(fixtures, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    return fixtures


def setup(t, site, tmp):
    write_fixtures(tmp)
    os.makedirs(os.path.join(tmp, "downloads"))
    return True


if __name__ == "__main__":
    journey.run("applications.mjs", "apply-", label="e2e-apply", timeout_ms=300000, tmp_prefix="cd-e2e-apply-",
                setup=setup,
                env=lambda site, tmp: {"FIXTURE_DIR": os.path.join(tmp, "fixtures"),
                                       "DOWNLOAD_DIR": os.path.join(tmp, "downloads")})
