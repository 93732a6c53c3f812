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
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, Table

from sobrus_comm.store.sqlite_header import header_looks_damaged, repair_header
from sobrus_comm.store.tables import campaigns, outbox

log = logging.getLogger("sobrus_comm.store")

UNFINISHED = ("sending", "paused")
UNSENT = ("pending", "posting")
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
        found, rows = _read_best(old_file, Path(work), report)
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


def _read_best(
    old_file: Path, work: Path, report: SalvageReport
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Read the old file as it is and, when that saves nothing, through a copy with its
    header repaired (a garbled header can make SQLite refuse or misread every page)."""
    found: list[dict[str, object]] = []
    rows: list[dict[str, object]] = []
    as_is = _connect(old_file)
    if as_is is not None:
        try:
            found, rows = _read_unfinished(as_is, report)
        finally:
            as_is.close()
    if rows or not header_looks_damaged(old_file):
        report.unreadable = as_is is None
        return found, rows
    repaired = repair_header(old_file, work)
    source = _connect(repaired, read_only=False) if repaired else None  # a copy: may add -shm
    if source is None:
        report.unreadable = as_is is None
        log.warning("outbox salvage: %s cannot be read%s", old_file,
                    "" if as_is else " at all")
        return found, rows
    try:
        second = SalvageReport()
        found2, rows2 = _read_unfinished(source, second)
    finally:
        source.close()
    if len(rows2) > len(rows) or (found2 and not found):
        log.warning("outbox salvage: %s read through a repaired header", old_file)
        report.lost = second.lost
        return found2, rows2
    return found, rows


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
