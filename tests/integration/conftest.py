"""Fixtures for tests that talk to the sandbox over real HTTP on loopback.

- ``sandbox``: one server for the whole session (small seeded data: 200 clients, 500
  history rows; delivery is instant), started by
  :func:`sobrus_comm.backend.sandbox.server.run_in_thread` on a free loopback port.
  Its runtime knobs (faults, latency…) are reset after every test that uses it.
- ``control``: :class:`SandboxControl` for the /sandbox endpoints (balance, sent, knobs…).
- ``api`` / ``assistant_api``: logged-in clients with short timeouts and fast retries.
- ``make_api``: builds more clients (own timeouts/retries; one per thread).

Tests outside this folder (GUI, benchmarks) should call ``run_in_thread`` directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.demo import (
    DEMO_ASSISTANT_PASSWORD,
    DEMO_ASSISTANT_USERNAME,
    DEMO_PASSWORD,
    DEMO_USERNAME,
)
from sobrus_comm.backend.sandbox.control import SandboxControl
from sobrus_comm.backend.sandbox.server import RunningSandbox, run_in_thread

SANDBOX_SEED = 7
# Knobs every test starts from: instant delivery, so statuses are final on the next read.
BASE_KNOBS: dict[str, Any] = {"delivery_scale": 0.0}
FAST_CLIENT: dict[str, Any] = {"timeout": (2.0, 5.0), "retries": 2, "backoff_factor": 0.0}


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    path = tmp_path_factory.mktemp("sandbox") / "sandbox.sqlite3"
    running = run_in_thread(path, seed=SANDBOX_SEED, clients=200, history=500, **BASE_KNOBS)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(autouse=True)
def _reset_sandbox_knobs(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "sandbox" in request.fixturenames:
        request.getfixturevalue("sandbox").reset_knobs(**BASE_KNOBS)


@pytest.fixture
def control(sandbox: RunningSandbox) -> SandboxControl:
    return sandbox.control


@pytest.fixture
def sandbox_db(sandbox: RunningSandbox) -> Path:
    """The sandbox's SQLite file, for assertions that look behind the API."""
    return sandbox.db_path


@pytest.fixture
def make_api(sandbox: RunningSandbox) -> Iterator[Callable[..., SobrusApi]]:
    made: list[SobrusApi] = []

    def make(username: str | None = DEMO_USERNAME, password: str = DEMO_PASSWORD,
             **options: Any) -> SobrusApi:
        client = SobrusApi(sandbox.base_url, **{**FAST_CLIENT, **options})
        made.append(client)
        if username:
            client.login(username, password)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def api(make_api: Callable[..., SobrusApi]) -> SobrusApi:
    """Logged in as the pharmacist (every permission)."""
    return make_api()


@pytest.fixture
def assistant_api(make_api: Callable[..., SobrusApi]) -> SobrusApi:
    """Logged in as the assistant (may not send SMS nor edit templates)."""
    return make_api(DEMO_ASSISTANT_USERNAME, DEMO_ASSISTANT_PASSWORD)
