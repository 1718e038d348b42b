# bench/bench.py: load benchmark of the account pages through a real lighttpd (wrk on loopback), with the targets they must meet.
"""Usage: top_builddir=BUILD top_srcdir=SRC python3 bench/bench.py [--seconds N] [--record FILE]

Measures, through lighttpd + FastCGI on 127.0.0.1, requests per second and latency of
GET home.fcgi (the home page) and GET register.fcgi (a visitor form: cookie + CSRF),
and the resident memory of each FastCGI process before and after the load (a leak
across requests shows as growth). Exits 1 when a target is missed.
"""
import argparse
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "lib"))
from servers import Site  # noqa: E402

# Targets on the project's 2-core machine (see bench/README.md for how they were chosen).
TARGETS = {
    "home_rps": 1500,         # requests per second, GET home.fcgi
    "register_rps": 1500,     # requests per second, GET register.fcgi (sets a cookie)
    "p99_ms": 50,           # 99th percentile latency, either page
    "rss_growth_kib": 2048,   # RSS growth of one FastCGI process over the whole run
}


def rss_kib(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            m = re.search(r"VmRSS:\s+(\d+)", f.read())
            return int(m.group(1)) if m else 0
    except OSError:
        return 0


def fcgi_pids(program):
    out = subprocess.run(["pgrep", "-f", "cgi-bin/%s.fcgi" % program], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def wrk(url, seconds):
    out = subprocess.run(["wrk", "-t2", "-c8", "-d%ds" % seconds, "--latency", url],
                         capture_output=True, text=True, timeout=seconds + 60)
    text = out.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rps, float(p99.group(1)) * scale, int(errors.group(1)) if errors else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--record")
    args = ap.parse_args()
    site = Site(server="lighttpd", sms_driver="file").start()
    lines, failed = [], 0
    try:
        for program, key in (("home", "home_rps"), ("register", "register_rps")):
            url = site.url("/cgi-bin/%s.fcgi" % program)
            subprocess.run(["wrk", "-t1", "-c2", "-d1s", url], capture_output=True, timeout=60)
            before = {p: rss_kib(p) for p in fcgi_pids(program)}
            rps, p99, errors = wrk(url, args.seconds)
            time.sleep(0.2)
            growth = max([rss_kib(p) - before.get(p, rss_kib(p)) for p in fcgi_pids(program)] or [0])
            checks = [(rps >= TARGETS[key], "%s: %.0f req/s (target >= %d)" % (program, rps, TARGETS[key])),
                      (p99 <= TARGETS["p99_ms"], "%s: p99 %.1f ms (target <= %d)" % (program, p99, TARGETS["p99_ms"])),
                      (errors == 0, "%s: %d non-2xx/3xx answers (target 0)" % (program, errors)),
                      (growth <= TARGETS["rss_growth_kib"], "%s: RSS growth %d KiB (target <= %d)" % (program, growth, TARGETS["rss_growth_kib"]))]
            for good, text in checks:
                failed += not good
                lines.append(("PASS " if good else "MISS ") + text)
    finally:
        site.stop()
    report = "\n".join(lines)
    print(report)
    if args.record:
        with open(args.record, "w") as f:
            f.write("# certdesk bench, %s, %d s per page, 2 threads x 8 connections, lighttpd + FastCGI on loopback\n%s\n"
                    % (time.strftime("%Y-%m-%d"), args.seconds, report))
    sys.exit(1 if failed else 0)


main()
