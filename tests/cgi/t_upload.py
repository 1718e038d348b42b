# tests/cgi/t_upload.py: upload.fcgi run as plain CGI and under FastCGI: the documents page, storing and replacing documents, serving them to their owner only, refusals by content, size and ownership, the generated forms, and submission.
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cgitest import Browser, Site, Tap, serve  # noqa: E402
from upload_fixtures import add_order, jpeg, multipart, pdf, png, post_multipart, register  # noqa: E402

PROGRAMS = ("register", "upload")
ENT = "7012345678901234567"		# order numbers exceed 2^53: strings everywhere
PER = "7012345678901234568"
DONE = "7012345678901234569"
LOCKED = "7012345678901234570"
ENTERPRISE_SLOTS = ("license", "legal_id_front", "legal_id_back", "agent_id_front", "agent_id_back",
                    "seal", "agreement", "form", "authorization")


def run(modes=("cgi", "fcgi")):
    t = Tap()
    agreement = tempfile.NamedTemporaryFile(prefix="certdesk-agreement-", suffix=".pdf", delete=False)
    agreement.write(pdf("the configured agreement"))
    agreement.close()
    try:
        for mode in modes:
            site = Site("Agreement.File = %s\n" % agreement.name if mode == "fcgi" else "")
            serve(t, site, PROGRAMS, mode,
                  lambda runners, pids, site=site, mode=mode: scenario(t, site, runners, mode, agreement.name))
    finally:
        os.unlink(agreement.name)
    t.done()


def docs(site, order, where=""):
    return site.sql("SELECT count(*) FROM documents WHERE order_id = %s %s" % (order, where))


