# tests/e2e/t_e2e_lifecycle.py: tier 5, runs the browser journey tests/e2e/lifecycle.mjs (the order's whole life: two orders paid and approved, produced, one shipped and received, one picked up, both 已完成, then a renewal prefilled from one; headless Chromium via playwright-core) against a throwaway site behind lighttpd with the Alipay gateway fake, and passes its TAP on.
"""Tier 5: the order's whole life in a real browser.

tests/e2e/journey.py starts the site (with the Alipay gateway fake), checks the fake answers,
creates the reviewer `shenhe`, the producer `zhizheng` and the admin `guanli` and runs `node tests/e2e/lifecycle.mjs`
with its environment (STAFF_LOGIN/STAFF_PASSWORD the reviewer, STAFF2_LOGIN/STAFF2_PASSWORD the
producer, STAFF3_* the admin; the life-*.png screenshots, some at phone width, go to SCREENSHOT_DIR). This file
writes the documents of an enterprise order: FIXTURE_DIR/manifest.json is {enterprise: {slot:
name}}, the files in enterprise/.
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey  # noqa: E402  (puts tests/lib on the path)

STAFF = [("shenhe", "reviewer", "Review2024x"), ("zhizheng", "producer", "Produce2024x"),
         ("guanli", "admin", "Admin2024xx")]  # login, role, password


def setup(t, site, tmp):
    """The enterprise documents."""
    journey.write_fixtures(tmp)
    return True


if __name__ == "__main__":
    journey.run("lifecycle.mjs", "life-", label="e2e-life", timeout_ms=420000, tmp_prefix="cd-e2e-life-",
                setup=setup, alipay=True, staff=STAFF)
