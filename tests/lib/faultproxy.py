# tests/lib/faultproxy.py: a TCP proxy in front of a gateway fake that a test switches between up, down (connection refused), slow and blackhole (accepted, never answered), for the fault tests of SMS, SMTP and Alipay.
"""A gateway in trouble, on demand.

    p = FaultProxy(fake_port)          # listens on 127.0.0.1:p.port, forwards to the fake
    p.set("blackhole")                 # new connections are accepted and never answered
    p.set("down")                      # nothing listens: connections are refused
    p.set("slow")                      # each connection waits p.delay seconds, then is forwarded
    p.set("up")                        # forwards again; held connections are closed
    p.close()

Leaving blackhole closes the connections it held, as a gateway that restarts
would; leaving down listens on the same port again. Threads are daemons, so
a test that dies leaves nothing running.
"""
import select
import socket
import threading
import time

MODES = ("up", "down", "slow", "blackhole")


class FaultProxy:
    """One proxied gateway (see the module doc)."""

    def __init__(self, target_port, delay=3.0):
        self.target = ("127.0.0.1", target_port)
        self.delay = delay
        self.mode = "up"
        self.lock = threading.Lock()
        self.held = []
        self.listener = None
        self.port = 0
        self._listen()

    def _listen(self):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", self.port))
        s.listen(64)
        self.port = s.getsockname()[1]
        self.listener = s
        threading.Thread(target=self._accept, args=(s,), daemon=True).start()

    def set(self, mode):
        """Switches to mode (one of MODES)."""
        if mode not in MODES:
            raise ValueError(mode)
        with self.lock:
            old, self.mode = self.mode, mode
            held, self.held = (self.held, []) if old == "blackhole" and mode != "blackhole" else ([], self.held)
            listener = self.listener if mode == "down" and old != "down" else None
            if listener:
                self.listener = None
        for c in held:
            _close(c)
        if listener:
            _stop_listening(listener)
        if old == "down" and mode != "down":
            self._listen()

    def _accept(self, listener):
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with self.lock:
                mode = self.mode
                if mode == "blackhole":
                    self.held.append(conn)
                    continue
            threading.Thread(target=self._forward, args=(conn, mode), daemon=True).start()

    def _forward(self, conn, mode):
        if mode == "slow":
            time.sleep(self.delay)
        try:
            up = socket.create_connection(self.target, timeout=10)
        except OSError:
            _close(conn)
            return
        pair = {conn: up, up: conn}
        try:
            while True:
                ready, _, _ = select.select(list(pair), [], [], 120)
                if not ready:
                    return
                for s in ready:
                    data = s.recv(65536)
                    if not data:
                        return
                    pair[s].sendall(data)
        except OSError:
            return
        finally:
            _close(conn)
            _close(up)

    def close(self):
        """Stops listening and closes what it holds."""
        with self.lock:
            listener, self.listener = self.listener, None
            held, self.held = self.held, []
        for c in held:
            _close(c)
        if listener:
            _stop_listening(listener)


def _stop_listening(s):
    """Closes a listening socket, waking the thread blocked in its accept()."""
    try:
        s.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    _close(s)


def _close(s):
    try:
        s.close()
    except OSError:
        pass
