# tests/http/t_apache_payments.py: the payment journey (Alipay QR, notifications, query, transfer claims, finance, statement import, refund, reconcile) through a real apache with the Alipay gateway fake.
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import payments  # noqa: E402

payments.run("apache")
