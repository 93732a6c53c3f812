"""Simulated delivery: queued → sent → delivered (or failed), applied lazily on read.

Each accepted message gets its fate on acceptance (when it will be sent, when it will be
delivered or fail, and why), stored with it. Reads call :func:`settle`, which applies every
transition that is due in one UPDATE and bumps the rows' change number, so incremental
readers see status changes like any other change. No background thread, no timers.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass

from sobrus_comm.backend.sandbox import db, ledger


@dataclass(frozen=True)
class Fate:
    sent_at: float
    final_at: float
    final_status: str
    failure_code: str | None


def decide(client_message_id: str, accepted_at: float, failure: str | None,
           scale: float) -> Fate:
    """When and how a message will end; deterministic per id (seeded by the id)."""
    rng = random.Random(client_message_id)
    sent_at = accepted_at + rng.uniform(1.0, 3.0) * scale
    final_at = sent_at + rng.uniform(2.0, 6.0) * scale
    return Fate(sent_at, final_at, "failed" if failure else "delivered", failure)


def settle(conn: sqlite3.Connection, now: float | None = None) -> int:
    """Apply every due status change; returns how many messages changed."""
    t = db.now() if now is None else now
    if conn.execute("SELECT 1 FROM communications WHERE next_change_at <= ? LIMIT 1",
                    (t,)).fetchone() is None:
        return 0  # the common case: no write lock taken
    with db.write(conn):
        ledger.refund_failures(conn, t)  # the rule: a failure is refunded when it happens
        rev = db.next_rev(conn, "communications")
        cur = conn.execute(
            """
            UPDATE communications SET
                status = CASE WHEN final_at <= :t THEN final_status ELSE 'sent' END,
                updated_at = CASE WHEN final_at <= :t THEN final_at ELSE sent_at END,
                next_change_at = CASE WHEN final_at <= :t THEN NULL ELSE final_at END,
                rev = :rev
            WHERE next_change_at <= :t
            """,
            {"t": t, "rev": rev},
        )
        return cur.rowcount


RECHARGE_FLOW = ("requested", "awaiting_payment", "payment_received", "activated")


def advance_recharge(conn: sqlite3.Connection, request_id: int, target: str | None,
                     now: float | None = None) -> sqlite3.Row | None:
    """The sales team moves a request one step (or to ``target``); activation adds credits.

    Call inside a write transaction. Returns the row, or None when there is no such request.
    Raises ValueError when the move is not allowed.
    """
    t = db.now() if now is None else now
    row = conn.execute("SELECT * FROM recharge_requests WHERE id = ?", (request_id,)).fetchone()
    if row is None:
        return None
    status = row["status"]
    if target == "cancelled":
        if status in ("activated", "cancelled"):
            raise ValueError(f"cannot cancel a request that is {status}")
    else:
        if status not in RECHARGE_FLOW[:-1]:
            raise ValueError(f"a request that is {status} cannot move on")
        here = RECHARGE_FLOW.index(status)
        target = target or RECHARGE_FLOW[here + 1]
        if target not in RECHARGE_FLOW or RECHARGE_FLOW.index(target) <= here:
            raise ValueError(f"cannot go from {status} to {target}")
    rev = db.next_rev(conn, "recharge_requests")
    conn.execute(
        "UPDATE recharge_requests SET status = ?, updated_at = ?, status_since = ?, rev = ?, "
        "activated_at = CASE WHEN ? = 'activated' THEN ? ELSE activated_at END WHERE id = ?",
        (target, t, t, rev, target, t, request_id))
    if target == "activated":
        conn.execute(
            "UPDATE balance SET credits = credits + "
            "(SELECT credits FROM packs WHERE id = ?), updated_at = ? WHERE id = 1",
            (row["pack_id"], t))
        pack = conn.execute("SELECT credits FROM packs WHERE id = ?", (row["pack_id"],))
        ledger.record(conn, ledger.RECHARGE, int(pack.fetchone()[0]), at=t,
                      recharge_request_id=request_id)
    return conn.execute("SELECT * FROM recharge_requests WHERE id = ?", (request_id,)).fetchone()


def settle_recharges(conn: sqlite3.Connection, step_s: float, now: float | None = None) -> None:
    """Demo mode: the sales team answers by itself, one step every ``step_s`` seconds.

    A request waits in ``awaiting_payment`` until a transfer proof is attached, as a real
    one would wait for the transfer.
    """
    if step_s <= 0:
        return
    t = db.now() if now is None else now
    due = conn.execute(
        "SELECT id FROM recharge_requests WHERE status IN "
        "('requested', 'awaiting_payment', 'payment_received') AND status_since + ? <= ? "
        "AND (status != 'awaiting_payment' OR proof_uploaded_at IS NOT NULL)",
        (step_s, t)).fetchall()
    if not due:
        return
    with db.write(conn):
        for (request_id,) in due:
            row = conn.execute("SELECT status, status_since FROM recharge_requests WHERE id = ?",
                               (request_id,)).fetchone()
            if row and row[0] in RECHARGE_FLOW[:-1] and row[1] + step_s <= t:
                advance_recharge(conn, request_id, None, now=t)
