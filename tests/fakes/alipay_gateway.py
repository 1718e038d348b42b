#!/usr/bin/env python3
# tests/fakes/alipay_gateway.py: a local Alipay open-platform gateway fake for the tests (Python 3 stdlib + the openssl CLI): precreate, query, close and signed notifications.
"""Local Alipay open-platform gateway fake (当面付).

    python3 tests/fakes/alipay_gateway.py [--port N] [--log FILE] [--lifetime S]
        [--parent-pid PID] [--app-id ID] [--seller-id PID]
        [--app-public-key PEM] [--alipay-private-key PEM]

Binds 127.0.0.1 (port 0: an ephemeral one), prints "PORT <n>" on its first
line of standard output, and serves until --lifetime seconds have passed
(default 900) or --parent-pid has exited. RSA2 (SHA256withRSA) goes through
the openssl command line. Defaults: --app-id 2021000000000001, --seller-id
2088000000000001, --app-public-key tests/unit/alipay-keys/app_public.pem and
--alipay-private-key tests/unit/alipay-keys/alipay_private.pem (relative to
this script's source tree).

The gateway, as Alipay's:

  POST /gateway.do   application/x-www-form-urlencoded (UTF-8; parameters in
        the query string count too): app_id (must be --app-id), method,
        charset utf-8, sign_type RSA2, timestamp "yyyy-MM-dd HH:mm:ss",
        version 1.0, format JSON (optional), notify_url (optional),
        biz_content (JSON) and sign: RSA2 with the app's public key over all
        parameters but sign, empty values dropped, sorted by name (byte
        order), raw decoded values joined k=v&k=v. Answers HTTP 200,
        Content-Type text/html;charset=utf-8, with
        {"<method with . as _>_response":{...},"sign":"<RSA2 of exactly the
        node's text with --alipay-private-key>"}. A bad or missing signature
        gets {"error_response":{"code":"40002","msg":"Invalid Arguments",
        "sub_code":"isv.invalid-signature","sub_msg":"验签出错"},"sign":...};
        other malformed common parameters get an error_response with
        isv.invalid-app-id, isv.invalid-method, isv.invalid-signature-type,
        isv.invalid-charset, isv.invalid-timestamp, isv.invalid-version,
        isv.invalid-format or isv.missing-signature (all signed).
    alipay.trade.precreate  biz_content out_trade_no, total_amount, subject
        required (else 40004 ACQ.INVALID_PARAMETER): records the trade (state
        CREATED) with the request's notify_url and answers 10000 Success,
        out_trade_no, qr_code https://qr.alipay.com/bax0... (random per
        trade). The same out_trade_no again: same amount → the same qr_code;
        another amount → 40004 ACQ.CONTEXT_INCONSISTENT; paid → 40004
        ACQ.TRADE_HAS_SUCCESS; closed → 40004 ACQ.TRADE_HAS_CLOSE.
    alipay.trade.query  unknown or never scanned → 40004
        ACQ.TRADE_NOT_EXIST 交易不存在; else 10000 with trade_no,
        out_trade_no, buyer_logon_id, trade_status (WAIT_BUYER_PAY,
        TRADE_SUCCESS, TRADE_CLOSED), total_amount, and when paid also
        buyer_pay_amount, receipt_amount, send_pay_date.
    alipay.trade.close  unknown or never scanned → 40004 ACQ.TRADE_NOT_EXIST;
        waiting (or already closed) → 10000 with trade_no, out_trade_no and the
        trade becomes TRADE_CLOSED; paid → 40004 ACQ.TRADE_STATUS_ERROR.
    Another method → error_response isv.invalid-method. Every gateway request
    is logged ({"time", "method", "app_id", "biz_content", "notify_url",
    "signature_ok", "answer"}) to GET /requests and as a JSON line to --log.

Control endpoints for the tests (all answer JSON; 404 for an unknown trade,
409 when the trade's state does not allow it, 400 for bad arguments):

  POST /_control/scan?out_trade_no=X   the buyer scanned the precreated trade:
        WAIT_BUYER_PAY, trade_no and buyer assigned. {"trade_no": ...}
  POST /_control/pay?out_trade_no=X&notify=N   the buyer paid (scanning first
        if needed): TRADE_SUCCESS, then N (default 1, 0 = none, at most 20)
        good notifications are POSTed to the trade's notify_url one after the
        other, synchronously. {"trade_no": ..., "answers": [{"status": 200,
        "body": "success"}, ...]} (an answer that failed is {"error": "..."}).
  POST /_control/notify?out_trade_no=X&mode=M&count=N[&shuffle=1]   sends N
        (default 1, at most 20) copies of one notification variant (same
        notify_id) without changing the trade, and returns {"trade_no",
        "answers"}. Modes (trade_status TRADE_SUCCESS unless said):
          good          signed with --alipay-private-key, as pay sends
          forged        signed with another RSA key made at startup
          tampered      signed, then total_amount changed to 0.01
          wrong_amount  correctly signed, every amount 0.01 more
          wrong_app     correctly signed, app_id/auth_app_id another app's
          closed        correctly signed, trade_status TRADE_CLOSED
          finished      correctly signed, trade_status TRADE_FINISHED
          unsigned      no sign parameter
        shuffle=1 sends the parameters in a random order.
        Notifications are POSTed with Content-Type
        "application/x-www-form-urlencoded; text/html; charset=utf-8",
        UTF-8 form encoding ('+' for a space) and the parameters notify_time,
        notify_type=trade_status_sync, notify_id, charset=utf-8, version=1.0,
        sign_type=RSA2, sign, auth_app_id, app_id, trade_no, out_trade_no,
        buyer_id, buyer_logon_id, seller_id, seller_email, trade_status,
        total_amount, receipt_amount, invoice_amount, buyer_pay_amount,
        point_amount, subject, gmt_create, gmt_payment (gmt_close when
        closed) and fund_bill_list ([{"amount":"650.00",
        "fundChannel":"ALIPAYACCOUNT"}] as JSON text), signed over all but
        sign and sign_type, sorted, raw values. The notify_url must be
        http://127.0.0.1[:port]/... or http://localhost[:port]/... (else 400).
  POST /_control/break?mode=bad_sign|unsigned|http500|garbage&count=K   the
        next K (default 1, at most 100) gateway answers are broken that way:
        a wrong signature, no sign member, HTTP 500, or a non-JSON 200 body.
        The request itself is still carried out. count=0 cancels.
  POST /_control/reset   forgets every trade, request and break plan.
  GET  /trades    {out_trade_no: {"state", "amount", "subject", "qr_code",
                  "notify_url", "trade_no", "buyer_logon_id"}}; state is
                  CREATED (not scanned), WAIT_BUYER_PAY, TRADE_SUCCESS or
                  TRADE_CLOSED.
  GET  /requests  the logged gateway requests, a JSON list.
  GET  /health    {"ok": true}.
"""
import base64
import binascii
import http.client
import json
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import fakelib

