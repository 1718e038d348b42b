# tests/http/t_apache_accounts.py: a smoke journey through a real Apache + mod_fcgid, and what differs there (413, PATH_INFO, the .htaccess modes: plain CGI and mod_fcgid).
import os
import sys

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)
import taplib  # noqa: E402
from httpclient import Client  # noqa: E402
from journeys import (HOME, REDIRECTS, REGISTER, big_body_status, check_security_headers,  # noqa: E402
                      declared_too_large_status, login, logout, register, signed_in_as)
from servers import Site  # noqa: E402

PASSWORD = "Secret2024ab"
APACHE_404 = "The requested URL was not found on this server"


def main(t):
    taplib.require_tier(4)
    # fcgid: the production vhost's way; htaccess: shared hosting without
    # mod_fcgid (plain CGI); htaccess-fcgid: shared hosting with mod_fcgid,
    # where CERTDESK_CONFIG comes from the .htaccess SetEnv, i.e. as a FastCGI
    # request parameter only (FcgidInitialEnv is not allowed in .htaccess).
    for mode, mobile in (("fcgid", "13912345601"), ("htaccess", "13912345602"), ("htaccess-fcgid", "13912345603")):
        site = Site(server="apache", mode=mode).start()
        try:
            journey(t, site, mode, mobile)
        finally:
            if t.failed:
                t.diag(site.log_tail())
            site.stop()


def journey(t, site, mode, mobile):
    what = "apache %s" % {"fcgid": "+ mod_fcgid", "htaccess": "plain CGI + .htaccess",
                          "htaccess-fcgid": "mod_fcgid + .htaccess"}[mode]
    c = Client(site.base)
    r = c.get("/")
    t.is_in(r.status, REDIRECTS, "%s: / redirects" % what)
    t.eq(r.location_path(), HOME, "%s: / redirects to home.fcgi" % what)
    r = c.get(HOME)
    t.eq(r.status, 200, "%s: home.fcgi answers 200" % what, r.summary())
    check_security_headers(t, r, "%s: home" % what)

    # PATH_INFO reaches the program: its own 404, not Apache's.
    r = c.get(HOME + "/nonexistent")
    t.eq(r.status, 404, "%s: home.fcgi/nonexistent answers 404" % what)
    t.ok(APACHE_404 not in r.text and r.header("Content-Security-Policy"),
         "%s: the 404 comes from the program (PATH_INFO passed through)" % what, r.summary(500))

    # Only the programs are reachable in the cgi directory.
    probe = "/cgi-bin/.htaccess" if mode.startswith("htaccess") else "/cgi-bin/local.mk"
    t.is_in(c.get(probe).status, (403, 404), "%s: %s is not served" % (what, probe))
    t.is_in(c.get("/cgi-bin/").status, (403, 404), "%s: no listing of /cgi-bin/" % what)

    # Bodies: Apache's own 413 for a declared length over the limit, the program's below it.
    status, body = declared_too_large_status(site, REGISTER, 13 * 1024 * 1024)
    t.eq(status, 413, "%s: a 13 MiB body gets Apache's 413" % what, body[:300])
    csrf = c.csrf(REGISTER)
    t.eq(big_body_status(site, REGISTER, 2 * 1024 * 1024, csrf or ""), 413,
         "%s: a 2 MiB form body gets the program's 413" % what)
    r = c.request("PUT", REGISTER, body="x=1")
    t.eq(r.status, 405, "%s: PUT answers 405" % what)
    t.ok(r.error is None, "%s: the 405 answer arrives whole (a CGI program must read its body first)" % what, r.error)
    t.eq(c.post(REGISTER, {"action": "send_code", "mobile": mobile}).status, 403,
         "%s: a POST without csrf answers 403" % what)

    # The smoke journey: register, logout, login.
    if register(t, site, c, mobile, PASSWORD, what + ": register"):
        t.ok(signed_in_as(c, mobile), "%s: home names the new account" % what)
        r = logout(t, c)
        t.eq(r.status, 303, "%s: logout answers 303" % what, r.summary())
        t.eq(r.location_path(), "/", "%s: logout goes to /" % what)
        t.ok(not signed_in_as(c, mobile), "%s: signed out" % what)
        r = login(t, c, mobile, PASSWORD)
        t.eq(r.status, 303, "%s: login answers 303" % what, r.summary())
        t.ok(signed_in_as(c, mobile), "%s: signed in again" % what)


if __name__ == "__main__":
    taplib.run(main)
