"""Opening the local SQLite cache: engine, pragmas, migrations, and the corrupt-file rescue.

One file in the data dir, in WAL mode (the GUI reads while the sync and sender threads
write), foreign keys on, ``synchronous=FULL`` (a committed outbox row survives a power cut),
and a busy timeout so that two writers wait for each other instead of failing at once.

Write transactions start with ``BEGIN IMMEDIATE``: a deferred transaction that reads and then
writes can fail with "database is locked" without ever waiting for the busy timeout.

Raw SQL here is connection set-up (pragmas, ``BEGIN IMMEDIATE``): SQLite's own statements.
Which repositories use SQLAlchemy Core and which raw SQL (and why) is said in each one.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from sobrus_comm.store import migrate
from sobrus_comm.store._base import json_list
from sobrus_comm.store.balance import BalanceRepository
from sobrus_comm.store.campaign_marker import CampaignMarker, MarkedCampaign
from sobrus_comm.store.clients import ClientRepository
from sobrus_comm.store.communications import CommunicationRepository
from sobrus_comm.store.consent import (
    AccountSettingsRepository,
    ConsentRepository,
    ReplyRepository,
    SentPurposeRepository,
)
from sobrus_comm.store.credit_ledger import CreditLedgerRepository
from sobrus_comm.store.cursors import CursorRepository
from sobrus_comm.store.errors import (
    DatabaseCorrupt,
    DatabaseUnavailable,
    StorageIOError,
    typed_errors,
)
from sobrus_comm.store.outbox import OutboxRepository
from sobrus_comm.store.recovery_notice import recovery_notice
from sobrus_comm.store.salvage import SalvageReport, salvage_outbox
from sobrus_comm.store.schedules import ScheduleRepository
from sobrus_comm.store.templates import TemplateRepository

log = logging.getLogger("sobrus_comm.store")

DEFAULT_BUSY_TIMEOUT_MS = 5000
# Left beside the database when corruption is found at run time: the next start sets the
# file aside instead of failing again (no crash loop).
REBUILD_MARKER_SUFFIX = ".rebuild"


class Database:
    """The open cache: an engine plus one repository per entity.

    Thread-safe: every call checks a connection out of the pool for its own use, so the GUI
    thread and each worker thread work on their own connections.
    """

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        recovered_from: Path | None = None,
        salvage: SalvageReport | None = None,
        lost_campaigns: tuple[MarkedCampaign, ...] = (),
        was_empty: bool = False,
        was_missing: bool = False,
    ) -> None:
        self.path = path
        self.engine = engine
        self._writer = engine.execution_options(sobrus_begin="BEGIN IMMEDIATE")
        #: The damaged (or empty) file that was set aside when this one was created, if any.
        self.recovered_from = recovered_from
        #: What was copied out of that file of the unfinished campaigns (to be resumed).
        self.salvage = salvage
        #: Unfinished campaigns the marker file knew and this cache does not (lost).
        self.lost_campaigns = lost_campaigns
        self._was_empty = was_empty
        self._was_missing = was_missing
        self.marker = CampaignMarker(path)
        self.clients = ClientRepository(self)
        self.templates = TemplateRepository(self)
        self.communications = CommunicationRepository(self)
        self.balance = BalanceRepository(self)
        self.cursors = CursorRepository(self)
        self.outbox = OutboxRepository(self)
        self.ledger = CreditLedgerRepository(self)
        self.schedules = ScheduleRepository(self)
        # Consent, replies, frequency caps (issue 14).
        self.consent = ConsentRepository(self)
        self.replies = ReplyRepository(self)
        self.sent_purposes = SentPurposeRepository(self)
        self.account = AccountSettingsRepository(self)

    @property
    def salvaged(self) -> int:
        """Outbox rows of unfinished campaigns copied out of the set-aside file."""
        return self.salvage.saved if self.salvage is not None else 0

    @property
    def notice(self) -> str | None:
        """A French message for the user when the file had to be set aside or lost
        unfinished campaigns, else None."""
        return recovery_notice(recovered_from=self.recovered_from, empty=self._was_empty,
                               missing=self._was_missing, salvage=self.salvage,
                               lost=self.lost_campaigns)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction (deferred: it never blocks writers in WAL mode)."""
        with typed_errors(), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self, conn: Connection | None = None) -> Iterator[Connection]:
        """A write transaction, committed on exit; or ``conn``'s if one is already open."""
        if conn is not None:
            yield conn
            return
        with typed_errors(), self._writer.begin() as new_conn:
            yield new_conn

    @contextmanager
    def long_writer(self, cache_kib: int) -> Iterator[Connection]:
        """One connection for a long run of write transactions (a first pull of a decade
        of history), with a page cache of ``cache_kib``: its inserts land at random places
        in indexes of a million rows, and SQLite's default 2 MB cache (per connection, the
        pool handing out another one each time) made each insert read its pages again.
        Begin each transaction with :meth:`write_on`; the memory is given back after.

        Its commits do not wait for the disk (``synchronous = NORMAL``; 100 fsyncs were
        6 s of a 1M-row pull): in WAL mode a power cut cannot corrupt the file, it can only
        undo the last batches, with the cursor written with them, so the resumed pull
        fetches those pages again. Nothing else is written on this connection."""
        with typed_errors(), self._writer.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            # On the driver's connection: outside any transaction (no BEGIN IMMEDIATE).
            raw.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
            raw.execute("PRAGMA synchronous = NORMAL")
            try:
                yield conn
            finally:
                raw.execute("PRAGMA synchronous = FULL")
                raw.execute(f"PRAGMA cache_size = {_DEFAULT_CACHE_SIZE}")
                raw.execute("PRAGMA shrink_memory")

    @contextmanager
    def write_on(self, conn: Connection) -> Iterator[Connection]:
        """A write transaction on ``conn`` (from :meth:`long_writer`), committed on exit."""
        with typed_errors(), conn.begin():
            yield conn

    def schedule_rebuild(self) -> None:
        """Ask the next start to set this file aside (call on :class:`DatabaseCorrupt`)."""
        marker = self.path.with_name(self.path.name + REBUILD_MARKER_SUFFIX)
        try:
            marker.touch()
        except OSError:
            log.exception("cannot write the rebuild marker %s", marker)

    def close(self) -> None:
        self.engine.dispose()


