# tests/http/attack.py: the attack tier over HTTP, shared by lighttpd and Apache: foreign ids (404), missing and foreign CSRF tokens (403), XSS and SQL metacharacters rendered back to applicants and staff, duplicated parameters, oversized and malformed bodies, path tricks in file names, methods other than GET/POST, session fixation, expired and ended sessions, and SECURITY.md 12's headers on every response.
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)
from fixtures import file_for, multipart  # noqa: E402
from httpclient import Client  # noqa: E402
from journeys import register, run_scenario  # noqa: E402
from orders import APPLY, ENTERPRISE, ORDERS, PAY, UPLOAD, submit_enterprise  # noqa: E402
from payments import uscc  # noqa: E402
from staff import ADMIN, sign_in  # noqa: E402

REGISTER, LOGIN, HOME, RENEW = "/cgi-bin/register.fcgi", "/cgi-bin/login.fcgi", "/cgi-bin/home.fcgi", "/cgi-bin/renew.fcgi"
INVOICE = "/cgi-bin/invoice.fcgi"
PROGRAMS = [REGISTER, LOGIN, HOME, APPLY, RENEW, UPLOAD, ORDERS, PAY, INVOICE, ADMIN]
# Text that breaks out of HTML and SQL when it is not escaped or bound.
EVIL = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>' OR '1'='1'; DROP TABLE orders;--"
EVIL_HTML = "&lt;script&gt;alert(1)&lt;/script&gt;"
PASSWORD = "Secret2024ab"

# Every POST a program takes, by action (path, action, extra fields).
APPLICANT_POSTS = [
    (HOME, "end_session", {"session": "1"}), (HOME, "cancel_account", {"password": PASSWORD}),
    (APPLY, "save", {"project": "both", "years": "1"}), (APPLY, "quote", {}),
    (RENEW, "save", {"project": "both", "years": "1", "kind": "renew"}), (RENEW, "quote", {}),
    (UPLOAD, None, {"order": "1", "slot": "license"}), (UPLOAD, "submit", {"order": "1"}),
    (ORDERS, "cancel", {"order": "1"}), (ORDERS, "receive", {"order": "1"}),
    (PAY, "claim", {"order": "1", "method": "transfer"}),
    (INVOICE, "title_add", {}), (INVOICE, "title_edit", {"id": "1"}), (INVOICE, "title_delete", {"id": "1"}),
    (INVOICE, "title_default", {"id": "1"}), (INVOICE, "request", {"order": "1", "type": "normal", "title": "1"}),
    (LOGIN, "passwd", {"old_password": PASSWORD, "new_password": "Other2024ab", "new_password2": "Other2024ab"}),
]
STAFF_ACTIONS = ["approve", "reject", "claim", "note", "cancel", "confirm_payment", "decline_payment", "refund",
                 "invoice_reject", "statement_apply", "produce", "ship", "ready", "complete", "passwd", "staff_add",
                 "staff_disable", "staff_totp"]
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'", "img-src 'self' blob:", "frame-ancestors 'none'", "form-action 'self'"),
    "X-Content-Type-Options": ("nosniff",),
    "Referrer-Policy": ("same-origin",),
    "X-Frame-Options": ("DENY",),
    "Cache-Control": ("no-store",),
}


class Watched(Client):
    """A client that checks SECURITY.md 12's headers on every answer from a program."""

    seen = []

    def request(self, method, path, *args, **kw):
        r = super().request(method, path, *args, **kw)
        if path.startswith("/cgi-bin/") and r.status:
            Watched.seen.append((method, path.split("?")[0], r))
        return r


