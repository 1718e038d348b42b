# tests/cgi/t_sender.py: certdesk-admin sender: one per data directory, a wake-up delivers at once, idle it costs nothing, a lane that dies is started again, SIGTERM stops it cleanly.
import os
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cgitest import TOP_BUILD, Site, Tap  # noqa: E402

ADMIN = os.path.join(TOP_BUILD, "tools", "certdesk-admin")
TICKS = os.sysconf("SC_CLK_TCK")


def children(pid):
    """The pids whose parent is pid."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def usage(pids):
    """(CPU seconds, context switches) used so far by pids."""
    cpu, switches = 0, 0
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            cpu += int(fields[11]) + int(fields[12])
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        switches += int(line.split()[1])
        except OSError:
            pass
    return cpu / TICKS, switches


def wait_for(cond, timeout):
    deadline = time.monotonic() + timeout
    value = cond()
    while not value and time.monotonic() < deadline:
        time.sleep(0.02)
        value = cond()
    return value


def queue_sms(site, mobile, text):
    site.sql("INSERT INTO outbox (kind, recipient, body, created_ms, due_ms) VALUES ('sms', '%s', '%s', 0, 0)"
             % (mobile, text))


def wake(site, within=5.0):
    """Sends the SMS lane its wake-up; a lane just started again (slowly, under a sanitizer)
    may not have bound its socket yet, so refusals are retried for a while."""
    deadline = time.monotonic() + within
    while True:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        try:
            s.sendto(b"w", os.path.join(site.data, "sender-sms.sock"))
            return
        except (ConnectionRefusedError, FileNotFoundError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
        finally:
            s.close()


def delivered(site, text):
    return [m for m in site.sms() if m[2] == text]


def main():
    t = Tap()
    site = Site(sender=False)
    proc = None
    try:
        proc = subprocess.Popen([ADMIN, "--config", site.config, "sender"], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=open(os.path.join(site.dir, "sender.log"), "ab"))
        run(t, site, proc)
    finally:
        if proc and proc.poll() is None:
            proc.kill()
            proc.wait()
        site.cleanup()
    t.done()


def run(t, site, proc):
    socks = [os.path.join(site.data, "sender-%s.sock" % k) for k in ("sms", "mail")]
    t.ok(wait_for(lambda: all(os.path.exists(s) for s in socks), 10), "the sender listens for wake-ups, one lane per kind")
    lanes = children(proc.pid)
    t.eq(len(lanes), 2, "two lanes run")

    second = subprocess.run([ADMIN, "--config", site.config, "sender"], capture_output=True, timeout=30)
    t.eq(second.returncode, 2, "a second sender on the same data exits 2")
    t.ok(b"another sender" in second.stderr, "saying another one runs", second.stderr)

    queue_sms(site, "13900000001", "唤醒即发")
    start = time.monotonic()
    wake(site)
    t.ok(wait_for(lambda: delivered(site, "唤醒即发"), 5), "a wake-up sends the queued SMS")
    t.ok(time.monotonic() - start < 1.0, "within a second (%.3f s)" % (time.monotonic() - start))

    time.sleep(0.5)
    cpu0, sw0 = usage([proc.pid] + lanes)
    time.sleep(3)
    cpu1, sw1 = usage([proc.pid] + lanes)
    t.ok(cpu1 - cpu0 <= 0.02, "idle for 3 s it uses no CPU (%.2f s)" % (cpu1 - cpu0))
    t.ok(sw1 - sw0 <= 6, "and hardly wakes (%d context switches)" % (sw1 - sw0))

    os.kill(lanes[0], signal.SIGKILL)
    t.ok(wait_for(lambda: len(children(proc.pid)) == 2 and set(children(proc.pid)) != set(lanes), 10),
         "a lane that dies is started again")
    time.sleep(0.3)
    queue_sms(site, "13900000002", "重启后照发")
    wake(site)
    t.ok(wait_for(lambda: delivered(site, "重启后照发"), 5), "and messages still go")
    t.eq(len(delivered(site, "唤醒即发")), 1, "none twice")

    lanes = children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    try:
        rc = proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        rc = None
    t.eq(rc, 0, "SIGTERM stops the sender with status 0")
    t.ok(not any(os.path.exists("/proc/%d" % p) for p in lanes), "with its lanes")
    t.ok(not any(os.path.exists(s) for s in socks), "removing the wake-up sockets")
    r = site.admin("sender", "extra")
    t.eq(r.returncode, 2, "sender takes no argument")


if __name__ == "__main__":
    main()
