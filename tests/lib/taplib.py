# tests/lib/taplib.py: TAP output for the Python tests (numbered points, plan at the end, skip-all, a time limit, exceptions reported as failures).
import os
import re
import signal
import sys
import traceback


class SkipAll(Exception):
    """Raised to skip the whole file: prints "1..0 # SKIP reason"."""


class TestTimeout(Exception):
    """Raised by the alarm when the whole file runs past its time limit."""


class Tap:
    """Numbered TAP test points; the plan is printed by done()."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, diag=None):
        """One test point; diag (any text) is printed as comments when it fails."""
        self.n += 1
        cond = bool(cond)
        if not cond:
            self.failed += 1
        name = str(name).replace("\n", " ").replace("#", "\\#")
        print("%s %d - %s" % ("ok" if cond else "not ok", self.n, name), flush=True)
        if not cond and diag is not None:
            self.diag(diag)
        return cond

    def eq(self, got, want, name, diag=None):
        """Passes when got == want; prints both otherwise."""
        text = "got:  %r\nwant: %r" % (got, want)
        if diag is not None:
            text += "\n" + str(diag)
        return self.ok(got == want, name, text)

    def is_in(self, got, allowed, name, diag=None):
        """Passes when got is one of allowed."""
        text = "got:  %r\nwant one of: %r" % (got, allowed)
        if diag is not None:
            text += "\n" + str(diag)
        return self.ok(got in allowed, name, text)

    def like(self, text, pattern, name):
        """Passes when the regular expression pattern is found in text."""
        found = text is not None and re.search(pattern, text) is not None
        return self.ok(found, name, "no match for %r in:\n%s" % (pattern, excerpt(text)))

    def unlike(self, text, pattern, name):
        """Passes when the regular expression pattern is not found in text."""
        found = text is not None and re.search(pattern, text) is not None
        return self.ok(not found, name, "unexpected match for %r in:\n%s" % (pattern, excerpt(text)))

    def skip(self, name, reason):
        """A test point skipped for a reason."""
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, name, reason), flush=True)

    def diag(self, text, limit=60):
        """Comments on standard output (TAP diagnostics), at most limit lines."""
        lines = str(text).splitlines() or [""]
        for line in lines[:limit]:
            print("#   " + line, flush=True)
        if len(lines) > limit:
            print("#   ... (%d more lines)" % (len(lines) - limit), flush=True)

    def done(self):
        """Prints the plan; returns the exit status (1 when a point failed)."""
        print("1..%d" % self.n, flush=True)
        return 1 if self.failed else 0


def require_tier(tier):
    """Skips the file unless CERTDESK_TIERS (e.g. "123" for distcheck) is unset or names the tier."""
    tiers = os.environ.get("CERTDESK_TIERS")
    if tiers and str(tier) not in tiers:
        raise SkipAll("tier %s not in CERTDESK_TIERS=%s" % (tier, tiers))


def excerpt(text, size=1500):
    """The start of a long text, for diagnostics."""
    if text is None:
        return "(none)"
    text = str(text)
    return text if len(text) <= size else text[:size] + "\n... (%d more characters)" % (len(text) - size)


def run(body, time_limit=None):
    """Runs body(tap) under a time limit, turning SkipAll into a skip plan and
    any other exception into a failed point; exits with the TAP status."""
    tap = Tap()
    limit = int(time_limit or os.environ.get("CERTDESK_TEST_TIMEOUT", "900"))

    def on_alarm(signum, frame):
        raise TestTimeout("the test ran past its %d s limit" % limit)

    def on_term(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGALRM, on_alarm)
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, on_term)
    signal.alarm(limit)
    status = 0
    try:
        body(tap)
    except SkipAll as e:
        signal.alarm(0)
        if tap.n == 0:
            print("1..0 # SKIP %s" % e, flush=True)
            sys.exit(0)
        tap.ok(False, "skipped after %d points: %s" % (tap.n, e))
    except SystemExit:
        raise
    except BaseException as e:  # noqa: B902 - report everything, including the alarm
        tap.ok(False, "unexpected %s: %s" % (type(e).__name__, e), traceback.format_exc())
    finally:
        signal.alarm(0)
    status = tap.done()
    sys.exit(status)
