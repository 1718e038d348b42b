# tests/cgi/upload_fixtures.py: small JPEG/PNG/PDF files made in Python (no imaging library), multipart bodies, and applicants for the upload tests.
import os
import struct
import zlib

from cgitest import Browser  # noqa: F401 (the helpers below take a cgitest.Browser)

PASSWORD = "Secret2024ab"


def _chunk(kind, data, bad_crc=False):
    crc = zlib.crc32(kind + data) & 0xffffffff
    if bad_crc:
        crc ^= 0xffffffff
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _ink(x, y, w, h):
    """A ring and a bar, like a round seal."""
    cx, cy, r = w // 2, h // 2, min(w, h) // 2 - 2
    d2 = (x - cx) ** 2 + (y - cy) ** 2
    return (r - 6) ** 2 <= d2 <= r * r or (cy - 3 < y < cy + 3 and cx - r // 2 < x < cx + r // 2)


def png(w=40, h=30, paint="gray", pad=0, bad_crc=False):
    """An RGBA PNG: paint is gray (a gradient), red (red ink on white), blue (blue ink on
    white) or clear (red ink on transparent); pad adds an ancillary chunk of that size."""
    rows = []
    for y in range(h):
        row = bytearray(b"\0")
        for x in range(w):
            if paint == "gray":
                v = x * 255 // max(w - 1, 1)
                row += bytes((v, v, v, 255))
            elif _ink(x, y, w, h):
                row += bytes((30, 60, 200, 255)) if paint == "blue" else bytes((214, 32, 40, 255))
            else:
                row += bytes((0, 0, 0, 0)) if paint == "clear" else bytes((255, 255, 255, 255))
        rows.append(bytes(row))
    out = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0), bad_crc)
    if pad:
        out += _chunk(b"zzPd", b"\0" * pad)
    return out + _chunk(b"IDAT", zlib.compress(b"".join(rows))) + _chunk(b"IEND", b"")


def jpeg(w=640, h=480, seed=1):
    """The marker structure of a baseline JPEG (SOI, APP0, DQT, SOF0 w×h, DHT, SOS, data, EOI)."""
    out = b"\xff\xd8" + b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    out += b"\xff\xdb\x00\x43\x00" + bytes([1 + (i + seed) % 50 for i in range(64)])
    out += b"\xff\xc0\x00\x11\x08" + struct.pack(">HH", h, w) + b"\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    out += b"\xff\xc4\x00\x1f\x00" + bytes([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]) + bytes(range(12))
    out += b"\xff\xda\x00\x0c\x03\x01\x00\x02\x11\x03\x11\x00\x3f\x00"
    out += bytes([(i * 37 + seed) % 255 for i in range(200)]) + b"\xff\xd9"
    return out


def pdf(text="certdesk test", pad=0):
    """A small PDF with a %%EOF trailer."""
    body = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    body += ("%% %s\n" % text).encode()
    if pad:
        body += b"2 0 obj\n<< /Length %d >>\nstream\n" % pad + b"x" * pad + b"\nendstream\nendobj\n"
    return body + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def multipart(fields, files=()):
    """A multipart/form-data body of fields [(name, value)] and files [(name, filename,
    content type, bytes)]; returns (body, content type)."""
    boundary = "----certdesk" + os.urandom(8).hex()
    out = b""
    for name, value in fields:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" % (boundary, name)).encode()
        out += (value.encode() if isinstance(value, str) else value) + b"\r\n"
    for name, filename, ctype, data in files:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
                % (boundary, name, filename, ctype)).encode("utf-8")
        out += data + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode()
    return out, "multipart/form-data; boundary=" + boundary


def post_multipart(browser, program, fields, files=(), **kw):
    """POSTs a multipart body with the browser's cookies (and keeps the cookies it gets)."""
    body, ctype = multipart(fields, files)
    resp = browser.runners[program].request("POST", "", body, cookies=dict(browser.jar), ctype=ctype, **kw)
    for name, (value, raw) in resp.cookies().items():
        if "Max-Age=0" in raw:
            browser.jar.pop(name, None)
        else:
            browser.jar[name] = value
    return resp


def register(site, browser, mobile):
    """Registers mobile through register.fcgi (SMS code from the file driver) and signs in.
    Returns the account id as a string, or None."""
    csrf = browser.go("register").csrf()
    seen = site.sms_count(mobile)
    r = browser.go("register", "POST", fields={"action": "send_code", "mobile": mobile, "csrf": csrf})
    if r.status != 303:
        return None
    code = site.last_code(mobile, seen)
    r = browser.go("register", "POST", fields={"action": "register", "mobile": mobile, "password": PASSWORD,
                                                "password2": PASSWORD, "code": code, "csrf": csrf})
    if r.status != 303 or "cd_sid" not in browser.jar:
        return None
    return site.sql("SELECT id FROM users WHERE mobile = '%s'" % mobile)


def add_order(site, order_id, user_id, subject="enterprise", complete=False, status="draft"):
    """Inserts an order row directly (apply.fcgi is tested on its own); complete fills
    every field submission needs."""
    cols = {"id": order_id, "user_id": user_id, "subject": "'%s'" % subject, "kind": "'new'",
            "project": "'bidding'", "years": 1, "created_ms": 1700000000000, "updated_ms": 1700000000000,
            "status": "'%s'" % status}
    if complete:
        cols.update({"delivery": "'pickup'", "agree": 1, "consent": 1})
        if subject == "enterprise":
            cols.update({"org_name": "'福州测试科技有限公司'", "org_nature": "'private'", "uscc": "'91350100M000100Y43'",
                         "legal_name": "'张三'", "legal_id_sealed": "'v1.x'", "agent_name": "'李四'",
                         "agent_mobile": "'13912345678'", "agent_email": "'li@example.com'",
                         "agent_id_type": "'id_card'", "agent_id_sealed": "'v1.y'", "agent_address": "'福州市鼓楼区'"})
        else:
            cols.update({"name": "'王五'", "id_sealed": "'v1.z'", "mobile": "'13912345678'",
                         "email": "'wang@example.com'", "address": "'福州市台江区'"})
    names = ", ".join(cols)
    values = ", ".join(str(v) for v in cols.values())
    site.sql("INSERT INTO orders (%s) VALUES (%s)" % (names, values))
    return str(order_id)
