# tests/http/journeys.py: steps the HTTP tests share (security headers, register by SMS code, login, logout), written against the applicant contract of SPEC §4.
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from httpclient import Client, raw_request, strip_volatile  # noqa: E402,F401

REGISTER = "/cgi-bin/register.fcgi"
LOGIN = "/cgi-bin/login.fcgi"
HOME = "/cgi-bin/home.fcgi"
DUPLICATE = "同一个手机号不可重复注册"
REDIRECTS = (301, 302, 303, 307, 308)


def masked(mobile):
    """139****5678."""
    return mobile[:3] + "****" + mobile[-4:]


def check_security_headers(t, r, what):
    """The headers SECURITY.md §12 asks of every page."""
    csp = r.header("Content-Security-Policy") or ""
    t.ok("default-src 'self'" in csp, "%s: Content-Security-Policy has default-src 'self'" % what, r.summary(300))
    t.ok("frame-ancestors 'none'" in csp, "%s: CSP forbids framing" % what, csp)
    t.ok("form-action 'self'" in csp, "%s: CSP limits form actions" % what, csp)
    t.ok("unsafe-inline" not in csp and "unsafe-eval" not in csp, "%s: CSP allows no inline script or style" % what, csp)
    t.eq(r.header("X-Content-Type-Options"), "nosniff", "%s: X-Content-Type-Options: nosniff" % what)
    t.eq(r.header("Referrer-Policy"), "same-origin", "%s: Referrer-Policy: same-origin" % what)
    t.eq((r.header("X-Frame-Options") or "").upper(), "DENY", "%s: X-Frame-Options: DENY" % what)
    t.ok("no-store" in (r.header("Cache-Control") or ""), "%s: Cache-Control: no-store" % what, r.header("Cache-Control"))
    ctype = (r.header("Content-Type") or "").lower().replace(" ", "")
    t.ok(ctype.startswith("text/html") and "charset=utf-8" in ctype, "%s: text/html; charset=utf-8" % what, ctype)


def send_code(c, path, mobile, csrf, extra=None):
    fields = {"action": "send_code", "mobile": mobile, "csrf": csrf}
    fields.update(extra or {})
    return c.post(path, fields)


def register(t, site, c, mobile, password, what="register"):
    """The whole registration through the site's SMS gateway: returns True when
    the account exists and c is signed in."""
    r = c.get(REGISTER)
    csrf = r.csrf()
    if not t.ok(r.status == 200 and csrf, "%s: the form answers 200 with a csrf field" % what, r.summary()):
        return False
    seen = len(site.sms_messages(mobile))
    r = send_code(c, REGISTER, mobile, csrf)
    t.eq(r.status, 303, "%s: send_code answers 303" % what, r.summary())
    t.eq(r.location_path(), REGISTER, "%s: back to the registration form" % what)
    code = site.wait_code(mobile, seen)
    if not t.ok(code, "%s: the SMS gateway received a six-digit code for %s" % (what, mobile),
                site.sms_messages(mobile)):
        return False
    r = c.post(REGISTER, {"action": "register", "mobile": mobile, "password": password, "password2": password,
                          "code": code, "csrf": csrf})
    t.eq(r.status, 303, "%s: register answers 303" % what, r.summary())
    t.eq(r.location_path(), "/", "%s: and goes to /" % what)
    return t.ok("cd_sid" in c.jar, "%s: a session cookie is set" % what)


def login(t, c, mobile, password, what="login", action=True):
    """Signs in; returns the response."""
    csrf = c.csrf(LOGIN)
    fields = {"mobile": mobile, "password": password, "csrf": csrf}
    if action:
        fields["action"] = "login"
    return c.post(LOGIN, fields)


def logout(t, c, what="logout"):
    """Signs out with the form the home page offers; returns the response."""
    page = c.get(HOME)
    csrf = page.csrf()
    return c.post(LOGIN, {"action": "logout", "csrf": csrf or ""})


def signed_in_as(c, mobile):
    """True when the home page names the account (in full or masked)."""
    r = c.get(HOME)
    return r.status == 200 and (mobile in r.text or masked(mobile) in r.text)


def big_body_status(site, path, size, csrf=""):
    """Sends a form body of size bytes with http.client semantics; returns the status."""
    c = Client(site.base, timeout=60)
    body = ("csrf=%s&action=send_code&mobile=" % csrf).encode() + b"1" * max(0, size - 40)
    r = c.request("POST", path, body=body)
    return r.status if not r.error else "%d with an error: %s" % (r.status, r.error)


def declared_too_large_status(site, path, declared, send=65536):
    """Announces a body of declared bytes, sends only the first send bytes and
    returns the status the server answers with (it must not wait for the rest)."""
    head = ("POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            "Content-Length: %d\r\nConnection: close\r\n\r\n" % (path, site.port, declared)).encode()
    status, headers, body = raw_request("127.0.0.1", site.port, head + b"a" * send, timeout=20)
    return status, body


def run_scenario(scenario, server, mode="fcgid", **site_args):
    """Runs scenario(t, site, what) through a real server ("lighttpd" or "apache", mode as
    tests/lib/servers.py's Site takes it, site_args such as alipay=True) as one TAP test
    file, tier 4."""
    import taplib
    from servers import Site

    def main(t):
        taplib.require_tier(4)
        site = Site(server=server, mode=mode, **site_args).start()
        try:
            scenario(t, site, server if mode == "fcgid" else "%s-%s" % (server, mode))
        finally:
            if t.failed:
                t.diag(site.log_tail())
            site.stop()
    taplib.run(main)
