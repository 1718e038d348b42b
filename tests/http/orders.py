# tests/http/orders.py: the application journey over HTTP (create, edit, upload every slot, submit, list, view, cancel, another applicant's 404s, drafts that reserve nothing, editing a pending order), shared by the lighttpd and Apache tests.
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)
from fixtures import ENTERPRISE_SLOTS, PERSONAL_SLOTS, file_for, multipart, pdf, png  # noqa: E402
from httpclient import Client  # noqa: E402
from journeys import register, run_scenario  # noqa: E402

APPLY, UPLOAD, ORDERS, PAY = "/cgi-bin/apply.fcgi", "/cgi-bin/upload.fcgi", "/cgi-bin/orders.fcgi", "/cgi-bin/pay.fcgi"
ENTERPRISE = {
    "subject": "enterprise", "kind": "new", "project": "both", "years": "1", "cert_count": "1",
    "org_name": "福州市某某信息技术有限公司", "org_nature": "private", "uscc": "91350100M000100Y43",
    "legal_name": "张三", "legal_id_no": "11010519491231002X", "agent_name": "李四",
    "agent_mobile": "13800138000", "agent_email": "lisi@example.com", "agent_id_type": "id_card",
    "agent_id_no": "11010519491231002X", "agent_address": "福州市鼓楼区五四路1号", "delivery": "pickup",
    "agree": "1", "consent": "1",
}
PERSONAL = {
    "subject": "personal", "kind": "new", "project": "bidding", "years": "2", "name": "王五",
    "id_no": "11010519491231002X", "mobile": "13900139000", "email": "wangwu@example.com",
    "address": "厦门市思明区", "delivery": "mail", "mail_name": "王五", "mail_mobile": "13900139000",
    "mail_address": "厦门市思明区某路2号", "agree": "1", "consent": "1",
}


def order_of(location):
    m = re.search(r"order=(\d{19})", location or "")
    return m.group(1) if m else None


def upload(c, order, slot, filename, data, ctype, csrf):
    body, content_type = multipart({"csrf": csrf, "order": order, "slot": slot}, {"file": (filename, data, ctype)})
    return c.request("POST", UPLOAD, body=body, content_type=content_type)


def submit_enterprise(a, fields):
    """Saves an enterprise order of applicant client a (ENTERPRISE with fields changed),
    uploads every document it needs and submits it: (its number, the submit's answer), or
    (None, the save's answer) when it was not saved."""
    csrf = a.csrf(APPLY + "?subject=enterprise")
    r = a.post(APPLY, dict(ENTERPRISE, action="save", csrf=csrf, **fields))
    order = order_of(r.header("Location"))
    if not order:
        return None, r
    for slot, (filename, kind) in ENTERPRISE_SLOTS.items():
        data, ctype = file_for(kind)
        upload(a, order, slot, filename, data, ctype, csrf)
    return order, a.post(UPLOAD, {"action": "submit", "order": order, "csrf": csrf})