def header_problems(r):
    """What SECURITY.md 12 asks of r's headers and r lacks (a list of strings)."""
    out = []
    for name, parts in SECURITY_HEADERS.items():
        value = r.header(name) or ""
        out += ["%s: %s" % (name, p) for p in parts if p not in value]
    csp = r.header("Content-Security-Policy") or ""
    if "unsafe-inline" in csp:
        out.append("CSP allows inline code")
    ctype = r.header("Content-Type") or ""
    if ctype.startswith("text/") and "charset=utf-8" not in ctype.lower():
        out.append("Content-Type without charset=utf-8: %s" % ctype)
    return out


def escaped_everywhere(t, r, what):
    """Points: r answered without a 500 and shows EVIL escaped only."""
    t.ok(r.status in (200, 422) and "<script>alert(1)" not in r.text and "onerror=alert(2)>" not in r.text,
         "%s: no 500, the markup never appears raw" % what, r.summary())


def scenario(t, site, what):
    clock, secrets = [0], {}
    a, b, v = Watched(site.base), Watched(site.base), Watched(site.base)
    if not (register(t, site, a, "13912340031", PASSWORD, "%s: applicant A" % what)
            and register(t, site, b, "13912340032", PASSWORD, "%s: applicant B" % what)):
        return
    for login, role, pw in (("rev1", "reviewer", "Review2024x"), ("fin1", "finance", "Finance2024x")):
        t.eq(site.admin("staff-add", login, role, input=pw + "\n").returncode, 0, "%s: staff-add %s" % (what, login))

    # A's order, with hostile text in every free-text field.
    hostile = {k: EVIL[:28] for k in ("legal_name", "agent_name")}
    hostile.update({"org_name": EVIL[:100], "agent_address": EVIL[:120]})
    order, r = submit_enterprise(a, hostile)
    if not t.ok(order and r.status == 303, "%s: A submits an order with hostile text in its fields" % what, r.summary()):
        return
    t.eq(site.sql("SELECT org_name FROM orders WHERE id = %s" % order), EVIL[:100],
         "%s: the text is stored as typed (bound, not spliced into SQL)" % what)
    t.eq(site.sql("SELECT count(*) FROM orders"), "1", "%s: and the orders table is intact" % what)
    escaped_everywhere(t, a.get(ORDERS + "?order=" + order), "%s: the applicant's order page" % what)
    escaped_everywhere(t, a.get(APPLY + "?order=" + order), "%s: the applicant's form" % what)

    rev = sign_in(t, site, clock, "rev1", "Review2024x", "%s: reviewer" % what, secrets)
    fin = sign_in(t, site, clock, "fin1", "Finance2024x", "%s: finance" % what, secrets)
    if not (rev and fin):
        return
    rev.__class__ = fin.__class__ = Watched
    r = rev.get(ADMIN + "?order=" + order)
    escaped_everywhere(t, r, "%s: the staff order page" % what)
    rev_csrf, rev_no = r.csrf(), re.search(r'name="rev" value="(\d+)"', r.text)
    r = rev.post(ADMIN, {"action": "note", "order": order, "note": EVIL, "csrf": rev_csrf})
    t.eq(r.status, 303, "%s: a staff note with hostile text is stored" % what, r.summary())
    escaped_everywhere(t, rev.get(ADMIN + "?order=" + order), "%s: the note on the staff order page" % what)
    for q in (EVIL, "' OR 1=1 --", "%' UNION SELECT password_hash FROM staff --", "\\\"", "1; DROP TABLE orders"):
        r = rev.get(ADMIN + "?q=" + __import__("urllib.parse").parse.quote(q))
        escaped_everywhere(t, r, "%s: the staff search for %r" % (what, q[:20]))
    r = rev.post(ADMIN, {"action": "reject", "order": order, "rev": rev_no.group(1) if rev_no else "0",
                         "reason": EVIL, "items": "license", "csrf": rev_csrf})
    t.eq(r.status, 303, "%s: a rejection with a hostile reason" % what, r.summary())
    escaped_everywhere(t, a.get(ORDERS + "?order=" + order), "%s: the reason on the applicant's order page" % what)
    escaped_everywhere(t, a.get(UPLOAD + "?order=" + order), "%s: the reason on the applicant's documents page" % what)
    csrf_a = a.csrf(INVOICE)
    r = a.post(INVOICE, {"action": "title_add", "kind": "personal", "name": EVIL[:100], "email": "x@example.com",
                         "csrf": csrf_a})
    t.eq(r.status, 303, "%s: an invoice title with a hostile name" % what, r.summary())
    r = a.post(INVOICE, {"action": "title_add", "kind": "company", "name": EVIL[:100], "tax_id": "91350100M000100Y43",
                         "address": EVIL[:120], "bank": EVIL[:60], "email": "x@example.com", "csrf": csrf_a})
    t.eq(r.status, 303, "%s: a company title with hostile name, address and bank" % what, r.summary())
    escaped_everywhere(t, a.get(INVOICE), "%s: the invoice titles page" % what)

    # A transfer claim whose payer is hostile text, shown to the applicant and to finance.
    order2, r = submit_enterprise(a, {"uscc": uscc(7)})
    t.ok(order2 and r.status == 303, "%s: A submits a second order" % what,
         "\n".join(re.findall(r'class="[^"]*(?:error|alert)[^"]*"[^>]*>([^<]*)', r.text)) or r.summary())
    today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + clock[0] / 1000.0 + 8 * 3600))
    body, ctype = multipart({"csrf": csrf_a, "action": "claim", "order": order2, "method": "transfer", "payer": EVIL[:100],
                             "paid_on": today}, {"slip": ("回单.pdf",) + file_for("pdf")})
    r = a.request("POST", PAY, body=body, content_type=ctype)
    t.eq(r.status, 303, "%s: a transfer claim with a hostile payer" % what, r.summary())
    escaped_everywhere(t, a.get(PAY + "?order=" + order2 + "&method=transfer"), "%s: the applicant's payment page" % what)
    escaped_everywhere(t, fin.get(ADMIN + "?view=payments"), "%s: finance's payments view" % what)
    escaped_everywhere(t, fin.get(ADMIN + "?order=" + order2), "%s: finance's order page" % what)
    escaped_everywhere(t, a.get(HOME + "?page=center"), "%s: the applicant's centre" % what)

    # Another applicant's objects answer 404, as missing ones do.
    b_csrf = b.csrf(HOME + "?page=center")
    title = site.sql("SELECT id FROM invoice_titles WHERE user_id = (SELECT user_id FROM orders WHERE id = %s) LIMIT 1"
                     % order)
    session = site.sql("SELECT id FROM sessions WHERE realm = 'user' AND subject_id = (SELECT user_id FROM orders WHERE id = %s)"
                       " LIMIT 1" % order)
    before = site.sql("SELECT status || '/' || (SELECT count(*) FROM invoice_titles) FROM orders WHERE id = %s" % order)
    for path in (ORDERS + "?order=%s", ORDERS + "?order=%s&page=cancel", UPLOAD + "?order=%s",
                 UPLOAD + "?order=%s&view=license", UPLOAD + "?order=%s&doc=form", PAY + "?order=%s",
                 PAY + "?order=%s&page=qr", APPLY + "?order=%s", INVOICE + "?order=%s", RENEW + "?prev_order=%s"):
        r = b.get(path % order)
        t.eq(r.status, 404, "%s: B gets 404 for GET %s" % (what, path % "A's"), r.summary())
    t.eq(b.get(INVOICE + "?title=" + title).status, 404, "%s: B gets 404 for A's invoice title" % what)
    for path, action, fields in ((ORDERS, "cancel", {"order": order}), (ORDERS, "receive", {"order": order}),
                                 (UPLOAD, "submit", {"order": order}), (PAY, "claim", {"order": order, "method": "transfer", "payer": "B"}),
                                 (INVOICE, "title_delete", {"id": title}), (INVOICE, "title_default", {"id": title}),
                                 (INVOICE, "request", {"order": order, "type": "normal", "title": title}),
                                 (HOME, "end_session", {"session": session})):
        r = b.post(path, dict(fields, action=action, csrf=b_csrf))
        t.eq(r.status, 404, "%s: B gets 404 for POST %s %s on A's object" % (what, path, action), r.summary())
    missing = "1729333892315499999"
    for path in (ADMIN + "?order=%s", ADMIN + "?order=%s&slip=1", ADMIN + "?invoice=%s",
                 ADMIN + "?view=statement&statement=%s"):
        t.eq(fin.get(path % missing).status, 404, "%s: staff get 404 for GET %s of a missing object" % (what, path % "N"))
    for action, who in (("approve", rev), ("reject", rev), ("claim", rev), ("note", rev), ("cancel", rev),
                        ("confirm_payment", fin), ("decline_payment", fin), ("refund", fin)):
        r = who.post(ADMIN, {"action": action, "order": missing, "rev": "1", "reason": "x", "note": "x",
                             "csrf": who.csrf(ADMIN)})
        t.eq(r.status, 404, "%s: staff get 404 for POST %s on a missing order" % (what, action), r.summary())
    body, ctype = multipart({"csrf": b_csrf, "order": order, "slot": "license"}, {"file": ("x.jpg",) + file_for("jpeg")})
    t.eq(b.request("POST", UPLOAD, body=body, content_type=ctype).status, 404,
         "%s: B gets 404 uploading to A's order" % what)
    t.eq(site.sql("SELECT status || '/' || (SELECT count(*) FROM invoice_titles) FROM orders WHERE id = %s" % order),
         before, "%s: and nothing of A's changed" % what)

    # CSRF: every POST without the token, and with another session's token, answers 403.
    for path, action, fields in APPLICANT_POSTS:
        base = dict(fields, **({"action": action} if action else {}))
        r = b.post(path, base)
        t.eq(r.status, 403, "%s: POST %s %s without csrf answers 403" % (what, path, action or ""), r.summary())
        r = b.post(path, dict(base, csrf=csrf_a))
        t.eq(r.status, 403, "%s: and with A's csrf answers 403" % what, r.summary())
    fin_csrf = fin.csrf(ADMIN)
    for action in STAFF_ACTIONS:
        r = rev.post(ADMIN, {"action": action, "order": order})
        t.ok(r.status == 403, "%s: admin %s without csrf answers 403" % (what, action), r.summary())
        r = rev.post(ADMIN, {"action": action, "order": order, "csrf": fin_csrf})
        t.ok(r.status == 403, "%s: admin %s with another member's csrf answers 403" % (what, action), r.summary())
    for path, vcsrf in ((REGISTER, None), (REGISTER, "0" * 64), (LOGIN, None), (LOGIN, csrf_a)):
        fields = {"action": "send_code", "mobile": "13912340039"}
        if vcsrf:
            fields["csrf"] = vcsrf
        t.eq(v.post(path, fields).status, 403, "%s: a visitor's send_code to %s with %s csrf answers 403"
             % (what, path, "a foreign" if vcsrf else "no"))

    # Duplicated parameters are refused before anything is parsed (first-wins is never guessed).
    t.eq(a.get(ORDERS + "?order=%s&order=%s" % (order, order)).status, 400, "%s: a repeated query parameter answers 400" % what)
    r = a.request("POST", ORDERS, body="action=cancel&order=%s&order=%s&csrf=%s" % (order, order, csrf_a))
    t.eq(r.status, 400, "%s: a repeated body field answers 400" % what, r.summary())
    r = a.request("POST", ORDERS + "?order=%s" % order, body="action=cancel&order=%s&csrf=%s" % (order, csrf_a))
    t.eq(r.status, 400, "%s: a field in both the query and the body answers 400" % what, r.summary())

    # Oversized and malformed bodies.
    for path in (REGISTER, ADMIN, ORDERS):
        r = a.request("POST", path, body=b"a=" + b"1" * (64 * 1024 - 1))
        t.eq(r.status, 413, "%s: %s refuses a body over its 64 KiB limit with 413" % (what, path), r.summary())
    bad = [("multipart/form-data; boundary=XyZ", b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end"),
           ("multipart/form-data; boundary=XyZ", b"--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--\r\n"),
           ("multipart/form-data", b"--XyZ--\r\n"), ("text/plain", b"action=cancel"),
           ("application/x-www-form-urlencoded", b"a=1&a=2"), ("application/x-www-form-urlencoded", b"%00=1")]
    for ctype, body in bad:
        r = a.request("POST", UPLOAD, body=body, content_type=ctype)
        t.eq(r.status, 400, "%s: a malformed body (%s: %r) answers 400" % (what, ctype.split(";")[0], body[:30]), r.summary())
    body, ctype = multipart({"csrf": csrf_a, "action": "cancel", "order": order}, {})
    t.eq(a.request("POST", ORDERS, body=body, content_type=ctype).status, 400,
         "%s: multipart where the route takes no file answers 400" % what)

    # Path tricks in file names: stored by content hash, the name only shown (escaped).
    r = a.post(APPLY, dict(ENTERPRISE, action="save", csrf=csrf_a))
    draft = re.search(r"order=(\d{19})", r.header("Location") or "")
    if not t.ok(draft, "%s: A saves a draft" % what, r.summary()):
        return
    seen = set(os.listdir(site.data))
    for name in ("../../../../tmp/evil.jpg", "..\\..\\evil.jpg", "/etc/passwd", "a/../../b.jpg", "<img src=x>.jpg", "x\".jpg"):
        data, ctype_f = file_for("jpeg")
        body, ctype = multipart({"csrf": csrf_a, "order": draft.group(1), "slot": "license"}, {"file": (name, data, ctype_f)})
        r = a.request("POST", UPLOAD, body=body, content_type=ctype)
        t.ok(r.status in (303, 400, 422), "%s: an upload named %r is stored or refused, never a 500" % (what, name),
             r.summary())
        escaped_everywhere(t, a.get(UPLOAD + "?order=" + draft.group(1)), "%s: the documents page after %r" % (what, name))
    t.ok(not os.path.exists("/tmp/evil.jpg") and set(os.listdir(site.data)) == seen,
         "%s: no file appeared outside uploads/" % what, sorted(set(os.listdir(site.data)) ^ seen))

    # Methods other than GET and POST.
    for path in PROGRAMS:
        for method in ("PUT", "DELETE", "PATCH", "OPTIONS"):
            r = a.request(method, path, body=b"")
            t.ok(r.status == 405 and "GET" in (r.header("Allow") or ""), "%s: %s %s answers 405 with Allow" % (what, method, path),
                 r.summary())

    # Session fixation: a cookie planted before sign-in never becomes the session.
    f = Watched(site.base)
    planted = "A" * 43
    f.jar["cd_sid"] = planted
    f.jar["cd_staff"] = planted
    r = f.post(LOGIN, {"action": "login", "mobile": "13912340032", "password": PASSWORD, "csrf": f.csrf(LOGIN)})
    t.ok(r.status == 303 and f.jar.get("cd_sid") not in (None, planted), "%s: signing in sets a new session id" % what,
         r.summary())
    p = Watched(site.base)
    p.jar["cd_sid"] = planted
    t.eq(p.get(ORDERS).status, 303, "%s: the planted id does not open the account" % what)
    p.jar["cd_sid"] = f.jar.get("cd_sid", "")
    old = f.jar.get("cd_sid")
    r = f.post(LOGIN, {"action": "login", "mobile": "13912340032", "password": PASSWORD,
                       "csrf": f.csrf(HOME + "?page=center")})
    t.ok(f.jar.get("cd_sid") != old, "%s: signing in again rotates the session id" % what)
    t.eq(p.get(ORDERS).status, 303, "%s: and the old one stops working" % what)

    # A staff session that passed the password but not the second factor reaches nothing.
    h = Watched(site.base)
    r = h.post(ADMIN, {"action": "login", "login": "rev1", "password": "Review2024x", "csrf": h.csrf(ADMIN)})
    t.eq(r.status, 303, "%s: the password step alone answers 303" % what, r.summary())
    r = h.get(ADMIN + "?order=" + order)
    t.ok(r.status in (200, 303) and EVIL_HTML not in r.text, "%s: a half-signed-in member does not see the order" % what,
         r.summary())
    pending_csrf = h.csrf(ADMIN)
    r = h.post(ADMIN, {"action": "note", "order": order, "note": "half", "csrf": pending_csrf})
    t.ok(r.status == 303 and (r.location_path() or "").startswith(ADMIN) and "half" not in site.sql(
        "SELECT group_concat(body) FROM order_notes"), "%s: nor acts: a note is sent to sign in, not stored" % what, r.summary())

    # A disabled member's session ends at once.
    t.eq(site.admin("staff-add", "boss", "admin", input="Admin2024xx\n").returncode, 0, "%s: staff-add boss" % what)
    boss = sign_in(t, site, clock, "boss", "Admin2024xx", "%s: admin" % what, secrets)
    if boss:
        fin_id = site.sql("SELECT id FROM staff WHERE login = 'fin1'")
        r = boss.post(ADMIN, {"action": "staff_disable", "staff": fin_id, "csrf": boss.csrf(ADMIN + "?view=staff")})
        t.eq(r.status, 303, "%s: the admin disables fin1" % what, r.summary())
        r = fin.get(ADMIN + "?view=payments")
        t.ok(r.status in (200, 303) and 'id="claims-title"' not in r.text and "fin1" not in r.text,
             "%s: fin1's open session no longer reaches the payments" % what, r.summary())

    # Expired sessions: B and the reviewer idle 31 minutes while A keeps using the site.
    clock[0] += 25 * 60 * 1000
    site.move_clock(clock[0])
    t.eq(a.get(HOME + "?page=center").status, 200, "%s: A is still signed in after 25 minutes" % what)
    clock[0] += 6 * 60 * 1000
    site.move_clock(clock[0])
    r = b.get(ORDERS)
    t.ok(r.status == 303 and "login.fcgi" in (r.header("Location") or ""), "%s: after 31 idle minutes an applicant signs in again"
         % what, r.summary())
    r = rev.get(ADMIN + "?view=queue")
    t.ok(r.status in (200, 303) and "审核队列" not in r.text, "%s: after 31 idle minutes staff sign in again" % what, r.summary())
    # A, active every 25 minutes, is signed out 12 hours after signing in.
    for _ in range(40):
        r = a.get(HOME + "?page=center")
        if r.status != 200:
            break
        clock[0] += 25 * 60 * 1000
        site.move_clock(clock[0])
    hours = clock[0] / 3600000.0      # A's session began before the clock first moved
    t.ok(r.status == 303 and 12 - 25 / 60.0 < hours <= 12 + 25 / 60.0,
         "%s: an applicant active every 25 minutes is signed out after 12 hours (at %.1f h)" % (what, hours), r.summary())

    # Every answer carried SECURITY.md 12's headers.
    problems = ["%s %s %d: %s" % (m, p_, r.status, ", ".join(header_problems(r))) for m, p_, r in Watched.seen
                if header_problems(r)]
    t.ok(not problems, "%s: all %d answers carry CSP, nosniff, Referrer-Policy, X-Frame-Options, no-store and utf-8"
         % (what, len(Watched.seen)), "\n".join(problems[:20]))


def run(server, mode="fcgid"):
    run_scenario(scenario, server, mode)
