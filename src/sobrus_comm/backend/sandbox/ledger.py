"""The credit ledger: every change of the balance is a movement, written with it.

Each function here is called inside the write transaction that changes the balance, after
the change, so ``balance_after`` is the balance the movement left. The refund rule (see
``resources/openapi.yaml``): an accepted message that ends ``failed`` — the operator refused
it or could not deliver it — gets its credits back, once, when its status becomes failed.

Tables are created here (``ensure``) rather than in ``db.SCHEMA``, so a sandbox file made
before the ledger existed gets one too, opened by a movement that carries its balance.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sobrus_comm.backend.sandbox import db

RECHARGE, CHARGE, REFUND, ADJUSTMENT = "recharge", "charge", "refund", "adjustment"
OPENING_NOTE = "Solde d'ouverture du compte SMS"

SCHEMA = """
CREATE TABLE IF NOT EXISTS ledger (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,                  -- recharge | charge | refund | adjustment
    credits INTEGER NOT NULL,            -- signed
    balance_after INTEGER NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,            -- = created_at: a movement never changes
    campaign_id TEXT,
    recharge_request_id INTEGER,
    note TEXT,
    rev INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_by_rev ON ledger (rev, id);
CREATE TABLE IF NOT EXISTS ledger_items (
    movement_id INTEGER NOT NULL REFERENCES ledger(id),
    client_message_id TEXT NOT NULL,
    credits INTEGER NOT NULL,
    PRIMARY KEY (movement_id, client_message_id)
);
CREATE INDEX IF NOT EXISTS ledger_items_by_message ON ledger_items (client_message_id);
"""

SELECT = "SELECT t.* FROM ledger t"


def ensure(conn: sqlite3.Connection) -> None:
    """The ledger tables; an empty ledger beside a balance is opened with that balance."""
    create_tables(conn)
    if conn.execute("SELECT 1 FROM ledger LIMIT 1").fetchone() is None:
        with db.write(conn):
            if conn.execute("SELECT 1 FROM ledger LIMIT 1").fetchone() is None:
                balance = conn.execute("SELECT credits FROM balance WHERE id = 1").fetchone()
                if balance is not None:
                    record(conn, ADJUSTMENT, int(balance[0]), note=OPENING_NOTE)


def _balance(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT credits FROM balance WHERE id = 1").fetchone()[0])


def record(conn: sqlite3.Connection, kind: str, credits: int, *, at: float | None = None,
           campaign_id: str | None = None, items: Iterable[tuple[str, int]] = (),
           note: str | None = None, recharge_request_id: int | None = None) -> int:
    """Write one movement (inside a write transaction, after the balance changed)."""
    t = db.now() if at is None else at
    rev = int(conn.execute("SELECT COALESCE(MAX(rev), 0) + 1 FROM ledger").fetchone()[0])
    after = _balance(conn)
    cur = conn.execute(
        "INSERT INTO ledger (kind, credits, balance_after, created_at, updated_at, campaign_id, "
        "recharge_request_id, note, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (kind, credits, after, t, t, campaign_id, recharge_request_id, note, rev))
    movement_id = int(cur.lastrowid or 0)
    conn.executemany(
        "INSERT INTO ledger_items (movement_id, client_message_id, credits) VALUES (?, ?, ?)",
        [(movement_id, cmid, n) for cmid, n in items])
    return movement_id


def record_charge(conn: sqlite3.Connection, campaign_id: str | None,
                  items: Sequence[tuple[str, int]], at: float) -> None:
    """One accepted batch: what each of its new messages cost."""
    charged = [(cmid, n) for cmid, n in items if n > 0]
    if charged:
        record(conn, CHARGE, -sum(n for _, n in charged), at=at, campaign_id=campaign_id,
               items=charged)


def refund_failures(conn: sqlite3.Connection, t: float) -> None:
    """Refund the charged messages whose failure becomes due at ``t`` (before settling).

    Called by ``delivery.settle`` inside its write transaction, on exactly the rows it is
    about to move to ``failed``: each failure is refunded once, when it happens.
    """
    rows = conn.execute(
        "SELECT client_message_id, campaign_id, credits, final_at FROM communications "
        "WHERE next_change_at <= ? AND final_at <= ? AND final_status = 'failed' "
        "AND credits > 0 ORDER BY final_at, id", (t, t)).fetchall()
    by_campaign: dict[str | None, list[sqlite3.Row]] = defaultdict(list)
    for row in rows:
        by_campaign[row["campaign_id"]].append(row)
    for campaign_id, group in by_campaign.items():
        total = sum(int(r["credits"]) for r in group)
        conn.execute("UPDATE balance SET credits = credits + ?, updated_at = ? WHERE id = 1",
                     (total, t))
        record(conn, REFUND, total, at=t, campaign_id=campaign_id,
               items=[(r["client_message_id"], int(r["credits"])) for r in group])


def seed_history(conn: sqlite3.Connection, t_now: float) -> None:
    """The ledger of a freshly seeded sandbox: it explains the seeded balance exactly.

    Charges per seeded campaign, refunds of its failures, the activated recharge, and an
    opening balance, dated before all of them, that makes the sum the seeded balance.
    """
    create_tables(conn)
    events: list[tuple[float, str, int, str | None, list[tuple[str, int]], int | None]] = []
    charges: dict[str | None, list[sqlite3.Row]] = defaultdict(list)
    for row in conn.execute("SELECT client_message_id, campaign_id, credits, created_at, "
                            "final_at, status FROM communications WHERE credits > 0 "
                            "ORDER BY created_at"):
        charges[row["campaign_id"]].append(row)
    for campaign_id, group in charges.items():
        events.append((group[0]["created_at"], CHARGE, -sum(r["credits"] for r in group),
                       campaign_id, [(r["client_message_id"], r["credits"]) for r in group],
                       None))
        failed = [r for r in group if r["status"] == "failed"]
        if failed:
            events.append((max(r["final_at"] for r in failed), REFUND,
                           sum(r["credits"] for r in failed), campaign_id,
                           [(r["client_message_id"], r["credits"]) for r in failed], None))
    for request in conn.execute("SELECT r.id, r.activated_at, p.credits FROM recharge_requests r "
                                "JOIN packs p ON p.id = r.pack_id WHERE r.status = 'activated'"):
        events.append((request["activated_at"], RECHARGE, request["credits"], None, [],
                       request["id"]))
    events.sort(key=lambda e: e[0])
    balance = _balance(conn)
    opening = balance - sum(e[2] for e in events)
    start = min([e[0] for e in events], default=t_now) - 86400
    events.insert(0, (start, ADJUSTMENT, opening, None, [], None))
    # Written in two executemany calls: 100k seeded messages must not slow the seed down.
    movements, items, running = [], [], 0
    for movement_id, (at, kind, credits, campaign_id, listed, request_id) in enumerate(
            events, start=1):
        running += credits
        note = OPENING_NOTE if movement_id == 1 else None
        movements.append((movement_id, kind, credits, running, at, at, campaign_id, request_id,
                          note, movement_id))
        items += [(movement_id, cmid, n) for cmid, n in listed]
    conn.executemany(
        "INSERT INTO ledger (id, kind, credits, balance_after, created_at, updated_at, "
        "campaign_id, recharge_request_id, note, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        movements)
    conn.executemany(
        "INSERT INTO ledger_items (movement_id, client_message_id, credits) VALUES (?, ?, ?)",
        items)


def create_tables(conn: sqlite3.Connection) -> None:
    # Not executescript: it would COMMIT a transaction in progress (the seeding one).
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


def glitch(conn: sqlite3.Connection, kind: str, credits: int) -> dict[str, Any]:
    """Demo and tests: make the ledger disagree, the way a faulty backend would.

    ``unrecorded``: the balance loses ``credits`` without a movement. ``double_charge``: the
    last charged message is charged a second time (a movement that should not exist).
    """
    with db.write(conn):
        t = db.now()
        if kind == "unrecorded":
            conn.execute("UPDATE balance SET credits = MAX(0, credits - ?), updated_at = ? "
                         "WHERE id = 1", (credits, t))
            return {"kind": kind, "credits": credits}
        item = conn.execute(
            "SELECT i.client_message_id, i.credits, l.campaign_id FROM ledger_items i "
            "JOIN ledger l ON l.id = i.movement_id WHERE l.kind = 'charge' "
            "ORDER BY l.id DESC LIMIT 1").fetchone()
        if item is None:
            raise ValueError("no charge to repeat yet")
        conn.execute("UPDATE balance SET credits = MAX(0, credits - ?), updated_at = ? "
                     "WHERE id = 1", (item["credits"], t))
        record(conn, CHARGE, -int(item["credits"]), at=t, campaign_id=item["campaign_id"],
               items=[(item["client_message_id"], int(item["credits"]))])
        return {"kind": kind, "client_message_id": item["client_message_id"],
                "credits": int(item["credits"])}


def movement(row: sqlite3.Row, items: Sequence[sqlite3.Row]) -> dict[str, Any]:
    """The contract's LedgerMovement."""
    return {
        "id": row["id"],
        "kind": row["kind"],
        "credits": row["credits"],
        "balance_after": row["balance_after"],
        "created_at": db.iso(row["created_at"]),
        "campaign_id": row["campaign_id"],
        "recharge_request_id": row["recharge_request_id"],
        "note": row["note"],
        "messages": [{"client_message_id": i["client_message_id"], "credits": i["credits"]}
                     for i in items],
    }


def items_of(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, list[sqlite3.Row]]:
    found: dict[int, list[sqlite3.Row]] = defaultdict(list)
    if ids:
        for row in conn.execute(
                "SELECT movement_id, client_message_id, credits FROM ledger_items "
                "WHERE movement_id IN (SELECT value FROM json_each(?)) "
                "ORDER BY movement_id, client_message_id", (json.dumps(list(ids)),)):
            found[row["movement_id"]].append(row)
    return found
