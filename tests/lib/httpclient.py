# tests/lib/httpclient.py: a small HTTP client for the tests (stdlib only): cookie jar, redirects never followed, form parsing, raw requests with bounded waits.
import http.client
import re
import socket
import urllib.parse
from html.parser import HTMLParser

DEFAULT_TIMEOUT = 30


class Response:
    """One HTTP response: status, headers (a list of pairs, in order), body (bytes), text."""

    def __init__(self, status, reason, headers, body):
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", "replace")
        self.error = None  # set when the answer was cut short or missing

    def header(self, name):
        """The first value of a header, or None."""
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def header_all(self, name):
        """Every value of a header."""
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def cookies(self):
        """Set-Cookie headers: {name: Cookie}."""
        out = {}
        for raw in self.header_all("Set-Cookie"):
            c = Cookie.parse(raw)
            if c:
                out[c.name] = c
        return out

    def location_path(self):
        """The Location header reduced to path?query (absolute or relative form)."""
        loc = self.header("Location")
        if loc is None:
            return None
        u = urllib.parse.urlsplit(loc)
        return u.path + ("?" + u.query if u.query else "")

    def csrf(self):
        """The value of the first hidden csrf field, or None."""
        return parse_csrf(self.text)

    def forms(self):
        """The page's forms: [{"action", "method", "fields": {name: value}}]."""
        return parse_forms(self.text)

    def summary(self, size=1200):
        """Status, headers and the start of the body, for diagnostics."""
        head = "\n".join("%s: %s" % kv for kv in self.headers)
        body = self.text if len(self.text) <= size else self.text[:size] + "..."
        error = "(%s)\n" % self.error if self.error else ""
        return "%sHTTP %d %s\n%s\n\n%s" % (error, self.status, self.reason, head, body)

    def __repr__(self):
        return "<Response %d>" % self.status


class Cookie:
    """One Set-Cookie header: name, value, and its attributes (lower-case keys)."""

    def __init__(self, name, value, attrs, raw):
        self.name, self.value, self.attrs, self.raw = name, value, attrs, raw

    @staticmethod
    def parse(raw):
        parts = [p.strip() for p in raw.split(";")]
        if not parts or "=" not in parts[0]:
            return None
        name, _, value = parts[0].partition("=")
        attrs = {}
        for p in parts[1:]:
            k, _, v = p.partition("=")
            attrs[k.strip().lower()] = v.strip()
        return Cookie(name.strip(), value.strip(), attrs, raw)

    def deletes(self):
        """True when the header removes the cookie (Max-Age<=0, a past Expires or an empty value)."""
        age = self.attrs.get("max-age")
        if age is not None:
            try:
                if int(age) <= 0:
                    return True
            except ValueError:
                pass
        if "expires" in self.attrs and re.search(r"\b19[0-9]{2}\b|\b20[01][0-9]\b", self.attrs["expires"]):
            return True
        return self.value == ""


class Client:
    """A browser-like client for one site: keeps cookies, never follows redirects."""

    def __init__(self, base, timeout=DEFAULT_TIMEOUT, user_agent="certdesk-http-test"):
        u = urllib.parse.urlsplit(base)
        if u.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("the tests talk to loopback only, not %r" % base)
        self.base = base.rstrip("/")
        self.host = u.hostname
        self.port = u.port or 80
        self.timeout = timeout
        self.user_agent = user_agent
        self.jar = {}
        self.history = []

    def url(self, path):
        return self.base + path

    def request(self, method, path, body=None, headers=None, fields=None,
                content_type="application/x-www-form-urlencoded", cookies=True):
        """Sends one request; fields (a dict or a list of pairs) are URL-encoded into the body."""
        if fields is not None:
            body = urllib.parse.urlencode(fields).encode("utf-8")
        if isinstance(body, str):
            body = body.encode("utf-8")
        hdrs = {"Host": "%s:%d" % (self.host, self.port), "User-Agent": self.user_agent,
                "Accept": "text/html,*/*", "Accept-Language": "zh-CN,zh;q=0.9"}
        if body is not None:
            hdrs["Content-Type"] = content_type
        if cookies and self.jar:
            hdrs["Cookie"] = "; ".join("%s=%s" % kv for kv in self.jar.items())
        if headers:
            hdrs.update(headers)
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=body, headers=hdrs)
            r = conn.getresponse()
            try:
                data = r.read()
                error = None
            except http.client.IncompleteRead as e:
                data, error = e.partial, "incomplete body: %r" % e
            resp = Response(r.status, r.reason, r.getheaders(), data)
            resp.error = error
        except (OSError, http.client.HTTPException) as e:
            # No answer at all: a pseudo-response with status 0, so a test can report it and go on.
            resp = Response(0, "no response", [], ("connection error: %s: %s" % (type(e).__name__, e)).encode())
            resp.error = resp.text
        finally:
            conn.close()
        for c in resp.cookies().values():
            if c.deletes():
                self.jar.pop(c.name, None)
            else:
                self.jar[c.name] = c.value
        self.history.append((method, path, resp.status))
        del self.history[:-50]
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, fields=None, **kw):
        if fields is None and "body" not in kw:
            fields = {}
        return self.request("POST", path, fields=fields, **kw)

    def csrf(self, path):
        """GETs a page and returns its csrf value (None when it has none)."""
        return self.get(path).csrf()


