# tests/e2e/t_e2e_ops.py: tier 5, runs the browser journey tests/e2e/ops.mjs (an admin's 价格管理, 运营统计 and 数据导出, shot at desktop and phone width; headless Chromium via playwright-core) against a throwaway site behind lighttpd with seeded demo orders, and passes its TAP on.
"""Tier 5: the admin's running of the platform in a real browser.

tests/e2e/journey.py starts the site; setup seeds demo orders (certdesk-admin seed-demo) so
that the charts and the export hold data; the admin `guanli` is created and node runs
tests/e2e/ops.mjs with STAFF_LOGIN/STAFF_PASSWORD (the ops-*.png screenshots go to SCREENSHOT_DIR).
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey  # noqa: E402  (puts tests/lib on the path)

STAFF = ("guanli", "admin", "Admin2024xx")  # login, role, password


def setup(t, site, tmp):
    """Demo orders over three years, in short transactions (the programs keep the database)."""
    r = site.admin("seed-demo", "--users", "300", "--orders", "3000", "--batch", "200")
    return t.eq(r.returncode, 0, "certdesk-admin seed-demo --orders 3000", r.stderr[-400:])


if __name__ == "__main__":
    journey.run("ops.mjs", "ops-", label="e2e-ops", timeout_ms=240000, setup=setup, staff=STAFF)
