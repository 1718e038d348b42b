# tests/cgi/t_seed_demo.py: certdesk-admin seed-demo as built: its usage errors, a small seed on a temp site with its progress and totals, the demo applicant signing in and listing its orders through login.fcgi and orders.fcgi (plain CGI), a second run adding more, and the refusal (exit 1, a message on stderr) once the site holds a real order.
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cgitest import Browser, Runner, Site, Tap  # noqa: E402

PASSWORD = "Demo2026pw"


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

    r = site.admin("seed-demo", "--users", "40", "--orders", "400", "--seed", "7", "--batch", "100", "--demo-applicant",
                   stdin=PASSWORD + "\n")
    out = r.stdout.decode()
    t.eq(r.returncode, 0, "seed-demo --users 40 --orders 400 runs")
    t.ok("400/400 orders (100%)" in out and "done in" in out, "printing its progress and the elapsed time", out)
    t.ok("seed 7" in out and "cannot sign in" in out, "the seed, and that the applicants cannot sign in", out)
    demo = re.search(r"busiest applicant is (1[3-9]\d{9}) \(50 orders\), signing in", out)
    t.ok(demo, "but the busiest, with 50 orders, signs in with the password given", out)
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
    t.eq(site.sql("SELECT outcome || ' ' || detail FROM audit WHERE action = 'seed-demo' AND outcome = 'ok'"),
         "ok users=40 orders=400 seed=7", "the run is audited")
    t.eq(site.sql("PRAGMA integrity_check"), "ok", "the database is intact")

    signed_in(t, site, demo.group(1) if demo else "")

    r = site.admin("seed-demo", "--users", "5", "--orders", "20")
    t.eq(r.returncode, 0, "a seeded site takes more, the demo applicant's orders being seeded ones")
    t.eq(site.sql("SELECT count(*) FROM orders"), "420", "added to what was there")

    site.sql("INSERT INTO users (mobile, pw_hash, created_ms) VALUES ('13900001111', '$scrypt$ln=10,r=8,p=1$x$y', 0);"
             " INSERT INTO orders (id, user_id, subject, kind, project, years, created_ms, updated_ms)"
             " SELECT 7000000000000000001, id, 'personal', 'new', 'other', 1, 0, 0 FROM users WHERE mobile = '13900001111'")
    r = site.admin("seed-demo", "--users", "5", "--orders", "20")
    t.eq(r.returncode, 1, "a site with an applicant's own order is refused")
    t.ok(b"real orders" in r.stderr, "with a clear message on stderr", r.stderr.decode())
    t.eq(site.sql("SELECT count(*) FROM orders"), "421", "and nothing added")


def signed_in(t, site, mobile):
    """The demo applicant signs in through login.fcgi and sees its orders in orders.fcgi;
    another seeded applicant cannot sign in."""
    runners = {p: Runner(site, p, "cgi") for p in ("login", "orders")}
    try:
        b = Browser(runners)
        other = site.sql("SELECT mobile FROM users WHERE pw_hash = '!seed-demo' LIMIT 1")
        r = b.go("login", "POST", fields={"mobile": other, "password": PASSWORD, "csrf": b.go("login").csrf()})
        t.ok(r.status != 303, "a seeded applicant cannot sign in", r.status)
        r = b.go("login", "POST", fields={"mobile": mobile, "password": PASSWORD, "csrf": b.go("login").csrf()})
        t.eq(r.status, 303, "the demo applicant signs in")
        r = b.go("orders")
        t.eq(r.status, 200, "and opens its order list")
        t.ok(r.text.count("<tr") >= 11, "a page of its orders", r.text[:2000])
        newest = site.sql("SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id WHERE u.mobile = '%s'"
                          " ORDER BY o.id DESC LIMIT 1" % mobile)
        t.ok(newest and newest in r.text, "newest first")
        order = site.sql("SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id WHERE u.mobile = '%s'"
                         " AND o.status = 'completed' LIMIT 1" % mobile)
        r = b.go("orders", "GET", "order=" + order)
        t.eq(r.status, 200, "a completed order of its own opens")
        t.ok("已完成" in r.text and "审核通过" in r.text, "with its timeline", r.text[:3000])
    finally:
        for r in runners.values():
            r.close()


main()
