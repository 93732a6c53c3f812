"""Rescuing the unsent messages of a database file that had to be set aside.

The cache itself is rebuilt by a full sync, but the outbox exists nowhere else: the
unfinished campaigns of the old file, with all their rows and their original
``client_message_id``s, are copied into the fresh file so that they are offered for
resumption (and never sent twice) as after any crash.

A damaged file rarely fails everywhere: it is read row by row, so that one bad page costs
the rows on it, not the campaign. A damaged header (the first 100 bytes) is repaired in a
temporary copy. What could not be read is counted, per campaign, for the user's notice.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, Table

from sobrus_comm.store.tables import campaigns, outbox

log = logging.getLogger("sobrus_comm.store")

UNFINISHED = ("sending", "paused")
UNSENT = ("pending", "posting")
SQLITE_MAGIC = b"SQLite format 3\x00"
# Where a row-by-row read gives up when even the highest rowid cannot be read.
PROBE_BEYOND = 10_000
# A campaign whose own row was lost, rebuilt around its readable messages. Promotional:
# the backend then refuses it to opted-out clients, the safe side when the kind is unknown.
RECOVERED_LABEL = "Envoi récupéré (base endommagée)"


@dataclass
class SalvageReport:
    """What came out of a set-aside file."""

    campaigns: int = 0  # unfinished campaigns copied into the new file
    saved: int = 0  # their messages copied (to be resumed)
    unsent_saved: int = 0  # of which not yet answered by the backend
    lost: int = 0  # their messages that could not be read
    unreadable: bool = False  # nothing at all could be read
    campaign_ids: tuple[str, ...] = ()


def salvage_outbox(old_file: Path, engine: Engine) -> SalvageReport:
    """Copy what can be read of the unfinished campaigns of ``old_file`` into ``engine``'s
    database. Best effort: never raises; what failed is logged and counted."""
    report = SalvageReport()
    with tempfile.TemporaryDirectory(prefix="sobrus-salvage-") as work:
        source = _open_readable(old_file, Path(work))
        if source is None:
            report.unreadable = True
            return report
        try:
            found, rows = _read_unfinished(source, report)
        finally:
            source.close()
    if not found:
        return report
    try:
        with engine.begin() as conn:
            copied = _copy(conn, campaigns, found)
            rows = [r for r in rows if str(r["campaign_id"]) in copied]
            saved = _copy(conn, outbox, rows)
    except Exception:  # the fresh file must open whatever the old one held
        log.exception("outbox salvage: copying into the new file failed")
        report.lost += len(rows)
        return report
    report.lost += len(rows) - len(saved)
    report.campaigns = len(copied)
    report.campaign_ids = tuple(sorted(copied))
    report.saved = len(saved)
    report.unsent_saved = sum(1 for r in rows if r["client_message_id"] in saved
                              and r["state"] in UNSENT)
    log.warning("outbox salvage: %d campaign(s), %d message(s) saved, %d unreadable, from %s",
                report.campaigns, report.saved, report.lost, old_file)
    return report


def _open_readable(old_file: Path, work: Path) -> sqlite3.Connection | None:
    """The old file, read-only; a copy with its header repaired when SQLite refuses it."""
    source = _connect(old_file)
    if source is not None:
        return source
    repaired = _repair_header(old_file, work)
    if repaired is not None:
        source = _connect(repaired, read_only=False)  # a copy: SQLite may add its -shm
        if source is not None:
            log.warning("outbox salvage: %s read through a repaired header", old_file)
            return source
    log.warning("outbox salvage: %s cannot be read at all", old_file)
    return None


def _connect(path: Path, *, read_only: bool = True) -> sqlite3.Connection | None:
    try:
        source = sqlite3.connect(f"{path.as_uri()}?mode={'ro' if read_only else 'rw'}",
                                 uri=True)
        source.row_factory = sqlite3.Row
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        log.warning("outbox salvage: cannot open %s (%s)", path, exc)
        return None
    return source


def _repair_header(old_file: Path, work: Path) -> Path | None:
    """A copy of ``old_file`` whose 100-byte header is made valid again.

    Each field SQLite checks is kept when it is plausible and reset otherwise; the page
    size, when damaged, is guessed from the page headers found at each candidate size.
    """
    try:
        data = bytearray(old_file.read_bytes())
    except OSError:
        return None
    if len(data) < 1024:
        return None
    size = int.from_bytes(data[16:18], "big")
    size = 65536 if size == 1 else size
    if size < 512 or size & (size - 1) or len(data) % size:
        size = next((s for s in (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
                     if len(data) >= 2 * s and data[s] in (2, 5, 10, 13)), 4096)
    data[:16] = SQLITE_MAGIC
    data[16:18] = (1 if size == 65536 else size).to_bytes(2, "big")
    if data[18] not in (1, 2) or data[19] not in (1, 2) or data[18] != data[19]:
        data[18:20] = b"\x01\x01"
    if data[20] > 32:  # reserved bytes per page: we never use any
        data[20] = 0
    data[21:24] = b"\x40\x20\x20"  # payload fractions: fixed by the file format
    data[28:32] = bytes(4)  # page count: 0 makes SQLite take it from the file's size
    if not 1 <= int.from_bytes(data[44:48], "big") <= 4:
        data[44:48] = (4).to_bytes(4, "big")
    data[52:56] = bytes(4)  # no auto-vacuum here
    if not 1 <= int.from_bytes(data[56:60], "big") <= 3:
        data[56:60] = (1).to_bytes(4, "big")  # UTF-8, ours
    data[64:68] = bytes(4)
    data[72:92] = bytes(20)
    copy = work / "repaired.sqlite3"
    copy.write_bytes(bytes(data))
    wal = old_file.with_name(old_file.name + "-wal")
    if wal.exists():  # keep the committed pages that the WAL still holds
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    return copy


def _read_unfinished(
    source: sqlite3.Connection, report: SalvageReport
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The unfinished campaigns and their rows, each read on its own."""
    campaign_rows = _read_rows(source, "campaigns")
    found = {str(c["id"]): c for c in campaign_rows if c.get("state") in UNFINISHED}
    ended = {str(c["id"]) for c in campaign_rows} - set(found)
    rows: list[dict[str, object]] = []
    orphans: dict[str, list[dict[str, object]]] = {}
    for row in _read_rows(source, "outbox"):
        if not row.get("campaign_id") or not row.get("client_message_id"):
            continue
        campaign_id = str(row["campaign_id"])
        if campaign_id in found:
            rows.append(row)
        elif campaign_id not in ended and row.get("state") in UNSENT:
            # Its campaign's own row is unreadable, but these were never answered.
            orphans.setdefault(campaign_id, []).append(row)
    for campaign_id, orphan_rows in orphans.items():
        found[campaign_id] = _rebuilt_campaign(campaign_id, orphan_rows)
        rows.extend(orphan_rows)
    per_campaign: dict[str, int] = {}
    for row in rows:
        key = str(row["campaign_id"])
        per_campaign[key] = per_campaign.get(key, 0) + 1
    report.lost = sum(max(_int(c.get("total")) - per_campaign.get(i, 0), 0)
                      for i, c in found.items())
    rows.sort(key=lambda r: _int(r.get("id")))
    return list(found.values()), rows


