# tests/cgi/t_orders.py: orders.fcgi (业务单管理) as plain CGI and under FastCGI: list columns and labels, paging, filter, search, ownership, the order page with its review result and timeline, cancellation.
import datetime
import html
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cgitest import TOP_BUILD, Browser, Site, main_modes, serve, strip_token  # noqa: E402
from upload_fixtures import PASSWORD, register  # noqa: E402

MOBILE_A = "13912345678"
MOBILE_B = "13698765432"
HEADERS = ["序号", "业务单号", "业务类型", "申请类型", "证书类型", "申请年限(年)", "金额(元)", "业务单状态", "支付状态", "操作"]
CST = datetime.timezone(datetime.timedelta(hours=8))

# Applicant A's orders, newest (largest number) first: the list's order. The numbers are
# odd and above 2^53, so a trip through floating point would change their last digits.
# (id, subject, kind, project, years, status, pay_status, amount_fen or None, expected row)
ORDERS = [
    (1729333892315484161, "enterprise", "new", "both", 1, "draft", "unpaid", None,
     ["企业", "证书新办", "企业高级证书", "1", "650.00", "未提交", "未支付"], ["查看", "编辑", "取消"]),
    (1729333892315484159, "enterprise", "new", "bidding", 1, "pending", "unpaid", 40000,
     ["企业", "证书新办", "企业高级证书", "1", "400.00", "待审核", "未支付"], ["查看", "编辑", "支付", "取消"]),
    (1729333892315484157, "enterprise", "new", "procurement", 2, "rejected", "unpaid", 80000,
     ["企业", "证书新办", "企业高级证书", "2", "800.00", "审核不通过", "未支付"], ["查看", "编辑", "查看审核结果", "取消"]),
    (1729333892315484155, "personal", "new", "other", 2, "approved", "unpaid", 50000,
     ["个人", "证书新办", "个人高级证书", "2", "500.00", "审核通过", "未支付"], ["查看", "支付"]),
    (1729333892315484153, "enterprise", "renew", "both", 1, "producing", "paid", 65000,
     ["企业", "证书续费", "企业高级证书", "1", "650.00", "制证中", "已支付"], ["查看", "开票申请"]),
    (1729333892315484151, "personal", "renew", "bidding", 1, "pending", "claimed", 25000,
     ["个人", "证书续费", "个人高级证书", "1", "250.00", "待审核", "待确认"], ["查看", "编辑", "支付"]),
    (1729333892315484149, "enterprise", "reissue", "bidding", 1, "completed", "paid", 15000,
     ["企业", "证书补办", "企业高级证书", "1", "150.00", "已完成", "已支付"], ["查看", "开票申请"]),
    (1729333892315484147, "personal", "new", "other", 1, "cancelled", "unpaid", None,
     ["个人", "证书新办", "个人高级证书", "1", "250.00", "已取消", "未支付"], ["查看"]),
    (1688831082373451777, "enterprise", "reissue", "bidding", 1, "draft", "unpaid", None,
     ["企业", "证书补办", "企业高级证书", "1", "150.00", "未提交", "未支付"], ["查看", "编辑", "取消"]),
    (1688827229842313217, "personal", "new", "other", 2, "draft", "unpaid", None,
     ["个人", "证书新办", "个人高级证书", "2", "500.00", "未提交", "未支付"], ["查看", "编辑", "取消"]),
    (1688823394944028673, "enterprise", "new", "both", 1, "draft", "unpaid", None,
     ["企业", "证书新办", "企业高级证书", "1", "650.00", "未提交", "未支付"], ["查看", "编辑", "取消"]),
    (1666013679407206401, "enterprise", "new", "bidding", 1, "draft", "unpaid", None,
     ["企业", "证书新办", "企业高级证书", "1", "400.00", "未提交", "未支付"], ["查看", "编辑", "取消"]),
]
DRAFT, PENDING, REJECTED, APPROVED, PAID, CLAIMED = (ORDERS[i][0] for i in range(6))
B_ORDER = 1729333892315484163          # applicant B's, larger than all of A's


