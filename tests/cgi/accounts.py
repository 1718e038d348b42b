# tests/cgi/accounts.py: every route of register, login and home, run as plain CGI or under FastCGI (see the t_*.py wrappers).
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cgitest import Browser, Site, Tap, serve  # noqa: E402

PROGRAMS = ("register", "login", "home")
MOBILE = "13912345678"
PASSWORD = "Secret2024ab"


def run(mode):
    t = Tap()
    site = Site()
    serve(t, site, PROGRAMS, mode, lambda runners, pids: scenario(t, site, runners, mode), label="")
    t.done()


def scenario(t, site, runners, mode):
    b = Browser(runners)
    # The lifecycle: methods, actions, sizes, CSRF.
    r = b.go("register")
    t.eq(r.status, 200, "register form answers 200")
    t.ok(r.csrf(), "register form carries a csrf field")
    t.ok("cd_pre" in b.jar, "a visitor gets the cd_pre cookie")
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Cache-Control"):
        t.ok(r.header(name), "header %s is sent" % name)
    t.ok("HttpOnly" in r.cookies()["cd_pre"][1] and "SameSite=Lax" in r.cookies()["cd_pre"][1], "cookie is HttpOnly; SameSite=Lax")
    t.eq(runners["register"].request("PUT").status, 405, "PUT answers 405")
    t.eq(runners["register"].request("HEAD").status, 405, "HEAD answers 405")
    t.eq(b.go("register", "POST", fields={"action": "bogus", "csrf": r.csrf()}).status, 404, "unknown action answers 404")
    t.eq(b.go("home", "GET", "page=bogus").status, 404, "unknown page answers 404")
    t.eq(runners["home"].request("GET", path_info="/nowhere").status, 404, "unknown PATH_INFO answers 404")
    big = runners["register"].request("POST", "", b"x" * 10, length=10 * 1024 * 1024)
    t.eq(big.status, 413, "a body over the limit answers 413 before parsing")
    csrf = b.go("register").csrf()
    r = b.go("register", "POST", fields={"action": "send_code", "mobile": MOBILE})
    t.eq(r.status, 403, "send_code without csrf answers 403")
    r = b.go("register", "POST", fields={"action": "send_code", "mobile": MOBILE, "csrf": "0" * 64})
    t.eq(r.status, 403, "send_code with a forged csrf answers 403")
    t.eq(site.sms(), [], "nothing was sent for the refused requests")
    r = b.go("register", "POST", fields={"action": "send_code", "mobile": "1391234567", "csrf": csrf})
    t.eq(r.status, 422, "a 10-digit mobile answers 422")
    t.ok("请输入11位手机号码" in r.text or "手机号" in r.text, "with a message beside the field", r.text[-2000:])
    t.ok('value="1391234567"' in r.text, "the entered value is kept")
    dup = "mobile=%s&mobile=%s&action=send_code&csrf=%s" % (MOBILE, MOBILE, csrf)
    r = runners["register"].request("POST", "", dup, cookies=dict(b.jar))
    t.eq(r.status, 422, "a field given twice is invalid")

    # Registration.
    n = site.sms_count(MOBILE)
    r = b.go("register", "POST", fields={"action": "send_code", "mobile": MOBILE, "csrf": csrf})
    t.eq(r.status, 303, "send_code answers 303")
    t.ok(r.header("Location", ).startswith("http://127.0.0.1:8080/cgi-bin/register.fcgi"), "back to the form")
    code = site.last_code(MOBILE, n)
    t.ok(code and len(code) == 6, "the SMS file driver received a six-digit code")
    r = b.go("register")
    t.ok('value="%s"' % MOBILE in r.text, "the form keeps the mobile after sending")
    r = b.go("register", "POST", fields={"action": "send_code", "mobile": MOBILE, "csrf": csrf})
    t.eq(r.status, 429, "a second code within 60 s is refused")
    wrong = "000000" if code != "000000" else "111111"
    form = {"action": "register", "mobile": MOBILE, "password": PASSWORD, "password2": PASSWORD, "csrf": csrf}
    r = b.go("register", "POST", fields=dict(form, password2="Other2024ab", code=code))
    t.eq(r.status, 422, "different passwords answer 422")
    t.ok("两次输入的密码不一致" in r.text, "with the mismatch message")
    t.ok(PASSWORD not in r.text, "passwords are never echoed back")
    r = b.go("register", "POST", fields=dict(form, password="short1", password2="short1", code=code))
    t.eq(r.status, 422, "a weak password answers 422")
    r = b.go("register", "POST", fields=dict(form, code=wrong))
    t.eq(r.status, 422, "a wrong code answers 422")
    t.ok("验证码错误" in r.text, "with the code message")
    t.eq(site.sql("SELECT count(*) FROM users"), "0", "nothing stored for refused registrations")
    r = b.go("register", "POST", fields=dict(form, code=code, next="/cgi-bin/home.fcgi?page=center"))
    t.eq(r.status, 303, "register answers 303")
    t.eq(r.header("Location"), "http://127.0.0.1:8080/cgi-bin/home.fcgi?page=center", "and goes to next")
    t.ok("cd_sid" in b.jar, "a session cookie is set")
    t.eq(site.sql("SELECT count(*) FROM users WHERE mobile = '%s'" % MOBILE), "1", "the account exists")
    t.ok(site.sql("SELECT pw_hash FROM users").startswith("$scrypt$ln=10,r=8,p=1$"), "the password is stored as scrypt")
    t.eq(site.sql("SELECT count(*) FROM sessions WHERE token_hash = '%s'" % b.jar["cd_sid"]), "0", "the raw token is not stored")
    r = b.go("home", "GET", "page=center")
    t.eq(r.status, 200, "个人中心 answers 200 when signed in")
    t.ok("139****5678" in r.text, "it names the account by its masked mobile")
    t.ok("certdesk-cgi-test" in r.text, "and lists this session")
    r = b.go("register")
    t.eq(r.status, 303, "a signed-in applicant is sent away from registration")

    # A second visitor cannot register the same mobile.
    other = Browser(runners)
    c2 = other.go("register").csrf()
    r = other.go("register", "POST", fields={"action": "send_code", "mobile": MOBILE, "csrf": c2})
    t.eq(r.status, 422, "send_code for a registered mobile answers 422")
    t.ok("同一个手机号不可重复注册" in r.text, "with 同一个手机号不可重复注册")

    # Logout and login.
    csrf = b.go("home").csrf()
    r = b.go("login", "POST", fields={"action": "logout", "csrf": csrf})
    t.eq(r.status, 303, "logout answers 303")
    t.eq(r.header("Location"), "http://127.0.0.1:8080/", "logout goes to /")
    t.ok("cd_sid" not in b.jar, "the session cookie is cleared")
    r = b.go("home", "GET", "page=center")
    t.eq(r.status, 303, "个人中心 sends a visitor to sign in")
    t.ok("login.fcgi?next=" in (r.header("Location") or ""), "with next")
    csrf = b.go("login").csrf()
    login = {"mobile": MOBILE, "password": PASSWORD, "csrf": csrf}
    refused = b.go("login", "POST", fields=dict(login, password="Wrong2024ab"))
    unknown = b.go("login", "POST", fields=dict(login, mobile="13800000000"))
    t.eq(refused.status, 422, "a wrong password answers 422")
    t.eq(unknown.status, refused.status, "an unknown mobile answers the same status")
    t.eq(strip_token(unknown.text).replace("13800000000", MOBILE), strip_token(refused.text), "and the same page")
    r = b.go("login", "POST", fields=dict(login, next="https://evil.example/"))
    t.eq(r.status, 422, "a next outside /cgi-bin/ is refused")
    r = b.go("login", "POST", fields=dict(login, action="login"))
    t.eq(r.status, 303, "login answers 303")
    t.eq(r.header("Location"), "http://127.0.0.1:8080/", "login goes to /")
    first = b.jar["cd_sid"]

    # Password change rotates the session and ends the others.
    second = Browser(runners)
    c = second.go("login").csrf()
    second.go("login", "POST", fields={"mobile": MOBILE, "password": PASSWORD, "csrf": c})
    t.ok("cd_sid" in second.jar, "a second device signs in")
    t.eq(b.go("login", "GET", "page=passwd").status, 200, "the password change form answers 200")
    csrf = b.go("home").csrf()
    r = b.go("login", "POST", fields={"action": "passwd", "old_password": "Nope2024ab", "password": "Newpass2024", "password2": "Newpass2024", "csrf": csrf})
    t.eq(r.status, 422, "a wrong old password answers 422")
    r = b.go("login", "POST", fields={"action": "passwd", "old_password": PASSWORD, "password": "Newpass2024", "password2": "Newpass2024", "csrf": csrf})
    t.eq(r.status, 303, "passwd answers 303")
    t.ok(b.jar["cd_sid"] != first, "the session token is rotated")
    t.eq(runners["home"].request("GET", "page=center", cookies={"cd_sid": first}).status, 303, "the old token stops working")
    t.eq(second.go("home", "GET", "page=center").status, 303, "the other device is signed out")

    # End a session from the list.
    third = Browser(runners)
    c = third.go("login").csrf()
    third.go("login", "POST", fields={"mobile": MOBILE, "password": "Newpass2024", "csrf": c})
    row = site.sql("SELECT id FROM sessions ORDER BY id DESC LIMIT 1")
    csrf = b.go("home").csrf()
    r = b.go("home", "POST", fields={"action": "end_session", "session": row, "csrf": csrf})
    t.eq(r.status, 303, "end_session answers 303")
    t.eq(third.go("home", "GET", "page=center").status, 303, "the ended session no longer works")
    r = b.go("home", "POST", fields={"action": "end_session", "session": "999999", "csrf": csrf})
    t.eq(r.status, 404, "ending a session that is not the account's answers 404")

    # Lockout: five failures lock the account; the sixth try with the right password is refused alike.
    lock = Browser(runners)
    c = lock.go("login").csrf()
    for i in range(5):
        lock.go("login", "POST", fields={"mobile": MOBILE, "password": "Wrong%d2024" % i, "csrf": c})
    r = lock.go("login", "POST", fields={"mobile": MOBILE, "password": "Newpass2024", "csrf": c})
    t.eq(r.status, refused.status, "after five failures the right password gets the refusal status")
    t.eq(strip_token(r.text), strip_token(refused.text), "and the identical page")
    t.ok("cd_sid" not in lock.jar, "and no session")
    t.ok(int(site.sql("SELECT count(*) FROM audit WHERE action = 'login' AND outcome = 'locked'")) >= 1, "the lockout is audited")
    site.move_clock(16 * 60 * 1000)
    r = lock.go("login", "POST", fields={"mobile": MOBILE, "password": "Newpass2024", "csrf": c})
    t.eq(r.status, 303, "after 15 minutes the account opens again")
    site.move_clock(0)

    # Reset by SMS code; a code guessed wrong five times is void.
    site.move_clock(61 * 1000)
    reset = Browser(runners)
    t.eq(reset.go("login", "GET", "page=reset").status, 200, "the reset form answers 200")
    c = reset.go("login", "GET", "page=reset").csrf()
    r = reset.go("login", "POST", fields={"action": "send_code", "mobile": "13800000001", "csrf": c})
    t.eq(r.status, 422, "a reset code for an unknown mobile is refused")
    n = site.sms_count(MOBILE)
    r = reset.go("login", "POST", fields={"action": "send_code", "mobile": MOBILE, "csrf": c})
    t.eq(r.status, 303, "a reset code is sent")
    code = site.last_code(MOBILE, n)
    bad = "000000" if code != "000000" else "111111"
    form = {"action": "reset", "mobile": MOBILE, "password": "Reset2024ab", "password2": "Reset2024ab", "csrf": c}
    for i in range(5):
        reset.go("login", "POST", fields=dict(form, code=bad))
    r = reset.go("login", "POST", fields=dict(form, code=code))
    t.eq(r.status, 422, "after five wrong tries the right code is refused")
    site.move_clock(2 * 61 * 1000)
    n = site.sms_count(MOBILE)
    r = reset.go("login", "POST", fields={"action": "send_code", "mobile": MOBILE, "csrf": c})
    t.eq(r.status, 303, "a new code can be asked for after 60 s")
    code = site.last_code(MOBILE, n)
    site.move_clock(2 * 61 * 1000 + 5 * 60 * 1000 + 1000)
    r = reset.go("login", "POST", fields=dict(form, code=code))
    t.eq(r.status, 422, "a code older than 5 minutes is refused")
    site.move_clock(3 * 61 * 1000 + 5 * 60 * 1000 + 2000)
    n = site.sms_count(MOBILE)
    reset.go("login", "POST", fields={"action": "send_code", "mobile": MOBILE, "csrf": c})
    code = site.last_code(MOBILE, n)
    r = reset.go("login", "POST", fields=dict(form, code=code))
    t.eq(r.status, 303, "reset answers 303")
    t.ok("done=reset" in (r.header("Location") or ""), "and goes to the sign-in form")
    t.eq(b.go("home", "GET", "page=center").status, 303, "a reset ends the account's sessions")
    r = reset.go("login", "POST", fields=dict(form, code=code))
    t.eq(r.status, 422, "a code is used once")

    # Home, privacy, cancellation.
    r = b.go("home")
    t.eq(r.status, 200, "the home page answers 200")
    for word in ("证书新办", "证书续费", "业务单查询"):
        t.ok(word in r.text, "the home page offers %s" % word)
    t.eq(b.go("home", "GET", "page=privacy").status, 200, "the privacy policy is readable signed out")
    c = b.go("login").csrf()
    b.go("login", "POST", fields={"mobile": MOBILE, "password": "Reset2024ab", "csrf": c})
    t.eq(b.go("home", "GET", "page=cancel").status, 200, "the cancellation page answers 200")
    csrf = b.go("home").csrf()
    r = b.go("home", "POST", fields={"action": "cancel_account", "password": "Wrong2024ab", "csrf": csrf})
    t.eq(r.status, 422, "cancellation with a wrong password answers 422")
    r = b.go("home", "POST", fields={"action": "cancel_account", "password": "Reset2024ab", "csrf": csrf})
    t.eq(r.status, 303, "cancel_account answers 303")
    t.eq(site.sql("SELECT count(*) FROM users WHERE mobile = '%s'" % MOBILE), "0", "the mobile is released")
    t.eq(b.go("home", "GET", "page=center").status, 303, "the cancelled account is signed out")


def strip_token(text):
    """The page without its per-visitor csrf value."""
    import re
    return re.sub(r'name="csrf" value="[0-9a-f]{64}"', "", text)