def _rebuilt_campaign(campaign_id: str, rows: Sequence[dict[str, object]]) -> dict[str, object]:
    return {
        "id": campaign_id, "created_at": min(_int(r.get("updated_at")) for r in rows),
        "label": RECOVERED_LABEL, "objective": "", "category": "promotional", "is_test": 0,
        "total": len(rows), "credits_needed": sum(_int(r.get("segments")) for r in rows),
        "state": "paused", "pause_reason": None,
    }


def _read_rows(source: sqlite3.Connection, table: str) -> list[dict[str, object]]:
    """Every readable row of ``table``: one scan, and where the scan breaks, each rowid on
    its own (a b-tree lookup skips the damaged pages a scan runs into)."""
    select = f"SELECT rowid AS _rowid_, * FROM {table}"  # a fixed table name
    found: dict[int, dict[str, object]] = {}
    try:
        for row in source.execute(select):
            found[row["_rowid_"]] = dict(row)
        return list(found.values())
    except sqlite3.Error as exc:
        log.warning("outbox salvage: %s scan broke (%s); reading row by row", table, exc)
    try:
        high = source.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
    except sqlite3.Error:
        high = None
    if high is None:
        high = max(found, default=0) + PROBE_BEYOND
    for rowid in range(1, int(high) + 1):
        if rowid in found:
            continue
        try:
            row = source.execute(f"{select} WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.Error:
            continue
        if row is not None:
            found[rowid] = dict(row)
    return list(found.values())


def _int(value: object) -> int:
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return 0


def _copy(conn: Connection, table: Table, records: Sequence[dict[str, object]]) -> set[str]:
    """Insert ``records``; returns the keys (campaign id, or message id) that went in.

    All at once when they can; row by row, each in its own savepoint, when one of them is
    damaged beyond use (a NULL where the schema forbids it), so it costs only itself.
    """
    key = "id" if table is campaigns else "client_message_id"
    if not records:
        return set()
    # Only the columns both versions have: the old file may be older or newer than us.
    columns = [c for c in table.c.keys() if any(c in r for r in records)]  # noqa: SIM118
    sql = (f"INSERT OR IGNORE INTO {table.name} ({', '.join(columns)}) "
           f"VALUES ({', '.join('?' * len(columns))})")
    values = [tuple(r.get(c) for c in columns) for r in records]
    try:
        with conn.begin_nested():
            conn.exec_driver_sql(sql, values)
        return {str(r[key]) for r in records}
    except Exception:
        log.warning("outbox salvage: some %s rows are damaged; copying one by one", table.name)
    done: set[str] = set()
    for record, value in zip(records, values, strict=True):
        try:
            with conn.begin_nested():
                conn.exec_driver_sql(sql, value)
            done.add(str(record[key]))
        except Exception:  # a damaged row is counted as lost, not fatal
            continue
    return done
