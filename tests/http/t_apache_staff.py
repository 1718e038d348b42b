# tests/http/t_apache_staff.py: the staff review journey (TOTP sign-in, queue, reject with items, approve, roles, audit) through a real apache.
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import staff  # noqa: E402

staff.run("apache")
