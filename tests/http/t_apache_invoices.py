# tests/http/t_apache_invoices.py: the invoice journey (titles, requests of paid orders, finance issuing a PDF or OFD e-mailed over STARTTLS, rejecting, downloads, another applicant's 404s) through a real apache with the Alipay gateway and SMTP fakes.
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import invoices  # noqa: E402

invoices.run("apache")
