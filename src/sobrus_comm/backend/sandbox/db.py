"""The sandbox's SQLite database: schema, connections, transactions, change sequence.

Plain ``sqlite3`` rather than SQLAlchemy: the sandbox is a few hand-written queries, and
``executemany`` in one transaction is what makes seeding 100k rows take seconds.
Every request opens its own connection (sqlite3 connections are not shared across threads);
WAL lets readers run while a writer holds the lock.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

SCHEMA_VERSION = 2  # 2: communications.kind

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_salt BLOB NOT NULL,
    password_hash BLOB NOT NULL,
    permissions TEXT NOT NULL            -- space separated
);
CREATE TABLE tokens (
    token_hash TEXT PRIMARY KEY,         -- sha256 of the token: the token itself is never stored
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    phone TEXT,
    balance_due TEXT NOT NULL DEFAULT '0.00',
    balance_due_since TEXT,
    sms_opt_out INTEGER NOT NULL DEFAULT 0,
    updated_at REAL NOT NULL,
    deleted_at REAL,
    rev INTEGER NOT NULL
);
CREATE INDEX clients_by_rev ON clients (rev, id);
CREATE INDEX clients_by_updated ON clients (updated_at);
CREATE TABLE templates (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    category TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at REAL NOT NULL,
    deleted_at REAL,
    rev INTEGER NOT NULL
);
CREATE INDEX templates_by_rev ON templates (rev, id);
CREATE TABLE communications (
    id INTEGER PRIMARY KEY,
    client_message_id TEXT NOT NULL UNIQUE,  -- the idempotency key: one SMS per id, ever
    campaign_id TEXT,
    category TEXT NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    initiated_by INTEGER NOT NULL REFERENCES users(id),
    status TEXT NOT NULL,
    failure_code TEXT,
    failure_reason TEXT,
    content TEXT NOT NULL,
    client_id INTEGER,
    recipient_name TEXT NOT NULL,
    recipient_phone TEXT,
    segments INTEGER NOT NULL,
    credits INTEGER NOT NULL,                -- charged on acceptance (0 when rejected)
    is_test INTEGER NOT NULL DEFAULT 0,
    kind TEXT,                               -- the contract's MessageKind, as the sender said
    -- simulated delivery, decided on acceptance and applied lazily on read (see delivery.py)
    sent_at REAL,
    final_at REAL,
    final_status TEXT,
    next_change_at REAL,
    receipts INTEGER NOT NULL DEFAULT 1,     -- how many posts carried this id (retries)
    rev INTEGER NOT NULL
);
CREATE INDEX communications_by_rev ON communications (rev, id);
CREATE INDEX communications_by_updated ON communications (updated_at);
CREATE INDEX communications_due ON communications (next_change_at)
    WHERE next_change_at IS NOT NULL;
CREATE TABLE voided_messages (  -- cancelled before ever being received: never to be sent
    client_message_id TEXT PRIMARY KEY,
    voided_at REAL NOT NULL
);
CREATE TABLE balance (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    credits INTEGER NOT NULL CHECK (credits >= 0),
    updated_at REAL NOT NULL
);
CREATE TABLE packs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    credits INTEGER NOT NULL,
    price TEXT NOT NULL
);
CREATE TABLE recharge_requests (
    id INTEGER PRIMARY KEY,
    pack_id INTEGER NOT NULL REFERENCES packs(id),
    status TEXT NOT NULL,
    note TEXT,
    requested_by INTEGER NOT NULL REFERENCES users(id),
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    status_since REAL NOT NULL,
    activated_at REAL,
    proof_filename TEXT,
    proof_content_type TEXT,
    proof_size INTEGER,
    proof_uploaded_at REAL,
    proof_data BLOB,
    rev INTEGER NOT NULL
);
CREATE INDEX recharge_requests_by_rev ON recharge_requests (rev, id);
"""


def connect(path: Path) -> sqlite3.Connection:
    """A connection for one request (or one thread), in autocommit mode.

    Transactions are explicit (:func:`write`), so that reads never hold a lock.
    """
    conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


@contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, taking the write lock up front.

    BEGIN IMMEDIATE serialises writers: a batch send checks which ids exist and inserts the
    new ones under the same lock, so two concurrent posts of one id cannot both insert it
    (the UNIQUE constraint stays as the last line of defence).
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def is_initialised(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        conn = connect(path)
    except sqlite3.Error:
        return False
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        seeded = conn.execute("SELECT value FROM meta WHERE key = 'seeded'").fetchone()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return bool(row and row[0] == str(SCHEMA_VERSION) and seeded and seeded[0] == "1")


def create(path: Path) -> sqlite3.Connection:
    """A fresh database file at ``path`` (any previous one is removed), schema in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    conn = connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript(SCHEMA)
    conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)",
                 (str(SCHEMA_VERSION),))
    return conn


def ensure_voided_messages(conn: sqlite3.Connection) -> None:
    """The table of voided ids, also in a sandbox file made before it existed."""
    conn.execute("CREATE TABLE IF NOT EXISTS voided_messages ("
                 "client_message_id TEXT PRIMARY KEY, voided_at REAL NOT NULL)")


def next_rev(conn: sqlite3.Connection, table: str) -> int:
    """The next change number of ``table``; call it inside a write transaction.

    Lists are ordered by (rev, id) and cursors remember the last pair: unlike timestamps,
    a rev taken under the write lock can never appear behind a cursor already handed out.
    """
    assert table in {"clients", "templates", "communications", "recharge_requests"}
    return int(conn.execute(f"SELECT COALESCE(MAX(rev), 0) + 1 FROM {table}").fetchone()[0])


def meta(conn: sqlite3.Connection, key: str, default: str = "") -> str:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def now() -> float:
    return time.time()


def iso(ts: float | None) -> str | None:
    """An epoch timestamp as RFC 3339 UTC with milliseconds and a ``Z``."""
    if ts is None:
        return None
    dt = datetime.fromtimestamp(ts, UTC)
    return dt.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text: str) -> float:
    """RFC 3339 to epoch seconds; naive values are taken as UTC. Raises ValueError."""
    dt = datetime.fromisoformat(text.strip().replace(" ", "+"))  # '+' arrives as ' ' unquoted
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None