MAX_BODY = 64 * 1024
MAX_NOTIFY = 20
MAX_BREAK = 100
MAX_REQUESTS = 10000
NOTIFY_ANSWER_MAX = 4096
OTHER_APP_ID = "2021000000009999"
NOTIFY_CTYPE = "application/x-www-form-urlencoded; text/html; charset=utf-8"
METHODS = ("alipay.trade.precreate", "alipay.trade.query", "alipay.trade.close")
TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
AMOUNT_RE = re.compile(r"^(\d{1,10})(?:\.(\d{1,2}))?$")
HERE = os.path.dirname(os.path.abspath(__file__))
KEY_DIR = os.path.join(HERE, "..", "unit", "alipay-keys")


def shanghai_time(t=None):
    """Alipay's "yyyy-MM-dd HH:mm:ss" in Asia/Shanghai (UTC+8, no DST)."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime((time.time() if t is None else t) + 8 * 3600))


def amount_to_fen(s):
    """Parses "650.00" exactly into 65000; None when malformed or not positive."""
    m = AMOUNT_RE.match(s) if isinstance(s, str) else None
    if not m:
        return None
    fen = int(m.group(1)) * 100 + int((m.group(2) or "0").ljust(2, "0"))
    return fen if fen > 0 else None


def fen_to_amount(fen):
    return "%d.%02d" % (fen // 100, fen % 100)


class Signer:
    """RSA2 through the openssl command line; keeps a throwaway key for forgeries."""

    def __init__(self, app_public, alipay_private):
        self.app_public = app_public
        self.alipay_private = alipay_private
        self.tmp = tempfile.mkdtemp(prefix="alipay-fake.")
        self.forged_private = os.path.join(self.tmp, "forged_private.pem")
        subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                        "-out", self.forged_private], check=True, capture_output=True, timeout=60)

    def sign(self, data, key=None):
        """Base64 SHA256withRSA of the bytes data with key (default Alipay's private key)."""
        p = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key or self.alipay_private],
                           input=data, capture_output=True, timeout=30, check=True)
        return base64.b64encode(p.stdout).decode("ascii")

    def verify_app(self, data, b64sig):
        """True when b64sig is the app's valid signature over the bytes data."""
        try:
            sig = base64.b64decode(b64sig, validate=True)
        except (binascii.Error, ValueError):
            return False
        if not sig:
            return False
        with tempfile.NamedTemporaryFile(dir=self.tmp, suffix=".sig") as f:
            f.write(sig)
            f.flush()
            p = subprocess.run(["openssl", "dgst", "-sha256", "-verify", self.app_public, "-signature", f.name],
                               input=data, capture_output=True, timeout=30)
        return p.returncode == 0

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def sign_string(params, drop):
    """Alipay's sign string: names in drop and empty values left out, sorted by name in
    byte order, raw values joined name=value&name=value, as UTF-8 bytes."""
    kept = sorted(((k.encode("utf-8"), v.encode("utf-8")) for k, v in params if k not in drop and k and v))
    return b"&".join(k + b"=" + v for k, v in kept)


