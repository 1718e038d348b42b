# tests/http/invoices.py: the invoice journey over HTTP (titles CRUD, requests of paid orders, finance issuing a PDF or OFD e-mailed over STARTTLS+AUTH, rejecting, downloads, another applicant's 404s), shared by the lighttpd and Apache tests.
import email
import email.policy
import hashlib
import io
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)
from fixtures import multipart, pdf, png  # noqa: E402
from journeys import run_scenario  # noqa: E402
from orders import ORDERS, PAY  # noqa: E402
from payments import new_order, pay_status, pay_trade, staff_signed_in, start, uscc  # noqa: E402
from servers import MAIL_USER  # noqa: E402
from staff import ADMIN  # noqa: E402

INVOICE = "/cgi-bin/invoice.fcgi"
COMPANY = {
    "kind": "company", "name": "福州市某某信息技术有限公司", "tax_id": uscc(40),
    "address": "福州市鼓楼区五四路1号", "phone": "0591-87654321", "bank": "中国工商银行福州五一支行",
    "account": "1402 0212 0910 0765 432", "email": "caiwu@fjca-test.cn",
}
PERSONAL = {"kind": "personal", "name": "王五", "email": "wangwu@fjca-test.cn"}
NUMBER = "26352000000012345678"
OFD_NUMBER = "26352000000087654321"


