#!/usr/bin/env python3
# tests/fakes/sms_gateway.py: a local SMS gateway fake for the tests (Python 3 stdlib only): records the messages certdesk's http SMS driver POSTs.
"""Local SMS gateway fake.

    python3 tests/fakes/sms_gateway.py [--port N] [--log FILE] [--lifetime S] [--parent-pid PID]

Binds 127.0.0.1 (port 0: an ephemeral one), prints "PORT <n>" on its first
line of standard output, and serves until --lifetime seconds have passed
(default 900) or --parent-pid has exited:

  POST <any path but /_control/...>  application/x-www-form-urlencoded
        mobile=...&text=... (UTF-8): appends {"time", "path", "mobile",
        "text", "content_type"} as one JSON line to --log and answers
        200 "OK"; 400 when a field is missing or given twice, 415 for
        another content type, 413 above 64 KiB.
  POST /_control/fail?count=K&status=503   the next K messages are refused
        with that status (and not recorded): for retry tests.
  POST /_control/reset                     forgets every message.
  GET  /messages[?mobile=M]                the recorded messages, a JSON list.
  GET  /health                             "OK".
"""
import argparse
import json
import os
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 64 * 1024


class Gateway:
    """The recorded messages and the failure plan, shared by the handler threads."""

    def __init__(self, log_path):
        self.lock = threading.Lock()
        self.messages = []
        self.fail_count = 0
        self.fail_status = 503
        self.log_path = log_path

    def record(self, message):
        with self.lock:
            if self.fail_count > 0:
                self.fail_count -= 1
                return self.fail_status
            self.messages.append(message)
            if self.log_path:
                with open(self.log_path, "a", encoding="utf-8") as f:
                    f.write(json.dumps(message, ensure_ascii=False) + "\n")
            return 200


class Handler(BaseHTTPRequestHandler):
    server_version = "sms-gateway-fake/1"
    protocol_version = "HTTP/1.1"
    timeout = 10

    def log_message(self, fmt, *args):  # quiet: the tests read /messages instead
        pass

    def reply(self, status, body, ctype="text/plain; charset=utf-8"):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/health":
            return self.reply(200, "OK")
        if url.path == "/messages":
            query = urllib.parse.parse_qs(url.query)
            mobile = query.get("mobile", [None])[0]
            with self.server.gateway.lock:
                found = [m for m in self.server.gateway.messages if mobile is None or m["mobile"] == mobile]
            return self.reply(200, json.dumps(found, ensure_ascii=False), "application/json; charset=utf-8")
        return self.reply(404, "not found")

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            return self.reply(400, "bad Content-Length")
        if length < 0 or length > MAX_BODY:
            self.close_connection = True
            return self.reply(413, "too large")
        body = self.rfile.read(length) if length else b""
        gw = self.server.gateway
        if url.path == "/_control/fail":
            query = urllib.parse.parse_qs(url.query)
            try:
                count = int(query.get("count", ["1"])[0])
                status = int(query.get("status", ["503"])[0])
            except ValueError:
                return self.reply(400, "bad count or status")
            with gw.lock:
                gw.fail_count, gw.fail_status = max(0, count), status
            return self.reply(200, "OK")
        if url.path == "/_control/reset":
            with gw.lock:
                gw.messages.clear()
                gw.fail_count = 0
            return self.reply(200, "OK")
        ctype = self.headers.get("Content-Type", "")
        if ctype.split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
            return self.reply(415, "want application/x-www-form-urlencoded")
        try:
            fields = urllib.parse.parse_qs(body.decode("utf-8", "strict"), keep_blank_values=True,
                                           strict_parsing=False, errors="strict")
        except UnicodeDecodeError:
            return self.reply(400, "body is not UTF-8")
        if len(fields.get("mobile", [])) != 1 or len(fields.get("text", [])) != 1:
            return self.reply(400, "need exactly one mobile and one text")
        message = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "path": url.path,
            "mobile": fields["mobile"][0],
            "text": fields["text"][0],
            "content_type": ctype,
        }
        status = gw.record(message)
        if status != 200:
            return self.reply(status, "refused by the fake (fail plan)")
        return self.reply(200, "OK")


def main():
    ap = argparse.ArgumentParser(description="local SMS gateway fake")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--log", default="")
    ap.add_argument("--lifetime", type=float, default=900.0)
    ap.add_argument("--parent-pid", type=int, default=0)
    args = ap.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.gateway = Gateway(args.log)
    print("PORT %d" % server.server_address[1], flush=True)

    def watchdog():
        end = time.monotonic() + args.lifetime
        while time.monotonic() < end:
            if args.parent_pid and not pid_alive(args.parent_pid):
                break
            time.sleep(0.5)
        server.shutdown()

    threading.Thread(target=watchdog, daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
    return 0


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


if __name__ == "__main__":
    sys.exit(main())