_DEFAULT_CACHE_SIZE = -2000  # SQLite's own default (2 MB): what every connection keeps


def _install_pragmas(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # We issue BEGIN ourselves (see "begin" below); the driver must not.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get("sobrus_begin", "BEGIN"))


def create_sqlite_engine(path: Path, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Engine:
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=8,
        connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
    )
    _install_pragmas(engine, busy_timeout_ms)
    return engine


def _open_and_migrate(path: Path, busy_timeout_ms: int) -> Engine:
    engine = create_sqlite_engine(path, busy_timeout_ms)
    try:
        with typed_errors(), engine.connect() as conn:
            # Reading the schema is what fails first on a file that is not a database.
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
        with typed_errors(), engine.execution_options(
            sobrus_begin="BEGIN IMMEDIATE"
        ).begin() as conn:
            migrate.upgrade(conn)
        with typed_errors(), engine.connect() as conn:
            # The unsent messages exist nowhere else: a damaged page among them is found
            # now, while they can still be salvaged, not halfway through a resumed send.
            for table in ("campaigns", "outbox"):
                found = conn.exec_driver_sql(f"PRAGMA quick_check({table})").scalars().all()
                if found != ["ok"]:
                    raise DatabaseCorrupt(f"{table}: {'; '.join(found[:3])}")
    except BaseException:
        engine.dispose()
        raise
    return engine


def _set_aside(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    path.rename(target)
    # The WAL and shared-memory files belong to the damaged file: keep them beside it.
    for suffix in ("-wal", "-shm", REBUILD_MARKER_SUFFIX):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            if suffix == REBUILD_MARKER_SUFFIX:
                companion.unlink()
            else:
                companion.rename(target.with_name(target.name + suffix))
    return target


def _is_unusable(exc: BaseException) -> bool:
    """Corrupt or unreadable file, or a schema from an unknown (newer) version."""
    if isinstance(exc, DatabaseCorrupt | StorageIOError):
        return True
    try:
        from alembic.util import CommandError
    except ImportError:  # pragma: no cover - alembic is a dependency
        return False
    return isinstance(exc, CommandError)


def open_database(path: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Database:
    """Open (creating or upgrading it) the cache at ``path``.

    A corrupt, unreadable or unknown-version file is renamed beside itself (kept, never
    deleted) and a fresh one created; ``Database.notice`` then holds the French message to
    show, and the first sync will be a full one. A file locked by another program raises
    :class:`DatabaseLocked` (never set aside); when even a fresh file cannot be created,
    :class:`DatabaseUnavailable` is raised.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnavailable(str(exc)) from exc

    marker = path.with_name(path.name + REBUILD_MARKER_SUFFIX)
    recovered_from: Path | None = None
    # SQLite takes an empty file for a new database: but ours was never left empty (the
    # first open writes its schema), so this one lost everything it held. Say so.
    was_missing = not path.exists()
    was_empty = not was_missing and path.stat().st_size == 0
    if was_empty:
        recovered_from = _set_aside_or_fail(path, "empty file (0 bytes)")
    elif marker.exists() and path.exists():
        recovered_from = _set_aside_or_fail(path, "marked for rebuild")
    elif marker.exists():
        marker.unlink(missing_ok=True)

    try:
        engine = _open_and_migrate(path, busy_timeout_ms)
    except Exception as exc:
        if not (path.exists() and _is_unusable(exc)):
            raise
        recovered_from = _set_aside_or_fail(path, repr(exc))
        try:
            engine = _open_and_migrate(path, busy_timeout_ms)
        except Exception as second:  # a fresh file failing too is fatal, not a loop
            raise DatabaseUnavailable(str(second)) from second
    salvage = salvage_outbox(recovered_from, engine) if recovered_from else None
    lost, missing = check_campaign_marker(CampaignMarker(path), engine)
    if missing and salvage is not None:
        salvage.lost += missing
    return Database(path, engine, recovered_from=recovered_from, salvage=salvage,
                    lost_campaigns=lost, was_empty=was_empty, was_missing=was_missing)


def check_campaign_marker(
    marker: CampaignMarker, engine: Engine
) -> tuple[tuple[MarkedCampaign, ...], int]:
    """The campaigns the marker knew as unfinished that this cache does not hold (lost,
    logged), and the messages missing from those it holds with fewer messages than marked
    (a campaign rebuilt from the rows a damaged file still had). The marker is then
    brought in line with the cache."""
    marked = marker.read()
    try:
        with typed_errors(), engine.connect() as conn:
            held = {r[0]: (r[1], r[2], r[3], r[4]) for r in conn.exec_driver_sql(
                "SELECT id, state, label, total, created_at FROM campaigns "
                "WHERE state IN ('sending', 'paused') "
                "OR id IN (SELECT value FROM json_each(?))", (json_list(marked),))}
    except Exception:  # the marker is a safety net: it never stops the start
        log.exception("campaign marker check failed")
        return (), 0
    lost = tuple(c for c in marked.values() if c.id not in held)
    for c in lost:
        log.warning("unfinished campaign %s (%d messages) is not in the cache any more",
                    c.id, c.total)
    ended = [i for i, (state, *_rest) in held.items()
             if i in marked and state not in ("sending", "paused")]
    marker.remove(*(c.id for c in lost), *ended)
    unlisted = [MarkedCampaign(i, label, total, created or 0)
                for i, (state, label, total, created) in held.items() if i not in marked
                and state in ("sending", "paused")]
    if unlisted:
        marker.add(*unlisted)
    missing = sum(max(c.total - (held[c.id][2] or 0), 0) for c in marked.values()
                  if c.id in held and held[c.id][0] in ("sending", "paused"))
    return lost, missing


def _set_aside_or_fail(path: Path, why: str) -> Path:
    try:
        target = _set_aside(path)
    except OSError as exc:
        raise DatabaseUnavailable(str(exc)) from exc
    log.warning("database %s set aside as %s (%s)", path, target, why)
    return target