def ms(y, mo, d, h=10, mi=0):
    return int(datetime.datetime(y, mo, d, h, mi, tzinfo=CST).timestamp() * 1000)


def clean(fragment):
    """The text of an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def table(text):
    """(header texts, rows) of the order table; each row is (cell texts, link texts of 操作)."""
    if "<tbody>" not in text:
        return [], []
    head = text.split("<thead>", 1)[1].split("</thead>", 1)[0]
    body = text.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    headers = [clean(th) for th in re.findall(r"<th\b[^>]*>(.*?)</th>", head, re.S)]
    rows = []
    for tr in re.findall(r"<tr\b[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td\b[^>]*>(.*?)</td>", tr, re.S)
        links = [clean(a) for a in re.findall(r"<a\b[^>]*>(.*?)</a>", cells[-1], re.S)] if cells else []
        rows.append(([clean(c) for c in cells], links))
    return headers, rows



def insert_orders(site, user_a, user_b):
    created, submitted = ms(2026, 11, 19, 9, 0), ms(2026, 11, 20, 10, 0)   # a Thursday, a Friday
    sql = []
    for (oid, subject, kind, project, years, status, pay, amount, _, _) in ORDERS:
        sql.append("INSERT INTO orders (id, user_id, subject, kind, project, years, cert_count, status, pay_status,"
                   " amount_fen, created_ms, updated_ms, submitted_ms) VALUES (%d, %d, '%s', '%s', '%s', %d, 1, '%s',"
                   " '%s', %s, %d, %d, %s)" % (oid, user_a, subject, kind, project, years, status, pay,
                                              "NULL" if amount is None else amount, created, created,
                                              "NULL" if status == "draft" else submitted))
        sql.append("INSERT INTO order_history (order_id, at_ms, realm, from_status, to_status) VALUES"
                   " (%d, %d, 'user', NULL, 'draft')" % (oid, created))
    sql.append("INSERT INTO order_history (order_id, at_ms, realm, from_status, to_status) VALUES"
               " (%d, %d, 'user', 'draft', 'pending')" % (PENDING, submitted))
    sql.append("INSERT INTO order_history (order_id, at_ms, realm, from_status, to_status) VALUES"
               " (%d, %d, 'user', 'draft', 'pending')" % (REJECTED, submitted))
    sql.append("INSERT INTO order_history (order_id, at_ms, realm, actor, from_status, to_status, reason) VALUES"
               " (%d, %d, 'staff', 'reviewer1', 'pending', 'rejected', '营业执照扫描件不清晰，单位名称与执照不一致')"
               % (REJECTED, ms(2026, 11, 23, 15, 30)))
    sql.append("UPDATE orders SET review_reason = '营业执照扫描件不清晰，单位名称与执照不一致',"
               " review_items = 'license,org_name', org_name = '福州市某某科技有限公司' WHERE id = %d" % REJECTED)
    sql.append("INSERT INTO documents (order_id, slot, sha256, path, ctype, size, created_ms, current) VALUES"
               " (%d, 'license', '%s', 'ab/cd.jpg', 'image/jpeg', 1234, %d, 1)" % (REJECTED, "a" * 64, created))
    sql.append("INSERT INTO orders (id, user_id, subject, kind, project, years, cert_count, status, pay_status,"
               " created_ms, updated_ms) VALUES (%d, %d, 'enterprise', 'new', 'both', 1, 1, 'draft', 'unpaid', %d, %d)"
               % (B_ORDER, user_b, created, created))
    return site.sql("BEGIN; " + "; ".join(sql) + "; COMMIT; SELECT count(*) FROM orders;")


def run(t, mode):
    site = Site()
    programs = ["register", "login", "orders"]
    has_apply = os.path.exists(os.path.join(TOP_BUILD, "cgi-bin", "apply.fcgi"))
    if has_apply:
        programs.append("apply")
    serve(t, site, programs, mode, lambda runners, pids: scenario(t, site, runners, mode, has_apply))


def scenario(t, site, runners, mode, has_apply):
    def ok(cond, name, diag=None):
        return t.ok(cond, "%s: %s" % (mode, name), diag)

    def eq(got, want, name):
        return t.eq(got, want, "%s: %s" % (mode, name))

    # A visitor is sent to sign in, with next.
    visitor = Browser(runners)
    r = visitor.go("orders")
    eq(r.status, 303, "a visitor gets 303")
    ok((r.header("Location") or "").endswith("/cgi-bin/login.fcgi?next=%2Fcgi-bin%2Forders.fcgi"), "to login.fcgi?next=the list",
       r.header("Location"))
    r = visitor.go("orders", "GET", "order=%d" % DRAFT)
    eq(r.status, 303, "a visitor asking for an order gets 303 too")

    # Two applicants; B signs in again through login.fcgi.
    a, b = Browser(runners), Browser(runners)
    ok(register(site, a, MOBILE_A) is not None, "applicant A registers and is signed in")
    ok(register(site, b, MOBILE_B) is not None, "applicant B registers and is signed in")
    csrf = b.go("orders").csrf()
    b.go("login", "POST", fields={"action": "logout", "csrf": csrf})
    csrf = b.go("login").csrf()
    r = b.go("login", "POST", fields={"mobile": MOBILE_B, "password": PASSWORD, "csrf": csrf})
    eq(r.status, 303, "applicant B signs in through login.fcgi")

    # The empty state.
    r = a.go("orders")
    eq(r.status, 200, "the list answers 200")
    ok("您还没有业务单" in r.text and 'href="/cgi-bin/apply.fcgi"' in r.text, "an empty list offers 证书新办")
    ok("<tbody>" not in r.text, "and no table")
    ok('class="is-active" aria-current="page">业务单管理</a>' in r.text, "业务单管理 is the active section")

    user_a = site.sql("SELECT id FROM users WHERE mobile = '%s'" % MOBILE_A)
    user_b = site.sql("SELECT id FROM users WHERE mobile = '%s'" % MOBILE_B)
    if not ok(user_a.isdigit() and user_b.isdigit(), "both accounts exist"):
        return
    eq(insert_orders(site, int(user_a), int(user_b)), "13", "13 orders stored")

    # The list: columns, one row per order, labels, amounts, operations.
    r = a.go("orders")
    eq(r.status, 200, "the list answers 200")
    headers, rows = table(r.text)
    eq(headers, HEADERS, "the ten columns of the manual, in order")
    eq(len(rows), 10, "ten orders on the first page")
    eq(len(re.findall(r"<tr\b", r.text)), 11, "one <tr> per order plus the header row")
    for i, (cells, links) in enumerate(rows):
        o = ORDERS[i]
        eq(cells[:2], [str(i + 1), str(o[0])], "row %d: 序号 and the 19-digit 业务单号" % (i + 1))
        eq(cells[2:9], o[8], "row %d: %s/%s: labels, years, amount, statuses" % (i + 1, o[5], o[6]))
        eq(links, o[9], "row %d: %s/%s: the operations its state allows" % (i + 1, o[5], o[6]))
    ok(str(B_ORDER) not in r.text, "B's order is not in A's list")
    ok("1729333892315484160" not in r.text and "e+18" not in r.text, "no number went through floating point")
    ok('href="/cgi-bin/apply.fcgi?order=%d"' % DRAFT in r.text, "编辑 links apply.fcgi?order=ID")
    ok('href="/cgi-bin/pay.fcgi?order=%d"' % PENDING in r.text, "支付 links pay.fcgi?order=ID")
    ok('href="/cgi-bin/invoice.fcgi?order=%d"' % PAID in r.text, "开票申请 links invoice.fcgi?order=ID")
    ok('href="/cgi-bin/orders.fcgi?order=%d#review"' % REJECTED in r.text, "查看审核结果 links the review section")
    ok('href="/cgi-bin/orders.fcgi?order=%d&amp;page=cancel"' % DRAFT in r.text, "取消 links the confirmation page")
    ok("共 12 条" in r.text and "第 1 / 2 页" in r.text, "the pager: 共 12 条, 第 1 / 2 页")
    ok('href="/cgi-bin/orders.fcgi?p=2"' in r.text and ">下一页</a>" in r.text, "下一页 links page 2")

    # Paging.
    r = a.go("orders", "GET", "p=2")
    headers, rows = table(r.text)
    eq([c[:2] for c, _ in rows], [["11", str(ORDERS[10][0])], ["12", str(ORDERS[11][0])]], "page 2: the last two orders, 序号 11 and 12")
    ok("第 2 / 2 页" in r.text and 'href="/cgi-bin/orders.fcgi?p=1"' in r.text, "page 2 links back to page 1")
    r = a.go("orders", "GET", "p=99")
    eq((r.status, len(table(r.text)[1])), (200, 2), "a page past the end shows the last page")
    eq(a.go("orders", "GET", "p=abc").status, 422, "a malformed page number answers 422")

    # The status filter.
    r = a.go("orders", "GET", "status=draft")
    _, rows = table(r.text)
    eq([c[1] for c, _ in rows], [str(o[0]) for o in ORDERS if o[5] == "draft"], "status=draft lists exactly the drafts")
    ok('<option value="draft" selected>未提交</option>' in r.text, "the filter shows the chosen status")
    r = a.go("orders", "GET", "status=pending&q=")
    _, rows = table(r.text)
    eq([c[1] for c, _ in rows], [str(PENDING), str(CLAIMED)], "status=pending lists the two pending orders (empty q ignored)")
    r = a.go("orders", "GET", "status=shipped")
    ok(r.status == 200 and "没有状态为“已寄出”的业务单" in r.text, "a status with no orders says so")
    r = a.go("orders", "GET", "status=bogus")
    eq(r.status, 422, "an unknown status answers 422")
    ok("请选择有效的业务单状态" in r.text, "with a message")
    eq(a.go("orders", "GET", "status=Bad%20Value").status, 422, "a malformed status answers 422")
    page = a.go("orders").text
    options = re.findall(r'<option value="([a-z]*)">([^<]*)</option>', page)
    eq(options, [("", "全部"), ("draft", "未提交"), ("pending", "待审核"), ("rejected", "审核不通过"), ("approved", "审核通过"),
                 ("producing", "制证中"), ("shipped", "已寄出"), ("ready", "待领取"), ("completed", "已完成"),
                 ("cancelled", "已取消")], "the filter offers 全部 and every status by its label")
    ok('<form class="order-filter" method="get" action="/cgi-bin/orders.fcgi"' in page, "the filter is a GET form")

    # Search by number.
    r = a.go("orders", "GET", "q=%d" % ORDERS[8][0])
    _, rows = table(r.text)
    eq([(c[0], c[1]) for c, _ in rows], [("1", str(ORDERS[8][0]))], "q=number finds that order")
    r = a.go("orders", "GET", "q=%d" % B_ORDER)
    ok(r.status == 200 and "未找到该业务单" in r.text and "<tbody>" not in r.text, "q= another applicant's number: 未找到该业务单")
    r = a.go("orders", "GET", "q=1234567890123456789")
    ok("未找到该业务单" in r.text, "q= an unknown number: 未找到该业务单")
    r = a.go("orders", "GET", "q=17293338923154841x")
    eq(r.status, 422, "a malformed number answers 422")
    ok('id="e-q"' in r.text and 'value="17293338923154841x"' in r.text, "with the message beside the field and the value kept")

    # The order page: a rejected order with its review result, documents and timeline.
    r = a.go("orders", "GET", "order=%d" % REJECTED)
    eq(r.status, 200, "the order page answers 200")
    ok("业务单号：<strong class=\"mono\">%d</strong>" % REJECTED in r.text, "it names the 业务单号")
    ok('<span class="st st-rejected">审核不通过</span>' in r.text and "800.00" in r.text, "with its status and amount")
    ok('id="review"' in r.text and "营业执照扫描件不清晰，单位名称与执照不一致" in r.text, "the review section shows the reason")
    items = re.findall(r'<ul class="fix-list">(.*?)</ul>', r.text, re.S)
    ok(items and "营业执照（副本）彩色扫描件或加盖公章复印件" in items[0] and "单位名称" in items[0], "and the items to correct by their Chinese names",
       items)
    ok(r.text.count("需补正</span>") == 2, "the two items are marked where they are shown", r.text.count("需补正</span>"))
    ok(re.search(r'<div class="dv-item is-flagged"><dt>单位名称</dt><dd>福州市某某科技有限公司', r.text), "the field 单位名称 is marked")
    ok('href="/cgi-bin/upload.fcgi?order=%d&amp;view=license"' % REJECTED in r.text, "an uploaded document links its view")
    eq(r.text.count('<td data-label="材料名称">'), 9, "the documents list the nine enterprise slots")
    eq(r.text.count("未上传"), 8, "those without a document say 未上传")
    for label in ("证书信息", "单位信息", "法定代表人", "经办人", "领取方式", "申请材料", "办理进度"):
        ok(">%s</h" % label in r.text, "section %s" % label)
    ok("待审核 → 审核不通过" in r.text and "2026-11-23 15:30" in r.text, "the timeline shows the rejection and its time")

    # A pending order: the expected review date, in working days.
    r = a.go("orders", "GET", "order=%d" % PENDING)
    ok("预计 3 个工作日内完成审核" in r.text, "pending: 预计 3 个工作日内完成审核")
    ok("2026年11月25日（星期三）" in r.text, "submitted on Friday 20 Nov: due Wednesday 25 Nov (the weekend skipped)")
    ok("未提交 → 待审核" in r.text and "2026-11-20 10:00" in r.text, "the timeline shows the submission")
    ok('id="review"' not in r.text, "no review section before the review")
    ok('href="/cgi-bin/pay.fcgi?order=%d"' % PENDING in r.text and 'href="/cgi-bin/upload.fcgi?order=%d"' % PENDING in r.text,
       "pending: 支付 and 上传材料 offered")
    r = a.go("orders", "GET", "order=%d" % APPROVED)
    ok('id="review"' in r.text and "审核结果：审核通过" in r.text, "approved: the review section says 审核通过")
    ok("申请人信息" in r.text and "单位信息" not in r.text, "a personal order shows 申请人信息")
    ok(">编辑</a>" not in r.text and "取消申请" not in r.text, "approved: no 编辑, no 取消申请")

    # Ownership: B sees none of A's orders, and a number not found answers alike.
    mine = b.go("orders")
    _, rows = table(mine.text)
    eq([c[1] for c, _ in rows], [str(B_ORDER)], "B's list holds only B's order")
    theirs = b.go("orders", "GET", "order=%d" % REJECTED)
    eq(theirs.status, 404, "B gets 404 for A's order")
    missing = b.go("orders", "GET", "order=1729333892315484999")
    eq(missing.status, 404, "and for a number that does not exist")
    eq(strip_token(theirs.text), strip_token(missing.text), "with the identical page")
    ok("营业执照扫描件不清晰" not in theirs.text, "nothing of A's order leaks")
    eq(b.go("orders", "GET", "order=abc").status, 404, "a malformed order number answers 404")
    eq(b.go("orders", "GET", "order=%d&page=cancel" % DRAFT).status, 404, "B gets 404 for A's cancel page")
    csrf_b = b.go("orders").csrf()
    r = b.go("orders", "POST", fields={"action": "cancel", "order": str(DRAFT), "csrf": csrf_b})
    eq(r.status, 404, "B's cancel of A's order answers 404")
    eq(site.sql("SELECT status FROM orders WHERE id = %d" % DRAFT), "draft", "and changes nothing")

    # Cancelling a draft.
    r = a.go("orders", "GET", "order=%d&page=cancel" % DRAFT)
    eq(r.status, 200, "the cancel confirmation answers 200")
    ok('<input type="hidden" name="action" value="cancel">' in r.text and
       '<input type="hidden" name="order" value="%d">' % DRAFT in r.text, "it posts action=cancel and the order")
    csrf = r.csrf()
    r = a.go("orders", "POST", fields={"action": "cancel", "order": str(DRAFT)})
    eq(r.status, 403, "cancel without csrf answers 403")
    eq(site.sql("SELECT status FROM orders WHERE id = %d" % DRAFT), "draft", "and changes nothing")
    r = a.go("orders", "POST", fields={"action": "cancel", "order": str(DRAFT), "csrf": csrf})
    eq(r.status, 303, "cancel answers 303")
    eq(r.header("Location"), "http://127.0.0.1:8080/cgi-bin/orders.fcgi?done=cancelled", "to the list with done=cancelled")
    eq(site.sql("SELECT status FROM orders WHERE id = %d" % DRAFT), "cancelled", "the order is cancelled")
    eq(site.sql("SELECT count(*) FROM order_history WHERE order_id = %d AND from_status = 'draft' AND to_status = 'cancelled'" % DRAFT),
       "1", "with a history row")
    r = a.go("orders", "GET", "done=cancelled")
    ok("业务单已取消" in r.text, "the list says 业务单已取消")
    _, rows = table(r.text)
    eq((rows[0][0][7], rows[0][1]), ("已取消", ["查看"]), "the row shows 已取消 and only 查看")
    r = a.go("orders", "GET", "order=%d" % DRAFT)
    ok("未提交 → 已取消" in r.text and "申请人取消" in r.text, "the timeline shows the cancellation")
    r = a.go("orders", "POST", fields={"action": "cancel", "order": str(DRAFT), "csrf": csrf})
    eq(r.status, 422, "cancelling it again answers 422")

    # Orders that may not be cancelled.
    r = a.go("orders", "POST", fields={"action": "cancel", "order": str(PAID), "csrf": csrf})
    eq(r.status, 422, "cancelling a paid order answers 422")
    ok("已支付或已进入审核流程的业务单不能取消" in r.text and "业务单号：" in r.text, "with the order page and the reason")
    eq(site.sql("SELECT status FROM orders WHERE id = %d" % PAID), "producing", "and changes nothing")
    r = a.go("orders", "POST", fields={"action": "cancel", "order": str(CLAIMED), "csrf": csrf})
    eq(r.status, 422, "cancelling an order with a payment claimed answers 422")
    r = a.go("orders", "POST", fields={"action": "cancel", "order": str(APPROVED), "csrf": csrf})
    ok(r.status == 422 and "该业务单当前状态不能取消" in r.text, "cancelling an approved order answers 422 with 该业务单当前状态不能取消")
    eq(a.go("orders", "GET", "order=%d&page=cancel" % PAID).status, 422, "the confirmation page refuses a paid order")
    r = a.go("orders", "POST", fields={"action": "cancel", "csrf": csrf})
    eq(r.status, 404, "cancel without an order answers 404")
    eq(site.sql("SELECT count(*) FROM orders WHERE status = 'cancelled'"), "2", "only the draft was cancelled")

    # ID numbers on the order page are masked (the order made through apply.fcgi).
    if not has_apply:
        ok(True, "masked ID numbers # SKIP apply.fcgi is not built")
        return
    csrf = a.go("apply", "GET", "subject=enterprise").csrf()
    r = a.go("apply", "POST", fields={
        "csrf": csrf, "action": "save", "subject": "enterprise", "project": "both", "years": "1", "cert_count": "1",
        "delivery": "pickup", "org_name": "福建省测试单位", "org_nature": "private", "legal_name": "张三",
        "legal_id_no": "11010519491231002X", "agent_name": "李四", "agent_id_type": "id_card",
        "agent_id_no": "350102198001011233", "agent_mobile": "13912345670"})
    m = re.search(r"order=(\d{19})", r.header("Location") or "")
    if not ok(r.status == 303 and m, "apply.fcgi stores a draft with ID numbers", "%s %s" % (r.status, r.text[-1500:])):
        return
    r = a.go("orders", "GET", "order=%s" % m.group(1))
    ok("110***********002X" in r.text and "350***********1233" in r.text, "the order page shows the ID numbers masked")
    ok("11010519491231002X" not in r.text and "350102198001011233" not in r.text, "and never in full")


if __name__ == "__main__":
    main_modes(run)
