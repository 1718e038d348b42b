# tests/cgi/t_invoice.py: invoice.fcgi (发票抬头管理, 开票申请, the download of an issued invoice) and the invoice state in orders.fcgi, as plain CGI and under FastCGI.
import hashlib
import html
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cgitest import Browser, Site, main_modes, serve  # noqa: E402
from upload_fixtures import PASSWORD, register  # noqa: E402

MOBILE_A = "13912345678"
MOBILE_B = "13698765432"
CREATED = 1795500000000                # 2026-11-23, any fixed time will do

PAID = 1729333892315484161             # A's, paid (normal invoice)
PAID2 = 1729333892315484159            # A's, paid (special invoice, then the issued one)
UNPAID = 1729333892315484157           # A's, pending and unpaid
B_PAID = 1729333892315484163           # B's, paid

COMPANY = {"kind": "company", "name": "福建省某某科技有限公司", "tax_id": "91350100M000100Y43",
           "address": "福州市鼓楼区五四路100号", "phone": "0591-87654321", "bank": "中国工商银行福州分行营业部",
           "account": "1402 0000 0900 1234 567", "email": "finance@example.com"}
PERSONAL = {"kind": "personal", "name": "张三", "email": "zhangsan@example.com"}
# One bad value at a time on top of COMPANY: (field, value, message shown beside it).
BAD = [
    ("name", "", "请填写发票抬头名称"),
    ("tax_id", "", "请填写纳税人识别号"),
    ("tax_id", "12345", None),
    ("phone", "12345", "请填写正确的电话（如 0591-87654321 或手机号）"),
    ("account", "abc-123", None),
    ("email", "not-an-email", "请填写正确的电子邮箱"),
    ("email", "", "请填写接收发票的电子邮箱"),
    ("kind", "other", "请选择抬头类型（单位或个人）"),
    ("address", "地" * 121, "地址不能超过120个字"),
]
PDF = b"%PDF-1.4\n% certdesk test invoice\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def insert_orders(site, user_a, user_b):
    rows = [(PAID, user_a, "producing", "paid", 65000), (PAID2, user_a, "completed", "paid", 40000),
            (UNPAID, user_a, "pending", "unpaid", 25000), (B_PAID, user_b, "completed", "paid", 15000)]
    sql = ["INSERT INTO orders (id, user_id, subject, kind, project, years, cert_count, status, pay_status, amount_fen,"
           " created_ms, updated_ms, submitted_ms) VALUES (%d, %d, 'enterprise', 'new', 'bidding', 1, 1, '%s', '%s', %d,"
           " %d, %d, %d)" % (oid, uid, status, pay, fen, CREATED, CREATED, CREATED) for oid, uid, status, pay, fen in rows]
    # Paid orders have their money received (a confirmed transfer), which is what is invoiced.
    sql += ["INSERT INTO payments (order_id, method, status, amount_fen, source, created_ms) VALUES (%d, 'transfer',"
            " 'received', %d, 'claim', %d)" % (oid, fen, CREATED) for oid, uid, status, pay, fen in rows if pay == "paid"]
    return site.sql("BEGIN; " + "; ".join(sql) + "; COMMIT; SELECT count(*) FROM orders;")


def errors(text):
    """{field: message} of the messages shown beside the fields."""
    return {m.group(1): html.unescape(m.group(2))
            for m in re.finditer(r'<p class="field-error" id="e-([a-z_]+)">([^<]*)</p>', text)}


def op_cell(text, order):
    """The 操作 cell of the order's row in the order list (its HTML), or ""."""
    for tr in re.findall(r"<tr\b[^>]*>(.*?)</tr>", text, re.S):
        if ">%d</td>" % order in tr:
            cells = re.findall(r"<td\b[^>]*>(.*?)</td>", tr, re.S)
            return cells[-1] if cells else ""
    return ""


def run(t, mode):
    site = Site()
    serve(t, site, ["register", "login", "orders", "invoice"], mode,
          lambda runners, pids: scenario(t, site, runners, mode))


