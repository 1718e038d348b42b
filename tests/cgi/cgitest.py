# tests/cgi/cgitest.py: runs the programs as plain CGI (env + stdin) or under FastCGI (spawn-fcgi + cgi-fcgi), with TAP helpers.
import atexit
import base64
import ctypes
import hashlib
import hmac
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse

TOP_SRC = os.environ.get("top_srcdir", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
TOP_BUILD = os.environ.get("top_builddir", TOP_SRC)


class Tap:
    """Numbered TAP output; the plan is printed at the end."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, diag=None):
        self.n += 1
        if not cond:
            self.failed += 1
        print(("ok" if cond else "not ok") + " %d - %s" % (self.n, name), flush=True)
        if not cond and diag is not None:
            for line in str(diag).splitlines()[:40]:
                print("#   " + line, flush=True)
        return cond

    def eq(self, got, want, name):
        return self.ok(got == want, name, "got %r, want %r" % (got, want))

    def skip(self, name, reason):
        """A test point skipped for a reason."""
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, name, reason), flush=True)

    def done(self):
        print("1..%d" % self.n, flush=True)
        sys.exit(1 if self.failed else 0)


class Response:
    def __init__(self, raw):
        head, _, body = raw.partition(b"\r\n\r\n")
        self.headers = []
        self.status = 200
        for line in head.decode("utf-8", "replace").split("\r\n"):
            if ":" not in line:
                continue
            k, v = line.split(":", 1)
            v = v.strip()
            if k.lower() == "status":
                self.status = int(v.split()[0])
            self.headers.append((k.strip(), v))
        self.body = body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def cookies(self):
        out = {}
        for k, v in self.headers:
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                out[name] = (rest.split(";", 1)[0], v)
        return out

    def csrf(self):
        m = re.search(r'name="csrf" value="([0-9a-f]{64})"', self.text)
        return m.group(1) if m else None


def _die_with_parent():
    """In the child before exec: SIGTERM when the test process dies (prctl PR_SET_PDEATHSIG)."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)


_senders = []


@atexit.register
def _stop_senders():
    for site in list(_senders):
        site.stop_sender()


class Site:
    """A throwaway data directory and configuration, initialised by certdesk-admin, with
    `certdesk-admin sender` sending what the programs queue (sender=False: nothing is sent
    until the test runs `certdesk-admin outbox`)."""

    def __init__(self, extra="", sender=True):
        self.dir = tempfile.mkdtemp(prefix="certdesk-cgi-")
        self.data = os.path.join(self.dir, "data")
        self.config = os.path.join(self.dir, "certdesk.hdf")
        with open(self.config, "w") as f:
            f.write("Site.BaseURL = http://127.0.0.1:8080\n"
                    "Data.Dir = %s\nTemplates.Dir = %s/templates\n"
                    "Crypto.PasswordCost = 10\nSMS.Driver = file\n%s" % (self.data, TOP_SRC, extra))
        self.admin("init")
        self.sender = None
        if sender:
            self.sender = subprocess.Popen(
                [os.path.join(TOP_BUILD, "tools", "certdesk-admin"), "--config", self.config, "sender"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=open(os.path.join(self.dir, "sender.log"), "ab"), preexec_fn=_die_with_parent)
            _senders.append(self)

    def stop_sender(self):
        """Stops the sender (SIGTERM; it finishes the message in hand)."""
        if self.sender is None:
            return
        self.sender.terminate()
        try:
            self.sender.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.sender.kill()
            self.sender.wait()
        self.sender = None
        _senders.remove(self)

    def admin(self, *args, stdin=""):
        return subprocess.run([os.path.join(TOP_BUILD, "tools", "certdesk-admin"), "--config", self.config] + list(args),
                              input=stdin.encode(), capture_output=True, timeout=60)

    def sms(self):
        path = os.path.join(self.data, "sms.log")
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8") as f:
            return [line.rstrip("\n").split("\t") for line in f]

    def last_code(self, mobile, seen=0, deadline=10.0):
        """The code of the newest SMS to mobile once more than `seen` messages went to it
        (the sender sends after the response, so a new message may still be on its way)."""
        end = time.time() + deadline
        while time.time() < end:
            mine = [text for stamp, m, text in self.sms() if m == mobile]
            if len(mine) > seen:
                found = re.search(r"(\d{6})", mine[-1])
                return found.group(1) if found else None
            time.sleep(0.05)
        return None

    def sms_count(self, mobile):
        return len([1 for stamp, m, text in self.sms() if m == mobile])

    def move_clock(self, ms):
        with open(os.path.join(self.data, "test-clock"), "w") as f:
            f.write(str(ms))

    def sql(self, query):
        out = subprocess.run(["sqlite3", os.path.join(self.data, "certdesk.db"), query], capture_output=True, timeout=30)
        return out.stdout.decode().strip()

    def cleanup(self):
        self.stop_sender()
        shutil.rmtree(self.dir, ignore_errors=True)


class Runner:
    """Sends requests to one program, as plain CGI or through a FastCGI process kept across requests."""

    def __init__(self, site, program, mode):
        self.site, self.program, self.mode = site, program, mode
        self.binary = os.path.join(TOP_BUILD, "cgi-bin", program + ".fcgi")
        self.proc = None
        self.socket = None
        # CERTDESK_TEST_WRAPPER (e.g. valgrind with its options) runs in front of every program.
        self.wrapper = os.environ.get("CERTDESK_TEST_WRAPPER", "").split()
        if mode == "fcgi":
            self.socket = os.path.join(site.dir, program + ".sock")
            env = dict(os.environ, CERTDESK_CONFIG=site.config)
            self.proc = subprocess.Popen([os.environ.get("SPAWN_FCGI") or "spawn-fcgi", "-n", "-s", self.socket, "--"] + self.wrapper + [self.binary],
                                         env=env, stderr=open(os.path.join(site.dir, program + ".log"), "ab"))
            # spawn-fcgi binds (the path appears) before it listens: wait until a connection
            # is accepted into the backlog, or the first request may be refused.
            for _ in range(1500):
                if os.path.exists(self.socket) and self._listening():
                    break
                time.sleep(0.02)

    def _listening(self):
        """True when the FastCGI socket listens (its /proc/net/unix entry has __SO_ACCEPTCON):
        probing with a connection would hand the program an empty request."""
        try:
            with open("/proc/net/unix") as f:
                for line in f:
                    parts = line.split()
                    if len(parts) >= 8 and parts[7] == self.socket and int(parts[3], 16) & 0x10000:
                        return True
        except (OSError, ValueError):
            return True
        return False

    def pid(self):
        return self.proc.pid if self.proc else None

    def request(self, method="GET", query="", body=b"", cookies=None, ctype="application/x-www-form-urlencoded",
                path_info="", extra_env=None, length=None):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "GATEWAY_INTERFACE": "CGI/1.1",
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": "/cgi-bin/%s.fcgi" % self.program,
            "PATH_INFO": path_info,
            "QUERY_STRING": query,
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8080",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1:8080",
            "HTTP_USER_AGENT": "certdesk-cgi-test",
            "CERTDESK_CONFIG": self.site.config,
        }
        if not path_info:
            del env["PATH_INFO"]
        if isinstance(body, str):
            body = body.encode()
        if method == "POST" or body:
            env["CONTENT_TYPE"] = ctype
            env["CONTENT_LENGTH"] = str(len(body) if length is None else length)
        if cookies:
            env["HTTP_COOKIE"] = "; ".join("%s=%s" % kv for kv in cookies.items())
        if extra_env:
            env.update(extra_env)
        if self.mode == "cgi":
            cmd = self.wrapper + [self.binary]
        else:
            cmd = [os.environ.get("CGI_FCGI") or "cgi-fcgi", "-bind", "-connect", self.socket]
        out = subprocess.run(cmd, input=body, env=env, capture_output=True, timeout=300)
        if os.environ.get("CERTDESK_TEST_STDERR"):
            sys.stderr.write(out.stderr.decode("utf-8", "replace"))
        return Response(out.stdout)

    def close(self):
        if self.proc:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def shanghai_day(days=0):
    """YYYY-MM-DD now in Asia/Shanghai (UTC+8), plus days."""
    return time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600 + days * 86400))