def scenario(t, site, runners, mode, agreement_path):
    m = mode + ": "
    owner, other = Browser(runners), Browser(runners)
    uid = register(site, owner, "13912340001")
    oid = register(site, other, "13912340002")
    t.ok(uid and oid, m + "two applicants registered and signed in")
    add_order(site, ENT, uid, "enterprise")
    add_order(site, PER, uid, "personal")
    add_order(site, DONE, uid, "enterprise", complete=True)
    add_order(site, LOCKED, uid, "personal", status="approved")

    # The page.
    r = Browser(runners).go("upload", "GET", "order=" + ENT)
    t.eq(r.status, 303, m + "a visitor is sent to sign in")
    t.ok("login.fcgi?next=" in (r.header("Location") or ""), m + "with next")
    r = owner.go("upload", "GET", "order=" + ENT)
    t.eq(r.status, 200, m + "the owner gets the documents page")
    page = r.text
    for label in ("营业执照（副本）彩色扫描件或加盖公章复印件", "法人身份证 人像面", "法人身份证 国徽面",
                  "加盖公章的经办人身份证复印件 正面", "加盖公章的经办人身份证复印件 反面", "印章图片",
                  "盖章的《CFCA网上平台办理协议书》扫描件", "盖章的申请表扫描件", "盖章的授权书扫描件"):
        t.ok(label in page, m + "the enterprise page lists " + label)
    t.eq(page.count('enctype="multipart/form-data"'), 9, m + "one multipart form per slot")
    t.eq(page.count('name="csrf"') - page.count('name="action" value="logout"'), 10, m + "every form carries csrf (9 slots + submit)")
    t.ok('class="step is-current" aria-current="step"><span class="step-no">2</span>' in page, m + "step 2 上传材料 is current")
    t.ok("doc=form" in page and "doc=authorization" in page and "doc=agreement" in page, m + "the downloads are offered")
    t.ok("身份证 人像面" not in page.replace("法人身份证 人像面", ""), m + "no personal slot on an enterprise order")
    t.ok('name="action" value="submit"' in page and "提交申请" in page, m + "the submit form is there")
    t.ok(ENT in page, m + "the order number is shown in full")
    r = owner.go("upload", "GET", "order=" + PER)
    t.ok(r.status == 200 and "身份证 人像面" in r.text and "营业执照" not in r.text and "doc=authorization" not in r.text,
         m + "the personal page lists its four slots and no authorization")
    t.eq(other.go("upload", "GET", "order=" + ENT).status, 404, m + "another applicant gets 404 for the page")
    t.eq(owner.go("upload", "GET", "order=123").status, 404, m + "a missing order answers 404")
    t.eq(owner.go("upload", "GET", "order=abc").status, 404, m + "a malformed order answers 404")
    t.eq(owner.go("upload", "GET", "").status, 404, m + "no order answers 404")
    r = owner.go("upload", "GET", "order=%s&file.FileHandle=1" % ENT)
    t.eq(r.status, 200, m + "a GET with file.FileHandle does not crash")

    # Uploads.
    csrf = owner.csrf("upload", "order=" + ENT)
    files = {
        "license": ("../../../营业执照.jpg", "image/jpeg", jpeg(1200, 900, 1)),
        "legal_id_front": ("front.jpg", "image/jpeg", jpeg(856, 540, 2)),
        "legal_id_back": ("back.png", "image/png", png(86, 54)),
        "agent_id_front": ("a.jpg", "image/jpeg", jpeg(856, 540, 3)),
        "agent_id_back": ("b.jpg", "image/jpeg", jpeg(856, 540, 4)),
        "seal": ("seal.png", "image/png", png(180, 180, "red")),
        "agreement": ("agreement.pdf", "application/pdf", pdf("agreement")),
        "form": ("form.pdf", "application/pdf", pdf("form")),
        "authorization": ("auth.png", "image/png", png(60, 80)),
    }
    statuses, locations = [], []
    for slot in ENTERPRISE_SLOTS:
        name, ctype, data = files[slot]
        r = post_multipart(owner, "upload", [("csrf", csrf), ("order", ENT), ("slot", slot)], [("file", name, ctype, data)])
        statuses.append(r.status)
        locations.append(r.header("Location") or "")
    t.eq(statuses, [303] * 9, m + "every enterprise slot is stored (303)")
    t.eq(locations[0], "http://127.0.0.1:8080/cgi-bin/upload.fcgi?order=%s&done=license#slot-license" % ENT, m + "back to the page with done=SLOT, at the slot")
    t.eq(docs(site, ENT, "AND current = 1"), "9", m + "nine current documents")
    r = owner.go("upload", "GET", "order=%s&done=license" % ENT)
    t.ok("已上传：营业执照（副本）彩色扫描件或加盖公章复印件" in r.text, m + "the page confirms 已上传：<label>")
    t.eq(r.text.count("view=seal"), 2, m + "the seal shows as a thumbnail")
    t.ok("view=agreement" in r.text and "查看已上传的文件" in r.text, m + "a PDF shows as a link")
    t.eq(site.sql("SELECT path FROM documents WHERE order_id = %s AND slot = 'license'" % ENT)[3:67],
         site.sql("SELECT sha256 FROM documents WHERE order_id = %s AND slot = 'license'" % ENT), m + "stored under its SHA-256")
    stored = sorted(os.path.relpath(os.path.join(d, f), site.data) for d, _, fs in os.walk(site.data) for f in fs
                    if "营业执照" in f or f.endswith((".jpg", ".png", ".pdf")))
    t.ok(len(stored) == 9 and all(re.match(r"uploads/[0-9a-f]{2}/[0-9a-f]{64}\.(jpg|png|pdf)$", p) for p in stored),
         m + "files are stored only under uploads/ by hash, whatever the client's file name", stored)
    tmp = os.path.join(site.data, "tmp")
    t.eq([f for f in os.listdir(tmp)] if os.path.isdir(tmp) else [], [], m + "no temp file is left in Data.Dir/tmp")

    # Replacement keeps history; viewing returns the bytes.
    new = png(90, 60)
    r = post_multipart(owner, "upload", [("csrf", csrf), ("order", ENT), ("slot", "license")], [("file", "new.png", "image/png", new)])
    t.eq(r.status, 303, m + "a replacement is stored")
    t.eq(docs(site, ENT, "AND slot = 'license'"), "2", m + "history: two rows for license")
    t.eq(docs(site, ENT, "AND slot = 'license' AND current = 1"), "1", m + "one of them current")
    r = owner.go("upload", "GET", "order=%s&view=license" % ENT)
    t.eq(r.status, 200, m + "the owner can view the document")
    t.ok(r.body == new, m + "the bytes are identical to the replacement")
    t.eq(r.header("Content-Type"), "image/png", m + "with the sniffed content type")
    t.ok("filename" in (r.header("Content-Disposition") or ""), m + "with Content-Disposition")
    t.eq(r.header("X-Content-Type-Options"), "nosniff", m + "and nosniff")
    r = owner.go("upload", "GET", "order=%s&view=agreement" % ENT)
    t.ok(r.status == 200 and r.header("Content-Type") == "application/pdf" and r.body == files["agreement"][2], m + "a PDF is served back as PDF")
    t.eq(other.go("upload", "GET", "order=%s&view=license" % ENT).status, 404, m + "another applicant gets 404 for the view")
    t.eq(owner.go("upload", "GET", "order=%s&view=id_front" % ENT).status, 404, m + "a slot the order does not have answers 404")
    t.eq(owner.go("upload", "GET", "order=%s&view=id_front" % PER).status, 404, m + "an empty slot answers 404")
    t.eq(owner.go("upload", "GET", "order=%s&view=../x" % ENT).status, 404, m + "a path trick answers 404")

    # Refusals.
    before = docs(site, ENT)
    other_csrf = other.csrf("upload", "order=" + ENT) or other.csrf("register")
    r = post_multipart(other, "upload", [("csrf", other_csrf), ("order", ENT), ("slot", "license")], [("file", "x.jpg", "image/jpeg", jpeg())])
    t.eq(r.status, 404, m + "another applicant gets 404 for the upload")
    r = post_multipart(owner, "upload", [("order", ENT), ("slot", "license")], [("file", "x.jpg", "image/jpeg", jpeg())])
    t.eq(r.status, 403, m + "an upload without csrf answers 403")
    r = post_multipart(owner, "upload", [("csrf", csrf), ("order", ENT), ("slot", "license")],
                       [("file", "photo.png", "image/png", b"<html><script>alert(1)</script></html>")])
    t.eq(r.status, 422, m + "HTML disguised as a PNG answers 422")
    t.ok("无法识别文件内容" in r.text and 'id="err-license"' in r.text, m + "with the message beside the license slot")
    r = post_multipart(owner, "upload", [("csrf", csrf), ("order", ENT), ("slot", "agreement")],
                       [("file", "agreement.pdf", "application/pdf", png())])
    t.eq(r.status, 422, m + "a PNG named .pdf is refused as the agreement")
    t.ok("请上传PDF格式的文件" in r.text, m + "as not a PDF")
    r = post_multipart(owner, "upload", [("csrf", csrf), ("order", ENT), ("slot", "license")],
                       [("file", "bad.png", "image/png", png(bad_crc=True))])
    t.eq(r.status, 422, m + "a PNG with a bad IHDR CRC is refused")
    r = post_multipart(owner, "upload", [("csrf", csrf), ("order", ENT), ("slot", "seal")],
                       [("file", "seal.png", "image/png", png(150, 150, "blue"))])
    t.ok(r.status == 422 and "印章图片应为白底或透明底上的红色印章" in r.text, m + "a blue seal is refused")
    r = post_multipart(owner, "upload", [("csrf", csrf), ("order", ENT), ("slot", "seal")],
                       [("file", "seal.png", "image/png", png(201, 200, "red"))])
    t.ok(r.status == 422 and "不超过200×200像素" in r.text, m + "a 201×200 seal is refused")
    r = post_multipart(owner, "upload", [("csrf", csrf), ("order", ENT), ("slot", "seal")],
                       [("file", "seal.jpg", "image/jpeg", jpeg(100, 100))])
    t.eq(r.status, 422, m + "a JPEG seal is refused")
    r = post_multipart(owner, "upload", [("csrf", csrf), ("order", ENT), ("slot", "license")],
                       [("file", "big.png", "image/png", png(20, 20, pad=6 * 1024 * 1024))])
    t.ok(r.status == 422 and "5MB" in r.text, m + "a 6 MiB image is refused by size")
    r = post_multipart(owner, "upload", [("csrf", csrf), ("order", ENT), ("slot", "id_front")], [("file", "x.jpg", "image/jpeg", jpeg())])
    t.eq(r.status, 422, m + "a personal slot on an enterprise order answers 422")
    r = post_multipart(owner, "upload", [("csrf", csrf), ("order", ENT), ("slot", "nope")], [("file", "x.jpg", "image/jpeg", jpeg())])
    t.eq(r.status, 422, m + "an unknown slot answers 422")
    r = post_multipart(owner, "upload", [("csrf", csrf), ("order", ENT), ("slot", "license")])
    t.ok(r.status == 422 and "请选择要上传的文件" in r.text, m + "no file answers 422")
    r = post_multipart(owner, "upload", [("csrf", csrf), ("order", ENT), ("slot", "license")], [("file", "empty.jpg", "image/jpeg", b"")])
    t.eq(r.status, 422, m + "an empty file answers 422")
    r = post_multipart(owner, "upload", [("csrf", csrf), ("order", ENT), ("slot", "license"), ("file.FileHandle", "1")])
    t.eq(r.status, 422, m + "a text field file.FileHandle without a file answers 422, no crash")
    r = post_multipart(owner, "upload", [("csrf", csrf), ("order", ENT), ("slot", "license"), ("file.FileHandle", "7")],
                       [("other", "o.jpg", "image/jpeg", jpeg(10, 10, 9))])
    t.eq(r.status, 400, m + "a file part under a name no field declares is refused before parsing (400)")
    r = post_multipart(owner, "upload", [("csrf", csrf), ("order", ENT), ("slot", "license"), ("file", "just text")])
    t.eq(r.status, 422, m + "a text field named file is not a file")
    r = owner.go("upload", "POST", fields={"csrf": csrf, "order": ENT, "slot": "license", "file.FileHandle": "1"})
    t.eq(r.status, 422, m + "a urlencoded file.FileHandle is not a file")
    body, ctype = multipart([("csrf", csrf), ("order", ENT), ("slot", "license")], [("file", "x.jpg", "image/jpeg", jpeg())])
    r = runners["upload"].request("POST", "", body[:len(body) // 2], cookies=dict(owner.jar), ctype=ctype, length=12 * 1024 * 1024)
    t.eq(r.status, 413, m + "a body over 11 MiB answers 413")
    t.eq(docs(site, ENT), before, m + "nothing was stored by the refused uploads")
    r = owner.go("upload", "GET", "order=" + ENT)
    t.eq(r.status, 200, m + "the program still serves after the refusals")

    # A locked order: shown read-only, uploads refused.
    r = owner.go("upload", "GET", "order=" + LOCKED)
    t.ok(r.status == 200 and "不能再修改" in r.text and 'enctype="multipart/form-data"' not in r.text, m + "an approved order is read-only")
    r = post_multipart(owner, "upload", [("csrf", csrf), ("order", LOCKED), ("slot", "id_front")], [("file", "x.jpg", "image/jpeg", jpeg())])
    t.eq(r.status, 422, m + "an upload to an approved order answers 422")
    t.eq(docs(site, LOCKED), "0", m + "and stores nothing")

    # Generated documents.
    r = owner.go("upload", "GET", "order=%s&doc=form" % ENT)
    t.ok(r.status == 200 and r.header("Content-Type") == "application/pdf" and r.body.startswith(b"%PDF-"), m + "doc=form is a PDF")
    t.ok("attachment" in (r.header("Content-Disposition") or ""), m + "sent as an attachment")
    r = owner.go("upload", "GET", "order=%s&doc=authorization" % ENT)
    t.ok(r.status == 200 and r.body.startswith(b"%PDF-"), m + "doc=authorization is a PDF")
    t.eq(owner.go("upload", "GET", "order=%s&doc=authorization" % PER).status, 404, m + "a personal order has no authorization")
    t.eq(other.go("upload", "GET", "order=%s&doc=form" % ENT).status, 404, m + "another applicant gets 404 for the form")
    t.eq(owner.go("upload", "GET", "order=%s&doc=bogus" % ENT).status, 404, m + "an unknown doc answers 404")
    r = owner.go("upload", "GET", "order=%s&doc=form&print=1" % ENT)
    t.ok(r.status == 200 and "数字证书及电子印章申请表" in r.text and ENT in r.text, m + "print=1 is the printable form")
    t.ok("doc=form&amp;qr=1" in r.text and "view=seal" in r.text, m + "with the QR image and the seal")
    r = owner.go("upload", "GET", "order=%s&doc=authorization&print=1" % ENT)
    t.ok(r.status == 200 and "授权书" in r.text and "现授权" in r.text and "被授权人身份证件复印件粘贴处" in r.text,
         m + "the printable authorization letter")
    r = owner.go("upload", "GET", "order=%s&doc=form&print=1" % PER)
    t.ok(r.status == 200 and "数字证书申请表（个人）" in r.text and "申请人信息" in r.text and "view=seal" not in r.text,
         m + "the printable personal form")
    r = owner.go("upload", "GET", "order=%s&doc=form&qr=1" % ENT)
    t.ok(r.status == 200 and r.header("Content-Type") == "image/png" and r.body.startswith(b"\x89PNG"), m + "qr=1 is a PNG")
    r = owner.go("upload", "GET", "order=%s&doc=agreement" % ENT)
    t.ok(r.status == 200 and r.body.startswith(b"%PDF-"), m + "the agreement is downloadable")
    if mode == "fcgi":
        with open(agreement_path, "rb") as f:
            t.ok(r.body == f.read(), m + "from Agreement.File when configured")
    else:
        t.ok(r.body != pdf("the configured agreement"), m + "the sample when Agreement.File is not set")

    # Submission.
    csrf = owner.csrf("upload", "order=" + PER)
    r = owner.go("upload", "POST", fields={"action": "submit", "order": PER, "csrf": csrf})
    t.eq(r.status, 422, m + "submitting an incomplete order answers 422")
    listed = re.search(r'<ul class="missing-list">(.*?)</ul>', r.text, re.S)
    listed = listed.group(1) if listed else ""
    for label in ("身份证 人像面", "身份证 国徽面", "盖章的申请表扫描件", "姓名", "个人信息", "《CFCA网上平台办理协议书》"):
        t.ok(label in listed, m + "the page lists what is missing: " + label)
    t.ok("盖章的授权书扫描件" not in listed, m + "but no enterprise document")
    t.eq(site.sql("SELECT status FROM orders WHERE id = " + PER), "draft", m + "the order stays a draft")
    t.eq(other.go("upload", "POST", fields={"action": "submit", "order": PER, "csrf": other.csrf("upload", "order=" + PER) or csrf}).status,
         404, m + "another applicant gets 404 for submit")
    r = owner.go("upload", "POST", fields={"action": "submit", "order": LOCKED, "csrf": csrf})
    t.eq(r.status, 422, m + "submitting an approved order answers 422")
    r = owner.go("upload", "POST", fields={"action": "submit", "order": DONE, "csrf": csrf})
    t.eq(r.status, 422, m + "a complete form without its documents answers 422")
    listed = re.search(r'<ul class="missing-list">(.*?)</ul>', r.text, re.S)
    listed = listed.group(1) if listed else ""
    t.ok("营业执照" in listed and "盖章的授权书扫描件" in listed and "单位名称" not in listed, m + "listing only the documents")
    for slot in ENTERPRISE_SLOTS:
        name, ctype, data = files[slot]
        post_multipart(owner, "upload", [("csrf", csrf), ("order", DONE), ("slot", slot)], [("file", name, ctype, data)])
    t.eq(docs(site, DONE, "AND current = 1"), "9", m + "the complete order has its nine documents")
    r = owner.go("upload", "POST", fields={"action": "submit", "order": DONE, "csrf": csrf})
    t.eq(r.status, 303, m + "submitting a complete order answers 303")
    t.eq(r.header("Location"), "http://127.0.0.1:8080/cgi-bin/pay.fcgi?order=" + DONE, m + "to the payment page")
    t.eq(site.sql("SELECT status || ' ' || amount_fen FROM orders WHERE id = " + DONE), "pending 40000", m + "pending, with the amount fixed")


if __name__ == "__main__":
    # Both modes by default; "fcgi" alone for the valgrind stage (multi-request processes).
    run(tuple(sys.argv[1:]) or ("cgi", "fcgi"))
