# tests/cgi/t_seed_demo.py: certdesk-admin seed-demo as built: its usage errors, a small seed on a temp site with its progress and totals, a second run adding more, and the refusal (exit 1, a message on stderr) once the site holds a real order.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cgitest import Site, Tap  # noqa: E402


def main():
    t = Tap()
    site = Site()
    try:
        run(t, site)
    finally:
        site.cleanup()
    t.done()


def run(t, site):
    r = site.admin("seed-demo", "--users", "10")
    t.eq(r.returncode, 2, "seed-demo without --orders is a usage error")
    t.ok(b"seed-demo --users N --orders M" in r.stderr, "and the usage names it")
    r = site.admin("seed-demo", "--users", "10", "--orders", "600")
    t.eq(r.returncode, 2, "more than 50 orders an applicant is refused")
    t.ok(b"50" in r.stderr, "saying why", r.stderr.decode())
    r = site.admin("seed-demo", "--users", "x", "--orders", "10")
    t.eq(r.returncode, 2, "a count that is no number is a usage error")
    t.eq(site.sql("SELECT count(*) FROM orders"), "0", "and nothing is stored")

    r = site.admin("seed-demo", "--users", "40", "--orders", "400", "--seed", "7", "--batch", "100")
    out = r.stdout.decode()
    t.eq(r.returncode, 0, "seed-demo --users 40 --orders 400 runs")
    t.ok("400/400 orders (100%)" in out and "done in" in out, "printing its progress and the elapsed time", out)
    t.ok("seed 7" in out and "cannot sign in" in out, "the seed, and that the applicants cannot sign in", out)
    t.eq(site.sql("SELECT count(*) FROM users"), "40", "40 applicants")
    t.eq(site.sql("SELECT count(*) FROM orders"), "400", "400 orders")
    t.eq(site.sql("SELECT count(*) FROM orders WHERE length(id) <> 19"), "0", "numbered with 19 digits")
    t.ok(int(site.sql("SELECT count(DISTINCT status) FROM orders")) >= 5, "in many statuses")
    t.eq(site.sql("SELECT count(*) FROM orders o WHERE o.status IS NOT (SELECT h.to_status FROM order_history h"
                  " WHERE h.order_id = o.id ORDER BY h.id DESC LIMIT 1)"), "0", "each with its history")
    t.eq(site.sql("SELECT count(*) FROM orders o WHERE o.pay_status = 'paid' AND NOT EXISTS (SELECT 1 FROM payments p"
                  " WHERE p.order_id = o.id AND p.status = 'received' AND p.amount_fen = o.amount_fen)"), "0",
         "paid orders with their money")
    paths = site.sql("SELECT DISTINCT path FROM documents").split()
    t.ok(paths and all(os.path.isfile(os.path.join(site.data, "uploads", p)) for p in paths),
         "documents point at stored placeholder files", paths)
    t.eq(site.sql("SELECT outcome || ' ' || detail FROM audit WHERE action = 'seed-demo'"),
         "ok users=40 orders=400 seed=7", "the run is audited")
    t.eq(site.sql("PRAGMA integrity_check"), "ok", "the database is intact")

    r = site.admin("seed-demo", "--users", "5", "--orders", "20")
    t.eq(r.returncode, 0, "a seeded site takes more")
    t.eq(site.sql("SELECT count(*) FROM orders"), "420", "added to what was there")

    site.sql("INSERT INTO users (mobile, pw_hash, created_ms) VALUES ('13900001111', '$scrypt$ln=10,r=8,p=1$x$y', 0);"
             " INSERT INTO orders (id, user_id, subject, kind, project, years, created_ms, updated_ms)"
             " SELECT 7000000000000000001, id, 'personal', 'new', 'other', 1, 0, 0 FROM users WHERE mobile = '13900001111'")
    r = site.admin("seed-demo", "--users", "5", "--orders", "20")
    t.eq(r.returncode, 1, "a site with an applicant's own order is refused")
    t.ok(b"real orders" in r.stderr, "with a clear message on stderr", r.stderr.decode())
    t.eq(site.sql("SELECT count(*) FROM orders"), "421", "and nothing added")


main()
