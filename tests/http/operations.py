# tests/http/operations.py: running the platform over HTTP and certdesk-admin (issue 13): staff e-mail addresses (staff-add and the staff page, audited), the daily digest received by the SMTP fake with each role's counts, the 60/30/7-day expiry reminders across the thresholds with the test clock (once each, the most urgent only, none once renewed, the text and the renewal link), and the retention purge (refused without --yes, a dry run removing nothing, then the scans and personal data gone, the accounting record kept, the order pages saying so), shared by the lighttpd and Apache tests.
import email
import email.policy
import os
import re
import subprocess
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)
from fixtures import ENTERPRISE_SLOTS, file_for, pdf  # noqa: E402
from httpclient import Client  # noqa: E402
from journeys import login, register, run_scenario  # noqa: E402
from invoices import COMPANY, post_title, request, title_id  # noqa: E402
from orders import APPLY, ENTERPRISE, ORDERS, UPLOAD, order_of, upload  # noqa: E402
from payments import claim_transfer, shanghai_day, uscc  # noqa: E402
from servers import TOP_BUILD  # noqa: E402
from staff import ADMIN, PICKUP_ADDRESS, PICKUP_HOURS, page_rev, sign_in  # noqa: E402

RENEW = "/cgi-bin/renew.fcgi"
PAY = "/cgi-bin/pay.fcgi"
DAY_MS = 86400000
APPLICANT = ("13912347788", "Secret2024ab")
STAFF = (("boss", "admin", "Admin2024xx", "boss@fjca-test.cn"), ("rev1", "reviewer", "Review2024x", None),
         ("fin1", "finance", "Finance2024x", "fin1@fjca-test.cn"), ("prod1", "producer", "Produce2024x", None))


def submit(a, path, fields, unique):
    """Saves an enterprise order through path (apply.fcgi, or renew.fcgi for a renewal), uploads
    every document (the form scan made unique by the bytes of unique) and submits it: its
    number and the submit's answer, or (None, the save's answer)."""
    csrf = a.csrf(APPLY + "?subject=enterprise")
    r = a.post(path, dict(ENTERPRISE, action="save", csrf=csrf, **fields))
    order = order_of(r.header("Location"))
    if not order:
        return None, r
    for slot, (filename, kind) in ENTERPRISE_SLOTS.items():
        data, ctype = (pdf(unique), "application/pdf") if slot == "form" else file_for(kind)
        upload(a, order, slot, filename, data, ctype, csrf)
    return order, a.post(UPLOAD, {"action": "submit", "order": order, "csrf": csrf})


