# tests/http/t_apache_attack.py: the attack tier (foreign ids, CSRF, XSS/SQL text, duplicated and malformed input, file-name tricks, methods, session fixation and expiry, security headers) through a real apache.
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import attack  # noqa: E402

attack.run("apache")
