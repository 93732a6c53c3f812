"""A cache file filled with demo clients and templates, and the dialog's context on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sobrus_comm.services.send_planning import SendContext
from sobrus_comm.store.db import Database
from tests.grouped_send.data import PHARMACIST, PHARMACY, TODAY, demo_database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = demo_database(tmp_path / "cache.sqlite3", n=60)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def context(db: Database) -> SendContext:
    """Signed in as the pharmacist (every permission), offline (no backend)."""
    return SendContext(db, PHARMACIST, PHARMACY, today=lambda: TODAY)
