# tests/fakes/fakelib.py: what the fakes in tests/fakes/ share (Python 3 stdlib only): their common command line, the PORT line, the lifetime watchdog and a quiet HTTP handler.
"""Shared plumbing of the fakes in tests/fakes/ (imported by them, not run).

A fake's command line starts with arg_parser() (--port N, 0 for an
ephemeral port; --lifetime S, default 900; --parent-pid PID, default 0 for
none); it binds 127.0.0.1 only (http_server), prints its port(s) with
announce() as the first line of standard output, and runs serve(), which
stops every server once the lifetime has passed or the parent has exited.
Handler is a BaseHTTPRequestHandler speaking HTTP/1.1 without access logs,
with text and JSON answers and Content-Length-bounded body reading.
"""
import argparse
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TEXT = "text/plain; charset=utf-8"
JSON = "application/json; charset=utf-8"
POLL_INTERVAL = 0.2  # seconds between serve_forever's checks for shutdown
WATCH_INTERVAL = 0.5  # seconds between the watchdog's checks of the parent


def arg_parser(description, lifetime=900.0):
    """An argparse parser with --port (int, default 0), --lifetime (float seconds, default
    lifetime) and --parent-pid (int, default 0: none); the fake adds its own options."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--lifetime", type=float, default=lifetime)
    ap.add_argument("--parent-pid", type=int, default=0)
    return ap


def pid_alive(pid):
    """True while process pid exists (also when it belongs to another user)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def exit_on_sigterm():
    """Makes SIGTERM raise SystemExit(0) in the main thread, so that serve() returns through
    the caller's finally blocks (which remove temporary files) and the exit status is 0."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))


def http_server(port, handler):
    """A ThreadingHTTPServer for handler on 127.0.0.1:port (0: an ephemeral port) whose
    request threads do not keep the process alive."""
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


def announce(port, control=None):
    """Prints "PORT <port>", or "PORT <port> CONTROL <control>" when control is given, as
    one flushed line of standard output: what the tests wait for after starting a fake."""
    if control is None:
        print("PORT %d" % port, flush=True)
    else:
        print("PORT %d CONTROL %d" % (port, control), flush=True)


def serve(args, server, *others):
    """Serves server in this thread and each of others in a daemon thread until
    args.lifetime seconds have passed or process args.parent_pid (when not 0) has exited,
    then shuts them down in that order; every server is closed when this returns (also
    through an exception such as exit_on_sigterm's SystemExit)."""
    servers = (server,) + others

    def watchdog():
        end = time.monotonic() + args.lifetime
        while time.monotonic() < end:
            if args.parent_pid and not pid_alive(args.parent_pid):
                break
            time.sleep(WATCH_INTERVAL)
        for s in servers:
            s.shutdown()

    threading.Thread(target=watchdog, daemon=True).start()
    for s in others:
        threading.Thread(target=s.serve_forever, kwargs={"poll_interval": POLL_INTERVAL}, daemon=True).start()
    try:
        server.serve_forever(poll_interval=POLL_INTERVAL)
    finally:
        for s in servers:
            s.server_close()


class Handler(BaseHTTPRequestHandler):
    """An HTTP/1.1 handler with a 10 s socket timeout and no access log (the tests ask the
    fakes' own endpoints instead); subclasses set server_version."""

    protocol_version = "HTTP/1.1"
    timeout = 10

    def log_message(self, fmt, *args):
        pass

    def reply(self, status, body, ctype=TEXT):
        """Answers status with body (str, sent as UTF-8, or bytes) of type ctype."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def json_reply(self, status, obj):
        """Answers status with obj as JSON (UTF-8, non-ASCII kept) of type JSON."""
        return self.reply(status, json.dumps(obj, ensure_ascii=False), JSON)

    def error(self, status, text):
        """Answers an error; here text as plain text (a fake may answer JSON instead)."""
        return self.reply(status, text)

    def read_body(self, limit, too_large="too large"):
        """The request body (bytes) when its Content-Length is at most limit; else None after
        answering through error(): 400 "bad Content-Length" when it is not a number, 413
        too_large (closing the connection) when it is negative or above limit."""
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            self.error(400, "bad Content-Length")
            return None
        if length < 0 or length > limit:
            self.close_connection = True
            self.error(413, too_large)
            return None
        return self.rfile.read(length) if length else b""