def scenario(t, site, what):
    a, b = Client(site.base), Client(site.base)
    if not register(t, site, a, "13912345670", "Secret2024ab", "%s: applicant A" % what):
        return
    if not register(t, site, b, "13912345671", "Secret2024ab", "%s: applicant B" % what):
        return
    csrf = a.csrf(APPLY + "?subject=enterprise")
    t.ok(csrf, "%s: the enterprise form has a csrf field" % what)
    r = a.post(APPLY, dict(ENTERPRISE, uscc="91350100M000100Y44", action="save", csrf=csrf))
    t.eq(r.status, 422, "%s: a bad USCC check character answers 422" % what, r.summary())
    t.ok("统一社会信用代码" in r.text and "福州市某某信息技术有限公司" in r.text, "%s: with the message and the values kept" % what)
    t.eq(site.sql("SELECT count(*) FROM orders"), "0", "%s: and nothing stored" % what)
    r = a.post(APPLY, dict(ENTERPRISE, action="quote", csrf=csrf))
    t.ok(r.status == 200 and "650.00" in r.text, "%s: 计算费用 shows 650.00 for one certificate-year of both" % what, r.summary())
    r = a.post(APPLY, dict(ENTERPRISE, project="bidding", action="save", csrf=csrf))
    t.eq(r.status, 303, "%s: saving the form answers 303" % what, r.summary())
    order = order_of(r.header("Location"))
    t.ok(order and r.location_path().split("?")[0] == UPLOAD, "%s: to the upload page of the new order" % what, r.header("Location"))
    r = a.get(APPLY + "?order=" + order)
    t.ok(r.status == 200 and "11010519491231002X" in r.text and "M000100Y-4" in r.text,
         "%s: the edit form shows the data and the organisation code" % what)
    r = a.post(APPLY, dict(ENTERPRISE, order=order, action="save", csrf=csrf))
    t.eq(r.status, 303, "%s: editing the draft answers 303" % what)
    t.eq(site.sql("SELECT project FROM orders WHERE id = %s" % order), "both", "%s: the edit is stored" % what)
    t.ok("11010519491231002" not in site.sql("SELECT ifnull(legal_id_sealed, '') || ifnull(agent_id_sealed, '') FROM orders"),
         "%s: ID numbers are sealed at rest" % what)

    r = a.get(UPLOAD + "?order=" + order)
    t.eq(r.status, 200, "%s: the upload page answers 200" % what, r.summary())
    csrf = r.csrf()
    for slot, (filename, kind) in ENTERPRISE_SLOTS.items():
        data, ctype = file_for(kind)
        r = upload(a, order, slot, filename, data, ctype, csrf)
        t.eq(r.status, 303, "%s: uploading %s answers 303" % (what, slot), r.summary())
    t.eq(site.sql("SELECT count(*) FROM documents WHERE order_id = %s AND current = 1" % order), str(len(ENTERPRISE_SLOTS)),
         "%s: every slot has a current document" % what)
    r = upload(a, order, "agreement", "协议书.pdf", png(), "application/pdf", csrf)
    t.eq(r.status, 422, "%s: a PNG claiming to be a PDF is refused for the PDF-only slot" % what, r.summary())
    r = upload(a, order, "seal", "印章.png", png(201, 200), "image/png", csrf)
    t.eq(r.status, 422, "%s: a 201×200 seal is refused" % what)
    t.eq(site.sql("SELECT count(*) FROM documents WHERE order_id = %s" % order), str(len(ENTERPRISE_SLOTS)),
         "%s: refused files store nothing" % what)
    data, ctype = file_for("jpeg")
    r = upload(a, order, "license", "营业执照2.jpg", data, ctype, csrf)
    t.eq(site.sql("SELECT count(*) FROM documents WHERE order_id = %s AND slot = 'license'" % order), "2",
         "%s: replacing a document keeps the earlier one" % what)
    r = a.get(UPLOAD + "?order=%s&view=agreement" % order)
    t.ok(r.status == 200 and r.body == pdf(), "%s: the owner views a document back, byte for byte" % what)
    t.eq(r.header("X-Content-Type-Options"), "nosniff", "%s: served with nosniff" % what)
    r = a.get(UPLOAD + "?order=%s&doc=form" % order)
    t.ok(r.status == 200 and r.body.startswith(b"%PDF"), "%s: the pre-filled application form downloads as PDF" % what)
    r = Client(site.base).get(UPLOAD + "?page=agreement")
    t.ok(r.status == 200 and r.body.startswith(b"%PDF") and "attachment" in (r.header("Content-Disposition") or ""),
         "%s: the agreement downloads from the form's link, signed out too" % what)
    r = a.get(UPLOAD + "?order=%s&doc=authorization&print=1" % order)
    t.ok(r.status == 200 and order in r.text, "%s: the authorization letter prints as HTML with the order number" % what)

    for path in (ORDERS + "?order=" + order, UPLOAD + "?order=" + order, UPLOAD + "?order=%s&view=license" % order,
                 UPLOAD + "?order=%s&doc=form" % order, APPLY + "?order=" + order, PAY + "?order=" + order):
        t.eq(b.get(path).status, 404, "%s: another applicant gets 404 for %s" % (what, path.replace(order, "ID")))
    bcsrf = b.csrf(ORDERS)
    data, ctype = file_for("jpeg")
    t.eq(upload(b, order, "license", "x.jpg", data, ctype, bcsrf).status, 404, "%s: nor can upload to it" % what)
    t.eq(b.post(ORDERS, {"action": "cancel", "order": order, "csrf": bcsrf}).status, 404, "%s: nor cancel it" % what)

    # The draft-blocking attack: B keeps a draft with A's USCC; drafts reserve nothing.
    bcsrf = b.csrf(APPLY + "?subject=enterprise")
    r = b.post(APPLY, dict(ENTERPRISE, org_name="冒名单位", action="save", csrf=bcsrf))
    t.eq(r.status, 303, "%s: another applicant may save a draft with the same USCC" % what, r.summary())
    squatter = order_of(r.header("Location"))
    for slot, (filename, kind) in ENTERPRISE_SLOTS.items():
        data, ctype = file_for(kind)
        upload(b, squatter, slot, filename, data, ctype, bcsrf)

    r = a.post(UPLOAD, {"action": "submit", "order": order, "csrf": csrf})
    t.eq(r.status, 303, "%s: submitting answers 303" % what, r.summary())
    t.eq(r.location_path().split("?")[0], PAY, "%s: to the payment page" % what, r.header("Location"))
    t.eq(site.sql("SELECT status || '/' || amount_fen FROM orders WHERE id = %s" % order), "pending/65000",
         "%s: the order is pending with its amount fixed" % what)
    r = a.get(PAY + "?order=" + order)
    t.ok(r.status == 200 and "650.00" in r.text, "%s: the payment page shows 650.00 元" % what)
    r = a.get(ORDERS)
    t.eq(r.status, 200, "%s: the order list answers 200" % what)
    headers = re.findall(r"<th[^>]*>(.*?)</th>", r.text)
    t.eq([re.sub(r"<[^>]+>", "", h).strip() for h in headers][:10],
         ["序号", "业务单号", "业务类型", "申请类型", "证书类型", "申请年限(年)", "金额(元)", "业务单状态", "支付状态", "操作"],
         "%s: the list has the seed's columns" % what)
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*%s(?:(?!</tr>).)*</tr>" % order, r.text, re.S)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)] if row else []
    t.eq(cells[1:9], [order, "企业", "证书新办", "企业高级证书", "1", "650.00", "待审核", "未支付"],
         "%s: its row reads as the seed's table does" % what, cells)
    r = a.get(ORDERS + "?order=" + order)
    t.ok(r.status == 200 and "110***********002X" in r.text and "11010519491231002X" not in r.text,
         "%s: the order page masks the ID numbers" % what)

    r = b.post(UPLOAD, {"action": "submit", "order": squatter, "csrf": bcsrf})
    t.ok(r.status == 422 and "已有一个未办结的同类申请" in r.text, "%s: the squatter's submission is refused" % what,
         r.summary())
    t.ok(order not in r.text and "福州市某某信息技术有限公司" not in r.text,
         "%s: without naming the open order or its applicant" % what)
    t.eq(site.sql("SELECT status FROM orders WHERE id = %s" % squatter), "draft", "%s: the squatter's order stays a draft" % what)

    rev = site.sql("SELECT rev FROM orders WHERE id = %s" % order)
    r = a.post(APPLY, dict(ENTERPRISE, order=order, agent_address="福州市鼓楼区五四路2号", action="save", csrf=csrf))
    t.eq(r.status, 303, "%s: the applicant edits the pending order" % what, r.summary())
    t.ok("done=saved" in (r.header("Location") or ""), "%s: to a page that says so" % what, r.header("Location"))
    r = a.get(r.location_path())
    t.ok(r.status == 200 and "修改已保存" in r.text and "待审核" in r.text,
         "%s: the notice says it was saved and is still 待审核" % what)
    t.eq(site.sql("SELECT status || '/' || (rev > %s) FROM orders WHERE id = %s" % (rev, order)), "pending/1",
         "%s: it stays pending, with a new revision" % what)
    r = a.get(ORDERS + "?order=" + order)
    t.ok("已修改" in r.text and "经办人联系地址" in r.text, "%s: the timeline records 已修改 with the field" % what)

    csrf = a.csrf(APPLY + "?subject=personal")
    r = a.post(APPLY, dict(PERSONAL, action="save", csrf=csrf))
    t.eq(r.status, 303, "%s: a personal application is saved" % what, r.summary())
    personal = order_of(r.header("Location"))
    r = a.post(UPLOAD, {"action": "submit", "order": personal, "csrf": csrf})
    t.eq(r.status, 422, "%s: submitting it without documents answers 422" % what)
    for slot, (filename, kind) in PERSONAL_SLOTS.items():
        data, ctype = file_for(kind)
        upload(a, personal, slot, filename, data, ctype, csrf)
    r = a.post(UPLOAD, {"action": "submit", "order": personal, "csrf": csrf})
    t.eq(r.status, 303, "%s: with its four documents it is submitted" % what, r.summary())
    t.eq(site.sql("SELECT status || '/' || amount_fen FROM orders WHERE id = %s" % personal), "pending/50000",
         "%s: 500.00 元 for two personal certificate-years" % what)
    r = a.post(ORDERS, {"action": "cancel", "order": personal, "csrf": csrf})
    t.eq(r.status, 303, "%s: the applicant cancels the pending, unpaid order" % what)
    t.eq(site.sql("SELECT status FROM orders WHERE id = %s" % personal), "cancelled", "%s: it is cancelled" % what)


def run(server, mode="fcgid"):
    """Runs this journey through a real server as a TAP test file."""
    run_scenario(scenario, server, mode)
