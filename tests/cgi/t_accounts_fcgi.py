# tests/cgi/t_accounts_fcgi.py: the account programs' routes run as FastCGI processes (spawn-fcgi + cgi-fcgi), each serving every request. 
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import accounts  # noqa: E402

accounts.run("fcgi")
