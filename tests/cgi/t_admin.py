# tests/cgi/t_admin.py: certdesk-admin: init, staff accounts, backup and restore, outbox, config lookup and the run-as-owner rule.
import os
import pwd
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cgitest import TOP_BUILD, TOP_SRC, Site, Tap  # noqa: E402

ADMIN = os.path.join(TOP_BUILD, "tools", "certdesk-admin")


def main():
    t = Tap()
    site = Site()
    try:
        run(t, site)
    finally:
        site.cleanup()
    t.done()


def run(t, site):
    r = site.admin("init")
    t.eq(r.returncode, 0, "init runs again (idempotent)")
    key = os.path.join(site.data, "keys", "master.key")
    before = open(key, "rb").read()
    site.admin("init")
    t.eq(open(key, "rb").read(), before, "init never overwrites the key file")
    t.eq(oct(os.stat(key).st_mode & 0o777), "0o600", "the key file is mode 0600")
    latest = len([f for f in os.listdir(os.path.join(TOP_SRC, "schema")) if f.endswith(".sql")])
    t.eq(site.sql("PRAGMA user_version"), str(latest), "the schema is at its latest version")
    t.eq(site.sql("PRAGMA journal_mode"), "wal", "the database is in WAL mode")

    r = site.admin("staff-add", "alice", "reviewer", stdin="Review2024x\nReview2024x\n")
    t.eq(r.returncode, 0, "staff-add creates a reviewer")
    t.eq(site.sql("SELECT role FROM staff WHERE login = 'alice'"), "reviewer", "with its role")
    t.ok(site.sql("SELECT pw_hash FROM staff WHERE login = 'alice'").startswith("$scrypt$"), "and a hashed password")
    r = site.admin("staff-add", "alice", "admin", stdin="Review2024x\n")
    t.eq(r.returncode, 1, "an existing login exits 1")
    r = site.admin("staff-add", "bob", "finance", stdin="Finance2024x\nDifferent2024\n")
    t.eq(r.returncode, 1, "a second line that differs is refused")
    t.eq(site.sql("SELECT count(*) FROM staff WHERE login = 'bob'"), "0", "and nothing is stored")
    r = site.admin("staff-add", "bob", "finance", stdin="short\n")
    t.eq(r.returncode, 1, "a weak password is refused")
    r = site.admin("staff-add", "bob", "boss", stdin="Finance2024x\n")
    t.eq(r.returncode, 2, "an unknown role is a usage error")
    t.ok(b"reviewer" in r.stderr, "naming the roles")
    r = site.admin("staff-passwd", "alice", stdin="Changed2024x\n")
    t.eq(r.returncode, 0, "staff-passwd changes the password")
    r = site.admin("staff-passwd", "nobody", stdin="Changed2024x\n")
    t.eq(r.returncode, 1, "staff-passwd of an unknown login exits 1")
    site.sql("UPDATE staff SET totp_enrolled = 1, totp_secret = 'x' WHERE login = 'alice'")
    r = site.admin("staff-totp-reset", "alice")
    t.eq(r.returncode, 0, "staff-totp-reset runs")
    t.eq(site.sql("SELECT totp_enrolled || '/' || ifnull(totp_secret, '') FROM staff WHERE login = 'alice'"), "0/",
         "and forces a new enrolment")
    t.ok(int(site.sql("SELECT count(*) FROM audit WHERE realm = 'system'")) >= 3, "the commands are audited")

    site.sql("INSERT INTO outbox (kind, recipient, body, created_ms, due_ms) VALUES ('sms', '13900000000', '排队的短信', 0, 0)")
    r = site.admin("outbox")
    t.eq(r.returncode, 0, "outbox sends what is due")
    t.ok(any(m[2] == "排队的短信" for m in site.sms()), "through the configured driver")

    backup = os.path.join(site.dir, "backup")
    os.makedirs(os.path.join(site.data, "uploads", "ab"), exist_ok=True)
    with open(os.path.join(site.data, "uploads", "ab", "scan.png"), "wb") as f:
        f.write(b"\x89PNG scan")
    t.eq(site.admin("backup", backup).returncode, 0, "backup writes a copy")
    for name in ("certdesk.db", "master.key", "uploads/ab/scan.png"):
        t.ok(os.path.exists(os.path.join(backup, name)), "the backup holds %s" % name)
    t.eq(site.admin("backup", backup).returncode, 1, "backup never overwrites a backup")
    site.sql("DELETE FROM staff")
    os.remove(os.path.join(site.data, "uploads", "ab", "scan.png"))
    t.eq(site.admin("restore", backup).returncode, 0, "restore runs")
    t.eq(site.sql("SELECT count(*) FROM staff"), "1", "the database is restored")
    t.ok(os.path.exists(os.path.join(site.data, "uploads", "ab", "scan.png")), "and the uploads")
    t.eq(site.sql("PRAGMA integrity_check"), "ok", "the restored database is sound")
    t.eq(site.admin("restore", os.path.join(site.dir, "nothing")).returncode, 1, "restore of a missing backup exits 1")

    env = dict(os.environ, CERTDESK_CONFIG=site.config)
    r = subprocess.run([ADMIN, "outbox"], env=env, capture_output=True, timeout=60)
    t.eq(r.returncode, 0, "the config is found from CERTDESK_CONFIG")
    env = dict(os.environ, CERTDESK_CONFIG="/nonexistent/certdesk.hdf")
    r = subprocess.run([ADMIN, "--config", site.config, "outbox"], env=env, capture_output=True, timeout=60)
    t.eq(r.returncode, 0, "--config wins over CERTDESK_CONFIG")
    r = subprocess.run([ADMIN, "outbox"], env=env, capture_output=True, timeout=60)
    t.ok(r.returncode != 0 and b"nonexistent" in r.stderr, "a missing config is an error on stderr")
    r = subprocess.run([ADMIN], capture_output=True, timeout=60)
    t.eq(r.returncode, 2, "no command prints usage and exits 2")

    if os.geteuid() == 0:
        user = next((u for u in ("www-data", "nobody") if has_user(u)), None)
        pw = pwd.getpwnam(user)
        for root, dirs, files in os.walk(site.dir):
            for name in dirs + files:
                os.lchown(os.path.join(root, name), pw.pw_uid, pw.pw_gid)
        os.lchown(site.dir, pw.pw_uid, pw.pw_gid)
        r = site.admin("staff-add", "carol", "producer", stdin="Produce2024x\n")
        t.eq(r.returncode, 0, "run as root, certdesk-admin works on another owner's data")
        owners = {os.stat(os.path.join(site.data, f)).st_uid for f in os.listdir(site.data) if f.startswith("certdesk.db")}
        t.eq(owners, {pw.pw_uid}, "and leaves no root-owned database file behind")
    else:
        print("ok %d - # SKIP run-as-owner needs root" % (t.n + 1))
        t.n += 1


def has_user(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


main()
