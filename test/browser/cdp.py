"""A headless Chromium driven over the DevTools protocol, Python stdlib only.

Chromium is started with --remote-debugging-pipe: it reads commands on its
file descriptor 3 and writes answers and events on 4, each a JSON message
ended by a NUL byte. No port is opened and no package beyond Debian's
`chromium` is needed.
"""

import json
import os
import shutil
import subprocess
import tempfile


def find_chromium():
    """The Chromium program, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    def __init__(self, program=None, timeout=60):
        self.program = program or find_chromium()
        if not self.program:
            raise RuntimeError("no chromium in PATH (Debian: apt-get install "
                               "chromium)")
        self.profile = tempfile.TemporaryDirectory(prefix="chokepoint-cdp-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def fds():
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        self.proc = subprocess.Popen(
            [self.program, "--headless", "--no-sandbox", "--disable-gpu",
             "--remote-debugging-pipe", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions",
             "--disable-background-networking", "--disable-sync",
             "--hide-scrollbars", "--mute-audio",
             # Nothing leaves the machine, whatever a page asks for.
             "--host-resolver-rules=MAP * ~NOTFOUND",
             "--user-data-dir=" + self.profile.name, "about:blank"],
            pass_fds=sorted({to_child_r, from_child_w, 3, 4}), preexec_fn=fds,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._id = 0
        self.events = []
        self.timeout = timeout

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_child)
        os.close(self._from_child)
        self.profile.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _read_message(self):
        while b"\0" not in self._buf:
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe (exit %s)" %
                                   self.proc.poll())
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None):
        """Sends a command; returns its result, keeping events seen."""
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        while True:
            m = self._read_message()
            if m.get("id") == self._id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, session=None):
        """Waits for an event (or returns one already seen)."""
        for i, e in enumerate(self.events):
            if e.get("method") == method and e.get("sessionId") == session:
                return self.events.pop(i)
        while True:
            m = self._read_message()
            if m.get("method") == method and m.get("sessionId") == session:
                return m
            self.events.append(m)

    def open_page(self, url):
        """A new tab on url, loaded; returns its session id."""
        target = self.send("Target.createTarget", {"url": "about:blank"})
        session = self.send("Target.attachToTarget",
                            {"targetId": target["targetId"],
                             "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(domain + ".enable", session=session)
        self.send("Page.navigate", {"url": url}, session=session)
        self.wait_event("Page.loadEventFired", session)
        return session

    def evaluate(self, session, expression):
        """The value of a JavaScript expression in the page."""
        r = self.send("Runtime.evaluate",
                      {"expression": expression, "returnByValue": True},
                      session=session)
        if "exceptionDetails" in r:
            raise RuntimeError("%s: %s" % (expression, r["exceptionDetails"]))
        return r["result"].get("value")

    def problems(self, session):
        """Console errors, uncaught exceptions, dialogs and requests that
        left the page's own file, seen so far in the session."""
        found = []
        for e in self.events:
            if e.get("sessionId") != session:
                continue
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.exceptionThrown":
                found.append("exception: %s" % p["exceptionDetails"])
            elif m == "Runtime.consoleAPICalled" and p["type"] in ("error",
                                                                  "warning",
                                                                  "assert"):
                found.append("console %s: %s" % (p["type"], p["args"]))
            elif m == "Log.entryAdded" and p["entry"]["level"] in ("error",
                                                                  "warning"):
                found.append("log %s: %s" % (p["entry"]["level"],
                                             p["entry"]["text"]))
            elif m == "Page.javascriptDialogOpening":
                found.append("dialog: %s" % p.get("message"))
            elif m == "Network.requestWillBeSent":
                url = p["request"]["url"]
                if not url.startswith("file://"):
                    found.append("request: %s" % url)
        return found

    def screenshot(self, session, path, width, height):
        """Saves a PNG of the page at this viewport size."""
        import base64
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1,
                   "mobile": False}, session=session)
        r = self.send("Page.captureScreenshot", {"format": "png"},
                      session=session)
        with open(path, "wb") as f:
            f.write(base64.b64decode(r["data"]))