def raw_request(host, port, data, timeout=DEFAULT_TIMEOUT, first_chunk=None):
    """Sends raw bytes (e.g. headers announcing a body too large to send) and
    returns (status, headers, body) of the answer, or (None, [], error text).
    With first_chunk, only data[:first_chunk] is sent before reading."""
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("loopback only")
    sock = socket.create_connection((host, port), timeout=timeout)
    try:
        try:
            sock.sendall(data if first_chunk is None else data[:first_chunk])
        except OSError:
            pass  # the server may answer and close before reading everything
        chunks = []
        try:
            while True:
                got = sock.recv(65536)
                if not got:
                    break
                chunks.append(got)
                joined = b"".join(chunks)
                head, sep, rest = joined.partition(b"\r\n\r\n")
                if sep:
                    m = re.search(rb"(?im)^content-length:\s*(\d+)", head)
                    if m and len(rest) >= int(m.group(1)):
                        break
        except socket.timeout:
            pass
        except OSError:
            pass
    finally:
        sock.close()
    raw = b"".join(chunks)
    if not raw.startswith(b"HTTP/"):
        return None, [], raw.decode("latin-1")
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        return None, [], raw.decode("latin-1")
    headers = []
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers.append((k.strip(), v.strip()))
    return status, headers, body.decode("utf-8", "replace")


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.current = None
        self.loose = {"action": None, "method": "get", "fields": {}}

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.current = {"action": a.get("action"), "method": a.get("method", "get").lower(), "fields": {}}
            self.forms.append(self.current)
        elif tag in ("input", "button", "select", "textarea") and a.get("name"):
            target = self.current if self.current is not None else self.loose
            kind = a.get("type", "").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                target["fields"].setdefault(a["name"], None)
                return
            target["fields"][a["name"]] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def parse_forms(html):
    """The forms of a page: [{"action", "method", "fields": {name: value}}] (unchecked boxes: None)."""
    p = _FormParser()
    try:
        p.feed(html or "")
        p.close()
    except Exception:  # noqa: BLE001 - malformed HTML: whatever was parsed
        pass
    return p.forms


_CSRF_RE = re.compile(r"<input\b[^>]*>", re.I)


def parse_csrf(html):
    """The value of the first <input type="hidden" name="csrf" value="..."> (any attribute order)."""
    for tag in _CSRF_RE.findall(html or ""):
        if re.search(r"""\bname\s*=\s*["']?csrf["'\s/>]""", tag, re.I):
            m = re.search(r"""\bvalue\s*=\s*"([^"]*)"|\bvalue\s*=\s*'([^']*)'""", tag, re.I)
            if m:
                return m.group(1) if m.group(1) is not None else m.group(2)
    return None


def strip_volatile(html):
    """A page without what changes from one request to the next (csrf values), to compare pages."""
    html = re.sub(r"""(\bname\s*=\s*["']?csrf["']?[^>]*\bvalue\s*=\s*)"[^"]*\"""", r'\1""', html or "")
    html = re.sub(r"""(\bvalue\s*=\s*)"[^"]*"([^>]*\bname\s*=\s*["']?csrf\b)""", r'\1""\2', html)
    return html
