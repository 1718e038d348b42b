# tests/http/t_lighttpd_orders.py: the application journey (orders, documents, forms, submission) through a real lighttpd.
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import orders  # noqa: E402

orders.run("lighttpd")
