# tests/http/t_lighttpd_accounts.py: the account journeys through a real lighttpd (mod_fastcgi, the config scripts/serve uses), with the SMS gateway fake.
import os
import sys

sys.dont_write_bytecode = True
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)
import taplib  # noqa: E402
from httpclient import Client  # noqa: E402
from journeys import (DUPLICATE, HOME, LOGIN, REDIRECTS, REGISTER, big_body_status,  # noqa: E402
                      check_security_headers, declared_too_large_status, login, logout, masked,
                      register, send_code, signed_in_as, strip_volatile)
from servers import Site, TOP_SRC  # noqa: E402

A = "13912345678"
B = "13812345679"
PASSWORD = "Secret2024ab"
NEW_PASSWORD = "Changed2024cd"
MINUTE = 60 * 1000


def main(t):
    taplib.require_tier(4)
    site = Site(server="lighttpd").start()
    try:
        scenario(t, site)
    finally:
        if t.failed:
            t.diag(site.log_tail())
        site.stop()


def scenario(t, site):
    clock = [0]

    def advance(ms):
        clock[0] += ms
        site.move_clock(clock[0])

    c = Client(site.base)

    # The server itself: "/" and static files.
    r = c.get("/")
    t.is_in(r.status, REDIRECTS, "/ redirects", r.summary())
    t.eq(r.location_path(), HOME, "/ redirects to home.fcgi")
    if os.path.exists(os.path.join(TOP_SRC, "htdocs", "css", "certdesk.css")):
        r = c.get("/css/certdesk.css")
        t.eq(r.status, 200, "the stylesheet is served from htdocs")
        t.ok((r.header("Content-Type") or "").startswith("text/css"), "as text/css", r.header("Content-Type"))
        t.eq(r.header("X-Content-Type-Options"), "nosniff", "static files carry nosniff")
    else:
        t.skip("the stylesheet is served from htdocs", "htdocs/css/certdesk.css not written yet")
    t.eq(c.get("/cgi-bin/").status, 404, "no listing of /cgi-bin/")
    t.eq(c.get("/cgi-bin/home.fcgiX").status, 404, "a name that only starts like a program reaches none")

    # Pages and their headers.
    r = c.get(HOME)
    t.eq(r.status, 200, "home.fcgi answers 200", r.summary())
    check_security_headers(t, r, "home")
    t.ok("登录" in r.text and "注册" in r.text, "signed out, home offers 登录 and 注册")
    r = c.get(REGISTER)
    t.eq(r.status, 200, "register.fcgi answers 200")
    check_security_headers(t, r, "register")
    csrf = r.csrf()
    t.ok(csrf, "the registration form has a hidden csrf field", r.text[:2000])
    first = Client(site.base).get(REGISTER)
    pre = first.cookies().get("cd_pre")
    t.ok(pre is not None, "a new visitor gets the cd_pre cookie", first.header_all("Set-Cookie"))
    if pre:
        t.ok("httponly" in pre.attrs and pre.attrs.get("samesite", "").lower() == "lax" and pre.attrs.get("path") == "/",
             "cd_pre is HttpOnly; SameSite=Lax; Path=/", pre.raw)

    # What the lifecycle refuses.
    t.eq(c.request("PUT", REGISTER, body="x=1").status, 405, "PUT answers 405")
    t.eq(c.request("DELETE", LOGIN).status, 405, "DELETE answers 405")
    t.eq(c.post(REGISTER, {"action": "no_such_action", "csrf": csrf}).status, 404, "an unknown action answers 404")
    r = c.get(HOME + "/nonexistent")
    t.eq(r.status, 404, "an unknown PATH_INFO reaches the program and answers 404")
    t.ok(r.header("Content-Security-Policy"), "the 404 page is the program's", r.summary(400))
    t.eq(big_body_status(site, REGISTER, 2 * 1024 * 1024, csrf), 413, "a 2 MiB form body gets the program's 413")
    status, body = declared_too_large_status(site, REGISTER, 13 * 1024 * 1024)
    t.eq(status, 413, "a 13 MiB body gets lighttpd's 413 (server.max-request-size)", body[:300])
    t.eq(c.get(REGISTER).status, 200, "the site keeps serving after refusals")

    # CSRF: refused and nothing stored.
    r = send_code(c, REGISTER, A, "")
    t.eq(r.status, 403, "send_code without csrf answers 403")
    r = send_code(c, REGISTER, A, "0" * 64)
    t.eq(r.status, 403, "send_code with a forged csrf answers 403")
    other = Client(site.base)
    other_csrf = other.csrf(REGISTER)
    r = send_code(c, REGISTER, A, other_csrf or "x")
    t.eq(r.status, 403, "send_code with another visitor's csrf answers 403")
    r = c.post(REGISTER, {"action": "register", "mobile": A, "password": PASSWORD, "password2": PASSWORD,
                          "code": "123456"})
    t.eq(r.status, 403, "register without csrf answers 403")
    time.sleep(1.0)
    t.eq(site.sms_messages(A), [], "no SMS was sent for the refused requests")
    t.ok("cd_sid" not in c.jar, "and no session was opened")

    # Registration through the SMS gateway.
    if register(t, site, c, A, PASSWORD, "register A"):
        sid = c.jar["cd_sid"]
        r = c.get(HOME)
        t.eq(r.status, 200, "home answers 200 signed in")
        t.ok(A in r.text or masked(A) in r.text, "home names the account by its mobile", r.text[:3000])
        t.ok("退出" in r.text, "and offers 退出")
        forms = [f for f in r.forms() if (f["action"] or "").endswith("login.fcgi") and f["fields"].get("action") == "logout"]
        t.ok(forms and forms[0]["method"] == "post" and forms[0]["fields"].get("csrf"),
             "退出 is a POST form to login.fcgi with action=logout and csrf", r.forms())
    else:
        sid = None
    msg = site.sms_messages(A)
    t.ok(msg and all("\t" not in m["text"] for m in msg), "the SMS text is one clean line", msg)

    # The session cookie.
    c2 = Client(site.base)
    r = c2.get(REGISTER)
    csrf2 = r.csrf()
    seen = len(site.sms_messages(B))
    r = send_code(c2, REGISTER, B, csrf2)
    code_b = site.wait_code(B, seen)
    r = c2.post(REGISTER, {"action": "register", "mobile": B, "password": PASSWORD, "password2": PASSWORD,
                           "code": code_b or "000000", "csrf": csrf2})
    sidc = r.cookies().get("cd_sid")
    t.ok(sidc is not None, "registering sets cd_sid", r.summary())
    if sidc:
        t.ok("httponly" in sidc.attrs, "cd_sid is HttpOnly", sidc.raw)
        t.eq(sidc.attrs.get("samesite", "").lower(), "lax", "cd_sid is SameSite=Lax")
        t.eq(sidc.attrs.get("path"), "/", "cd_sid has Path=/")
        t.ok("domain" not in sidc.attrs, "cd_sid has no Domain", sidc.raw)
        t.ok("secure" not in sidc.attrs, "cd_sid is not Secure on an http:// site", sidc.raw)
        t.ok(len(sidc.value) >= 43, "the session token carries at least 256 bits", sidc.value)

    # The same mobile cannot register twice.
    d = Client(site.base)
    csrf_d = d.csrf(REGISTER)
    advance(MINUTE + 1000)
    seen = len(site.sms_messages(A))
    r = send_code(d, REGISTER, A, csrf_d)
    if DUPLICATE in r.text:
        t.ok(True, "send_code for a registered mobile is refused with %s" % DUPLICATE)
        t.ok(r.status >= 400, "with an error status", r.status)
        time.sleep(0.5)
        t.eq(len(site.sms_messages(A)), seen, "and no code is sent")
    else:
        code = site.wait_code(A, seen, timeout=5) or "000000"
        r = d.post(REGISTER, {"action": "register", "mobile": A, "password": PASSWORD, "password2": PASSWORD,
                              "code": code, "csrf": csrf_d})
        t.ok(DUPLICATE in r.text, "registering a registered mobile is refused with %s" % DUPLICATE, r.summary())
        t.ok(r.status >= 400, "with an error status", r.status)
    t.ok("cd_sid" not in d.jar, "the second visitor is not signed in")
    try:
        t.eq(site.sql("SELECT count(*) FROM users WHERE mobile = '%s'" % A), "1", "there is one account for the mobile")
    except Exception as e:  # noqa: BLE001 - the schema belongs to the library
        t.ok(False, "there is one account for the mobile", e)

    # Logout.
    if sid:
        r = c.post(LOGIN, {"action": "logout"})
        t.eq(r.status, 403, "logout without csrf answers 403")
        t.ok(signed_in_as(c, A), "and the session goes on")
        r = logout(t, c)
        t.eq(r.status, 303, "logout answers 303", r.summary())
        t.eq(r.location_path(), "/", "logout goes to /")
        t.ok("cd_sid" not in c.jar, "the session cookie is cleared")
        t.ok(not signed_in_as(c, A), "home no longer names the account")
        replay = Client(site.base)
        replay.jar["cd_sid"] = sid
        t.ok(not signed_in_as(replay, A), "the old session token stops working")

    # Login.
    r = login(t, c, A, PASSWORD, action=False)
    t.eq(r.status, 303, "login (no action) answers 303", r.summary())
    t.eq(r.location_path(), "/", "login goes to /")
    t.ok(c.jar.get("cd_sid") and c.jar.get("cd_sid") != sid, "login issues a new session token")
    t.ok(signed_in_as(c, A), "home names the signed-in account")
    r = logout(t, c)
    r = login(t, c, A, PASSWORD, action=True)
    t.eq(r.status, 303, "login with action=login answers 303")

    # Refusals look alike: wrong password, unknown mobile, locked account.
    e = Client(site.base)
    refused = login(t, e, A, "Wrong2024xx")
    t.ok(400 <= refused.status < 500 or refused.status == 200, "a wrong password is refused", refused.summary())
    unknown = login(t, e, "13600000000", "Wrong2024xx")
    t.eq(unknown.status, refused.status, "an unknown mobile gets the same status")
    t.eq(strip_volatile(unknown.text).replace("13600000000", A), strip_volatile(refused.text),
         "and the same page")
    for i in range(4):
        login(t, e, A, "Wrong%d2024x" % i)
    locked = login(t, e, A, PASSWORD)
    t.eq(locked.status, refused.status, "after 5 wrong passwords the right one gets the refusal status")
    t.eq(strip_volatile(locked.text), strip_volatile(refused.text), "and the identical page")
    t.ok("cd_sid" not in e.jar, "and no session")
    advance(16 * MINUTE)
    r = login(t, e, A, PASSWORD)
    t.eq(r.status, 303, "15 minutes later the account opens again", r.summary())

    # A code guessed wrong 5 times is void, even for the right code.
    f = Client(site.base)
    C = "13512345670"
    csrf_f = f.csrf(REGISTER)
    seen = len(site.sms_messages(C))
    send_code(f, REGISTER, C, csrf_f)
    code = site.wait_code(C, seen)
    t.ok(code, "a code is sent to a new mobile")
    wrong = "000000" if code != "000000" else "111111"
    form = {"action": "register", "mobile": C, "password": PASSWORD, "password2": PASSWORD, "csrf": csrf_f}
    statuses = [f.post(REGISTER, dict(form, code=wrong)).status for _ in range(5)]
    t.ok(all(s == 422 for s in statuses), "five wrong codes answer 422", statuses)
    r = f.post(REGISTER, dict(form, code=code or "123456"))
    t.eq(r.status, 422, "then the right code is refused too", r.summary())
    t.ok("cd_sid" not in f.jar, "and nobody is signed in")
    advance(MINUTE + 1000)
    seen = len(site.sms_messages(C))
    r = send_code(f, REGISTER, C, csrf_f)
    t.eq(r.status, 303, "a new code can be asked for after 60 s")
    code = site.wait_code(C, seen)
    r = f.post(REGISTER, dict(form, code=code or "123456"))
    t.eq(r.status, 303, "and the new code registers the account", r.summary())

    # Password reset by SMS code.
    g = Client(site.base)
    advance(MINUTE + 1000)
    r = g.get(LOGIN + "?page=reset")
    t.eq(r.status, 200, "the reset form answers 200")
    csrf_g = r.csrf()
    seen = len(site.sms_messages(A))
    r = send_code(g, LOGIN, A, csrf_g)
    t.eq(r.status, 303, "a reset code is sent", r.summary())
    code = site.wait_code(A, seen)
    t.ok(code, "the reset code reaches the gateway")
    r = g.post(LOGIN, {"action": "reset", "mobile": A, "code": code or "000000", "password": NEW_PASSWORD,
                       "password2": NEW_PASSWORD, "csrf": csrf_g})
    t.eq(r.status, 303, "reset answers 303", r.summary())
    t.ok(not signed_in_as(c, A), "a reset ends the account's sessions")
    h = Client(site.base)
    r = login(t, h, A, PASSWORD)
    t.ok(r.status != 303, "the old password no longer works", r.status)
    r = login(t, h, A, NEW_PASSWORD)
    t.eq(r.status, 303, "the new password signs in")
    t.ok(signed_in_as(h, A), "as the account")

    # The SMS gateway is down: the code waits in the outbox and is sent later.
    D = "13312345678"
    k = Client(site.base)
    csrf_k = k.csrf(REGISTER)
    site.sms_fail_next(1)
    r = send_code(k, REGISTER, D, csrf_k)
    t.eq(r.status, 303, "send_code answers 303 while the gateway refuses", r.summary())
    time.sleep(1.5)
    t.eq(site.sms_messages(D), [], "the refused message is not lost but waiting")
    advance(45 * 1000)
    out = site.admin("outbox")
    t.eq(out.returncode, 0, "certdesk-admin outbox runs", out.stderr.decode("utf-8", "replace"))
    code = site.wait_code(D, 0, timeout=10)
    t.ok(code, "after the back-off the outbox delivers the code", site.sms_messages(D))
    r = k.post(REGISTER, {"action": "register", "mobile": D, "password": PASSWORD, "password2": PASSWORD,
                          "code": code or "000000", "csrf": csrf_k})
    t.eq(r.status, 303, "and the delivered code registers the account", r.summary())


if __name__ == "__main__":
    taplib.run(main)
