from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sobrus_comm.store import Database, open_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "sobrus-comm.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    try:
        yield database
    finally:
        database.close()