def ofd(with_root=True):
    """A small OFD package (GB/T 33190): a ZIP with OFD.xml at its root and Doc_0/Document.xml."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        if with_root:
            z.writestr("OFD.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="http://www.ofdspec.org'
                       '/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>certdesk-test'
                       '</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>'
                       '</ofd:OFD>\n')
        z.writestr("Doc_0/Document.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="http:'
                   '//www.ofdspec.org/2016"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 140'
                   '</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages/></ofd:Document>\n')
    return buf.getvalue()


def sha(data):
    return hashlib.sha256(data or b"").hexdigest()


def count(site, query):
    return int(site.sql(query) or 0)


def title_id(site, name):
    return site.sql("SELECT id FROM invoice_titles WHERE name = '%s' ORDER BY id DESC LIMIT 1" % name)


def post_title(c, action, fields, csrf, id=None):
    data = dict(fields, action=action, csrf=csrf)
    if id is not None:
        data["id"] = id
    return c.post(INVOICE, data)


def request(c, order, kind, title, csrf):
    return c.post(INVOICE, {"action": "request", "order": order, "type": kind, "title": title, "csrf": csrf})


def actions_cell(c, order):
    """The 操作 cell of order's row in the applicant's list (None when the row is missing), and the page."""
    r = c.get(ORDERS)
    for tr in re.findall(r"<tr>(.*?)</tr>", r.text, re.S):
        if re.search(r'<td data-label="业务单号"[^>]*>%s</td>' % order, tr):
            m = re.search(r'<td data-label="操作"[^>]*>(.*?)</td>', tr, re.S)
            return (m.group(1) if m else tr), r
    return None, r


def paid_order(t, site, a, what, n):
    """An enterprise order of a, submitted and paid by Alipay (the fake pays and notifies once); its number."""
    order = new_order(t, site, a, what, n)
    if not order:
        return None
    a.get(PAY + "?order=" + order)
    paid = pay_trade(t, site, order, "%s: the payment page of order %d opens one trade" % (what, n))
    if paid is None:
        return order
    t.eq(pay_status(site, order), "paid", "%s: order %d is paid (Alipay, notified)" % (what, n), paid[1])
    return order


def issue(c, invoice, number, file=None, csrf=None):
    """POST invoice_issue (multipart); file is (filename, bytes, claimed type) or None."""
    fields = {"csrf": csrf or c.csrf(ADMIN + "?invoice=" + invoice), "action": "invoice_issue", "invoice": invoice}
    if number is not None:
        fields["number"] = number
    body, ctype = multipart(fields, {"file": file} if file else {})
    return c.request("POST", ADMIN + "/invoice_issue", body=body, content_type=ctype)


def invoice_status(site, invoice):
    return site.sql("SELECT status || '|' || ifnull(number, '') || '|' || ifnull(file_path, '') FROM invoices"
                    " WHERE id = %s" % invoice)


def one_mail(t, site, seen, what):
    """Waits for the e-mails after the first seen; checks there is exactly one; returns (entry, parsed message)."""
    found = site.wait_mail(seen, timeout=20)
    new = found[seen:]
    if not t.eq(len(new), 1, "%s: the SMTP server receives exactly one message" % what,
                [(m.get("rcpt_to"), m.get("size")) for m in new]):
        if not new:
            return None, None
    m = new[0]
    return m, email.message_from_bytes(m["raw"], policy=email.policy.default)


def attachments(msg):
    return [(p.get_filename() or "", p.get_content_type(), p.get_payload(decode=True) or b"")
            for p in msg.iter_attachments()] if msg is not None else []


def mailed(t, m, msg, order, data, ext, ctype, what):
    """Checks the e-mail of order's issued invoice (m: the SMTP fake's entry, msg: parsed): a point each for
    its going to the company title's e-mail, a subject naming 发票 and the order, one attachment, and that
    attachment being data byte for byte, named .EXT, of type ctype."""
    t.eq(m.get("rcpt_to"), [COMPANY["email"]], "%s: to the title's e-mail" % what)
    subject = str(msg["subject"] or "")
    t.ok("发票" in subject and order in subject, "%s: the decoded subject names 发票 and the order" % what, subject)
    att = attachments(msg)
    t.eq(len(att), 1, "%s: with one attachment" % what, [(n, c, len(d)) for n, c, d in att])
    if att:
        name, got_type, body = att[0]
        t.eq(sha(body), sha(data), "%s: the attachment is the uploaded file, byte for byte (sha256)" % what)
        t.ok(name.lower().endswith("." + ext), "%s: named .%s" % (what, ext), name)
        t.eq(got_type, ctype, "%s: as %s" % (what, ctype))


def titles(t, site, a, b, what):
    """Titles CRUD: adds, refusals (nothing stored), edit, default, delete, another applicant's 404s.
    Returns (company id, personal id, B's title id)."""
    r = a.get(INVOICE)
    csrf = r.csrf()
    t.ok(r.status == 200 and csrf and "发票抬头管理" in r.text, "%s: the titles page answers 200 with a form" % what,
         r.summary())
    r = post_title(a, "title_add", COMPANY, csrf)
    t.ok(r.status == 303 and (r.location_path() or "").startswith(INVOICE),
         "%s: title_add (company, every field) answers 303 to the titles page" % what, r.summary())
    company = title_id(site, COMPANY["name"])
    t.eq(site.sql("SELECT kind || '|' || name || '|' || tax_id || '|' || address || '|' || phone || '|' || bank"
                  " || '|' || account || '|' || email || '|' || is_default FROM invoice_titles WHERE id = %s"
                  % (company or 0)),
         "|".join([COMPANY[k] for k in ("kind", "name", "tax_id", "address", "phone", "bank", "account", "email")]
                  + ["1"]), "%s: stored with every field, and the first title is the default" % what)
    r = post_title(a, "title_add", PERSONAL, csrf)
    t.eq(r.status, 303, "%s: title_add (personal, name and e-mail only) answers 303" % what, r.summary())
    personal = title_id(site, PERSONAL["name"])
    t.eq(site.sql("SELECT kind || '|' || ifnull(tax_id, '-') || '|' || email || '|' || is_default FROM invoice_titles"
                  " WHERE id = %s" % (personal or 0)), "personal|-|%s|0" % PERSONAL["email"],
         "%s: stored as a personal title, not the default" % what)
    r = a.get(INVOICE)
    t.ok(r.status == 200 and COMPANY["name"] in r.text and COMPANY["tax_id"] in r.text and PERSONAL["name"] in r.text
         and "默认" in r.text, "%s: the titles page lists both, the default marked" % what, r.summary(3000))

    stored = count(site, "SELECT count(*) FROM invoice_titles")
    for name, fields, msg in (
            ("a tax id of 16 characters", dict(COMPANY, name="坏税号一", tax_id="91350100M0002001"),
             "纳税人识别号应为15、17、18或20位数字或大写字母"),
            ("an 18-character tax id with a wrong check character",
             dict(COMPANY, name="坏税号二", tax_id=uscc(40)[:-1] + ("0" if uscc(40)[-1] != "0" else "1")),
             "统一社会信用代码"),
            ("a company title without a tax id", dict(COMPANY, name="无税号", tax_id=""), "请填写纳税人识别号"),
            ("a bad e-mail", dict(PERSONAL, name="坏邮箱", email="wangwu@@fjca-test"), "请填写正确的电子邮箱"),
            ("no name", dict(PERSONAL, name=""), "请填写发票抬头名称"),
            ("a bad phone", dict(COMPANY, name="坏电话", phone="12345"), "请填写正确的电话")):
        r = post_title(a, "title_add", fields, csrf)
        t.ok(r.status == 422 and msg in r.text, "%s: %s: 422 with the message" % (what, name), r.summary(3000))
    t.eq(count(site, "SELECT count(*) FROM invoice_titles"), stored, "%s: and nothing is stored" % what)

    r = a.get(INVOICE + "?title=%s" % personal)
    t.ok(r.status == 200 and 'name="action" value="title_edit"' in r.text and PERSONAL["email"] in r.text,
         "%s: GET ?title=ID shows the edit form filled in" % what, r.summary(3000))
    edited = dict(PERSONAL, name="王五五", email="wang5@fjca-test.cn", phone="13912345678")
    r = post_title(a, "title_edit", dict(edited, name=""), csrf, personal)
    t.ok(r.status == 422 and "请填写发票抬头名称" in r.text, "%s: title_edit without a name: 422" % what, r.summary())
    t.eq(site.sql("SELECT name FROM invoice_titles WHERE id = %s" % personal), PERSONAL["name"],
         "%s: and the title is unchanged" % what)
    r = post_title(a, "title_edit", edited, csrf, personal)
    t.eq(r.status, 303, "%s: title_edit answers 303" % what, r.summary())
    t.eq(site.sql("SELECT name || '|' || email || '|' || phone FROM invoice_titles WHERE id = %s" % personal),
         "王五五|wang5@fjca-test.cn|13912345678", "%s: the title is changed" % what)
    PERSONAL.update(edited)

    r = a.post(INVOICE, {"action": "title_default", "id": personal, "csrf": csrf})
    t.eq(r.status, 303, "%s: title_default answers 303" % what, r.summary())
    t.eq(site.sql("SELECT group_concat(id) FROM invoice_titles WHERE is_default = 1 AND id IN (%s, %s)"
                  % (company, personal)), personal, "%s: the personal title is now the only default" % what)
    r = a.post(INVOICE, {"action": "title_default", "id": company, "csrf": csrf})
    t.eq(site.sql("SELECT group_concat(id) FROM invoice_titles WHERE is_default = 1 AND id IN (%s, %s)"
                  % (company, personal)), company, "%s: and back to the company title" % what)

    r = post_title(a, "title_add", dict(PERSONAL, name="临时抬头"), csrf)
    spare = title_id(site, "临时抬头")
    t.ok(r.status == 303 and spare, "%s: a third title is added" % what, r.summary())
    r = a.post(INVOICE, {"action": "title_delete", "id": spare, "csrf": csrf})
    t.eq(r.status, 303, "%s: title_delete answers 303" % what, r.summary())
    t.eq(count(site, "SELECT count(*) FROM invoice_titles WHERE id = %s" % (spare or 0)), 0,
         "%s: the title is gone" % what)
    r = a.get(INVOICE)
    t.ok("临时抬头" not in r.text and COMPANY["name"] in r.text, "%s: and no longer listed" % what)

    rb = b.get(INVOICE)
    bcsrf = rb.csrf()
    r = post_title(b, "title_add", dict(PERSONAL, name="赵六", email="zhao6@fjca-test.cn"), bcsrf)
    theirs = title_id(site, "赵六")
    t.ok(r.status == 303 and theirs, "%s: applicant B adds a title of their own" % what, r.summary())
    t.ok(COMPANY["name"] not in rb.text and PERSONAL["name"] not in b.get(INVOICE).text,
         "%s: B's titles page does not list A's titles" % what)
    t.eq(b.get(INVOICE + "?title=%s" % company).status, 404, "%s: B gets 404 for GET ?title=<A's title>" % what)
    r = post_title(b, "title_edit", dict(COMPANY, name="B改的名称"), bcsrf, company)
    t.eq(r.status, 404, "%s: and for POST title_edit of it" % what, r.summary())
    r = b.post(INVOICE, {"action": "title_delete", "id": company, "csrf": bcsrf})
    t.eq(r.status, 404, "%s: and for POST title_delete of it" % what, r.summary())
    r = b.post(INVOICE, {"action": "title_default", "id": company, "csrf": bcsrf})
    t.eq(r.status, 404, "%s: and for POST title_default of it" % what, r.summary())
    t.eq(site.sql("SELECT name || '|' || is_default FROM invoice_titles WHERE id = %s" % company),
         COMPANY["name"] + "|1", "%s: A's title is untouched" % what)
    t.eq(b.get(INVOICE + "?title=987654321").status, 404, "%s: a title that does not exist: 404" % what)
    return company, personal, theirs


def first_request(t, site, a, b, company, theirs, what):
    """An unpaid order refused, paid, asked for with the company title; B's 404s. Returns (order, csrf)."""
    order = new_order(t, site, a, what, 41)
    if not order:
        return None, None
    r = a.get(INVOICE + "?order=" + order)
    csrf = r.csrf()
    t.ok(r.status == 200 and order in r.text, "%s: the request page of an unpaid order answers 200" % what,
         r.summary())
    r = request(a, order, "normal", company, csrf)
    t.ok(r.status == 422 and "订单未支付" in r.text, "%s: a request on an unpaid order: 422 (订单未支付)" % what,
         r.summary(3000))
    t.eq(count(site, "SELECT count(*) FROM invoices WHERE order_id = %s" % order), 0,
         "%s: nothing is stored" % what)
    a.get(PAY + "?order=" + order)
    pay_trade(t, site, order, "%s: the payment page opens a trade" % what)
    if not t.eq(pay_status(site, order), "paid", "%s: the order is paid (Alipay, notified)" % what):
        return None, None

    r = a.get(INVOICE + "?order=" + order)
    t.ok(r.status == 200 and re.search(r'<select[^>]*name="title"', r.text) and
         re.search(r'<option value="%s"[^>]*>' % company, r.text),
         "%s: the request form lists the titles in its title select" % what, r.summary(3000))
    t.eq(b.get(INVOICE + "?order=" + order).status, 404, "%s: B gets 404 for A's request form" % what)
    r = request(b, order, "normal", theirs, b.csrf(INVOICE))
    t.eq(r.status, 404, "%s: and for POST request on A's order (with B's own title)" % what, r.summary())
    r = request(a, order, "normal", theirs, csrf)
    t.eq(r.status, 404, "%s: A asking with B's title gets 404" % what, r.summary())
    t.eq(count(site, "SELECT count(*) FROM invoices WHERE order_id = %s" % order), 0,
         "%s: still no request stored" % what)

    back = INVOICE + "?order=" + order
    r = post_title(a, "title_add", dict(PERSONAL, name="顺手添加的抬头", next=back), csrf)
    quick = title_id(site, "顺手添加的抬头")
    t.ok(r.status == 303 and quick and (r.location_path() or "").startswith(back + "&title=%s&" % quick),
         "%s: a title added from the request form (next) returns to it with the new title chosen" % what,
         r.summary())
    r = a.get(r.location_path() or back)
    t.ok(r.status == 200 and re.search(r'<option value="%s"[^>]*\bselected\b' % quick, r.text),
         "%s: which preselects the new title" % what, r.summary(3000))
    r = a.post(INVOICE, {"action": "title_delete", "id": quick, "csrf": csrf})
    t.eq(r.status, 303, "%s: (and deletes it again)" % what, r.summary())

    r = request(a, order, "normal", company, csrf)
    t.ok(r.status == 303 and (r.location_path() or "").startswith(ORDERS),
         "%s: request normal with the company title: 303 to the order list" % what, r.summary(3000))
    t.eq(site.sql("SELECT type || '|' || status || '|' || title_kind || '|' || name || '|' || tax_id || '|' || email"
                  " || '|' || amount_fen FROM invoices WHERE order_id = %s" % order),
         "normal|pending|company|%s|%s|%s|65000" % (COMPANY["name"], COMPANY["tax_id"], COMPANY["email"]),
         "%s: the request is pending with a copy of the title and the order's amount" % what)
    cell, r = actions_cell(a, order)
    t.ok(cell is not None and "待开票" in cell and "开票申请" not in cell,
         "%s: the order list shows 待开票 in 操作 instead of 开票申请" % what, cell or r.summary(3000))
    r = request(a, order, "normal", company, csrf)
    t.eq(r.status, 422, "%s: a second request on the same order: 422" % what, r.summary())
    t.eq(count(site, "SELECT count(*) FROM invoices WHERE order_id = %s" % order), 1,
         "%s: still one request" % what)
    return order, csrf


def finance_issue(t, site, a, b, fin, rev, order, what):
    """Finance's list, refusals, issuing the PDF, the e-mail, the downloads. Returns the invoice id."""
    r = fin.get(ADMIN + "?view=invoices")
    pending = re.search(r'<table class="table" id="pending">(.*?)</table>', r.text, re.S)
    row = None
    for tr in re.findall(r"<tr>(.*?)</tr>", pending.group(1) if pending else "", re.S):
        if order in tr:
            row = tr
    link = re.search(r'href="/cgi-bin/admin\.fcgi\?invoice=(\d+)"', row or "")
    t.ok(r.status == 200 and row and COMPANY["name"] in row and COMPANY["email"] in row and "650.00" in row and link,
         "%s: finance sees the request in view=invoices (title, e-mail, amount, a link)" % what,
         pending.group(0) if pending else r.summary(3000))
    invoice = link.group(1) if link else site.sql("SELECT id FROM invoices WHERE order_id = %s" % order)
    t.eq(invoice, site.sql("SELECT id FROM invoices WHERE order_id = %s" % order),
         "%s: the link names the request" % what)
    r = fin.get(ADMIN + "?invoice=" + invoice)
    t.ok(r.status == 200 and COMPANY["name"] in r.text and COMPANY["tax_id"] in r.text and COMPANY["account"] in r.text
         and 'name="file"' in r.text, "%s: the request page shows the title to print and the issue form" % what,
         r.summary(3000))

    if rev:
        t.eq(rev.get(ADMIN + "?view=invoices").status, 403, "%s: a reviewer gets 403 for view=invoices" % what)
        r = issue(rev, invoice, NUMBER, ("发票.pdf", pdf("rev"), "application/pdf"), rev.csrf(ADMIN))
        t.eq(r.status, 403, "%s: and for POST invoice_issue" % what, r.summary())
        t.eq(invoice_status(site, invoice), "pending||", "%s: which issues nothing" % what)

    seen = len(site.mail_messages())
    data = pdf("电子发票 %s" % NUMBER)
    csrf = fin.csrf(ADMIN + "?invoice=" + invoice)
    r = issue(fin, invoice, NUMBER, None, csrf)
    t.ok(r.status == 422 and "请选择发票文件" in r.text, "%s: invoice_issue without a file: 422" % what, r.summary(3000))
    r = issue(fin, invoice, NUMBER, ("发票.png", png(), "image/png"), csrf)
    t.ok(r.status == 422 and "PDF 或 OFD" in r.text, "%s: with a PNG: 422 (not PDF/OFD)" % what, r.summary(3000))
    r = issue(fin, invoice, NUMBER, ("发票.pdf", png(), "application/pdf"), csrf)
    t.eq(r.status, 422, "%s: with a PNG named .pdf and claimed application/pdf: 422" % what, r.summary())
    for bad in ("2635200", "2635-2000-0000", "263520000000123456789"):
        r = issue(fin, invoice, bad, ("发票.pdf", data, "application/pdf"), csrf)
        t.ok(r.status == 422 and "发票号码" in r.text, "%s: with the number %r: 422" % (what, bad), r.summary(3000))
    r = issue(fin, invoice, None, ("发票.pdf", data, "application/pdf"), csrf)
    t.eq(r.status, 422, "%s: without a number: 422" % what, r.summary())
    t.eq(invoice_status(site, invoice), "pending||", "%s: refused issues store nothing" % what)
    t.eq(count(site, "SELECT count(*) FROM outbox_files"), 0, "%s: and queue no attachment" % what)

    r = issue(fin, invoice, NUMBER, ("发票.pdf", data, "application/pdf"), csrf)
    t.eq(r.status, 303, "%s: with a PDF and number %s: 303" % (what, NUMBER), r.summary(3000))
    got = invoice_status(site, invoice).split("|")
    t.ok(got[:2] == ["issued", NUMBER] and got[2].endswith(".pdf"), "%s: the request is issued with the number" % what,
         got)
    m, msg = one_mail(t, site, seen, what)
    if m:
        t.ok(m.get("tls") is True and m.get("auth_user") == MAIL_USER,
             "%s: sent over STARTTLS with AUTH as %s" % (what, MAIL_USER), {k: m.get(k) for k in ("tls", "auth_user")})
        mailed(t, m, msg, order, data, "pdf", "application/pdf", what)

    cell, r = actions_cell(a, order)
    t.ok(cell and "已开票" in cell and re.search(r'href="/cgi-bin/invoice\.fcgi\?invoice=%s&amp;download=1"' % invoice,
                                                   cell),
         "%s: the applicant's list shows 已开票 linking the download" % what, cell or r.summary(3000))
    r = a.get(INVOICE + "?invoice=%s&download=1" % invoice)
    t.ok(r.status == 200 and sha(r.body) == sha(data), "%s: the applicant downloads the same bytes" % what,
         r.summary(300))
    t.ok("attachment" in (r.header("Content-Disposition") or ""), "%s: as an attachment" % what,
         r.header("Content-Disposition"))
    t.ok((r.header("Content-Type") or "").startswith("application/pdf"), "%s: of type application/pdf" % what,
         r.header("Content-Type"))
    t.eq(b.get(INVOICE + "?invoice=%s&download=1" % invoice).status, 404,
         "%s: another applicant gets 404 for it" % what)
    t.eq(b.get(INVOICE + "?invoice=%s" % invoice).status, 404, "%s: and for ?invoice=ID" % what)
    r = fin.get(ADMIN + "?invoice=%s&download=1" % invoice)
    t.ok(r.status == 200 and sha(r.body) == sha(data), "%s: finance downloads it too" % what, r.summary(300))
    r = issue(fin, invoice, "26352000000099999999", ("发票.pdf", pdf("again"), "application/pdf"),
              fin.csrf(ADMIN + "?invoice=" + invoice))
    t.eq(r.status, 422, "%s: issuing again: 422" % what, r.summary())
    t.eq(site.sql("SELECT number FROM invoices WHERE id = %s" % invoice), NUMBER, "%s: the number stays" % what)
    t.eq(len(site.mail_messages()), seen + 1, "%s: and no other e-mail was sent" % what)
    r = fin.post(ADMIN, {"action": "invoice_reject", "invoice": invoice, "reason": "已开具后驳回",
                         "csrf": fin.csrf(ADMIN + "?invoice=" + invoice)})
    t.eq(r.status, 422, "%s: rejecting the issued request: 422" % what, r.summary())
    t.eq(site.sql("SELECT status FROM invoices WHERE id = %s" % invoice), "issued", "%s: it stays issued" % what)
    if rev:
        r = rev.get(ADMIN + "?invoice=%s&download=1" % invoice)
        t.ok(r.status == 403 and sha(r.body) != sha(data), "%s: a reviewer gets 403 for the file" % what,
             r.summary(300))
        r = rev.post(ADMIN, {"action": "invoice_reject", "invoice": invoice, "reason": "审核员驳回",
                             "csrf": rev.csrf(ADMIN)})
        t.eq(r.status, 403, "%s: and for POST invoice_reject" % what, r.summary())
    r = a.get(ADMIN + "?invoice=%s&download=1" % invoice)
    t.ok(sha(r.body) != sha(data) and "工作人员登录" in r.text,
         "%s: an applicant session on admin.fcgi gets the staff sign-in, not the file" % what, r.summary(300))
    return invoice


def title_copy_kept(t, site, a, fin, company, invoice, csrf, what):
    """Editing the title after issuing leaves the request's copy alone."""
    r = post_title(a, "title_edit", dict(COMPANY, name="福州市某某信息科技股份有限公司"), csrf, company)
    t.eq(r.status, 303, "%s: the company title is renamed after the request was issued" % what, r.summary())
    if not invoice:
        return
    r = fin.get(ADMIN + "?invoice=" + invoice)
    copy = re.search(r'<dl class="kv kv-wide invoice-title-copy">(.*?)</dl>', r.text, re.S)
    copy = copy.group(1) if copy else r.text
    t.ok(r.status == 200 and COMPANY["name"] in copy and "信息科技股份" not in copy,
         "%s: finance still sees the old name on the issued request" % what, copy)
    COMPANY["name"] = "福州市某某信息科技股份有限公司"


def reject_and_ofd(t, site, a, fin, company, personal, what):
    """A second order: special with a personal title refused, reject (reason needed), a new request, an OFD."""
    order = paid_order(t, site, a, what, 42)
    if not order or pay_status(site, order) != "paid":
        return
    csrf = a.csrf(INVOICE + "?order=" + order)
    r = request(a, order, "special", personal, csrf)
    t.ok(r.status == 422 and "专用发票" in r.text, "%s: special with the personal title: 422" % what, r.summary(3000))
    t.eq(count(site, "SELECT count(*) FROM invoices WHERE order_id = %s" % order), 0, "%s: nothing stored" % what)
    r = request(a, order, "normal", personal, csrf)
    t.eq(r.status, 303, "%s: normal with the personal title: 303" % what, r.summary())
    invoice = site.sql("SELECT id FROM invoices WHERE order_id = %s AND status = 'pending'" % order)
    if not fin or not invoice:
        return
    fcsrf = fin.csrf(ADMIN + "?invoice=" + invoice)
    r = fin.post(ADMIN, {"action": "invoice_reject", "invoice": invoice, "reason_pick": "", "reason": "",
                         "csrf": fcsrf})
    t.eq(r.status, 422, "%s: finance rejects without a reason: 422" % what, r.summary())
    t.eq(invoice_status(site, invoice), "pending||", "%s: still pending" % what)
    # A reason within the field's 500 characters is kept whole (here 287 characters, 861 bytes of UTF-8).
    reason = "发票抬头姓名与付款人不一致，请核对" + "请核对后重新申请。" * 30
    r = fin.post(ADMIN, {"action": "invoice_reject", "invoice": invoice, "reason_pick": "", "reason": reason,
                         "csrf": fcsrf})
    if not t.eq(r.status, 303, "%s: with a reason of %d characters: 303" % (what, len(reason)), r.summary(3000)):
        reason = "发票抬头姓名与付款人不一致，请核对"
        r = fin.post(ADMIN, {"action": "invoice_reject", "invoice": invoice, "reason_pick": "", "reason": reason,
                             "csrf": fcsrf})
        t.eq(r.status, 303, "%s: with a short reason: 303" % what, r.summary())
    t.eq(site.sql("SELECT status || '|' || reject_reason FROM invoices WHERE id = %s" % invoice),
         "rejected|" + reason, "%s: the request is rejected with the reason" % what)
    cell, r = actions_cell(a, order)
    t.ok(cell and "已驳回" in cell and "待开票" not in cell, "%s: the list shows 已驳回" % what, cell or r.summary(3000))
    r = a.get(ORDERS + "?order=" + order)
    t.ok(r.status == 200 and reason in r.text, "%s: the order page shows the reason" % what, r.summary(3000))
    r = issue(fin, invoice, NUMBER[:-1] + "9", ("发票.pdf", pdf(), "application/pdf"))
    t.eq(r.status, 422, "%s: a rejected request cannot be issued: 422" % what, r.summary())

    r = request(a, order, "special", company, csrf)
    t.eq(r.status, 303, "%s: a new request (special, the complete company title) is accepted: 303" % what,
         r.summary(3000))
    again = site.sql("SELECT id FROM invoices WHERE order_id = %s AND status = 'pending'" % order)
    t.ok(again and again != invoice, "%s: as a new pending request" % what, again)
    cell, r = actions_cell(a, order)
    t.ok(cell and "待开票" in cell, "%s: the list shows 待开票 again" % what, cell or r.summary(3000))
    if not again:
        return

    seen = len(site.mail_messages())
    fcsrf = fin.csrf(ADMIN + "?invoice=" + again)
    r = issue(fin, again, OFD_NUMBER, ("发票.ofd", ofd(with_root=False), "application/ofd"), fcsrf)
    t.ok(r.status == 422 and "PDF 或 OFD" in r.text, "%s: a ZIP without OFD.xml: 422" % what, r.summary(3000))
    t.eq(invoice_status(site, again), "pending||", "%s: nothing issued" % what)
    data = ofd()
    r = issue(fin, again, OFD_NUMBER, ("发票.ofd", data, "application/octet-stream"), fcsrf)
    t.eq(r.status, 303, "%s: an OFD (OFD.xml, Doc_0/Document.xml): 303" % what, r.summary(3000))
    got = invoice_status(site, again).split("|")
    t.ok(got[:2] == ["issued", OFD_NUMBER] and got[2].endswith(".ofd"), "%s: issued, stored as .ofd" % what, got)
    m, msg = one_mail(t, site, seen, "%s: OFD" % what)
    if m:
        mailed(t, m, msg, order, data, "ofd", "application/ofd", "%s: OFD" % what)
    r = a.get(INVOICE + "?invoice=%s&download=1" % again)
    t.ok(r.status == 200 and sha(r.body) == sha(data)
         and (r.header("Content-Type") or "").startswith("application/ofd"),
         "%s: the applicant downloads the OFD (application/ofd)" % what, r.summary(300))


def scenario(t, site, what):
    started = start(t, site, what)
    if not started:
        return
    a, b, clock, secrets = started
    company, personal, theirs = titles(t, site, a, b, what)
    if not (company and personal and theirs):
        return
    order, csrf = first_request(t, site, a, b, company, theirs, what)
    fin, rev = staff_signed_in(t, site, clock, secrets, what)
    invoice = finance_issue(t, site, a, b, fin, rev, order, what) if order and fin else None
    title_copy_kept(t, site, a, fin, company, invoice, a.csrf(INVOICE), what)
    reject_and_ofd(t, site, a, fin, company, personal, what)
    if order and fin and rev and invoice:
        refund_after_invoice(t, site, order, fin, rev, what)
    if rev:
        cancelled_refused(t, site, a, rev, company, what)


def cancelled_refused(t, site, a, rev, company, what):
    """A paid order staff cancelled: its money is to be given back, so no invoice may be asked for."""
    order = paid_order(t, site, a, what, 43)
    if not order:
        return
    r = rev.post(ADMIN, {"action": "cancel", "order": order, "reason": "申请人要求取消",
                         "csrf": rev.csrf(ADMIN + "?order=" + order)})
    t.eq(r.status, 303, "%s: cancelled: staff cancel a paid order" % what, r.summary())
    r = a.get(INVOICE + "?order=" + order)
    t.ok(r.status == 200 and "该业务单已取消，不能申请开票" in r.text and 'value="request"' not in r.text,
         "%s: cancelled: its request page says it is cancelled, without a form" % what, r.summary(3000))
    r = request(a, order, "normal", company, a.csrf(INVOICE))
    t.ok(r.status == 422 and "业务单已取消，不能申请开票" in r.text,
         "%s: cancelled: an invoice request is refused (422, 业务单已取消)" % what, r.summary())
    t.eq(count(site, "SELECT count(*) FROM invoices WHERE order_id = %s" % order), 0, "%s: cancelled: no invoice exists" % what)


def refund_after_invoice(t, site, order, fin, rev, what):
    """A paid, invoiced order cancelled by staff: finance is told to issue the red invoice
    (红冲) before the refund."""
    r = rev.post(ADMIN, {"action": "cancel", "order": order, "reason": "申请人要求取消",
                         "csrf": rev.csrf(ADMIN + "?order=" + order)})
    t.eq(r.status, 303, "%s: the invoiced order is cancelled by staff" % what, r.summary())
    r = fin.get(ADMIN + "?order=" + order)
    t.ok(r.status == 200 and "红冲" in r.text and 'value="refund"' in r.text,
         "%s: its page offers the refund with the red-invoice warning" % what, r.summary(2000))


def run(server, mode="fcgid"):
    """Runs this journey through a real server, with the Alipay gateway and SMTP fakes, as a TAP test file."""
    run_scenario(scenario, server, mode, alipay=True, mail=True)