def form_encode(pairs):
    """URL-encodes pairs the way Alipay's Java notifier does ('+' for a space)."""
    return "&".join(urllib.parse.quote_plus(k, safe="*") + "=" + urllib.parse.quote_plus(v, safe="*")
                    for k, v in pairs)


def result(code, msg, sub_code=None, sub_msg=None, **fields):
    node = {"code": code, "msg": msg}
    if sub_code:
        node["sub_code"] = sub_code
        node["sub_msg"] = sub_msg
    node.update(fields)
    return node


def business_error(sub_code, sub_msg):
    return result("40004", "Business Failed", sub_code, sub_msg)


def invalid_arguments(sub_code, sub_msg):
    return result("40002", "Invalid Arguments", sub_code, sub_msg)


class Gateway:
    """The trades, the request log and the break plan, shared by the handler threads."""

    def __init__(self, args, signer):
        self.lock = threading.Lock()
        self.args = args
        self.signer = signer
        self.trades = {}
        self.requests = []
        self.break_mode = None
        self.break_count = 0

    def reset(self):
        with self.lock:
            self.trades.clear()
            self.requests.clear()
            self.break_mode, self.break_count = None, 0

    def log(self, entry):
        with self.lock:
            if len(self.requests) < MAX_REQUESTS:
                self.requests.append(entry)
            if self.args.log:
                with open(self.args.log, "a", encoding="utf-8") as f:
                    f.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def take_break(self):
        """The break mode for this answer, if the plan has one left."""
        with self.lock:
            if self.break_count <= 0:
                return None
            self.break_count -= 1
            return self.break_mode

    # ---- the gateway ----

    def check_common(self, params):
        """An error_response node for a bad common parameter, else None."""
        if params.get("app_id") != self.args.app_id:
            return invalid_arguments("isv.invalid-app-id", "无效的AppID参数")
        if params.get("method") not in METHODS:
            return invalid_arguments("isv.invalid-method", "不存在的方法名")
        if params.get("format", "JSON").upper() != "JSON":
            return invalid_arguments("isv.invalid-format", "无效的数据格式")
        if params.get("charset", "").lower() != "utf-8":
            return invalid_arguments("isv.invalid-charset", "字符集错误")
        if params.get("sign_type") != "RSA2":
            return invalid_arguments("isv.invalid-signature-type", "无效的签名类型")
        if not TIMESTAMP_RE.match(params.get("timestamp", "")):
            return invalid_arguments("isv.invalid-timestamp", "非法的时间戳参数")
        if params.get("version") != "1.0":
            return invalid_arguments("isv.invalid-version", "版本号错误")
        if not params.get("sign"):
            return invalid_arguments("isv.missing-signature", "缺少签名参数")
        return None

    def precreate(self, biz, notify_url):
        out_trade_no, subject = biz.get("out_trade_no"), biz.get("subject")
        fen = amount_to_fen(biz.get("total_amount"))
        if not isinstance(out_trade_no, str) or not out_trade_no or len(out_trade_no) > 64 or \
                not isinstance(subject, str) or not subject or fen is None:
            return business_error("ACQ.INVALID_PARAMETER", "参数无效")
        with self.lock:
            t = self.trades.get(out_trade_no)
            if t is None:
                t = self.trades[out_trade_no] = {
                    "state": "CREATED", "fen": fen, "amount": fen_to_amount(fen), "subject": subject,
                    "qr_code": "https://qr.alipay.com/bax0" + secrets.token_hex(10),
                    "notify_url": notify_url, "trade_no": "", "buyer_logon_id": "", "buyer_id": "",
                    "gmt_create": shanghai_time(), "gmt_payment": "", "gmt_close": "",
                }
            if t["fen"] != fen:
                return business_error("ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改")
            if t["state"] == "TRADE_SUCCESS":
                return business_error("ACQ.TRADE_HAS_SUCCESS", "交易已被支付")
            if t["state"] == "TRADE_CLOSED":
                return business_error("ACQ.TRADE_HAS_CLOSE", "交易已经关闭")
            return result("10000", "Success", out_trade_no=out_trade_no, qr_code=t["qr_code"])

    def query(self, biz):
        with self.lock:
            t = self.trades.get(biz.get("out_trade_no"))
            if t is None or t["state"] == "CREATED":
                return business_error("ACQ.TRADE_NOT_EXIST", "交易不存在")
            node = result("10000", "Success", trade_no=t["trade_no"], out_trade_no=biz["out_trade_no"],
                          buyer_logon_id=t["buyer_logon_id"], trade_status=t["state"],
                          total_amount=t["amount"])
            if t["state"] == "TRADE_SUCCESS":
                node.update(buyer_pay_amount=t["amount"], receipt_amount=t["amount"],
                            send_pay_date=t["gmt_payment"], buyer_user_id=t["buyer_id"])
            return node

    def close_trade(self, biz):
        with self.lock:
            t = self.trades.get(biz.get("out_trade_no"))
            if t is None or t["state"] == "CREATED":
                return business_error("ACQ.TRADE_NOT_EXIST", "交易不存在")
            if t["state"] == "TRADE_SUCCESS":
                return business_error("ACQ.TRADE_STATUS_ERROR", "交易状态不合法")
            if t["state"] != "TRADE_CLOSED":
                t["state"], t["gmt_close"] = "TRADE_CLOSED", shanghai_time()
            return result("10000", "Success", trade_no=t["trade_no"], out_trade_no=biz["out_trade_no"])

    def business(self, method, biz, notify_url):
        if not isinstance(biz, dict):
            return business_error("ACQ.INVALID_PARAMETER", "参数无效")
        if method == "alipay.trade.precreate":
            return self.precreate(biz, notify_url)
        if method == "alipay.trade.query":
            return self.query(biz)
        return self.close_trade(biz)

    def answer(self, params):
        """Carries out one gateway request: (node name, node, signature_ok)."""
        method = params.get("method", "")
        node = self.check_common(params)
        sig_ok = False
        if node is None:
            sig_ok = self.signer.verify_app(sign_string(params.items(), ("sign",)), params["sign"])
            if not sig_ok:
                node = invalid_arguments("isv.invalid-signature", "验签出错")
        if node is not None:
            return "error_response", node, sig_ok
        try:
            biz = json.loads(params.get("biz_content", ""))
        except ValueError:
            biz = None
        return method.replace(".", "_") + "_response", self.business(method, biz, params.get("notify_url", "")), True

    def body(self, name, node, brk):
        """The answer body for node (signed unless brk says otherwise): (status, bytes)."""
        if brk == "http500":
            return 500, "<html><body>500 Internal Server Error</body></html>".encode("utf-8")
        if brk == "garbage":
            return 200, "<html><body>系统繁忙</body></html>".encode("utf-8")
        text = json.dumps(node, ensure_ascii=False, separators=(",", ":"))
        data = text.encode("utf-8")
        out = '{"' + name + '":' + text
        if brk == "bad_sign":
            out += ',"sign":"' + self.signer.sign(data + b" ") + '"'
        elif brk != "unsigned":
            out += ',"sign":"' + self.signer.sign(data) + '"'
        return 200, (out + "}").encode("utf-8")

    # ---- notifications ----

    def scan(self, out_trade_no):
        """Marks the trade scanned (under the lock); returns an error (status, text) or None."""
        t = self.trades.get(out_trade_no)
        if t is None:
            return 404, "no such trade"
        if t["state"] == "CREATED":
            t["state"] = "WAIT_BUYER_PAY"
            t["trade_no"] = time.strftime("%Y%m%d", time.gmtime(time.time() + 8 * 3600)) + "2200" + \
                "".join(random.choice("0123456789") for _ in range(16))
            t["buyer_id"] = "2088" + "".join(random.choice("0123456789") for _ in range(12))
            t["buyer_logon_id"] = "138****%04d" % random.randrange(10000)
        return None

    def notify_params(self, t, out_trade_no, mode):
        """The notification's parameters (a list of pairs) for mode, signed as mode says."""
        status = {"closed": "TRADE_CLOSED", "finished": "TRADE_FINISHED"}.get(mode, "TRADE_SUCCESS")
        fen = t["fen"] + (1 if mode == "wrong_amount" else 0)
        amount = fen_to_amount(fen)
        app_id = OTHER_APP_ID if mode == "wrong_app" else self.args.app_id
        p = [("notify_time", shanghai_time()), ("notify_type", "trade_status_sync"),
             ("notify_id", "2026" + secrets.token_hex(16)), ("charset", "utf-8"), ("version", "1.0"),
             ("sign_type", "RSA2"), ("auth_app_id", app_id), ("app_id", app_id),
             ("trade_no", t["trade_no"]), ("out_trade_no", out_trade_no), ("buyer_id", t["buyer_id"]),
             ("buyer_logon_id", t["buyer_logon_id"]), ("seller_id", self.args.seller_id),
             ("seller_email", "pay***@example.com"), ("trade_status", status), ("total_amount", amount),
             ("subject", t["subject"]), ("gmt_create", t["gmt_create"])]
        if status == "TRADE_CLOSED":
            p.append(("gmt_close", t["gmt_close"] or shanghai_time()))
        else:
            p += [("receipt_amount", amount), ("invoice_amount", amount), ("buyer_pay_amount", amount),
                  ("point_amount", "0.00"), ("gmt_payment", t["gmt_payment"] or shanghai_time()),
                  ("fund_bill_list", json.dumps([{"amount": amount, "fundChannel": "ALIPAYACCOUNT"}],
                                                separators=(",", ":")))]
        if mode != "unsigned":
            key = self.signer.forged_private if mode == "forged" else None
            p.append(("sign", self.signer.sign(sign_string(p, ("sign", "sign_type")), key)))
        if mode == "tampered":
            p = [(k, "0.01" if k == "total_amount" else v) for k, v in p]
        return p

    def prepare(self, out_trade_no, mode, pay):
        """Under the lock: scans/pays when pay, then builds the notification. Returns
        (error or None, trade_no, notify_url, params)."""
        with self.lock:
            t = self.trades.get(out_trade_no)
            if t is None:
                return (404, "no such trade"), None, None, None
            if pay:
                if t["state"] not in ("CREATED", "WAIT_BUYER_PAY"):
                    return (409, "trade is " + t["state"]), None, None, None
                self.scan(out_trade_no)
                t["state"], t["gmt_payment"] = "TRADE_SUCCESS", shanghai_time()
            elif not t["trade_no"]:
                self.scan(out_trade_no)
            params = self.notify_params(t, out_trade_no, mode)
            return None, t["trade_no"], t["notify_url"], params


