# tests/http/t_lighttpd_ops.py: the admin's prices, dashboard and CSV exports (issue 13) through a real lighttpd.
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ops  # noqa: E402

ops.run("lighttpd")
