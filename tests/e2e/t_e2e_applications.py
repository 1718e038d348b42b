# tests/e2e/t_e2e_applications.py: tier 5, runs the browser journey tests/e2e/applications.mjs (证书新办 企业 and 个人 in headless Chromium via playwright-core) against a throwaway site behind lighttpd, and passes its TAP on.
"""Tier 5: the application journey in a real browser.

tests/e2e/journey.py starts the site and runs `node tests/e2e/applications.mjs` with its
environment (the journey reads the code from SMS_URL's GET /messages, and the apply-*.png
screenshots go to SCREENSHOT_DIR). This file writes the documents to upload
(tests/lib/fixtures.py: JPEG, PNG, the red seal PNG, PDF): FIXTURE_DIR/manifest.json is
{enterprise|personal: {slot: name}}, the files in enterprise/ and personal/; and adds
DOWNLOAD_DIR, where the journey saves the downloaded forms (in the temporary directory).
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey  # noqa: E402


def setup(t, site, tmp):
    """The documents of both kinds, and the directory for the downloads."""
    journey.write_fixtures(tmp, kinds=("enterprise", "personal"))
    os.makedirs(os.path.join(tmp, "downloads"))
    return True


if __name__ == "__main__":
    journey.run("applications.mjs", "apply-", label="e2e-apply", timeout_ms=300000, tmp_prefix="cd-e2e-apply-",
                setup=setup, env=lambda site, tmp: {"DOWNLOAD_DIR": os.path.join(tmp, "downloads")})