def totp(secret):
    """The RFC 6238 code (SHA-1, 6 digits, 30 s) of a base32 secret now."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(time.time() // 30)), hashlib.sha1).digest()
    off = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[off:off + 4])[0] & 0x7fffffff) % 1000000)


def strip_token(text):
    """The page without its per-visitor csrf value."""
    return re.sub(r'name="csrf" value="[0-9a-f]{64}"', "", text)


def serve(t, site, programs, mode, body, label=None):
    """Starts a Runner of each program in mode on site, calls body(runners, pids) (pids: the
    FastCGI process of each program, which body updates when it restarts one), then, under
    FastCGI, adds a point per program that one process served every request; always closes
    the runners and removes the site. label prefixes those points (default: mode)."""
    runners = {p: Runner(site, p, mode) for p in programs}
    pids = {p: r.pid() for p, r in runners.items()}
    try:
        body(runners, pids)
        if mode == "fcgi":
            for p, r in runners.items():
                t.ok(r.proc.poll() is None and r.pid() == pids[p],
                     "%s%s: one FastCGI process served every request" % ("%s: " % (label or mode) if label != "" else "", p))
    finally:
        for r in runners.values():
            r.close()
        site.cleanup()


def main_modes(run):
    """The main of a tier-3 test: run(t, mode) for every mode named on the command line (cgi,
    fcgi), both by default, then the plan."""
    t = Tap()
    for mode in sys.argv[1:] or ("cgi", "fcgi"):
        run(t, mode)
    t.done()


class Browser:
    """Keeps cookies across requests to several programs, like a browser would."""

    def __init__(self, runners):
        self.runners = runners
        self.jar = {}

    def go(self, program, method="GET", query="", fields=None, **kw):
        body = b""
        if fields is not None:
            body = urllib.parse.urlencode(fields).encode()
        resp = self.runners[program].request(method, query, body, cookies=dict(self.jar), **kw)
        for name, (value, raw) in resp.cookies().items():
            if "Max-Age=0" in raw:
                self.jar.pop(name, None)
            else:
                self.jar[name] = value
        return resp

    def csrf(self, program="home", query=""):
        return self.go(program, "GET", query).csrf()
