"""Starting and stopping the scaled topology for tests: processes in their own process groups, a scratch
PostgreSQL database, a Redis database, and a small cookie-keeping HTTP client.

Every process is started with ``start_new_session=True`` so that stopping it signals its whole group
(gunicorn's workers, Celery's pool processes) and nothing outlives the test session. Output goes to one log
file per process under the topology's directory; ``Topology.logs()`` returns their tails for failure messages.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(what: str, probe: Callable[[], T | None], timeout: float = 60.0, every: float = 0.3,
              logs: Callable[[], str] | None = None) -> T:
    """Poll ``probe`` until it returns something truthy; fail with ``what`` (and the logs) after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}\n{logs() if logs else ''}")
        time.sleep(every)


@dataclass
class Proc:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path

    def alive(self) -> bool:
        return self.popen.poll() is None


@dataclass
class Topology:
    """One scaled deployment on loopback: shared env, a directory, and the processes it started."""

    root: Path
    env: dict[str, str]
    procs: dict[str, Proc] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)

    def run(self, *argv: str, env: dict[str, str] | None = None, timeout: float = 300) -> str:
        """Run a command to completion in the topology's environment; its stdout, or fail with its output."""
        done = subprocess.run(argv, env=env or self.env, cwd=ROOT, capture_output=True, timeout=timeout, check=False)
        if done.returncode != 0:
            raise AssertionError(f"{' '.join(argv)} failed ({done.returncode}):\n"
                                 f"{done.stdout.decode(errors='replace')[-3000:]}\n"
                                 f"{done.stderr.decode(errors='replace')[-3000:]}")
        return done.stdout.decode()

    def start(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> Proc:
        if name in self.procs and self.procs[name].alive():
            raise RuntimeError(f"{name} is already running")
        log = self.root / f"{name}.log"
        with log.open("ab") as out:
            popen = subprocess.Popen(argv, env=env or self.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        self.procs[name] = Proc(name, popen, log)
        return self.procs[name]

    def signal(self, name: str, sig: int) -> None:
        proc = self.procs.get(name)
        if proc is not None and proc.alive():
            try:
                os.killpg(proc.popen.pid, sig)
            except ProcessLookupError:
                pass

    def stop(self, name: str, timeout: float = 30) -> None:
        """TERM the process group (warm shutdown: running tasks finish), KILL it if it does not exit."""
        proc = self.procs.get(name)
        if proc is None:
            return
        self.signal(name, signal.SIGTERM)
        try:
            proc.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.signal(name, signal.SIGKILL)
            proc.popen.wait(timeout=10)
        self._reap_group(proc)

    def kill(self, name: str) -> None:
        """SIGKILL the whole process group at once: no shutdown handler runs, nothing is acknowledged."""
        proc = self.procs[name]
        self.signal(name, signal.SIGKILL)
        proc.popen.wait(timeout=10)
        self._reap_group(proc)

    def _reap_group(self, proc: Proc) -> None:
        # Children may outlive the leader for a moment (or were orphaned by a killed parent): KILL the group
        # until it is empty.
        for _ in range(50):
            try:
                os.killpg(proc.popen.pid, signal.SIGKILL)
            except ProcessLookupError:
                return
            time.sleep(0.1)

    def stop_all(self) -> None:
        for name in list(self.procs):
            try:
                self.stop(name, timeout=15)
            except Exception:  # keep stopping the others
                self.signal(name, signal.SIGKILL)

    def logs(self, lines: int = 40) -> str:
        out = []
        for proc in self.procs.values():
            text = proc.log.read_text(errors="replace").splitlines() if proc.log.exists() else []
            out.append(f"--- {proc.name} ({'running' if proc.alive() else proc.popen.returncode}) ---")
            out.extend(text[-lines:])
        return "\n".join(out)

    # ------------------------------------------------------------------ the scaled processes

    def start_server(self, name: str) -> str:
        """`gongkai serve` (check, collectstatic, gunicorn with 2 workers) with its own data directory."""
        port = free_port()
        data = self.root / f"data-{name}"
        data.mkdir(exist_ok=True)
        env = dict(self.env, GONGKAI_DATA_DIR=str(data))
        self.start(name, [PYTHON, "-m", "gongkai.cli", "serve", "--no-migrate", "--bind", f"127.0.0.1:{port}",
                          "--workers", "2"], env=env)
        url = f"http://127.0.0.1:{port}"
        wait_for(f"{name} to answer /healthz", lambda: _healthy(url), timeout=300, logs=self.logs)
        self.urls[name] = url
        return url

    def start_worker(self, name: str = "worker", *, stalling: bool = False) -> Proc:
        module = "tests.topology.slowworker" if stalling else "celery"
        proc = self.start(name, [PYTHON, "-m", module, "-A", "gongkai.config", "worker", "-l", "info",
                                 "--concurrency", "1", "-n", f"{name}-{os.getpid()}@topology", "--without-gossip",
                                 "--without-mingle", "--without-heartbeat"])
        # Generous start-up limits: on a loaded 2-core machine importing Django alone can take a minute.
        wait_for(f"{name} to connect to the broker", lambda: "ready." in proc.log.read_text(errors="replace"),
                 timeout=300, logs=self.logs)
        return proc

    def start_beat(self) -> Proc:
        return self.start("beat", [PYTHON, "-m", "celery", "-A", "gongkai.config", "beat", "-l", "info",
                                   "-s", str(self.root / "beat-schedule"), "--pidfile", str(self.root / "beat.pid")])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=3) as resp:
            return bool(resp.status == 200)
    except OSError:
        return False


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class Response:
    status: int
    text: str
    location: str = ""


class Browser:
    """A cookie-keeping client for one server: GET, form POST with the CSRF token, JSON POST, staff login."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def _send(self, req: urllib.request.Request) -> Response:
        try:
            with self.opener.open(req, timeout=60) as resp:
                return Response(resp.status, resp.read().decode("utf-8", "replace"), resp.headers.get("Location", ""))
        except urllib.error.HTTPError as exc:
            return Response(exc.code, exc.read().decode("utf-8", "replace"), exc.headers.get("Location", ""))

    def get(self, path: str) -> Response:
        return self._send(urllib.request.Request(self.base + path))

    def csrf(self) -> str:
        for cookie in self.jar:
            if cookie.name == "csrftoken":
                return str(cookie.value)
        return ""

    def post(self, path: str, data: dict[str, str] | None = None) -> Response:
        body = urllib.parse.urlencode({**(data or {}), "csrfmiddlewaretoken": self.csrf()}).encode()
        return self._send(urllib.request.Request(self.base + path, data=body, method="POST",
                                                 headers={"Referer": self.base + path}))

    def post_json(self, path: str, payload: dict[str, Any]) -> Response:
        return self._send(urllib.request.Request(self.base + path, data=json.dumps(payload).encode(), method="POST",
                                                 headers={"Content-Type": "application/json"}))

    def login(self, username: str, password: str) -> None:
        page = self.get("/staff/login/")
        assert page.status == 200, page.status
        done = self.post("/staff/login/", {"username": username, "password": password})
        assert done.status == 302 and not done.location.startswith("/staff/login"), (done.status, done.text[:500])


def titles_in(html: str) -> str:
    """Page text with tags removed, for 'is this title on the page' checks."""
    return re.sub(r"<[^>]+>", "", html)