def scenario(t, site, runners, mode):
    def ok(cond, name, diag=None):
        return t.ok(cond, "%s: %s" % (mode, name), diag)

    def eq(got, want, name):
        return t.eq(got, want, "%s: %s" % (mode, name))

    def titles(user):
        return site.sql("SELECT count(*) FROM invoice_titles WHERE user_id = %s" % user)

    visitor = Browser(runners)
    r = visitor.go("invoice")
    ok(r.status == 303 and (r.header("Location") or "").endswith("/cgi-bin/login.fcgi?next=%2Fcgi-bin%2Finvoice.fcgi"),
       "a visitor is sent to sign in", r.header("Location"))

    a, b = Browser(runners), Browser(runners)
    ok(register(site, a, MOBILE_A) is not None, "applicant A registers and is signed in")
    ok(register(site, b, MOBILE_B) is not None, "applicant B registers and is signed in")
    user_a = site.sql("SELECT id FROM users WHERE mobile = '%s'" % MOBILE_A)
    user_b = site.sql("SELECT id FROM users WHERE mobile = '%s'" % MOBILE_B)
    if not ok(user_a.isdigit() and user_b.isdigit(), "both accounts exist"):
        return
    eq(insert_orders(site, int(user_a), int(user_b)), "4", "4 orders stored")

    # The titles page, empty.
    r = a.go("invoice")
    eq(r.status, 200, "the titles page answers 200")
    ok("发票抬头管理" in r.text and "您还没有发票抬头" in r.text and "增加发票抬头" in r.text, "it offers 增加发票抬头")
    ok('class="is-active" aria-current="page">发票管理</a>' in r.text, "发票管理 is the active section")
    for name in ("kind", "name", "tax_id", "address", "phone", "bank", "account", "email", "default"):
        ok('name="%s"' % name in r.text, "the form has the field %s" % name)
    ok('<input type="hidden" name="action" value="title_add">' in r.text, "the form posts action=title_add")
    ok('value="company" checked> 单位' in r.text and 'value="personal"> 个人' in r.text, "kind: 单位 (chosen) or 个人")
    csrf = r.csrf()

    # Each bad value: 422, its message beside the field, the values kept, nothing stored.
    r = a.go("invoice", "POST", fields=dict(COMPANY, action="title_add"))
    eq(r.status, 403, "title_add without csrf answers 403")
    for field, value, message in BAD:
        fields = dict(COMPANY, action="title_add", csrf=csrf)
        fields[field] = value
        r = a.go("invoice", "POST", fields=fields)
        got = errors(r.text)
        eq(r.status, 422, "title_add with %s=%r answers 422" % (field, value[:12]))
        ok(list(got) == [field] and (message is None or got[field] == message),
           "the message stands beside %s alone%s" % (field, "" if message is None else ": " + message), got)
        ok('value="%s"' % html.escape(COMPANY["name"] if field != "name" else "", quote=True) in r.text
           and (field == "email" or 'value="%s"' % COMPANY["email"] in r.text), "the values entered are kept")
        eq(titles(user_a), "0", "nothing is stored")
    r = a.go("invoice", "POST", fields={"action": "title_add", "csrf": csrf, "kind": "personal"})
    got = errors(r.text)
    ok(r.status == 422 and set(got) == {"name", "email"} and "tax_id" not in got,
       "a personal title needs name and email, not tax_id", got)

    # Adding a company title, then a personal one.
    r = a.go("invoice", "POST", fields=dict(COMPANY, action="title_add", csrf=csrf))
    eq(r.status, 303, "title_add of a company answers 303")
    eq(r.header("Location"), "http://127.0.0.1:8080/cgi-bin/invoice.fcgi?done=title_added", "back to the titles with done")
    company = site.sql("SELECT id FROM invoice_titles WHERE user_id = %s AND kind = 'company'" % user_a)
    eq(site.sql("SELECT name, tax_id, phone, account, email, is_default FROM invoice_titles WHERE id = %s" % company or 0),
       "福建省某某科技有限公司|91350100M000100Y43|0591-87654321|1402 0000 0900 1234 567|finance@example.com|1",
       "stored as entered; the first title is the default")
    r = a.go("invoice", "POST", fields=dict(PERSONAL, action="title_add", csrf=csrf))
    eq(r.status, 303, "title_add of a personal title answers 303")
    personal = site.sql("SELECT id FROM invoice_titles WHERE user_id = %s AND kind = 'personal'" % user_a)
    eq(site.sql("SELECT ifnull(tax_id, '-'), is_default FROM invoice_titles WHERE id = %s" % (personal or 0)), "-|0",
       "without a tax number, not the default")
    r = a.go("invoice", "GET", "done=title_added")
    ok("发票抬头已添加" in r.text, "the notice 发票抬头已添加")
    ok("福建省某某科技有限公司" in r.text and "张三" in r.text and "91350100M000100Y43" in r.text, "both titles are listed")
    ok(r.text.count(">编辑</a>") == 2 and r.text.count('value="title_delete"') == 2 and r.text.count('value="title_default"') == 1,
       "each title offers 编辑 and 删除; the other one 设为默认")

    # Editing: the form filled in; bad values refused; a good edit stored.
    r = a.go("invoice", "GET", "title=%s" % personal)
    eq(r.status, 200, "the edit form answers 200")
    ok('<input type="hidden" name="action" value="title_edit">' in r.text and 'name="id" value="%s"' % personal in r.text
       and 'value="zhangsan@example.com"' in r.text and 'value="personal" checked' in r.text, "filled with the title")
    r = a.go("invoice", "POST", fields=dict(PERSONAL, action="title_edit", id=personal, csrf=csrf, email="bad"))
    ok(r.status == 422 and list(errors(r.text)) == ["email"], "a bad edit answers 422 with the message beside email")
    ok('name="id" value="%s"' % personal in r.text, "and is still the edit form")
    eq(site.sql("SELECT email FROM invoice_titles WHERE id = %s" % personal), "zhangsan@example.com", "nothing changed")
    r = a.go("invoice", "POST", fields=dict(PERSONAL, action="title_edit", id=personal, csrf=csrf, name="张三丰",
                                            phone="13912345678"))
    eq(r.status, 303, "title_edit answers 303")
    eq(site.sql("SELECT name, phone FROM invoice_titles WHERE id = %s" % personal), "张三丰|13912345678", "the edit is stored")

    # 设为默认.
    r = a.go("invoice", "POST", fields={"action": "title_default", "id": personal, "csrf": csrf})
    eq(r.status, 303, "title_default answers 303")
    eq(site.sql("SELECT id FROM invoice_titles WHERE user_id = %s AND is_default = 1" % user_a), personal, "it is the default now")
    ok("已设为默认发票抬头" in a.go("invoice", "GET", "done=title_default").text, "with the notice")

    # Another applicant's title: 404 for every route, nothing changed.
    csrf_b = b.go("invoice").csrf()
    eq(b.go("invoice", "GET", "title=%s" % company).status, 404, "B gets 404 for A's title")
    eq(b.go("invoice", "POST", fields=dict(COMPANY, action="title_edit", id=company, csrf=csrf_b, name="改")).status, 404,
       "B's title_edit of A's title answers 404")
    eq(b.go("invoice", "POST", fields={"action": "title_delete", "id": company, "csrf": csrf_b}).status, 404,
       "B's title_delete of A's title answers 404")
    eq(b.go("invoice", "POST", fields={"action": "title_default", "id": company, "csrf": csrf_b}).status, 404,
       "B's title_default of A's title answers 404")
    eq(site.sql("SELECT count(*) FROM invoice_titles WHERE id = %s AND name = '福建省某某科技有限公司'" % company), "1",
       "A's title is unchanged")
    eq(b.go("invoice", "GET", "title=abc").status, 404, "a malformed title id answers 404")

    # Requests: an unpaid order, then a paid one.
    r = a.go("invoice", "GET", "order=%d" % UNPAID)
    ok(r.status == 200 and "暂不能申请开票" in r.text and 'value="request"' not in r.text,
       "the request page of an unpaid order says so, without a form")
    r = a.go("invoice", "POST", fields={"action": "request", "order": UNPAID, "type": "normal", "title": company,
                                        "csrf": csrf})
    eq(r.status, 422, "request on an unpaid order answers 422")
    ok("订单未支付，不能申请开票" in r.text, "with 订单未支付，不能申请开票")
    r = a.go("invoice", "GET", "order=%d" % PAID)
    eq(r.status, 200, "the request page answers 200")
    ok(str(PAID) in r.text and "650.00" in r.text, "it shows the order number and amount")
    ok('<option value="normal" selected>增值税普通发票</option>' in r.text and '<option value="special">增值税专用发票</option>' in r.text,
       "type: 增值税普通发票 (chosen) or 增值税专用发票")
    options = re.findall(r'<option value="(\d+)"( selected)?>([^<]*)</option>', r.text)
    eq([(v, bool(s)) for v, s, _ in options], [(personal, True), (company, False)], "title lists A's titles, the default chosen")
    ok("91350100M000100Y43" in r.text and "福州市鼓楼区五四路100号 0591-87654321" in r.text
       and "中国工商银行福州分行营业部 1402 0000 0900 1234 567" in r.text, "each title's details are shown as printed")
    eq(b.go("invoice", "GET", "order=%d" % PAID).status, 404, "B gets 404 for A's order's request page")
    r = b.go("invoice", "POST", fields={"action": "request", "order": PAID, "type": "normal", "title": company, "csrf": csrf_b})
    eq(r.status, 404, "B's request for A's order answers 404")
    b.go("invoice", "POST", fields=dict(COMPANY, action="title_add", csrf=csrf_b))
    title_b = site.sql("SELECT id FROM invoice_titles WHERE user_id = %s" % user_b)
    r = a.go("invoice", "POST", fields={"action": "request", "order": PAID, "type": "normal", "title": title_b, "csrf": csrf})
    eq(r.status, 404, "a request with B's title answers 404")
    r = a.go("invoice", "POST", fields={"action": "request", "order": PAID, "type": "special", "title": personal, "csrf": csrf})
    eq(r.status, 422, "a special invoice with a personal title answers 422")
    ok("增值税专用发票需要填写完整的单位抬头（纳税人识别号、地址、电话、开户行及账号）" in r.text, "with the reason")
    r = a.go("invoice", "POST", fields={"action": "request", "order": PAID, "type": "bogus", "title": company, "csrf": csrf})
    ok(r.status == 422 and "e-type" in r.text, "an unknown type answers 422 beside type")
    eq(site.sql("SELECT count(*) FROM invoices"), "0", "nothing was requested so far")

    r = a.go("invoice", "POST", fields={"action": "request", "order": PAID, "type": "normal", "title": company, "csrf": csrf})
    eq(r.status, 303, "request of a normal invoice answers 303")
    eq(r.header("Location"), "http://127.0.0.1:8080/cgi-bin/orders.fcgi?done=invoice_requested", "to the order list")
    eq(site.sql("SELECT type, status, amount_fen, name, tax_id FROM invoices WHERE order_id = %d" % PAID),
       "normal|pending|65000|福建省某某科技有限公司|91350100M000100Y43", "the request holds a copy of the title")
    r = a.go("orders", "GET", "done=invoice_requested")
    ok("开票申请已提交" in r.text, "the list says the request was made")
    cell = op_cell(r.text, PAID)
    ok("待开票" in cell and "开票申请" not in cell, "the order's row shows 待开票 where 开票申请 was", cell)
    ok("开票申请" in op_cell(r.text, PAID2), "another paid order still offers 开票申请")
    r = a.go("invoice", "POST", fields={"action": "request", "order": PAID, "type": "normal", "title": company, "csrf": csrf})
    eq(r.status, 422, "a second request answers 422")
    ok("该业务单已申请开票" in r.text, "with 该业务单已申请开票")
    eq(site.sql("SELECT count(*) FROM invoices WHERE order_id = %d" % PAID), "1", "still one request")

    # Deleting a title keeps the request's copy; the default passes on.
    r = a.go("invoice", "POST", fields={"action": "title_delete", "id": personal, "csrf": csrf})
    eq(r.status, 303, "title_delete answers 303")
    eq(site.sql("SELECT count(*) FROM invoice_titles WHERE user_id = %s" % user_a), "1", "the title is gone")
    eq(site.sql("SELECT is_default FROM invoice_titles WHERE id = %s" % company), "1", "the other one is the default")
    ok("发票抬头已删除" in a.go("invoice", "GET", "done=title_deleted").text, "with the notice")

    # An issued invoice (set up directly): the download for its owner only.
    sha = hashlib.sha256(PDF).hexdigest()
    rel = "invoices/%s/%s.pdf" % (sha[:2], sha)
    os.makedirs(os.path.join(site.data, "uploads", "invoices", sha[:2]), exist_ok=True)
    with open(os.path.join(site.data, "uploads", rel), "wb") as f:
        f.write(PDF)
    site.sql("INSERT INTO invoices (order_id, user_id, type, status, amount_fen, title_kind, name, tax_id, email, number,"
             " file_path, file_sha256, file_ctype, file_size, requested_ms, decided_ms) VALUES (%d, %s, 'normal', 'issued',"
             " 40000, 'company', '福建省某某科技有限公司', '91350100M000100Y43', 'finance@example.com', '25350000000012345678',"
             " '%s', '%s', 'application/pdf', %d, %d, %d)" % (PAID2, user_a, rel, sha, len(PDF), CREATED, CREATED + 3600000))
    inv = site.sql("SELECT id FROM invoices WHERE order_id = %d" % PAID2)
    r = a.go("orders")
    cell = op_cell(r.text, PAID2)
    ok("已开票" in cell and 'href="/cgi-bin/invoice.fcgi?invoice=%s&amp;download=1"' % inv in cell,
       "the row shows 已开票, linking the download", cell)
    r = a.go("invoice", "GET", "invoice=%s&download=1" % inv)
    eq(r.status, 200, "the owner's download answers 200")
    ok(r.body == PDF, "byte-identical")
    eq(r.header("Content-Type"), "application/pdf", "as application/pdf")
    ok((r.header("Content-Disposition") or "").startswith("attachment"), "as an attachment", r.header("Content-Disposition"))
    eq(b.go("invoice", "GET", "invoice=%s&download=1" % inv).status, 404, "another applicant's download answers 404")
    eq(a.go("invoice", "GET", "invoice=%s&download=1" % (int(inv) + 1000)).status, 404, "an unknown invoice answers 404")
    r = a.go("orders", "GET", "order=%d" % PAID2)
    ok('id="invoice"' in r.text and "25350000000012345678" in r.text, "the order page shows the issued invoice and its number")
    r = a.go("invoice", "POST", fields={"action": "request", "order": PAID2, "type": "normal", "title": company, "csrf": csrf})
    eq(r.status, 422, "an issued order cannot be asked for again")

    # A rejected request: 已驳回 with its reason, and 重新申请.
    site.sql("UPDATE invoices SET status = 'rejected', reject_reason = '纳税人识别号与单位名称不符', decided_ms = %d"
             " WHERE order_id = %d" % (CREATED + 7200000, PAID))
    cell = op_cell(a.go("orders").text, PAID)
    ok("已驳回" in cell and "重新申请" in cell, "the row shows 已驳回 and 重新申请", cell)
    r = a.go("orders", "GET", "order=%d" % PAID)
    ok("纳税人识别号与单位名称不符" in r.text and 'href="/cgi-bin/invoice.fcgi?order=%d"' % PAID in r.text,
       "the order page shows the reason and offers 重新申请")
    r = a.go("invoice", "GET", "order=%d" % PAID)
    ok(r.status == 200 and "纳税人识别号与单位名称不符" in r.text and 'value="request"' in r.text,
       "the request page shows the reason and the form again")
    r = a.go("invoice", "POST", fields={"action": "request", "order": PAID, "type": "special", "title": company, "csrf": csrf})
    eq(r.status, 303, "a new request (special, complete company title) answers 303")
    eq(site.sql("SELECT group_concat(status || ':' || type) FROM (SELECT status, type FROM invoices WHERE order_id = %d"
                " ORDER BY id)" % PAID), "rejected:normal,pending:special", "the rejected one kept, a new one pending")

    # A request page without titles links 增加发票抬头 with next, and the added title returns there.
    r = b.go("invoice", "POST", fields={"action": "title_delete", "id": title_b, "csrf": csrf_b})
    r = b.go("invoice", "GET", "order=%d" % B_PAID)
    nxt = "/cgi-bin/invoice.fcgi?next=%2Fcgi-bin%2Finvoice.fcgi%3Forder%3D{}#title-form".format(B_PAID)
    ok("您还没有发票抬头" in r.text and 'href="%s"' % nxt in r.text, "without titles, 增加发票抬头 links the form with next")
    r = b.go("invoice", "GET", "next=%%2Fcgi-bin%%2Finvoice.fcgi%%3Forder%%3D%d" % B_PAID)
    ok('<input type="hidden" name="next" value="/cgi-bin/invoice.fcgi?order=%d">' % B_PAID in r.text, "the form carries next")
    r = b.go("invoice", "POST", fields=dict(PERSONAL, action="title_add", csrf=csrf_b, next="/cgi-bin/invoice.fcgi?order=%d" % B_PAID))
    title_b = site.sql("SELECT id FROM invoice_titles WHERE user_id = %s" % user_b)
    eq(r.header("Location"), "http://127.0.0.1:8080/cgi-bin/invoice.fcgi?order=%d&title=%s&done=title_added" % (B_PAID, title_b),
       "after adding, back to the request with the new title")


if __name__ == "__main__":
    main_modes(run)
