# tests/http/t_apache_cgi_invoices.py: the invoice journey through Apache serving the programs as plain CGI (shared hosting): the invoice file uploaded and its e-mail sent by a one-request process.
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import invoices  # noqa: E402

invoices.run("apache", "cgi")
