#!/usr/bin/env python3
# tests/fakes/smtp_server.py: a local SMTP server fake for the tests (Python 3 stdlib only): STARTTLS, AUTH, and every accepted message kept as a file.
"""Local SMTP server fake.

    python3 tests/fakes/smtp_server.py --dir DIR [--port N] [--control-port N]
        [--tls] [--ca-out FILE] [--user U --password P] [--lifetime S]
        [--parent-pid PID]

Binds 127.0.0.1 only: SMTP on --port and an HTTP control server on
--control-port (0, the default for both: an ephemeral port), prints
"PORT <smtp> CONTROL <http>" on its first line of standard output, and
serves until --lifetime seconds have passed (default 900) or --parent-pid
has exited.

SMTP (RFC 5321): greeting 220; EHLO (SIZE, 8BITMIME, STARTTLS with --tls,
AUTH PLAIN LOGIN with --user, and with --tls only once TLS is on), HELO,
STARTTLS, AUTH PLAIN and AUTH LOGIN (535 for wrong credentials, 538 before
STARTTLS with --tls), MAIL FROM (530 before AUTH when --user is given),
RCPT TO (several), DATA (dot-unstuffed), RSET, NOOP, QUIT. With --tls the
fake makes a throwaway CA and a certificate for 127.0.0.1 and localhost with
the openssl command line, in a temporary directory removed at exit, and
copies the CA certificate to --ca-out for the client to trust.

Each accepted message is stored as DIR/NNNN.eml (the exact bytes received,
after unstuffing) and described by one JSON line in DIR/index.jsonl:
{"file", "mail_from", "rcpt_to" (a list), "tls", "auth_user" (null when
none), "size"}.

Limits: command and data lines of 8 KiB, messages of 30 MiB (552), 100
recipients (452), 1000 commands per connection, 60 s socket timeouts.

Control (HTTP):
  GET  /messages                          the index, a JSON list.
  POST /_control/fail?count=K&code=451    the next K DATA transactions are
        refused with that code (and not stored): for retry tests.
  POST /_control/reset                    forgets (and deletes) every message
        and the fail plan.
  GET  /health                            "OK".
"""
import base64
import json
import os
import shutil
import socketserver
import ssl
import subprocess
import sys
import tempfile
import threading
import urllib.parse

import fakelib

MAX_LINE = 8 * 1024
MAX_MESSAGE = 30 * 1024 * 1024
MAX_RCPTS = 100
MAX_COMMANDS = 1000
TIMEOUT = 60


class LineTooLong(Exception):
    """A line longer than MAX_LINE: the connection is dropped."""


class Store:
    """The accepted messages and the failure plan, shared by the connection threads."""

    def __init__(self, directory):
        self.lock = threading.Lock()
        self.dir = directory
        self.index = []
        self.number = 0
        self.fail_count = 0
        self.fail_code = 451

    def accept(self, data, mail_from, rcpt_to, tls, auth_user):
        """Stores one message; returns None, or the SMTP code refusing it (fail plan)."""
        with self.lock:
            if self.fail_count > 0:
                self.fail_count -= 1
                return self.fail_code
            self.number += 1
            name = "%04d.eml" % self.number
            with open(os.path.join(self.dir, name), "wb") as f:
                f.write(data)
            entry = {"file": name, "mail_from": mail_from, "rcpt_to": list(rcpt_to), "tls": tls,
                     "auth_user": auth_user, "size": len(data)}
            self.index.append(entry)
            with open(os.path.join(self.dir, "index.jsonl"), "a", encoding="utf-8") as f:
                f.write(json.dumps(entry, ensure_ascii=False) + "\n")
            return None

    def reset(self):
        with self.lock:
            for entry in self.index:
                os.unlink(os.path.join(self.dir, entry["file"]))
            self.index.clear()
            self.fail_count = 0
            index = os.path.join(self.dir, "index.jsonl")
            if os.path.exists(index):
                os.unlink(index)


