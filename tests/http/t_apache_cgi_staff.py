# tests/http/t_apache_cgi_staff.py: the staff journey through Apache serving the programs as plain CGI (shared hosting), one process per request.
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import staff  # noqa: E402

staff.run("apache", "cgi")
