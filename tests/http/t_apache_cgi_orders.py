# tests/http/t_apache_cgi_orders.py: the application journey (orders, documents, forms, submission, drafts that reserve nothing) through Apache serving the programs as plain CGI (shared hosting), one process per request.
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import orders  # noqa: E402

orders.run("apache", "cgi")
