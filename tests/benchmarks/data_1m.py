"""A decade of history for the benchmarks: 1M cached rows, and a sandbox with 50k clients
and 1M communications.

Both are written with direct SQL inserts (``executemany`` in one transaction), never
through HTTP, once per machine (in the temp folder) and reused; each benchmark works on
its own copy. How long the seeding took is printed to stderr, never as a figure.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from sobrus_comm.backend.sandbox.seed import SeedOptions
from sobrus_comm.backend.sandbox.server import prepare_database
from tests.benchmarks.data_version import CACHE_SOURCES, made_once, sources_digest
from tests.benchmarks.sandbox_data import seeded_sandbox
from tests.history.rows import make_rows

ROWS_1M = 1_000_000
CLIENTS_50K = 50_000
SPACING_S = 300  # one SMS every five minutes: 1M rows span about ten years
CACHE = Path(tempfile.gettempdir()) / "sobrus-comm-bench"
_CHUNK = 50_000


def cache_file_1m(rows: int = ROWS_1M) -> Path:
    """An app cache (every migration applied) holding ``rows`` history rows."""
    # Named after the migrations: a cache made by another schema is not reused.
    name = f"cache-{sources_digest(CACHE_SOURCES)}-{rows}.sqlite3"
    return made_once(CACHE / name, lambda path: _fill_cache(path, rows))


def _fill_cache(path: Path, rows: int) -> None:
    from sobrus_comm.domain.history_row import HISTORY_FIELDS
    from sobrus_comm.store.db import open_database

    open_database(path).close()  # the schema, by the migrations
    conn = sqlite3.connect(path)
    marks = ", ".join("?" * len(HISTORY_FIELDS))
    insert = f"INSERT INTO communications ({', '.join(HISTORY_FIELDS)}) VALUES ({marks})"
    with conn:
        for start in range(0, rows, _CHUNK):
            chunk = make_rows(min(_CHUNK, rows - start), seed=start, spacing_s=SPACING_S,
                              now=1_795_000_000 - start * SPACING_S)
            conn.executemany(insert, (r._replace(id=r.id + start) for r in chunk))
    conn.close()


def copy_cache_into(data_dir: Path, rows: int = ROWS_1M) -> Path:
    """A copy of the 1M-row cache where the app looks for it under ``data_dir``."""
    from sobrus_comm.paths import AppPaths

    target = AppPaths.under(data_dir).ensure().database
    shutil.copyfile(cache_file_1m(rows), target)
    return target


def sandbox_file_1m(clients: int = CLIENTS_50K, history: int = ROWS_1M) -> Path:
    """A seeded sandbox database: the sandbox's own seeder, which inserts in one go."""
    return seeded_sandbox(f"1-{clients}-{history}", lambda path: prepare_database(
        path, SeedOptions(1, clients, history, 10_000_000), reset=True))
