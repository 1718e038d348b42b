# tests/http/t_lighttpd_orders.py: the application journey (orders, documents, forms, submission) through a real lighttpd.
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)
import orders  # noqa: E402
import taplib  # noqa: E402
from servers import Site  # noqa: E402


def main(t):
    taplib.require_tier(4)
    site = Site(server="lighttpd").start()
    try:
        orders.scenario(t, site, "lighttpd")
    finally:
        if t.failed:
            t.diag(site.log_tail())
        site.stop()


taplib.run(main)
