# tests/e2e/t_e2e_payments.py: tier 5, runs the browser journey tests/e2e/payments.mjs (订单支付: an order paid by the Alipay QR code, another by 对公转账 confirmed by finance in 支付管理; headless Chromium via playwright-core) against a throwaway site behind lighttpd with the Alipay gateway fake, and passes its TAP on.
"""Tier 5: the payment journey in a real browser.

Starts the site with tests/lib/servers.py (lighttpd, the SMS gateway fake, and with
alipay=True the Alipay gateway fake tests/fakes/alipay_gateway.py and the corporate account
Bank.*), writes the documents of an enterprise order (tests/lib/fixtures.py) and a PDF
remittance slip into a temporary directory, creates the finance member `caiwu`
(certdesk-admin staff-add, role finance), then runs `node tests/e2e/payments.mjs` with
  BASE_URL         the site
  SMS_URL          the SMS fake's base URL (the journey reads the registration code)
  ALIPAY_URL       the Alipay fake's base URL (GET /trades, POST /_control/pay)
  FIXTURE_DIR      the documents: manifest.json ({enterprise: {slot: name}, slip: name}),
                   the files in enterprise/
  STAFF_LOGIN      the finance member's login and
  STAFF_PASSWORD   password
  TEST_CLOCK_FILE  Data.Dir/test-clock (a --enable-test-clock build reads it)
  SCREENSHOT_DIR   $top_builddir/tests/e2e/screenshots (its old pay-*.png removed first;
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
from fixtures import ENTERPRISE_SLOTS, file_for, pdf  # noqa: E402

STAFF_LOGIN, STAFF_ROLE, STAFF_PASSWORD = "caiwu", "finance", "Finance2024x"
SLIP = "转账回单.pdf"


def write_fixtures(top):
    """Writes a file that fits each enterprise slot and the remittance slip under top;
    returns the dir."""
    fixtures = os.path.join(top, "fixtures")
    os.makedirs(os.path.join(fixtures, "enterprise"))
    manifest = {"enterprise": {}, "slip": SLIP}
    for slot, (filename, what) in ENTERPRISE_SLOTS.items():
        data, _ = file_for(what)
        with open(os.path.join(fixtures, "enterprise", filename), "wb") as f:
            f.write(data)
        manifest["enterprise"][slot] = filename
    with open(os.path.join(fixtures, "enterprise", SLIP), "wb") as f:
        f.write(pdf("ICBC remittance slip 650.00"))
    with open(os.path.join(fixtures, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    return fixtures


def setup(t, site, tmp):
    """The fixtures, the Alipay fake answering, then the finance member (a failure ends the test)."""
    write_fixtures(tmp)
    status, body = site.alipay_call("GET", "/health")
    if not t.ok(status == 200 and body == {"ok": True}, "the Alipay gateway fake answers GET /health",
                "status %s, %r" % (status, body)):
        return False
    r = site.admin("staff-add", STAFF_LOGIN, STAFF_ROLE, input=STAFF_PASSWORD + "\n")
    return t.eq(r.returncode, 0, "certdesk-admin staff-add %s %s" % (STAFF_LOGIN, STAFF_ROLE),
                (r.stdout + r.stderr).decode("utf-8", "replace"))


if __name__ == "__main__":
    journey.run("payments.mjs", "pay-", label="e2e-pay", timeout_ms=300000, tmp_prefix="cd-e2e-pay-",
                setup=setup, alipay=True,
                env=lambda site, tmp: {"FIXTURE_DIR": os.path.join(tmp, "fixtures"),
                                       "ALIPAY_URL": "http://127.0.0.1:%d" % site.alipay_port,
                                       "STAFF_LOGIN": STAFF_LOGIN,
                                       "STAFF_PASSWORD": STAFF_PASSWORD,
                                       "TEST_CLOCK_FILE": os.path.join(site.data, "test-clock")})
