# tests/lib/servers.py: starts a throwaway certdesk site for the HTTP tests: data dir, config, SMS, Alipay and SMTP fakes, and a real lighttpd or Apache on a free loopback port.
"""A throwaway site behind a real web server.

    site = Site(server="lighttpd").start()      # or Site(server="apache", mode="fcgid"|"cgi"|"htaccess")
    c = Client(site.base)
    ...
    site.stop()                                 # also run at exit and on SIGTERM/SIGINT/SIGHUP

The web-server configs come from scripts/lib-webconf.sh (the same templates
scripts/serve uses). The programs are $top_builddir/cgi-bin/*.fcgi, the
templates and static files those of $top_srcdir. The config uses the http SMS
driver pointed at tests/fakes/sms_gateway.py and Crypto.PasswordCost = 10;
with alipay=True also tests/fakes/alipay_gateway.py as Alipay.Gateway (the
throwaway keys of tests/unit/alipay-keys) and a corporate account (Bank.*); with
mail=True tests/fakes/smtp_server.py (STARTTLS under its own CA, AUTH) as Mail.SMTP.
With faults=True the site reaches each gateway fake through a
tests/lib/faultproxy.py proxy (site.fault("sms"|"mail"|"alipay", mode)).
With the server runs `certdesk-admin sender` (the programs only queue SMS and
e-mail; sender=False leaves them queued, for `certdesk-admin outbox` to send).
Started as root, the servers run the programs as www-data (CERTDESK_RUN_USER),
which then owns Data.Dir; what the tests do to the data (sqlite3, the test
clock) runs as that account too. A watchdog process stops the server and the
fake if the test process dies without cleaning up; every wait is bounded.
Raises taplib.SkipAll when the server binary is not installed.
"""
import atexit
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import http.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import SkipAll  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TOP_SRC = os.path.abspath(os.environ.get("top_srcdir") or os.path.join(HERE, "..", ".."))
TOP_BUILD = os.path.abspath(os.environ.get("top_builddir") or TOP_SRC)
SBIN_PATH = os.environ.get("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin:/usr/local/sbin"
PASSENV = ["ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "MSAN_OPTIONS", "CERTDESK_TEST_SITE"]

_live_sites = []

# The Alipay gateway fake's merchant (tests/fakes/alipay_gateway.py's defaults).
ALIPAY_APP_ID = "2021000000000001"
ALIPAY_SELLER_ID = "2088000000000001"
# The SMTP server fake's account (tests/fakes/smtp_server.py --user/--password) and our sender.
MAIL_USER, MAIL_PASSWORD, MAIL_FROM = "certdesk", "Mail2024secret", "fapiao@certdesk.test"


class SiteError(Exception):
    """The site could not be started."""


def find_binary(name, env_var):
    """The server binary: $env_var (set by make check from configure), else PATH with the sbin dirs."""
    path = os.environ.get(env_var)
    if path and os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    return shutil.which(name, path=SBIN_PATH)


def free_port():
    """A loopback TCP port that was free a moment ago."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
    finally:
        s.close()


def run_user(preferred=None):
    """(name, uid, gid) of the account the programs run as when we are root, else None."""
    if os.geteuid() != 0:
        return None
    for name in (preferred, os.environ.get("CERTDESK_RUN_USER"), "www-data", "nobody"):
        if not name:
            continue
        try:
            pw = pwd.getpwnam(name)
        except KeyError:
            continue
        return (pw.pw_name, pw.pw_uid, pw.pw_gid)
    raise SiteError("running as root but no unprivileged account (www-data, nobody) to run the programs as")


def chown_tree(path, uid, gid):
    """chown -R without following symbolic links."""
    for root, dirs, files in os.walk(path):
        os.lchown(root, uid, gid)
        for name in dirs + files:
            os.lchown(os.path.join(root, name), uid, gid)


def _sweep(markers, skip_pids=()):
    """Kills (SIGKILL) the processes whose environment holds one of markers
    (b"NAME=value"): the programs a server of ours spawned. Returns their pids."""
    killed = []
    me = os.getpid()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        pid = int(entry)
        if pid == me or pid in skip_pids:
            continue
        try:
            with open("/proc/%d/environ" % pid, "rb") as f:
                env = f.read().split(b"\0")
        except OSError:
            continue
        if any(m in env for m in markers):
            try:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            except OSError:
                pass
    return killed


# Run by `python3 -c` in its own session: stops the server (and its programs)
# when the test process is gone, or after the lifetime at the latest.
WATCHDOG = r"""
import os, shutil, signal, sys, time
test_pid, pgid, lifetime, marker = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4].encode()
site_dir = sys.argv[5]
def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
def group_alive():
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
end = time.monotonic() + lifetime
while group_alive() and alive(test_pid) and time.monotonic() < end:
    time.sleep(0.5)
if group_alive():
    try:
        os.killpg(pgid, signal.SIGTERM)
    except OSError:
        pass
    for _ in range(20):
        if not group_alive():
            break
        time.sleep(0.25)
    try:
        os.killpg(pgid, signal.SIGKILL)
    except OSError:
        pass
for entry in os.listdir("/proc"):
    if entry.isdigit() and int(entry) != os.getpid():
        try:
            with open("/proc/%s/environ" % entry, "rb") as f:
                if marker in f.read().split(b"\0"):
                    os.kill(int(entry), signal.SIGKILL)
        except OSError:
            pass
# The test process died without cleaning up: remove its site directory too.
if not alive(test_pid) and os.environ.get("CERTDESK_KEEP_TMP") != "1" and os.path.basename(site_dir).startswith("cd-"):
    time.sleep(0.5)
    if os.path.ismount(os.path.join(site_dir, "data")):
        os.system("umount -l '%s/data'" % site_dir)
    shutil.rmtree(site_dir, ignore_errors=True)
"""


class Site:
    """A throwaway certdesk site behind lighttpd or Apache (see the module doc)."""

    def __init__(self, server="lighttpd", mode="fcgid", sms_driver="http", extra_config="", label=None,
                 lifetime=None, alipay=False, mail=False, sender=True, faults=False, data_size=None):
        if server not in ("lighttpd", "apache"):
            raise ValueError("server: lighttpd or apache")
        if mode not in ("fcgid", "cgi", "htaccess", "htaccess-fcgid"):
            raise ValueError("mode: fcgid, cgi, htaccess or htaccess-fcgid")
        self.server, self.mode, self.sms_driver = server, mode, sms_driver
        self.extra_config = extra_config
        self.label = label or "%s-%s" % (server, mode)
        self.lifetime = float(lifetime or os.environ.get("CERTDESK_TEST_TIMEOUT", "900")) + 60
        # Apache refuses to run its children as root: as root they run as
        # www-data, which then owns Data.Dir. lighttpd runs its programs as
        # the invoking user (no server.username), so sanitizer logs and the
        # like stay writable; CERTDESK_LIGHTTPD_USER=www-data drops it too.
        if server == "apache" or os.environ.get("CERTDESK_LIGHTTPD_USER"):
            self.user = run_user(os.environ.get("CERTDESK_LIGHTTPD_USER") if server == "lighttpd" else None)
        else:
            self.user = None
        self.dir = None
        self.proc = None
        self.watchdog = None
        self.sms_proc = None
        self.sms_port = None
        self.alipay = alipay
        self.alipay_proc = None
        self.alipay_port = None
        self.mail = mail
        self.mail_proc = None
        self.mail_port = None
        self.mail_control = None
        self.sender = sender
        self.sender_proc = None
        self.faults = faults
        self.proxies = {}
        self.data_size = data_size
        self.mounted = False
        self.port = None
        self.base = None
        self.config = None
        self.data = None
        self.logdir = None
        self.started = False

    # ---- set-up -----------------------------------------------------------

    def start(self):
        """Starts the fake, initialises the data and starts the server; returns self.
        Skips (SkipAll) when the server is not installed, or not among
        CERTDESK_HTTP_SERVERS (e.g. "lighttpd", as the sanitizer stage sets it)."""
        wanted = os.environ.get("CERTDESK_HTTP_SERVERS")
        if wanted and self.server not in wanted.replace(",", " ").split():
            raise SkipAll("%s not in CERTDESK_HTTP_SERVERS=%s" % (self.server, wanted))
        binary = find_binary("lighttpd", "LIGHTTPD") if self.server == "lighttpd" else \
            (find_binary("apache2", "APACHE2") or find_binary("httpd", "APACHE2"))
        if not binary:
            raise SkipAll("%s is not installed (scripts/install-deps installs it)" % self.server)
        self.binary = binary
        programs = self._programs()
        admin = os.path.join(TOP_BUILD, "tools", "certdesk-admin")
        if not os.access(admin, os.X_OK):
            raise SiteError("%s is not built" % admin)
        _live_sites.append(self)
        base_tmp = os.environ.get("TMPDIR", "/tmp")
        if len(base_tmp) > 40 or not os.path.isdir(base_tmp):
            base_tmp = "/tmp"
        self.dir = tempfile.mkdtemp(prefix="cd-%s-" % self.server, dir=base_tmp)
        os.chmod(self.dir, 0o755)
        self.marker = "CERTDESK_TEST_SITE=%s" % self.dir
        self.data = os.path.join(self.dir, "data")
        self.config = os.path.join(self.dir, "certdesk.hdf")
        self.logdir = os.path.join(self.dir, "log")
        os.makedirs(self.logdir)
        self.cgidir, self.templates, self.htdocs = self._readable_tree(programs)
        if self.sms_driver == "http":
            self.sms_proc, self.sms_port, _ = self._start_fake(
                "sms_gateway.py", ["--log", os.path.join(self.dir, "sms.jsonl")])
        if self.alipay:
            self._start_alipay()
        if self.mail:
            self._start_mail()
        if self.faults:
            from faultproxy import FaultProxy
            for name, port in (("sms", self.sms_port), ("alipay", self.alipay_port), ("mail", self.mail_port)):
                if port:
                    self.proxies[name] = FaultProxy(port)
        os.makedirs(self.data)
        if self.data_size:
            self._mount_data()
        last_error = None
        for _attempt in range(3):
            self.port = free_port()
            self.base = "http://127.0.0.1:%d" % self.port
            self._write_config()
            if not self.started:
                self._init_data()
            try:
                self._start_server()
                self.started = True
                return self
            except SiteError as e:
                last_error = e
                self._stop_server()
                if "in use" not in str(e) and "Address already" not in str(e):
                    break
        raise last_error

    def _programs(self):
        d = os.path.join(TOP_BUILD, "cgi-bin")
        progs = sorted(p for p in os.listdir(d) if p.endswith(".fcgi")) if os.path.isdir(d) else []
        progs = [p for p in progs if os.access(os.path.join(d, p), os.X_OK)]
        if not progs:
            raise SiteError("no program built in %s/*.fcgi" % d)
        return progs

    def _as_user(self):
        """subprocess keyword arguments that run a command as the data owner."""
        if not self.user:
            return {}
        return {"user": self.user[1], "group": self.user[2], "extra_groups": []}

    def _user_can(self, flag, path):
        if not self.user:
            return True
        r = subprocess.run(["test", flag, path], timeout=30, **self._as_user())
        return r.returncode == 0

    def _readable_tree(self, programs):
        """The cgi, templates and htdocs dirs, copied into the site dir when
        the programs' account cannot reach the originals."""
        cgidir = os.path.join(TOP_BUILD, "cgi-bin")
        templates = os.path.join(TOP_SRC, "templates")
        htdocs = os.path.join(TOP_SRC, "htdocs")
        if not self._user_can("-x", os.path.join(cgidir, programs[0])):
            copy = os.path.join(self.dir, "cgi-bin")
            os.makedirs(copy)
            for p in programs:
                shutil.copy2(os.path.join(cgidir, p), os.path.join(copy, p))
            cgidir = copy
        if not self._user_can("-r", templates):
            templates = shutil.copytree(templates, os.path.join(self.dir, "templates"))
        if not self._user_can("-r", htdocs):
            htdocs = shutil.copytree(htdocs, os.path.join(self.dir, "htdocs"))
        return cgidir, templates, htdocs

    def _start_fake(self, script, args):
        """Starts tests/fakes/<script> on an ephemeral loopback port; returns (process, port,
        control port or None)."""
        fake = os.path.join(TOP_SRC, "tests", "fakes", script)
        out = open(os.path.join(self.logdir, script.replace(".py", ".out")), "w+b")
        proc = subprocess.Popen(
            [sys.executable, fake, "--port", "0", "--lifetime", str(self.lifetime),
             "--parent-pid", str(os.getpid())] + args,
            stdout=subprocess.PIPE, stderr=out, start_new_session=True)
        line = b""
        deadline = time.monotonic() + 20
        import selectors
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline and not line.endswith(b"\n"):
            if sel.select(timeout=0.5):
                chunk = os.read(proc.stdout.fileno(), 256)
                if not chunk:
                    break
                line += chunk
        sel.close()
        m = re.match(rb"PORT (\d+)(?: CONTROL (\d+))?", line)
        if not m:
            proc.kill()
            raise SiteError("the fake %s did not start: %r" % (script, line))
        return proc, int(m.group(1)), int(m.group(2)) if m.group(2) else None

    def _start_alipay(self):
        """The Alipay gateway fake, with the throwaway keys copied where the site can read them."""
        keys = os.path.join(self.dir, "alipay-keys")
        os.makedirs(keys)
        for name in ("app_private.pem", "alipay_public.pem"):
            shutil.copy2(os.path.join(TOP_SRC, "tests", "unit", "alipay-keys", name), os.path.join(keys, name))
            os.chmod(os.path.join(keys, name), 0o644)
        os.chmod(keys, 0o755)
        self.alipay_proc, self.alipay_port, _ = self._start_fake(
            "alipay_gateway.py", ["--log", os.path.join(self.dir, "alipay.jsonl"),
                                  "--app-id", ALIPAY_APP_ID, "--seller-id", ALIPAY_SELLER_ID])

    def _start_mail(self):
        """The SMTP server fake: STARTTLS with its own throwaway CA, AUTH, messages in mail/."""
        self.mail_dir = os.path.join(self.dir, "mail")
        os.makedirs(self.mail_dir)
        self.mail_ca = os.path.join(self.dir, "mail-ca.pem")
        self.mail_proc, self.mail_port, self.mail_control = self._start_fake(
            "smtp_server.py", ["--dir", self.mail_dir, "--tls", "--ca-out", self.mail_ca,
                               "--user", MAIL_USER, "--password", MAIL_PASSWORD])
        deadline = time.monotonic() + 20
        while not os.path.exists(self.mail_ca) and time.monotonic() < deadline:
            time.sleep(0.05)
        os.chmod(self.mail_ca, 0o644)

    def _write_config(self):
        lines = [
            "# Written by tests/lib/servers.py for one test run.",
            "Site.Name = 福建省电子政务应用 CFCA数字证书在线受理平台（测试）",
            "Site.BaseURL = %s" % self.base,
            "Site.TimeZone = Asia/Shanghai",
            "Data.Dir = %s" % self.data,
            "Templates.Dir = %s" % self.templates,
            "Crypto.PasswordCost = 10",
        ]
        if self.sms_driver == "http":
            lines += ["SMS.Driver = http", "SMS.URL = http://127.0.0.1:%d/send" % self._gateway("sms")]
        else:
            lines += ["SMS.Driver = file", "SMS.File = %s/sms.log" % self.data]
        lines.append("SMS.Sign = 测试")
        if self.alipay:
            keys = os.path.join(self.dir, "alipay-keys")
            lines += [
                "Alipay.Gateway = http://127.0.0.1:%d/gateway.do" % self._gateway("alipay"),
                "Alipay.AppId = %s" % ALIPAY_APP_ID,
                "Alipay.SellerId = %s" % ALIPAY_SELLER_ID,
                "Alipay.PrivateKeyFile = %s/app_private.pem" % keys,
                "Alipay.PublicKeyFile = %s/alipay_public.pem" % keys,
                "Alipay.NotifyURL = %s/cgi-bin/pay.fcgi/alipay/notify" % self.base,
                "Bank.Name = 中国工商银行",
                "Bank.Branch = 福州五一支行",
                "Bank.Account = 1402 0212 0910 0123 456",
                "Bank.Holder = 福建省数字证书服务中心（测试）",
            ]
        if self.mail:
            lines += [
                "Mail.SMTP = smtp://127.0.0.1:%d" % self._gateway("mail"),
                "Mail.From = %s" % MAIL_FROM,
                "Mail.User = %s" % MAIL_USER,
                "Mail.Password = %s" % MAIL_PASSWORD,
                "Mail.CAFile = %s" % self.mail_ca,
            ]
        if self.extra_config:
            lines.append(self.extra_config.rstrip("\n"))
        tmp = self.config + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, self.config)

    def _mount_data(self):
        """Data.Dir on a tmpfs of data_size (e.g. "32m"), for the full-disk tests; SkipAll
        when it cannot be mounted (not root, no CAP_SYS_ADMIN)."""
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s,mode=0755" % self.data_size,
                            "certdesk-test", self.data], capture_output=True, timeout=30)
        if r.returncode != 0:
            raise SkipAll("cannot mount a tmpfs for the data directory (the full-disk test needs root): %s"
                          % r.stderr.decode("utf-8", "replace").strip())
        self.mounted = True

    def _gateway(self, name):
        """The port the site reaches gateway name on: its fault proxy's, else the fake's."""
        if name in self.proxies:
            return self.proxies[name].port
        return {"sms": self.sms_port, "alipay": self.alipay_port, "mail": self.mail_port}[name]

    def fault(self, name, mode):
        """Puts gateway name ("sms", "mail", "alipay") in mode: up, down, slow or blackhole
        (needs faults=True)."""
        self.proxies[name].set(mode)

    def _init_data(self):
        if self.user:
            os.chown(self.data, self.user[1], self.user[2])
        r = self.admin("init")
        if r.returncode != 0:
            raise SiteError("certdesk-admin init failed (%d): %s" % (r.returncode, r.stderr.decode("utf-8", "replace")))
        if self.user:
            chown_tree(self.data, self.user[1], self.user[2])

    def _webconf(self, kind, out, **kw):
        args = ["bash", os.path.join(TOP_SRC, "scripts", "lib-webconf.sh"), kind, "out=" + out]
        args += ["%s=%s" % kv for kv in kw.items() if kv[1] is not None]
        env = dict(os.environ, CERTDESK_PASSENV=" ".join(PASSENV))
        env[self.marker.split("=", 1)[0]] = self.dir
        r = subprocess.run(args, capture_output=True, timeout=60, env=env)
        if r.returncode != 0:
            raise SiteError("lib-webconf.sh %s failed: %s" % (kind, r.stderr.decode("utf-8", "replace")))

    def _public_html(self):
        """Shared-hosting layout: htdocs + cgi-bin/ (the programs and conf/htaccess.example)."""
        root = os.path.join(self.dir, "public_html")
        if os.path.isdir(root):
            return root
        shutil.copytree(self.htdocs, root)
        cgi = os.path.join(root, "cgi-bin")
        os.makedirs(cgi, exist_ok=True)
        for p in self._programs():
            shutil.copy2(os.path.join(self.cgidir, p), os.path.join(cgi, p))
        with open(os.path.join(TOP_SRC, "conf", "htaccess.example"), encoding="utf-8") as f:
            text = f.read()
        text, n = re.subn(r"(?m)^SetEnv CERTDESK_CONFIG .*$", "SetEnv CERTDESK_CONFIG %s" % self.config, text)
        if n != 1:
            raise SiteError("conf/htaccess.example has no SetEnv CERTDESK_CONFIG line")
        with open(os.path.join(cgi, ".htaccess"), "w", encoding="utf-8") as f:
            f.write(text)
        for dirpath, dirs, files in os.walk(root):
            os.chmod(dirpath, 0o755)
        return root

    def _start_server(self):
        run = os.path.join(self.dir, "run")
        shutil.rmtree(run, ignore_errors=True)
        user = self.user[0] if self.user else None
        if self.server == "lighttpd":
            conf = os.path.join(self.dir, "lighttpd.conf")
            self._webconf("lighttpd", conf, port=self.port, docroot=self.htdocs, cgidir=self.cgidir,
                          config=self.config, rundir=run, logdir=self.logdir, user=user, maxprocs=2)
            cmd = [self.binary, "-D", "-f", conf]
            self.errorlog = os.path.join(self.logdir, "lighttpd-error.log")
        else:
            conf = os.path.join(self.dir, "apache-%s.conf" % self.mode)
            docroot = self._public_html() if self.mode.startswith("htaccess") else self.htdocs
            self._webconf("apache", conf, port=self.port, docroot=docroot, cgidir=self.cgidir,
                          config=self.config, rundir=run, logdir=self.logdir, user=user, maxprocs=4,
                          mode=self.mode)
            cmd = [self.binary, "-DFOREGROUND", "-f", conf]
            self.errorlog = os.path.join(self.logdir, "apache-error.log")
        env = dict(os.environ)
        env.pop("CERTDESK_CONFIG", None)
        env["CERTDESK_TEST_SITE"] = self.dir
        out = open(os.path.join(self.logdir, "server.out"), "ab")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=out, env=env,
                                     start_new_session=True, cwd=self.dir)
        out.close()
        self.watchdog = subprocess.Popen(
            [sys.executable, "-c", WATCHDOG, str(os.getpid()), str(self.proc.pid), str(self.lifetime), self.marker,
             self.dir],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SiteError("%s exited with %s:\n%s" % (self.server, self.proc.returncode, self.log_tail()))
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                self._start_sender(env)
                return
            except OSError:
                time.sleep(0.1)
        raise SiteError("%s did not answer on port %d within 30 s:\n%s" % (self.server, self.port, self.log_tail()))

    def _start_sender(self, env):
        """Starts `certdesk-admin sender` (which, run as root, becomes the owner of Data.Dir)
        with the site's marker in its environment, so the watchdog and the sweep end it too."""
        if not self.sender:
            return
        out = open(os.path.join(self.logdir, "sender.log"), "ab")
        self.sender_proc = subprocess.Popen(
            [os.path.join(TOP_BUILD, "tools", "certdesk-admin"), "--config", self.config, "sender"],
            stdin=subprocess.DEVNULL, stdout=out, stderr=out, env=env, start_new_session=True, cwd="/")
        out.close()

    def _stop_sender(self):
        if self.sender_proc is None:
            return
        self.sender_proc.terminate()
        try:
            self.sender_proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.sender_proc.kill()
            self.sender_proc.wait(timeout=5)
        self.sender_proc = None

    # ---- tear-down --------------------------------------------------------

    def _stop_server(self):
        self._stop_sender()
        if self.proc is not None:
            pgid = self.proc.pid
            for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
                try:
                    os.killpg(pgid, sig)
                except OSError:
                    pass
                try:
                    self.proc.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
            # Children that outlived their server (e.g. still finishing a request).
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                try:
                    os.killpg(pgid, 0)
                except OSError:
                    break
                time.sleep(0.1)
            try:
                os.killpg(pgid, signal.SIGKILL)
            except OSError:
                pass
            self.proc = None
        if self.dir:
            _sweep([self.marker.encode(), ("CERTDESK_CONFIG=%s" % self.config).encode()],
                   skip_pids=[p.pid for p in (self.watchdog, self.sms_proc, self.alipay_proc, self.mail_proc) if p])

    def stop(self):
        """Stops the server, its programs, the fake and the watchdog; removes the site dir
        (kept when CERTDESK_KEEP_TMP=1). Safe to call twice."""
        self._stop_server()
        for p in (self.watchdog, self.sms_proc, self.alipay_proc, self.mail_proc):
            if p is not None and p.poll() is None:
                p.terminate()
                try:
                    p.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait(timeout=5)
        self.watchdog = self.sms_proc = self.alipay_proc = self.mail_proc = None
        for p in self.proxies.values():
            p.close()
        self.proxies = {}
        if self.mounted:
            subprocess.run(["umount", "-l", self.data], capture_output=True, timeout=30)
            self.mounted = False
        if self in _live_sites:
            _live_sites.remove(self)
        if self.dir and os.environ.get("CERTDESK_KEEP_TMP") != "1":
            shutil.rmtree(self.dir, ignore_errors=True)
        elif self.dir:
            print("# kept %s" % self.dir, flush=True)
        self.dir = None

    def restart(self):
        """Stops and starts the server on the same port and data."""
        self._stop_server()
        self._start_server()

    # ---- what the tests use -----------------------------------------------

    def url(self, path):
        return self.base + path

    def log_tail(self, lines=40):
        """The end of the server's logs, for diagnostics."""
        out = []
        if not self.logdir or not os.path.isdir(self.logdir):
            return ""
        for name in sorted(os.listdir(self.logdir)):
            if name.endswith("access.log"):
                continue
            try:
                with open(os.path.join(self.logdir, name), encoding="utf-8", errors="replace") as f:
                    tail = f.read().splitlines()[-lines:]
            except OSError:
                continue
            if tail:
                out.append("== %s" % name)
                out.extend(tail)
        return "\n".join(out)

    def admin(self, *args, input=""):
        """Runs certdesk-admin --config <site config> ARGS (as ourselves: as root it
        is expected to work as the owner of Data.Dir)."""
        return subprocess.run([os.path.join(TOP_BUILD, "tools", "certdesk-admin"), "--config", self.config]
                              + [str(a) for a in args],
                              input=input.encode("utf-8"), capture_output=True, timeout=120)

    def sql(self, query):
        """Runs one SQL statement with sqlite3 as the data owner; returns its output, stripped."""
        db = os.path.join(self.data, "certdesk.db")
        r = subprocess.run(["sqlite3", "-cmd", ".timeout 5000", db, query], capture_output=True, timeout=60,
                           cwd="/", **self._as_user())
        if r.returncode != 0:
            raise SiteError("sqlite3 failed: %s" % r.stderr.decode("utf-8", "replace"))
        return r.stdout.decode("utf-8").strip()

    def move_clock(self, ms):
        """Moves the clock of a --enable-test-clock build by ms (Data.Dir/test-clock)."""
        path = os.path.join(self.data, "test-clock")
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % int(ms))
        os.chmod(tmp, 0o644)
        if self.user:
            os.chown(tmp, self.user[1], self.user[2])
        os.replace(tmp, path)

    def alipay_call(self, method, path):
        """A request to the Alipay gateway fake (tests/fakes/alipay_gateway.py's API); returns
        (status, decoded JSON or None)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.alipay_port, timeout=60)
        try:
            conn.request(method, path, body=b"" if method == "POST" else None)
            resp = conn.getresponse()
            body = resp.read()
        finally:
            conn.close()
        try:
            return resp.status, json.loads(body.decode("utf-8"))
        except ValueError:
            return resp.status, None

    def mail_messages(self):
        """Every e-mail the SMTP fake accepted, oldest first: dicts with file, mail_from,
        rcpt_to, tls, auth_user, size, and raw (the message's bytes)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.mail_control, timeout=30)
        try:
            conn.request("GET", "/messages")
            found = json.loads(conn.getresponse().read().decode("utf-8"))
        finally:
            conn.close()
        for m in found:
            with open(os.path.join(self.mail_dir, m["file"]), "rb") as f:
                m["raw"] = f.read()
        return found

    def wait_mail(self, seen=0, timeout=20.0):
        """The messages once there are more than seen (the outbox sends after the commit),
        or what there is after timeout seconds."""
        deadline = time.monotonic() + timeout
        found = self.mail_messages()
        while len(found) <= seen and time.monotonic() < deadline:
            time.sleep(0.2)
            found = self.mail_messages()
        return found

    def _sms_call(self, method, path):
        conn = http.client.HTTPConnection("127.0.0.1", self.sms_port, timeout=10)
        try:
            conn.request(method, path, body=b"" if method == "POST" else None)
            r = conn.getresponse()
            return r.status, r.read()
        finally:
            conn.close()

    def sms_messages(self, mobile=None):
        """Every SMS the gateway fake (or the file driver) received, oldest first:
        [{"mobile", "text", ...}]."""
        if self.sms_driver == "http":
            status, body = self._sms_call("GET", "/messages")
            found = json.loads(body.decode("utf-8")) if status == 200 else []
        else:
            found = []
            try:
                with open(os.path.join(self.data, "sms.log"), encoding="utf-8") as f:
                    for line in f:
                        parts = line.rstrip("\n").split("\t", 2)
                        if len(parts) == 3:
                            found.append({"time": parts[0], "mobile": parts[1], "text": parts[2]})
            except OSError:
                pass
        return [m for m in found if mobile is None or m["mobile"] == mobile]

    def wait_sms(self, mobile, seen=0, timeout=15.0):
        """Waits (bounded) until mobile has more than seen messages; returns the newest, or None."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.sms_messages(mobile)
            if len(found) > seen:
                return found[-1]
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.1)

    def wait_code(self, mobile, seen=0, timeout=15.0):
        """The six-digit code of the next message to mobile (see wait_sms), or None."""
        m = self.wait_sms(mobile, seen, timeout)
        if not m:
            return None
        found = re.search(r"(?<!\d)(\d{6})(?!\d)", m["text"])
        return found.group(1) if found else None

    def sms_fail_next(self, count, status=503):
        """Makes the gateway fake refuse the next count messages."""
        self._sms_call("POST", "/_control/fail?count=%d&status=%d" % (count, status))


def _cleanup_all():
    for site in list(_live_sites):
        try:
            site.stop()
        except Exception:  # noqa: BLE001 - best effort at exit
            pass


atexit.register(_cleanup_all)
