"""Fixtures of the settings tests: a real SQLite cache and, when asked, the real sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.sandbox.server import RunningSandbox, run_in_thread

PDF_BYTES = b"%PDF-1.4\n% avis de virement\n%%EOF\n"



@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    running = run_in_thread(tmp_path / "sandbox.sqlite3", clients=20, history=60, credits=300)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def api(sandbox: RunningSandbox) -> Iterator[SobrusApi]:
    client = SobrusApi(sandbox.base_url, retries=0)
    client.login("pharmacien", "demo")
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
def proof_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "avis-de-virement.pdf"
    path.write_bytes(PDF_BYTES)
    return path
