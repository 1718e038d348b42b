# tests/e2e/t_e2e_payments.py: tier 5, runs the browser journey tests/e2e/payments.mjs (订单支付: an order paid by the Alipay QR code, another by 对公转账 confirmed by finance in 支付管理; headless Chromium via playwright-core) against a throwaway site behind lighttpd with the Alipay gateway fake, and passes its TAP on.
"""Tier 5: the payment journey in a real browser.

tests/e2e/journey.py starts the site (with the Alipay gateway fake and the corporate account
Bank.*), checks the fake answers, creates the finance member `caiwu` and runs
`node tests/e2e/payments.mjs` with its environment (the journey reads ALIPAY_URL's GET /trades
and POST /_control/pay, STAFF_LOGIN and STAFF_PASSWORD, and the pay-*.png screenshots go to
SCREENSHOT_DIR). This file writes the documents of an enterprise order and a PDF remittance
slip: FIXTURE_DIR/manifest.json is {enterprise: {slot: name}, slip: name}, the files in
enterprise/.
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey  # noqa: E402  (puts tests/lib on the path)
from fixtures import pdf  # noqa: E402

STAFF = ("caiwu", "finance", "Finance2024x")  # login, role, password
SLIP = "转账回单.pdf"


def setup(t, site, tmp):
    """The enterprise documents and the remittance slip."""
    journey.write_fixtures(tmp, extra={"slip": (SLIP, pdf("ICBC remittance slip 650.00"))})
    return True


if __name__ == "__main__":
    journey.run("payments.mjs", "pay-", label="e2e-pay", timeout_ms=300000, tmp_prefix="cd-e2e-pay-",
                setup=setup, alipay=True, staff=STAFF)
