"""Rescuing the unsent messages of a database file that had to be set aside.

The cache itself is rebuilt by a full sync, but the outbox exists nowhere else: the
unfinished campaigns of the old file, with all their rows and their original
``client_message_id``s, are copied into the fresh file when they can still be read, so
that they are offered for resumption (and never sent twice) as after any crash.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Connection, Engine, Table

from sobrus_comm.store.tables import campaigns, outbox

log = logging.getLogger("sobrus_comm.store")


def salvage_outbox(old_file: Path, engine: Engine) -> int:
    """Copy the unfinished campaigns of ``old_file`` into ``engine``'s database.

    Best effort: returns the number of outbox rows saved, 0 when there were none or the
    old file cannot be read (which is logged, never raised).
    """
    try:
        source = sqlite3.connect(f"{old_file.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        log.warning("outbox salvage: cannot open %s (%s)", old_file, exc)
        return 0
    try:
        source.row_factory = sqlite3.Row
        found = source.execute(
            "SELECT * FROM campaigns WHERE state IN ('sending', 'paused')"
        ).fetchall()
        ids = json.dumps([c["id"] for c in found])
        rows = source.execute(
            "SELECT * FROM outbox WHERE campaign_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY id",
            (ids,),
        ).fetchall() if found else []
    except sqlite3.Error as exc:
        log.warning("outbox salvage: %s is unreadable (%s)", old_file, exc)
        return 0
    finally:
        source.close()
    if not found:
        return 0
    with engine.begin() as conn:
        _copy(conn, campaigns, found)
        _copy(conn, outbox, rows)
    log.warning("outbox salvage: %d campaign(s), %d message(s) saved from %s",
                len(found), len(rows), old_file)
    return len(rows)


def _copy(conn: Connection, table: Table, records: Sequence[sqlite3.Row]) -> None:
    if not records:
        return
    # Only the columns both versions have: the old file may be older or newer than us.
    # (A sqlite3.Row iterates over its values: the names come from keys().)
    columns = [c for c in records[0].keys() if c in table.c]  # noqa: SIM118
    marks = ", ".join("?" * len(columns))
    conn.exec_driver_sql(
        f"INSERT OR IGNORE INTO {table.name} ({', '.join(columns)}) VALUES ({marks})",
        [tuple(r[c] for c in columns) for r in records],
    )
