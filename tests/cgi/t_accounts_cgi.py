# tests/cgi/t_accounts_cgi.py: the account programs' routes run as plain CGI, one process per request. 
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import accounts  # noqa: E402

accounts.run("cgi")
