# tests/e2e/t_e2e_invoices.py: tier 5, runs the browser journey tests/e2e/invoices.mjs (开票申请: an order paid by Alipay, 发票抬头管理, the request, finance issuing the PDF in 开票管理, the e-mail with the file attached unchanged, the applicant's download; headless Chromium via playwright-core) against a throwaway site behind lighttpd with the Alipay gateway and SMTP server fakes, and passes its TAP on.
"""Tier 5: the invoice journey in a real browser.

tests/e2e/journey.py starts the site (with the Alipay gateway and SMTP server fakes), checks
both fakes answer, creates the finance member `caiwu` and runs `node tests/e2e/invoices.mjs`
with its environment (the journey pays through ALIPAY_URL, reads the e-mail from MAIL_URL and
MAIL_DIR, signs in as STAFF_LOGIN with STAFF_PASSWORD, and the inv-*.png screenshots go to
SCREENSHOT_DIR). This file writes the documents of an enterprise order and the invoice PDF
finance uploads: FIXTURE_DIR/manifest.json is {enterprise: {slot: name}, invoice: name}, the
files in enterprise/. After node it reads the SMTP fake's messages itself too and checks, with
Python's email package, that exactly one went to the title's address and that its one
attachment is byte-identical to the uploaded PDF (node checks the same through `python3 -c`,
so a wrong attachment fails twice, with both views).
"""
import email
import email.policy
import hashlib
import json
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import journey  # noqa: E402  (puts tests/lib on the path)
from fixtures import pdf  # noqa: E402

STAFF = ("caiwu", "finance", "Finance2024x")  # login, role, password
INVOICE_PDF = "电子发票-25352000000012345678.pdf"
TITLE_EMAIL = "fapiao@fzmm-tech.example.com"  # invoices.mjs: TITLE.email
STATE = {}


def setup(t, site, tmp):
    """The enterprise documents and the invoice PDF finance uploads (kept for check_mail)."""
    STATE["pdf"] = pdf("VAT special invoice 25352000000012345678 amount 650.00")
    journey.write_fixtures(tmp, extra={"invoice": (INVOICE_PDF, STATE["pdf"])})
    return True


def check_mail(t, site, tmp):
    """After node: the SMTP fake's messages, read here with Python's email package."""
    want = STATE.get("pdf")
    if want is None:
        return
    found = site.mail_messages()
    mine = [m for m in found if TITLE_EMAIL in m["rcpt_to"]]
    t.eq(len(mine), 1, "the SMTP fake holds exactly one message to %s" % TITLE_EMAIL,
         json.dumps([{k: v for k, v in m.items() if k != "raw"} for m in found], ensure_ascii=False))
    if len(mine) != 1:
        return
    msg = email.message_from_bytes(mine[0]["raw"], policy=email.policy.default)
    parts = [p for p in msg.iter_attachments()]
    got = [(p.get_filename(), p.get_content_type(), hashlib.sha256(p.get_payload(decode=True)).hexdigest())
           for p in parts]
    t.ok(len(parts) == 1 and got[0][2] == hashlib.sha256(want).hexdigest() and got[0][1] == "application/pdf",
         "its one attachment is the uploaded PDF, byte for byte, as application/pdf",
         "attachments %r; the PDF's sha256 %s" % (got, hashlib.sha256(want).hexdigest()))
    t.ok("发票" in str(msg["Subject"]) and str(msg["To"]).find(TITLE_EMAIL) >= 0,
         "its subject names 发票 and it is addressed To the title's e-mail",
         "Subject %r, To %r" % (str(msg["Subject"]), str(msg["To"])))


if __name__ == "__main__":
    journey.run("invoices.mjs", "inv-", label="e2e-inv", timeout_ms=300000, tmp_prefix="cd-e2e-inv-",
                setup=setup, alipay=True, mail=True, staff=STAFF, after=check_mail)
