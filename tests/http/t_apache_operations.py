# tests/http/t_apache_operations.py: staff e-mail, the digest, the expiry reminders and the retention purge (tests/http/operations.py) through a real apache.
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import operations  # noqa: E402

operations.run("apache")
