"""Run the sandbox: in a background thread (tests, demo mode) or in the foreground (CLI).

Werkzeug's threaded server, one thread per connection: enough for a loopback test and
demo server, and a real HTTP server, so the client is tested over real sockets.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from sobrus_comm.backend.sandbox import db, languages, ledger
from sobrus_comm.backend.sandbox.app import create_app
from sobrus_comm.backend.sandbox.config import Knobs, SandboxState
from sobrus_comm.backend.sandbox.control import SandboxControl
from sobrus_comm.backend.sandbox.seed import SeedOptions, seed

log = logging.getLogger("sobrus_comm.backend.sandbox")


class _QuietHandler(WSGIRequestHandler):
    """Request lines go to the debug log, not to stderr."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        log.debug("%s %s", self.requestline, code)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def prepare_database(db_path: Path, options: SeedOptions | None = None, *,
                     reset: bool = False) -> bool:
    """Create and seed ``db_path`` unless it already holds a seeded sandbox.

    Returns True when the database was (re)created. An existing database is reused as is
    (demo mode keeps what the user did in it); ``reset=True`` starts afresh.
    """
    if not reset and db.is_initialised(db_path):
        languages.upgrade(db_path)
        conn = db.connect(db_path)
        try:
            ledger.ensure(conn)  # a sandbox file from before the credit ledger
        finally:
            conn.close()
        return False
    conn = db.create(db_path)
    try:
        seed(conn, options or SeedOptions())
    finally:
        conn.close()
    return True


@dataclass
class RunningSandbox:
    """A sandbox serving in a background thread. ``stop()`` it (or use ``with``)."""

    base_url: str
    db_path: Path
    state: SandboxState = field(repr=False)
    _server: BaseWSGIServer = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @property
    def control(self) -> SandboxControl:
        """Test helpers: knobs, balance, sent messages, sales team (see control.py)."""
        return SandboxControl(self.base_url)

    def configure(self, **knobs: Any) -> Knobs:
        """Change runtime knobs directly (no HTTP), e.g. ``configure(fail_rate=0.5)``."""
        return self.state.configure(knobs)

    def reset_knobs(self, **overrides: Any) -> None:
        with self.state.lock:
            self.state.knobs = Knobs(**overrides)

    def stop(self) -> None:
        self.state.stopping.set()  # wakes requests held by latency or timeout faults
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(timeout=10)
        self._server.server_close()

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start(db_path: Path, *, host: str = "127.0.0.1", port: int = 0,
          knobs: Knobs | None = None, fault_seed: int | None = None) -> RunningSandbox:
    """Serve an initialised database in a background daemon thread."""
    if not is_loopback(host):
        raise ValueError(f"the sandbox only listens on loopback, not {host!r}")
    state = SandboxState(db_path=Path(db_path), knobs=knobs or Knobs())
    if fault_seed is not None:
        state.rng.seed(fault_seed)
    server = make_server(host, port, create_app(state), threaded=True,
                         request_handler=_QuietHandler)
    server.daemon_threads = True  # type: ignore[attr-defined]  # a ThreadedWSGIServer
    shown = f"[{host}]" if ":" in host else host
    base_url = f"http://{shown}:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              name=f"sandbox-{server.server_port}", daemon=True)
    thread.start()
    return RunningSandbox(base_url, Path(db_path), state, server, thread)


def run_in_thread(db_path: str | Path, *, seed: int = 1, clients: int = 200,
                  history: int = 500, credits: int = 2500, reset: bool = False,
                  host: str = "127.0.0.1", port: int = 0, **knobs: Any) -> RunningSandbox:
    """Seed ``db_path`` if needed, then serve it on a free loopback port in a thread.

    ``knobs`` are :class:`~sobrus_comm.backend.sandbox.config.Knobs` fields, e.g.
    ``latency_ms=50, fail_rate=0.2, token_ttl=2, delivery_scale=0``.

    >>> sandbox = run_in_thread(tmp_path / "sandbox.sqlite3", clients=50, history=100)
    >>> api = SobrusApi(sandbox.base_url); ...; sandbox.stop()
    """
    path = Path(db_path)
    prepare_database(path, SeedOptions(seed, clients, history, credits), reset=reset)
    initial = Knobs()
    initial.update(knobs)
    return start(path, host=host, port=port, knobs=initial, fault_seed=seed)