def at_terminal(site, answer, *args):
    """Runs certdesk-admin ARGS with a terminal as standard input, answering its question
    with answer; (exit status, standard output)."""
    master, slave = os.openpty()
    try:
        p = subprocess.Popen([os.path.join(TOP_BUILD, "tools", "certdesk-admin"), "--config", site.config] + list(args),
                             stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        os.write(master, (answer + "\n").encode())
        out, _err = p.communicate(timeout=120)
    finally:
        os.close(slave)
        os.close(master)
    return p.returncode, out.decode("utf-8", "replace")


def act(c, action, order, **fields):
    return c.post(ADMIN, dict(fields, action=action, order=order, csrf=c.csrf(ADMIN + "?order=" + order)))


def staff_emails(t, site, clock, secrets, what):
    """staff-add with and without an e-mail, a malformed one refused; the staff page shows,
    edits (audited), refuses a malformed address beside the member and removes one; only
    admins may. Returns the signed-in clients by role."""
    for login_, role, pw, mail in STAFF:
        args = ["staff-add", login_, role] + ([mail] if mail else [])
        t.eq(site.admin(*args, input=pw + "\n").returncode, 0, "%s: staff-add %s" % (what, " ".join(args[1:])))
    r = site.admin("staff-add", "rev9", "reviewer", "not-an-address", input="Review2024x\n")
    t.ok(r.returncode == 2 and b"EMAIL" in r.stderr, "%s: staff-add with a malformed e-mail exits 2" % what, r.stderr)
    t.eq(site.sql("SELECT count(*) FROM staff WHERE login = 'rev9'"), "0", "%s: and adds nobody" % what)
    t.eq(site.sql("SELECT login || '=' || ifnull(email, '-') FROM staff ORDER BY login"),
         "boss=boss@fjca-test.cn\nfin1=fin1@fjca-test.cn\nprod1=-\nrev1=-", "%s: the e-mails are stored" % what)
    staff = {}
    for login_, role, pw, _mail in STAFF:
        staff[role] = sign_in(t, site, clock, login_, pw, "%s: %s" % (what, login_), secrets)
    boss = staff["admin"]
    if not all(staff.values()):
        return None
    rev1 = site.sql("SELECT id FROM staff WHERE login = 'rev1'")
    prod1 = site.sql("SELECT id FROM staff WHERE login = 'prod1'")
    r = boss.get(ADMIN + "?view=staff")
    t.ok(r.status == 200 and 'value="boss@fjca-test.cn"' in r.text and "每日待办提醒" in r.text,
         "%s: the staff page shows each member's e-mail" % what, r.summary())

    def set_email(c, staff_id, value):
        return c.post(ADMIN, {"action": "staff_email", "staff": staff_id, "email": value,
                              "csrf": c.csrf(ADMIN + "?view=staff")})

    r = set_email(boss, rev1, "rev1@fjca-test.cn")
    t.ok(r.status == 303 and "view=staff" in (r.header("Location") or ""), "%s: staff_email answers 303" % what,
         r.summary())
    t.eq(site.sql("SELECT email FROM staff WHERE id = %s" % rev1), "rev1@fjca-test.cn", "%s: the e-mail is set" % what)
    r = boss.get(r.location_path())
    t.ok("工作人员的电子邮箱已保存" in r.text and 'value="rev1@fjca-test.cn"' in r.text,
         "%s: the staff page says so and shows it" % what)
    r = set_email(boss, rev1, "rev1@x")
    t.ok(r.status == 422 and "邮箱地址格式不正确" in r.text and 'id="e-email-%s"' % rev1 in r.text,
         "%s: a malformed e-mail answers 422 with the message beside the member" % what, r.summary())
    t.eq(site.sql("SELECT email FROM staff WHERE id = %s" % rev1), "rev1@fjca-test.cn", "%s: and changes nothing" % what)
    r = set_email(boss, prod1, "prod1@fjca-test.cn")
    r = set_email(boss, prod1, "")
    t.ok(r.status == 303 and site.sql("SELECT ifnull(email, '-') FROM staff WHERE id = %s" % prod1) == "-",
         "%s: an empty e-mail removes it" % what, r.summary())
    r = set_email(staff["reviewer"], prod1, "prod1@fjca-test.cn")
    t.ok(r.status == 403 and site.sql("SELECT ifnull(email, '-') FROM staff WHERE id = %s" % prod1) == "-",
         "%s: a reviewer may not set e-mails (403, nothing changed)" % what, r.summary())
    t.eq(site.sql("SELECT outcome || ' ' || ifnull(detail, '') FROM audit WHERE action = 'staff_email'"
                   " ORDER BY id"), "ok rev1 set\nrefused invalid\nok prod1 set\nok prod1 removed",
         "%s: every change and refusal is audited" % what)
    set_email(boss, prod1, "prod1@fjca-test.cn")
    return staff


def completed(t, site, a, staff, clock, n, expires_days):
    """An enterprise pickup order of a (USCC number n) through its whole life: submitted,
    approved, paid by a confirmed transfer, produced with a certificate that expires in
    expires_days days, ready and completed; its number."""
    rev, fin, prod = staff["reviewer"], staff["finance"], staff["producer"]
    order, r = submit(a, APPLY, {"uscc": uscc(60 + n)}, "order %d form" % n)
    if not t.ok(order and r.status == 303, "life %d: submitted" % n, r.summary()):
        return None
    r = act(rev, "approve", order, rev=page_rev(rev, order))
    r2 = a.get(PAY + "?order=%s&method=transfer" % order)
    r2 = claim_transfer(a, order, r2.csrf(), payer=ENTERPRISE["org_name"], paid_on=shanghai_day(clock), slip=pdf("slip %d" % n))
    r3 = act(fin, "confirm_payment", order)
    r4 = act(prod, "produce", order, cert_serial="5A3C0E11D2F4%04d" % n, cert_expires=shanghai_day(clock, expires_days))
    r5 = act(prod, "ready", order)
    r6 = act(prod, "complete", order)
    t.ok([x.status for x in (r, r2, r3, r4, r5, r6)] == [303] * 6
         and site.sql("SELECT status FROM orders WHERE id = %s" % order) == "completed",
         "life %d: approved, paid, produced (expires in %d days), ready, completed" % (n, expires_days),
         [x.status for x in (r, r2, r3, r4, r5, r6)])
    return order


def digest(t, site, staff, what):
    """The digest by e-mail: each member with an address and work waiting gets their role's
    counts (equal to the database's) and links; a member whose queues are empty gets none."""
    seen = len(site.mail_messages())
    r = site.admin("digest")
    out = r.stdout.decode("utf-8", "replace")
    t.ok(r.returncode == 0 and "digest: 3 queued" in out and "prod1" not in out,
         "%s: digest queues three e-mails, none for the producer whose queues are empty" % what, out)
    site.admin("outbox")
    found = site.wait_mail(seen + 2)[seen:]
    bodies = {}
    for m in found:
        msg = email.message_from_bytes(m["raw"], policy=email.policy.default)
        bodies[m["rcpt_to"][0]] = (str(msg["subject"]), msg.get_content())
    t.eq(sorted(bodies), ["boss@fjca-test.cn", "fin1@fjca-test.cn", "rev1@fjca-test.cn"],
         "%s: the SMTP server received the digests of boss, fin1 and rev1" % what, sorted(bodies))
    pending = site.sql("SELECT count(*) FROM orders WHERE status = 'pending'")
    claimed = site.sql("SELECT count(*) FROM orders o JOIN staff s ON s.id = o.claimed_by WHERE o.status = 'pending'"
                        " AND s.login = 'rev1'")
    claims = site.sql("SELECT count(*) FROM payments WHERE status = 'claimed'")
    invoices = site.sql("SELECT count(*) FROM invoices WHERE status = 'pending'")
    t.ok((pending, claimed, claims, invoices) == ("2", "1", "1", "1"), "%s: (what waits)" % what,
         (pending, claimed, claims, invoices))
    base = site.base + "/cgi-bin/admin.fcgi?"
    subject, body = bodies.get("rev1@fjca-test.cn", ("", ""))
    t.ok("待审核业务单：%s 件" % pending in body and "其中由您认领、尚未审核：%s 件" % claimed in body
         and base + "view=queue" in body and "待开具的发票" not in body,
         "%s: the reviewer's digest counts the review queue and their claims, with its link" % what, body)
    t.ok("工作待办提醒" in subject and "2 项" in subject, "%s: under a subject naming the work waiting" % what, subject)
    body = bodies.get("fin1@fjca-test.cn", ("", ""))[1]
    t.ok("待确认的对公转账：%s 笔" % claims in body and "待退款：0 笔" in body and "待开具的发票：%s 张" % invoices in body
         and base + "view=payments" in body and base + "view=invoices" in body and "待审核" not in body,
         "%s: finance's counts the transfers, refunds and invoices, with their links" % what, body)
    body = bodies.get("boss@fjca-test.cn", ("", ""))[1]
    t.ok(all(x in body for x in ("待审核业务单：%s 件" % pending, "待确认的对公转账：%s 笔" % claims,
                                 "待开具的发票：%s 张" % invoices, "待制证 / 待投递：0 件", "待领取：0 件",
                                 base + "view=production&status=ready")),
         "%s: an admin's counts every queue" % what, body)
    t.ok(site.sql("SELECT count(*) FROM audit WHERE action = 'digest' AND outcome = 'ok'") == "1",
         "%s: the run is audited" % what)


def reminders(t, site, clock, orders, what):
    """The expiry reminders across the thresholds: each once, the most urgent only, none for
    the renewed certificate; the text, the expiry and the renewal link."""
    a_, b_, c_ = orders
    start = clock[0]

    def run(days):
        clock[0] = start + days * DAY_MS
        site.move_clock(clock[0])
        r = site.admin("reminders")
        site.admin("outbox")
        return r, [m["text"] for m in site.sms_messages(ENTERPRISE["agent_mobile"]) if "到期" in m["text"]]

    def of(texts, order):
        return [x for x in texts if "prev_order=" + order in x]

    r, texts = run(0)
    link = "%s/cgi-bin/renew.fcgi?prev_order=%s" % (site.base, b_)
    t.ok(r.returncode == 0 and len(texts) == 1 and len(of(texts, b_)) == 1, "%s: day 0: one reminder, for the"
         " certificate 5 days from expiry" % what, (r.stdout, texts))
    text = texts[0] if texts else ""
    t.ok(b_ in text and "还有5天" in text and shanghai_day(clock, 5) in text and text.endswith(link)
         and text.startswith("【测试】"), "%s: the SMS names the order, the expiry, the days left and the renewal"
         " link" % what, text)
    t.eq(site.sql("SELECT order_id || ':' || days FROM reminders_sent ORDER BY order_id, days"), b_ + ":7",
         "%s: the 7-day one only (not the 60- and 30-day ones), and none for the renewed certificate" % what)
    r, texts = run(0)
    t.ok(len(texts) == 1 and "reminders: 0 queued" in r.stdout.decode(), "%s: a rerun sends nothing" % what, texts)
    r, texts = run(6)
    t.ok(len(texts) == 2 and len(of(texts, a_)) == 1 and "还有59天" in of(texts, a_)[0],
         "%s: day 6: the 60-day reminder of the certificate 59 days from expiry, none for the expired one" % what, texts)
    r, texts = run(36)
    t.ok(len(texts) == 3 and len(of(texts, a_)) == 2 and "还有29天" in of(texts, a_)[1],
         "%s: day 36: its 30-day reminder" % what, texts)
    r, texts = run(59)
    t.ok(len(texts) == 4 and len(of(texts, a_)) == 3 and "还有6天" in of(texts, a_)[2],
         "%s: day 59: its 7-day reminder" % what, texts)
    r, texts = run(60)
    t.ok(len(texts) == 4 and not of(texts, c_), "%s: once; and never one for the renewed certificate" % what, texts)
    t.eq(site.sql("SELECT order_id || ':' || days FROM reminders_sent ORDER BY order_id, days"),
         "\n".join([a_ + ":7", a_ + ":30", a_ + ":60", b_ + ":7"]),
         "%s: what was sent is recorded, once per order and threshold" % what)
    t.eq(site.sql("SELECT count(*) FROM audit WHERE action = 'reminders' AND outcome = 'ok'"), "6",
         "%s: each run is audited" % what)


def snapshot(site, order):
    """The accounting record of order: amount, payments, invoices."""
    return (site.sql("SELECT amount_fen || '|' || status || '|' || pay_status || '|' || org_name || '|' || uscc"
                      " || '|' || issued_serial FROM orders WHERE id = %s" % order),
            site.sql("SELECT id || '|' || status || '|' || amount_fen || '|' || ifnull(payer, '') || '|'"
                      " || ifnull(slip_doc, '') FROM payments WHERE order_id = %s ORDER BY id" % order),
            site.sql("SELECT id || '|' || status || '|' || amount_fen || '|' || name FROM invoices WHERE order_id = %s"
                      % order))


def purge(t, site, clock, secrets, orders, renewal, what):
    """The retention purge: refused without --yes, a dry run that removes nothing, then the
    scans and personal data of the completed orders gone and the accounting record kept; the
    applicant's and the staff's order pages say the data was removed."""
    a_, b_, c_ = orders
    uploads = os.path.join(site.data, "uploads")
    own = site.sql("SELECT path FROM documents WHERE order_id = %s AND slot = 'form'" % a_)
    shared = site.sql("SELECT path FROM documents WHERE order_id = %s AND slot = 'license'" % a_)
    slip = site.sql("SELECT d.path FROM payments p JOIN documents d ON d.id = p.slip_doc WHERE p.order_id = %s" % a_)
    before = snapshot(site, a_)
    audits = int(site.sql("SELECT count(*) FROM audit"))
    personal = ("SELECT count(*) FROM orders WHERE id IN (%s) AND (legal_name IS NOT NULL OR legal_id_sealed IS NOT NULL"
                " OR agent_name IS NOT NULL OR agent_mobile IS NOT NULL OR agent_email IS NOT NULL"
                " OR agent_id_sealed IS NOT NULL OR agent_id_index IS NOT NULL OR agent_address IS NOT NULL)"
                % ",".join(orders))
    t.ok(all(os.path.isfile(os.path.join(uploads, p)) for p in (own, shared, slip)), "%s: (the scans are stored)" % what)

    r = site.admin("purge", "--older-than", "1")
    t.ok(r.returncode == 1 and b"--yes" in r.stderr, "%s: purge without --yes, not at a terminal, refuses" % what,
         r.stderr)
    clock[0] += 2 * 366 * DAY_MS
    site.move_clock(clock[0])
    r = site.admin("purge", "--older-than", "1", "--dry-run")
    out = r.stdout.decode("utf-8", "replace")
    t.ok(r.returncode == 0 and all(o in out for o in orders) and renewal not in out and "would remove" in out
         and "3 order(s)" in out, "%s: two years on, --dry-run lists the three completed orders" % what, out)
    t.ok(site.sql(personal) == "3" and site.sql("SELECT count(*) FROM documents WHERE purged_ms IS NOT NULL") == "0"
         and os.path.isfile(os.path.join(uploads, own)), "%s: and removes nothing" % what)

    code, out = at_terminal(site, "no", "purge", "--older-than", "1")
    t.ok(code == 1 and all(o in out for o in orders) and "Type yes" in out and "nothing removed" in out
         and site.sql(personal) == "3", "%s: at a terminal it lists what would go and asks; answered no, it removes"
         " nothing" % what, out)

    r = site.admin("purge", "--older-than", "1", "--yes")
    out = r.stdout.decode("utf-8", "replace")
    t.ok(r.returncode == 0 and all(o in out for o in orders) and renewal not in out and "removed personal data" in out,
         "%s: purge --yes removes them, printing each" % what, out)
    t.eq(site.sql(personal), "0", "%s: names, ID numbers (sealed and indexed), mobiles, e-mails, addresses are gone" % what)
    t.eq(site.sql("SELECT count(*) FROM orders WHERE id = %s AND legal_name IS NOT NULL" % renewal), "1",
         "%s: the open renewal keeps its data" % what)
    t.ok(site.sql("SELECT count(*) FROM documents WHERE order_id = %s AND purged_ms IS NULL AND slot <> 'transfer_slip'"
                   % a_) == "0" and site.sql("SELECT count(*) FROM documents WHERE purged_ms IS NOT NULL AND"
                                              " orig_name IS NOT NULL") == "0",
         "%s: the order's document rows are marked purged, without their file names" % what)
    t.ok(not os.path.exists(os.path.join(uploads, own)), "%s: a scan only purged orders named is removed from disk" % what)
    t.ok(os.path.isfile(os.path.join(uploads, shared)), "%s: one the open renewal still names stays" % what)
    t.ok(os.path.isfile(os.path.join(uploads, slip)), "%s: the remittance slip stays with its payment" % what)
    t.eq(snapshot(site, a_), before, "%s: the order's amount, status, organisation, certificate, payments and invoice"
         " are kept" % what)
    t.ok(int(site.sql("SELECT count(*) FROM audit")) >= audits + 4
         and site.sql("SELECT count(*) FROM audit WHERE action = 'purge' AND order_id IN (%s)" % ",".join(orders)) == "3",
         "%s: the audit log is kept, and each purge is in it" % what)
    t.eq(site.sql("PRAGMA foreign_key_check"), "", "%s: every reference stays valid" % what)
    r = site.admin("purge", "--older-than", "1", "--yes")
    t.ok(r.returncode == 0 and "purge: 0 order(s)" in r.stdout.decode(), "%s: a rerun finds nothing more" % what,
         r.stdout)

    a = Client(site.base)
    login(t, a, APPLICANT[0], APPLICANT[1])
    r = a.get(ORDERS + "?order=" + a_)
    t.ok(r.status == 200 and "已按保存期限清除" in r.text and a_ in r.text and "650.00" in r.text,
         "%s: the applicant's page of the purged order says the data was removed, with number and amount" % what,
         r.summary())
    t.ok(ENTERPRISE["agent_name"] not in r.text and ENTERPRISE["legal_name"] not in r.text
         and ENTERPRISE["agent_email"] not in r.text, "%s: and shows none of it" % what)
    t.eq(a.get(UPLOAD + "?order=%s&view=license" % a_).status, 404, "%s: its scans are no longer served" % what)
    r = a.get(UPLOAD + "?order=" + a_)
    t.ok(r.status == 200 and "已按保存期限清除" in r.text and ENTERPRISE["agent_name"] not in r.text,
         "%s: its documents page still opens, saying the scans were removed" % what,
         r.summary())
    boss = sign_in(t, site, clock, "boss", "Admin2024xx", "%s: boss again" % what, secrets)
    if boss:
        r = boss.get(ADMIN + "?order=" + a_)
        t.ok(r.status == 200 and "已按保存期限清除" in r.text and "650.00" in r.text
             and ENTERPRISE["legal_id_no"] not in r.text and ENTERPRISE["agent_name"] not in r.text,
             "%s: the staff order page says so too, keeping the payments" % what, r.summary())
        t.eq(boss.get(ADMIN + "?order=%s&slot=license" % a_).status, 404, "%s: nor to staff" % what)
        r = boss.get(ADMIN + "?q=" + urllib.parse.quote(ENTERPRISE["legal_name"]))
        t.ok(renewal in r.text and a_ not in r.text, "%s: staff search no longer finds it by a person's name" % what)


def scenario(t, site, what):
    clock, secrets = [0], {}
    staff = staff_emails(t, site, clock, secrets, what)
    a = Client(site.base)
    if not staff or not register(t, site, a, APPLICANT[0], APPLICANT[1], "%s: applicant" % what):
        return
    orders = [completed(t, site, a, staff, clock, n, days) for n, days in ((1, 65), (2, 5), (3, 40))]
    if not all(orders):
        return
    a_ = orders[0]

    # The renewal of the third certificate, opened from the link the reminders carry.
    r = a.get(RENEW + "?prev_order=" + orders[2])
    t.ok(r.status == 200 and ENTERPRISE["org_name"] in r.text, "%s: the renewal link opens a pre-filled form" % what,
         r.summary())
    renewal, r = submit(a, RENEW, {"kind": "renew", "prev_order": orders[2], "uscc": uscc(63)}, "renewal form")
    t.ok(renewal and site.sql("SELECT status || ':' || prev_order FROM orders WHERE id = %s" % renewal)
         == "pending:" + orders[2], "%s: and the renewal is submitted" % what, r.summary())

    # What waits for the digest: the renewal and an order claimed by rev1 pending review, a
    # transfer to confirm, an invoice to issue.
    waiting, r = submit(a, APPLY, {"uscc": uscc(70)}, "waiting form")
    r = a.get(PAY + "?order=%s&method=transfer" % waiting)
    claim_transfer(a, waiting, r.csrf(), payer=ENTERPRISE["org_name"], paid_on=shanghai_day(clock))
    act(staff["reviewer"], "claim", waiting)
    csrf = a.csrf("/cgi-bin/invoice.fcgi")
    post_title(a, "title_add", COMPANY, csrf)
    r = request(a, a_, "normal", title_id(site, COMPANY["name"]), a.csrf("/cgi-bin/invoice.fcgi?order=" + a_))
    t.eq(r.status, 303, "%s: an invoice is asked for the first order" % what, r.summary())
    digest(t, site, staff, what)
    reminders(t, site, clock, orders, what)
    purge(t, site, clock, secrets, orders, renewal, what)


def run(server, mode="fcgid"):
    """Runs these journeys through a real server as a TAP test file."""
    run_scenario(scenario, server, mode, mail=True,
                 extra_config="Site.PickupAddress = %s\nSite.PickupHours = %s\n" % (PICKUP_ADDRESS, PICKUP_HOURS))