class LineReader:
    """Reads CRLF lines from a socket with its own buffer, so that nothing sent before
    STARTTLS can be read as if it came over TLS."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = bytearray()
        self.pos = 0

    def pending(self):
        return len(self.buf) - self.pos

    def discard(self):
        self.buf = bytearray()
        self.pos = 0

    def readline(self):
        """One line with its line end; b"" at end of input. Raises LineTooLong."""
        while True:  # each turn returns, raises, or adds at least one byte (bounded by MAX_LINE)
            i = self.buf.find(b"\n", self.pos)
            if i >= 0:
                line = bytes(self.buf[self.pos:i + 1])
                self.pos = i + 1
                return line
            if self.pending() > MAX_LINE:
                raise LineTooLong()
            del self.buf[:self.pos]
            self.pos = 0
            chunk = self.sock.recv(65536)
            if not chunk:
                return b""
            self.buf += chunk


class Session(socketserver.BaseRequestHandler):
    """One SMTP connection."""

    def setup(self):
        self.request.settimeout(TIMEOUT)
        self.sock = self.request
        self.reader = LineReader(self.sock)
        self.tls = False
        self.helo = False
        self.auth_user = None
        self.reset_transaction()

    def finish(self):
        self.sock.close()

    def reset_transaction(self):
        self.mail_from = None
        self.rcpt_to = []

    def send(self, text):
        self.sock.sendall(text.encode("ascii", "replace") + b"\r\n")

    def handle(self):
        self.send("220 127.0.0.1 ESMTP smtp-server-fake")
        try:
            for _ in range(MAX_COMMANDS):
                line = self.reader.readline()
                if not line or not self.command(line.rstrip(b"\r\n").decode("utf-8", "replace")):
                    return
            self.send("421 4.7.0 Too many commands")
        except LineTooLong:
            self.send("500 5.5.6 Line too long")
        except (OSError, ssl.SSLError):
            pass

    def command(self, line):
        """Runs one command line; False when the connection is to be closed."""
        verb, _, arg = line.partition(" ")
        verb = verb.upper()
        handler = {
            "EHLO": self.do_ehlo, "HELO": self.do_helo, "STARTTLS": self.do_starttls,
            "AUTH": self.do_auth, "MAIL": self.do_mail, "RCPT": self.do_rcpt, "DATA": self.do_data,
            "RSET": self.do_rset, "NOOP": self.do_noop, "QUIT": self.do_quit,
        }.get(verb)
        if handler is None:
            self.send("500 5.5.2 Command not recognized")
            return True
        return handler(arg.strip())

    def auth_offered(self):
        return bool(self.server.opts.user) and (self.tls or not self.server.opts.tls)

    def do_ehlo(self, arg):
        self.helo = True
        self.reset_transaction()
        lines = ["127.0.0.1 hello " + arg, "SIZE %d" % MAX_MESSAGE, "8BITMIME"]
        if self.server.opts.tls and not self.tls:
            lines.append("STARTTLS")
        if self.auth_offered():
            lines.append("AUTH PLAIN LOGIN")
        for text in lines[:-1]:
            self.send("250-" + text)
        self.send("250 " + lines[-1])
        return True

    def do_helo(self, arg):
        self.helo = True
        self.reset_transaction()
        self.send("250 127.0.0.1")
        return True

    def do_starttls(self, arg):
        if not self.server.opts.tls or self.tls:
            self.send("454 4.7.0 TLS not available")
            return True
        self.send("220 2.0.0 Ready to start TLS")
        self.reader.discard()  # anything pipelined after STARTTLS was sent in clear
        try:
            self.sock = self.server.tls_context.wrap_socket(self.sock, server_side=True)
        except (OSError, ssl.SSLError):
            return False
        self.reader = LineReader(self.sock)
        self.tls = True
        self.helo = False
        self.auth_user = None
        self.reset_transaction()
        return True

    def do_auth(self, arg):
        opts = self.server.opts
        mechanism, _, initial = arg.partition(" ")
        mechanism = mechanism.upper()
        if not opts.user:
            self.send("502 5.5.1 AUTH not supported")
        elif opts.tls and not self.tls:
            self.send("538 5.7.11 Encryption required for requested authentication mechanism")
        elif self.auth_user is not None or self.mail_from is not None:
            self.send("503 5.5.1 Already authenticated or in a transaction")
        elif mechanism not in ("PLAIN", "LOGIN"):
            self.send("504 5.5.4 Unrecognized authentication type")
        else:
            user, password = self.auth_plain(initial) if mechanism == "PLAIN" else self.auth_login(initial)
            if user is None:
                self.send("501 5.5.2 Cannot decode the response")
            elif user == opts.user and password == opts.password:
                self.auth_user = user
                self.send("235 2.7.0 Authentication successful")
            else:
                self.send("535 5.7.8 Authentication credentials invalid")
        return True

    def challenge(self, prompt):
        """Sends a 334 prompt and decodes the base64 answer; None when cancelled or invalid."""
        self.send("334 " + prompt)
        answer = self.reader.readline().rstrip(b"\r\n")
        if answer == b"*":
            return None
        return self.b64(answer)

    @staticmethod
    def b64(text):
        try:
            return base64.b64decode(text, validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return None

    def auth_plain(self, initial):
        response = self.b64(initial) if initial else self.challenge("")
        parts = response.split("\0") if response is not None else []
        return (parts[1], parts[2]) if len(parts) == 3 else (None, None)

    def auth_login(self, initial):
        user = self.b64(initial) if initial else self.challenge("VXNlcm5hbWU6")
        password = self.challenge("UGFzc3dvcmQ6") if user is not None else None
        return (user, password) if password is not None else (None, None)

    @staticmethod
    def path(arg, keyword):
        """The address in "KEYWORD:<addr> params", and the params; (None, None) when malformed."""
        if not arg.upper().startswith(keyword):
            return None, None
        rest = arg[len(keyword):].strip()
        if not rest.startswith("<") or ">" not in rest:
            return None, None
        address, _, params = rest[1:].partition(">")
        return address, params.split()

    def do_mail(self, arg):
        if not self.helo:
            self.send("503 5.5.1 EHLO first")
        elif self.server.opts.user and self.auth_user is None:
            self.send("530 5.7.0 Authentication required")
        elif self.mail_from is not None:
            self.send("503 5.5.1 Nested MAIL command")
        else:
            address, params = self.path(arg, "FROM:")
            sizes = [p[5:] for p in params or [] if p.upper().startswith("SIZE=")]
            if address is None:
                self.send("501 5.5.4 Syntax: MAIL FROM:<address>")
            elif sizes and (not sizes[0].isdigit() or int(sizes[0]) > MAX_MESSAGE):
                self.send("552 5.3.4 Message size exceeds fixed limit")
            else:
                self.mail_from = address
                self.send("250 2.1.0 Ok")
        return True

    def do_rcpt(self, arg):
        address, _ = self.path(arg, "TO:")
        if self.mail_from is None:
            self.send("503 5.5.1 MAIL first")
        elif not address:
            self.send("501 5.5.4 Syntax: RCPT TO:<address>")
        elif len(self.rcpt_to) >= MAX_RCPTS:
            self.send("452 4.5.3 Too many recipients")
        else:
            self.rcpt_to.append(address)
            self.send("250 2.1.5 Ok")
        return True

    def read_data(self):
        """The message up to the lone dot, unstuffed; None (connection to close) when it
        is too large or the input ends."""
        data = bytearray()
        while len(data) <= MAX_MESSAGE:  # each turn reads a line; the size bounds the loop
            line = self.reader.readline()
            if not line:
                return None
            if line in (b".\r\n", b".\n"):
                return bytes(data)
            data += line[1:] if line.startswith(b".") else line
        self.send("552 5.3.4 Message size exceeds fixed limit")
        return None

    def do_data(self, arg):
        if not self.rcpt_to:
            self.send("503 5.5.1 RCPT first")
            return True
        self.send("354 End data with <CR><LF>.<CR><LF>")
        data = self.read_data()
        if data is None:
            return False
        refused = self.server.store.accept(data, self.mail_from, self.rcpt_to, self.tls, self.auth_user)
        if refused is None:
            self.send("250 2.0.0 Ok: queued")
        else:
            self.send("%d 4.3.0 Refused by the fake (fail plan)" % refused)
        self.reset_transaction()
        return True

    def do_rset(self, arg):
        self.reset_transaction()
        self.send("250 2.0.0 Ok")
        return True

    def do_noop(self, arg):
        self.send("250 2.0.0 Ok")
        return True

    def do_quit(self, arg):
        self.send("221 2.0.0 Bye")
        return False


class SMTPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class Control(fakelib.Handler):
    """The HTTP control API."""

    server_version = "smtp-server-fake/1"

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        store = self.server.store
        if url.path == "/health":
            return self.reply(200, "OK")
        if url.path == "/messages":
            with store.lock:
                body = json.dumps(store.index, ensure_ascii=False)
            return self.reply(200, body, fakelib.JSON)
        return self.reply(404, "not found")

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        store = self.server.store
        if self.read_body(0, "no body expected") is None:
            return None
        if url.path == "/_control/fail":
            query = urllib.parse.parse_qs(url.query)
            try:
                count = int(query.get("count", ["1"])[0])
                code = int(query.get("code", ["451"])[0])
            except ValueError:
                return self.reply(400, "bad count or code")
            if not 400 <= code <= 599:
                return self.reply(400, "code must be 4xx or 5xx")
            with store.lock:
                store.fail_count, store.fail_code = max(0, count), code
            return self.reply(200, "OK")
        if url.path == "/_control/reset":
            store.reset()
            return self.reply(200, "OK")
        return self.reply(404, "not found")


def openssl(*args, cwd):
    subprocess.run(("openssl",) + args, cwd=cwd, check=True, timeout=60,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def make_certificates(tmp):
    """A throwaway CA and a server certificate for 127.0.0.1 and localhost signed by it, in
    tmp; returns (ca.pem, server.pem, server.key) paths."""
    ec = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")
    openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=certdesk smtp fake CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=tmp)
    openssl("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1", cwd=tmp)
    with open(os.path.join(tmp, "server.ext"), "w", encoding="ascii") as f:
        f.write("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                "extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "server.ext", cwd=tmp)
    return tuple(os.path.join(tmp, n) for n in ("ca.pem", "server.pem", "server.key"))


def main():
    ap = fakelib.arg_parser("local SMTP server fake")
    ap.add_argument("--dir", required=True)
    ap.add_argument("--control-port", type=int, default=0)
    ap.add_argument("--tls", action="store_true")
    ap.add_argument("--ca-out", default="")
    ap.add_argument("--user", default="")
    ap.add_argument("--password", default="")
    args = ap.parse_args()

    fakelib.exit_on_sigterm()  # runs the cleanup below
    os.makedirs(args.dir, exist_ok=True)
    store = Store(args.dir)
    tmp = tempfile.mkdtemp(prefix="smtp-fake-")
    try:
        smtp = SMTPServer(("127.0.0.1", args.port), Session)
        smtp.opts, smtp.store, smtp.tls_context = args, store, None
        if args.tls:
            ca, cert, key = make_certificates(tmp)
            smtp.tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            smtp.tls_context.load_cert_chain(cert, key)
            if args.ca_out:
                shutil.copyfile(ca, args.ca_out)
        control = fakelib.http_server(args.control_port, Control)
        control.store = store
        fakelib.announce(smtp.server_address[1], control.server_address[1])
        fakelib.serve(args, smtp, control)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
