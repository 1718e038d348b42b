# tests/http/t_apache_cgi_payments.py: the payment journey through Apache serving the programs as plain CGI (shared hosting): Alipay's notification body, transfer slips and statements read from a CGI request's standard input.
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import payments  # noqa: E402

payments.run("apache", "cgi")
