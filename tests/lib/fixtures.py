# tests/lib/fixtures.py: small valid document files made on the fly (PNG, JPEG, PDF, the seal) and multipart bodies, for the upload tests.
import struct
import zlib
import uuid


def png(width=120, height=80, pixel=lambda x, y: (200, 200, 200)):
    """A truecolour PNG of the given size whose pixels come from pixel(x, y) -> (r, g, b)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def seal_png(size=160, ink=(210, 20, 30)):
    """A red ring stamp on white, as a scanned seal looks."""
    c, r_out, r_in = size / 2, size * 0.45, size * 0.36

    def pixel(x, y):
        d = ((x - c) ** 2 + (y - c) ** 2) ** 0.5
        return ink if r_in <= d <= r_out or (abs(x - c) < size * 0.08 and abs(y - c) < size * 0.08) else (255, 255, 255)
    return png(size, size, pixel)


def jpeg(width=64, height=48):
    """A minimal baseline JPEG header walk: SOI, APP0 (JFIF), DQT, SOF0 with the size, DHT, SOS, EOI."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    dqt = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes([1] * 64)
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    dht = b"\xff\xc4" + struct.pack(">H", 20) + b"\x00" + bytes([1] + [0] * 15) + b"\x00"
    sos = b"\xff\xda" + struct.pack(">H", 8) + b"\x01\x01\x00\x00\x3f\x00"
    return b"\xff\xd8" + app0 + dqt + sof + dht + sos + b"\x00" * 32 + b"\xff\xd9"


def pdf(text="certdesk test document"):
    """A small one-page PDF with a valid cross-reference table."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"]
    stream = ("BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text).encode()
    objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def multipart(fields, files):
    """(body, content_type) for fields {name: value} and files {name: (filename, bytes, claimed_type)}."""
    boundary = "----certdesk" + uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                      % (boundary, name, value)).encode("utf-8"))
    for name, (filename, data, ctype) in files.items():
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                      "Content-Type: %s\r\n\r\n" % (boundary, name, filename, ctype)).encode("utf-8") + data + b"\r\n")
    parts.append(("--%s--\r\n" % boundary).encode())
    return b"".join(parts), "multipart/form-data; boundary=%s" % boundary


# The slots of an enterprise and a personal order, with a file that fits each.
ENTERPRISE_SLOTS = {
    "license": ("营业执照.jpg", "jpeg"), "legal_id_front": ("法人身份证正面.png", "png"),
    "legal_id_back": ("法人身份证反面.png", "png"), "agent_id_front": ("经办人身份证正面.jpg", "jpeg"),
    "agent_id_back": ("经办人身份证反面.jpg", "jpeg"), "seal": ("印章.png", "seal"),
    "agreement": ("协议书.pdf", "pdf"), "form": ("申请表.pdf", "pdf"), "authorization": ("授权书.pdf", "pdf"),
}
PERSONAL_SLOTS = {
    "id_front": ("身份证正面.jpg", "jpeg"), "id_back": ("身份证反面.png", "png"),
    "agreement": ("协议书.pdf", "pdf"), "form": ("申请表.jpg", "jpeg"),
}


def file_for(kind):
    """(bytes, claimed content type) for a fixture kind."""
    return {"jpeg": (jpeg(), "image/jpeg"), "png": (png(), "image/png"), "seal": (seal_png(), "image/png"),
            "pdf": (pdf(), "application/pdf")}[kind]
