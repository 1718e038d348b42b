# tests/http/t_lighttpd_diskfull.py: a full disk (SECURITY.md 22): Data.Dir on a small tmpfs that fills during an upload and a submission gives a clear 503 page, leaves nothing half-written (no row without its file, no partial file) and the site resumes by itself once space is freed.
import hashlib
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)
import taplib  # noqa: E402
from fixtures import png  # noqa: E402
from httpclient import Client  # noqa: E402
from journeys import HOME, register  # noqa: E402
from orders import APPLY, ENTERPRISE, UPLOAD, order_of, upload  # noqa: E402
from servers import Site  # noqa: E402

FULL_TEXT = "存储空间不足"
SLOT = "legal_id_front"


def free_bytes(site):
    st = os.statvfs(site.data)
    return st.f_bavail * st.f_frsize


def fill_to(site, left):
    """Grows Data.Dir/filler until about left bytes stay free (0: until the disk is full)."""
    path = os.path.join(site.data, "filler")
    with open(path, "ab") as f:
        chunk = b"\0" * 65536
        while free_bytes(site) > left:
            try:
                f.write(chunk[:max(4096, min(len(chunk), free_bytes(site) - left))])
                f.flush()
            except OSError:
                break


def unfill(site):
    try:
        os.unlink(os.path.join(site.data, "filler"))
    except OSError:
        pass


def noise_png():
    """A PNG of about 1 MiB that does not compress."""
    rnd = os.urandom(3 * 600 * 600)
    return png(600, 600, lambda x, y: (rnd[3 * (y * 600 + x)], rnd[3 * (y * 600 + x) + 1], rnd[3 * (y * 600 + x) + 2]))


def whole(t, site, what):
    """Points: every document row has its file, whole (size and SHA-256); every stored file has
    its row; nothing is left in Data.Dir/tmp; the database is sound."""
    rows = site.sql("SELECT path || '|' || sha256 || '|' || size FROM documents").splitlines()
    bad = []
    for row in rows:
        path, sha, size = row.split("|")
        full = os.path.join(site.data, "uploads", path)
        try:
            with open(full, "rb") as f:
                data = f.read()
        except OSError as e:
            bad.append((path, str(e)))
            continue
        if len(data) != int(size) or hashlib.sha256(data).hexdigest() != sha:
            bad.append((path, "size %d, want %s" % (len(data), size)))
    t.eq(bad, [], "%s: every document row has its file, whole" % what)
    known = set(r.split("|")[0] for r in rows)
    stray = []
    for root, dirs, files in os.walk(os.path.join(site.data, "uploads")):
        for name in files:
            rel = os.path.relpath(os.path.join(root, name), os.path.join(site.data, "uploads"))
            if rel not in known:
                stray.append(rel)
    t.eq(stray, [], "%s: no stored file without its row" % what)
    t.eq(os.listdir(os.path.join(site.data, "tmp")), [], "%s: nothing half-written is left in tmp/" % what)
    t.eq(site.sql("PRAGMA integrity_check"), "ok", "%s: the database is sound" % what)


def main(t):
    taplib.require_tier(4)
    site = Site(server="lighttpd", data_size="48m", extra_config="Data.MinFreeBytes = 0").start()
    try:
        scenario(t, site)
    finally:
        unfill(site)
        if t.failed:
            t.diag(site.log_tail())
        site.stop()


def scenario(t, site):
    a = Client(site.base)
    if not register(t, site, a, "13912345601", "Secret2024ab", "applicant"):
        return
    csrf = a.csrf(APPLY + "?subject=enterprise")
    r = a.post(APPLY, dict(ENTERPRISE, action="save", csrf=csrf))
    order = order_of(r.header("Location"))
    if not t.ok(order, "an order is saved", r.summary()):
        return
    big = noise_png()
    orders_before = site.sql("SELECT count(*) FROM orders")

    # An upload that fits the request but not its stored copy: the disk fills mid-write.
    fill_to(site, len(big) * 3 // 2)
    r = upload(a, order, SLOT, "身份证.png", big, "image/png", csrf)
    t.eq(r.status, 503, "an upload that fills the disk answers 503", r.summary(300))
    t.ok(FULL_TEXT in r.text and "系统繁忙" in r.text, "with a page saying 系统繁忙, 存储空间不足", r.summary(600))
    t.eq(site.sql("SELECT count(*) FROM documents WHERE order_id = %s AND slot = '%s'" % (order, SLOT)), "0",
         "no document row is left for it")
    whole(t, site, "after the upload")

    # A submission on a disk with no room at all, then with a few pages left for the database.
    for left, what in ((0, "a full disk"), (12 * 1024, "a nearly full disk")):
        unfill(site)
        fill_to(site, left)
        r = a.post(APPLY, dict(ENTERPRISE, action="save", csrf=csrf))
        t.eq(r.status, 503, "saving an order on %s answers 503" % what, r.summary(300))
        t.ok(FULL_TEXT in r.text, "with the storage page", r.summary(600))
        t.eq(site.sql("SELECT count(*) FROM orders"), orders_before, "no order is half-saved on %s" % what)
        r = a.get(HOME)
        t.eq(r.status, 200, "pages are still served on %s" % what)
    whole(t, site, "after the submissions")

    # Space comes back: the same requests succeed, without a restart.
    unfill(site)
    r = upload(a, order, SLOT, "身份证.png", big, "image/png", csrf)
    t.eq(r.status, 303, "once space is freed the same upload is stored", r.summary(300))
    t.eq(site.sql("SELECT count(*) FROM documents WHERE order_id = %s AND slot = '%s'" % (order, SLOT)), "1",
         "with its row")
    r = a.post(APPLY, dict(ENTERPRISE, action="save", csrf=csrf))
    t.eq(r.status, 303, "and an order is saved again", r.summary(300))
    whole(t, site, "after recovery")


if __name__ == "__main__":
    taplib.run(main)
