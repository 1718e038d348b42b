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
import json
import sys
import threading
import time
import urllib.parse

import fakelib

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


class Handler(fakelib.Handler):
    """The gateway and its control endpoints (see the module docstring)."""

    server_version = "sms-gateway-fake/1"

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/health":
            return self.reply(200, "OK")
        if url.path == "/messages":
            query = urllib.parse.parse_qs(url.query)
            mobile = query.get("mobile", [None])[0]
            with self.server.gateway.lock:
                found = [m for m in self.server.gateway.messages if mobile is None or m["mobile"] == mobile]
            return self.json_reply(200, found)
        return self.reply(404, "not found")

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        body = self.read_body(MAX_BODY)
        if body is None:
            return None
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
    ap = fakelib.arg_parser("local SMS gateway fake")
    ap.add_argument("--log", default="")
    args = ap.parse_args()

    server = fakelib.http_server(args.port, Handler)
    server.gateway = Gateway(args.log)
    fakelib.announce(server.server_address[1])
    fakelib.serve(args, server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
