# tests/cgi/t_parse_cost.py: SECURITY.md 25 measured: every program, as plain CGI, refuses the worst body of each kind at its route's body limit within 50 ms of CPU (the child's user + system time beyond a tiny refused request's).
import os
import resource
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cgitest import TOP_BUILD, Response, Site, Tap  # noqa: E402

KIB = 1024
MIB = 1024 * KIB
BUDGET = 0.050          # seconds of CPU a refusal may cost (SECURITY.md 25)
# Under AddressSanitizer (scripts/test-asan) every byte costs several times as much: the
# refusals are still checked there, their CPU only in the plain build.
SANITIZED = "ASAN_OPTIONS" in os.environ
RUNS = 2                # best of, against the noise of a shared machine
MORE_RUNS = 4           # more, for a body over budget: CPU time doubles while the other hardware
                        # thread of the core is busy (make -j2 check); a parser that is really
                        # slow is over budget in every run
B = "XyZbOuNdArY0123456789"
FORM = "application/x-www-form-urlencoded"
MULTI = "multipart/form-data; boundary=" + B

# Every program's POST paths and their body limits (method + path decide them).
PATHS = [
    ("register", "", 64 * KIB), ("login", "", 64 * KIB), ("home", "", 64 * KIB), ("apply", "", 64 * KIB),
    ("renew", "", 64 * KIB), ("orders", "", 64 * KIB), ("invoice", "", 64 * KIB), ("admin", "", 64 * KIB),
    ("upload", "", 11 * MIB), ("pay", "", 11 * MIB), ("admin", "/invoice_issue", 11 * MIB),
    ("admin", "/statement_upload", 2 * MIB + 64 * KIB),
]


def fill(unit, size, tail=b""):
    """unit repeated, then tail, padded with x to exactly size bytes."""
    body = (unit * ((size - len(tail)) // len(unit)) if unit else b"") + tail
    return body + b"x" * (size - len(body))


def part(name, value=b"1", filename=None):
    disp = b'form-data; name="' + name + b'"' + (b'; filename="' + filename + b'"' if filename is not None else b"")
    return b"--" + B.encode() + b"\r\nContent-Disposition: " + disp + b"\r\n\r\n" + value + b"\r\n"


END = b"--" + B.encode() + b"--\r\n"


def pieces(make, size, reserve):
    """make(0), make(1), ... joined while they leave reserve bytes of size."""
    out, i = [], 0
    total = 0
    while True:
        piece = make(i)
        if total + len(piece) > size - reserve:
            return b"".join(out)
        out.append(piece)
        total += len(piece)
        i += 1


def padded_part(head, name, size, filename=None, fill_byte=b"y"):
    """head, then a part called name whose value fills the body to size bytes with END."""
    value = fill_byte * (size - len(head) - len(part(name, b"", filename)) - len(END))
    return head + part(name, value, filename) + END


def bodies(limit):
    """The worst bodies of each kind, each exactly limit bytes: (label, content type, body)."""
    n = limit
    yield "many pairs of one name", FORM, fill(b"a=1&", n)
    yield "many distinct pairs", FORM, fill(b"", n, pieces(lambda i: b"n%d=&" % i, n, 0))
    yield "one long name", FORM, b"n" * (n - 2) + b"=1"
    yield "a long dotted name", FORM, fill(b"a.", n - 2) + b"=1"
    yield "nested % escapes, then a repeated name", FORM, b"x=" + fill(b"%25", n - 2, b"&x=1")
    yield "empty pieces, then a repeated name", FORM, fill(b"&", n, b"a=1&a=1")
    yield "a NUL byte at the end", FORM, fill(b"a", n - 1) + b"\0"
    same = part(b"a")
    yield "many parts of one name", MULTI, padded_part(pieces(lambda i: same, n, 200), b"z", n)
    yield "many distinct parts", MULTI, padded_part(pieces(lambda i: part(b"n%d" % i), n, 200), b"z", n)
    yield "a newline flood, then a repeated name", MULTI, padded_part(b"", b"note", n - 2 * len(same), fill_byte=b"\n")[:-len(END)] + same + same + END
    yield "delimiters without newlines", MULTI, fill(b"--" + B.encode(), n)
    yield "long header lines", MULTI, fill(b"--" + B.encode() + b"\r\nContent-Disposition: form-data; name=\"a\"; x=\"" + b"y" * 2000 + b"\"\r\n", n)
    yield "a file part flooded with newlines", MULTI, padded_part(b"", b"file", n, b"a.pdf", b"\n")


def run(site, program, path, ctype, body, query=""):
    """Runs program once as plain CGI; returns (status, child CPU seconds)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": "POST",
           "SCRIPT_NAME": "/cgi-bin/%s.fcgi" % program, "QUERY_STRING": query, "REMOTE_ADDR": "127.0.0.1",
           "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8080", "CERTDESK_CONFIG": site.config,
           "CONTENT_TYPE": ctype, "CONTENT_LENGTH": str(len(body))}
    if path:
        env["PATH_INFO"] = path
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([os.path.join(TOP_BUILD, "cgi-bin", program + ".fcgi")], input=body, env=env,
                         capture_output=True, timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Response(out.stdout).status, cpu


def best(site, program, path, ctype, body, query="", runs=RUNS):
    """The lowest CPU time of runs runs, and the status of the last."""
    results = [run(site, program, path, ctype, body, query) for _ in range(runs)]
    return results[-1][0], min(cpu for _, cpu in results)


def main():
    t = Tap()
    site = Site()
    try:
        for program, path, limit in PATHS:
            where = "%s.fcgi%s" % (program, path)
            status, base = best(site, program, path, FORM, b"a=1&a=1")
            t.eq(status, 400, "%s: a repeated name is refused with 400" % where)
            status, _ = run(site, program, path, FORM, b"x" * (limit + 1))
            t.eq(status, 413, "%s: a body of %d bytes is over the limit (413)" % (where, limit + 1))
            for label, ctype, body in bodies(limit):
                status, cpu = best(site, program, path, ctype, body)
                if cpu - base > BUDGET:
                    cpu = min(cpu, best(site, program, path, ctype, body, runs=MORE_RUNS)[1])
                t.ok(len(body) == limit and status in (303, 400, 403, 404, 413),
                     "%s: %s at the limit is refused (%d)" % (where, label, status), "length %d" % len(body))
                name = "%s: %s costs %.1f ms of CPU beyond a tiny refusal (%.1f ms)" % (
                    where, label, (cpu - base) * 1000, base * 1000)
                if SANITIZED:
                    t.skip(name, "CPU is measured in the plain build, not under AddressSanitizer")
                else:
                    t.ok(cpu - base <= BUDGET, name)
            status, cpu = best(site, program, path, FORM, b"", "&".join(["a=1"] * 2000))
            t.ok(status == 400 and (SANITIZED or cpu - base <= BUDGET),
                 "%s: a query string of 2,000 repeated names: 400 in %.1f ms" % (where, (cpu - base) * 1000),
                 "status %d" % status)
    finally:
        site.cleanup()
    t.done()


main()