def notify_target(url):
    """(host, port, path) of a loopback http notify_url, else None."""
    u = urllib.parse.urlsplit(url or "")
    try:
        port = u.port or 80
    except ValueError:
        return None
    if u.scheme != "http" or u.hostname not in ("127.0.0.1", "localhost"):
        return None
    return u.hostname, port, (u.path or "/") + ("?" + u.query if u.query else "")


def deliver(target, params, count, shuffle):
    """POSTs the notification count times; returns the answers."""
    host, port, path = target
    answers = []
    for _ in range(count):
        pairs = list(params)
        if shuffle:
            random.shuffle(pairs)
        body = form_encode(pairs).encode("ascii")
        conn = http.client.HTTPConnection(host, port, timeout=15)
        try:
            conn.request("POST", path, body=body, headers={"Content-Type": NOTIFY_CTYPE,
                                                           "User-Agent": "Mozilla/4.0"})
            resp = conn.getresponse()
            text = resp.read(NOTIFY_ANSWER_MAX).decode("utf-8", "replace")
            answers.append({"status": resp.status, "body": text})
        except (OSError, http.client.HTTPException) as e:
            answers.append({"error": str(e)})
        finally:
            conn.close()
    return answers


class Handler(fakelib.Handler):
    server_version = "alipay-gateway-fake/1"

    def error(self, status, text):
        """Every error of this fake is JSON: {"error": text}."""
        return self.json_reply(status, {"error": text})

    def do_GET(self):
        gw = self.server.gateway
        path = urllib.parse.urlsplit(self.path).path
        if path == "/health":
            return self.json_reply(200, {"ok": True})
        if path == "/trades":
            with gw.lock:
                trades = {k: {"state": t["state"], "amount": t["amount"], "subject": t["subject"],
                              "qr_code": t["qr_code"], "notify_url": t["notify_url"],
                              "trade_no": t["trade_no"], "buyer_logon_id": t["buyer_logon_id"]}
                          for k, t in gw.trades.items()}
            return self.json_reply(200, trades)
        if path == "/requests":
            with gw.lock:
                found = list(gw.requests)
            return self.json_reply(200, found)
        return self.error(404, "not found")

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        body = self.read_body(MAX_BODY)
        if body is None:
            return None
        try:
            query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        except ValueError:
            return self.error(400, "bad query string")
        if url.path == "/gateway.do":
            return self.gateway(url.query, body)
        if url.path == "/_control/reset":
            self.server.gateway.reset()
            return self.json_reply(200, {"ok": True})
        if url.path == "/_control/break":
            return self.control_break(query)
        if url.path == "/_control/scan":
            return self.control_scan(query)
        if url.path in ("/_control/pay", "/_control/notify"):
            return self.control_notify(query, url.path == "/_control/pay")
        return self.error(404, "not found")

    def gateway(self, query, body):
        gw = self.server.gateway
        ctype = self.headers.get("Content-Type", "")
        if ctype.split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
            return self.error(415, "want application/x-www-form-urlencoded")
        try:
            pairs = urllib.parse.parse_qsl(query, keep_blank_values=True, errors="strict") + \
                urllib.parse.parse_qsl(body.decode("utf-8", "strict"), keep_blank_values=True, errors="strict")
        except (UnicodeDecodeError, ValueError):
            return self.error(400, "body is not UTF-8")
        params = dict(pairs)
        if len(params) != len(pairs):
            name, node, sig_ok = "error_response", invalid_arguments("isv.invalid-parameter", "参数重复"), False
        else:
            name, node, sig_ok = gw.answer(params)
        brk = gw.take_break()
        gw.log({"time": shanghai_time(), "method": params.get("method", ""), "app_id": params.get("app_id", ""),
                "biz_content": params.get("biz_content", ""), "notify_url": params.get("notify_url", ""),
                "signature_ok": sig_ok, "answer": node, "break": brk})
        status, data = gw.body(name, node, brk)
        return self.reply(status, data, "text/html;charset=utf-8")

    def control_break(self, query):
        mode = query.get("mode", "")
        if mode not in ("bad_sign", "unsigned", "http500", "garbage"):
            return self.error(400, "mode must be bad_sign, unsigned, http500 or garbage")
        try:
            count = int(query.get("count", "1"))
        except ValueError:
            return self.error(400, "bad count")
        gw = self.server.gateway
        with gw.lock:
            gw.break_mode, gw.break_count = mode, max(0, min(count, MAX_BREAK))
        return self.json_reply(200, {"mode": mode, "count": gw.break_count})

    def control_scan(self, query):
        gw = self.server.gateway
        out_trade_no = query.get("out_trade_no", "")
        with gw.lock:
            t = gw.trades.get(out_trade_no)
            if t is not None and t["state"] != "CREATED":
                return self.error(409, "trade is " + t["state"])
            err = gw.scan(out_trade_no)
            trade_no = t["trade_no"] if t else None
        if err:
            return self.error(*err)
        return self.json_reply(200, {"trade_no": trade_no, "state": "WAIT_BUYER_PAY"})

    def control_notify(self, query, pay):
        gw = self.server.gateway
        mode = query.get("mode", "good")
        if mode not in ("good", "forged", "tampered", "wrong_amount", "wrong_app", "closed", "finished",
                        "unsigned") or (pay and mode != "good"):
            return self.error(400, "unknown mode")
        try:
            count = int(query.get("notify" if pay else "count", "1"))
        except ValueError:
            return self.error(400, "bad count")
        if count < 0 or count > MAX_NOTIFY or (count == 0 and not pay):
            return self.error(400, "count must be 0..%d" % MAX_NOTIFY)
        err, trade_no, notify_url, params = gw.prepare(query.get("out_trade_no", ""), mode, pay)
        if err:
            return self.error(*err)
        target = notify_target(notify_url)
        if count and target is None:
            return self.json_reply(400, {"error": "notify_url is not http://127.0.0.1 or localhost",
                                         "trade_no": trade_no, "answers": []})
        # Sent without the lock: the application may query this gateway meanwhile.
        answers = deliver(target, params, count, query.get("shuffle") == "1") if count else []
        return self.json_reply(200, {"trade_no": trade_no, "answers": answers})


def main():
    ap = fakelib.arg_parser("local Alipay open-platform gateway fake")
    ap.add_argument("--log", default="")
    ap.add_argument("--app-id", default="2021000000000001")
    ap.add_argument("--seller-id", default="2088000000000001")
    ap.add_argument("--app-public-key", default=os.path.join(KEY_DIR, "app_public.pem"))
    ap.add_argument("--alipay-private-key", default=os.path.join(KEY_DIR, "alipay_private.pem"))
    args = ap.parse_args()

    signer = Signer(os.path.abspath(args.app_public_key), os.path.abspath(args.alipay_private_key))
    fakelib.exit_on_sigterm()  # SIGTERM leaves serve() through SystemExit: the temporary key is removed
    try:
        server = fakelib.http_server(args.port, Handler)
        server.gateway = Gateway(args, signer)
        fakelib.announce(server.server_address[1])
        fakelib.serve(args, server)
    finally:
        signer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
