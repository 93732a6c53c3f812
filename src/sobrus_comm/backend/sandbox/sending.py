"""The batch send: validation, idempotency, credits, simulated gateway acceptance."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import uuid
from dataclasses import dataclass
from typing import Any

from sobrus_comm.backend.sandbox import consent, db, delivery, ledger, serialize
from sobrus_comm.backend.sandbox.sms import FAILURES_FR, check_phone, count_segments
from sobrus_comm.backend.sandbox.web import ApiProblem, Checker

MAX_BATCH = 500
CATEGORIES = ("transactional", "promotional")
_MESSAGE_FIELDS = {"client_message_id", "client_id", "phone", "recipient_name", "content"}
_BATCH_FIELDS = {"campaign_id", "category", "is_test", "kind", "messages", "purpose"}
KINDS = ("balance_reminder", "custom_template", "test", "resend", "scheduled")


@dataclass(frozen=True)
class Outgoing:
    client_message_id: str
    client_id: int | None
    phone: str | None
    recipient_name: str | None
    content: str


@dataclass(frozen=True)
class Batch:
    campaign_id: str | None
    category: str
    is_test: bool
    messages: tuple[Outgoing, ...]
    kind: str | None = None
    purpose: str | None = None  # what the frequency caps count it as


def parse_batch(body: dict[str, Any]) -> Batch:
    check = Checker(body, _BATCH_FIELDS)
    campaign_id = check.text("campaign_id", max_len=64, required=False, nullable=True)
    category = check.choice("category", CATEGORIES, default="transactional")
    purpose = (check.choice("purpose", consent.PURPOSES) if body.get("purpose") is not None
               else None)
    is_test = body.get("is_test", False)
    if not isinstance(is_test, bool):
        check.fail("is_test", "must be a boolean")
    kind = body.get("kind")
    if kind is not None and kind not in KINDS:
        check.fail("kind", f"must be null or one of {', '.join(KINDS)}")
    raw = body.get("messages")
    messages: list[Outgoing] = []
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_BATCH:
        check.fail("messages", f"a list of 1 to {MAX_BATCH} messages")
        raw = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            check.fail(f"messages[{i}]", "must be an object")
            continue
        sub = Checker(item, _MESSAGE_FIELDS, prefix=f"messages[{i}].")
        cmid = sub.text("client_message_id", max_len=64)
        if cmid is not None:
            try:
                cmid = str(uuid.UUID(cmid))  # canonical form: one key per UUID
            except ValueError:
                sub.fail("client_message_id", "must be a UUID")
            else:
                if cmid in seen:
                    sub.fail("client_message_id", "appears twice in this batch")
                seen.add(cmid)
        client_id = sub.integer("client_id", required=False, nullable=True)
        phone = sub.text("phone", max_len=40, required=False, nullable=True)
        if "phone" not in item:
            sub.fail("phone", "required (null when unknown)")
        name = sub.text("recipient_name", max_len=200, required=False, nullable=True)
        content = sub.text("content", max_len=1000)
        check.errors.extend(sub.errors)
        if not sub.errors and cmid and content:
            messages.append(Outgoing(cmid, client_id, phone, name, content))
    check.done()
    return Batch(campaign_id, category, bool(is_test), tuple(messages), kind=kind,
                 purpose=purpose)


@dataclass(frozen=True)
class _Decision:
    message: Outgoing
    status: str  # queued | rejected
    failure: str | None
    recipient_name: str
    recipient_phone: str | None
    segments: int


def _decide(batch: Batch, message: Outgoing, clients: dict[int, sqlite3.Row]) -> _Decision:
    segments = count_segments(message.content)
    client = clients.get(message.client_id) if message.client_id is not None else None
    name = message.recipient_name or ""
    if client is not None:
        name = f"{client['first_name']} {client['last_name']}".strip()
    phone = check_phone(message.phone)
    shown_phone = phone.e164 or message.phone
    if message.client_id is not None and client is None:
        return _Decision(message, "rejected", "unknown_client", name, shown_phone, segments)
    if phone.e164 is None:
        return _Decision(message, "rejected", "invalid_phone", name, shown_phone, segments)
    if batch.category == "promotional" and client is not None and client["sms_opt_out"]:
        return _Decision(message, "rejected", "opted_out", name, shown_phone, segments)
    return _Decision(message, "queued", phone.failure, name, shown_phone, segments)


def send(connection: sqlite3.Connection, user_id: int, batch: Batch,
         delivery_scale: float) -> dict[str, Any]:
    """Record the batch (idempotently) and return the contract's BatchResponse."""
    for attempt in range(2):
        try:
            charged = _record(connection, user_id, batch, delivery_scale)
            break
        except sqlite3.IntegrityError:
            # Cannot happen while writers are serialised by BEGIN IMMEDIATE; if it ever does,
            # a concurrent request inserted one of our ids first: redo, it will be a replay.
            if attempt:
                raise
    ids = [m.client_message_id for m in batch.messages]
    marks = ",".join("?" * len(ids))
    rows = {r["client_message_id"]: r for r in connection.execute(
        f"{serialize.COMMUNICATION_SELECT} WHERE t.client_message_id IN ({marks})", ids)}
    results = []
    for cmid in ids:
        row = rows[cmid]
        rejected = row["status"] == "rejected"
        code = row["failure_code"]
        results.append({
            "client_message_id": cmid,
            "accepted": not rejected,
            "communication": serialize.communication(row),
            "error": {"code": code, "detail": FAILURES_FR.get(code, code)} if rejected else None,
        })
    balance = connection.execute("SELECT credits, updated_at FROM balance WHERE id = 1").fetchone()
    accepted = sum(1 for r in results if r["accepted"])
    return {
        "campaign_id": batch.campaign_id,
        "results": results,
        "accepted": accepted,
        "rejected": len(results) - accepted,
        "credits_charged": charged,
        "balance": serialize.balance(balance),
    }


def _record(connection: sqlite3.Connection, user_id: int, batch: Batch,
            delivery_scale: float) -> int:
    ids = [m.client_message_id for m in batch.messages]
    marks = ",".join("?" * len(ids))
    with db.write(connection):
        known = {r[0] for r in connection.execute(
            f"SELECT client_message_id FROM communications WHERE client_message_id IN ({marks})",
            ids)}
        fresh = [m for m in batch.messages if m.client_message_id not in known]
        voided = _voided(connection, [m.client_message_id for m in fresh])
        client_ids = sorted({m.client_id for m in fresh if m.client_id is not None})
        clients = {r["id"]: r for r in connection.execute(
            "SELECT id, first_name, last_name, sms_opt_out FROM clients "
            f"WHERE deleted_at IS NULL AND id IN ({','.join('?' * len(client_ids))})",
            client_ids)} if client_ids else {}
        decisions = [_void(batch, m) if m.client_message_id in voided
                     else _decide(batch, m, clients) for m in fresh]
        if batch.category == "promotional" and client_ids:
            # The last line of defence: a client whose consent is « refusé » gets none.
            refused = {cid for cid, st in consent.latest_states(connection, client_ids).items()
                       if st == "refused"}
            decisions = [dataclasses.replace(d, status="rejected", failure="opted_out")
                         if d.status == "queued" and d.message.client_id in refused else d
                         for d in decisions]
        consent.record_purposes(connection, [m.client_message_id for m in fresh], batch.purpose)
        needed = sum(d.segments for d in decisions if d.status == "queued")
        available = connection.execute("SELECT credits FROM balance WHERE id = 1").fetchone()[0]
        if needed > available:
            # The whole batch is refused: a half-sent campaign is worse than none.
            raise ApiProblem(402, "insufficient_credits",
                             f"{needed} credits needed, {available} available",
                             needed=needed, available=available)
        now = db.now()
        rev = db.next_rev(connection, "communications")
        rows = []
        for d in decisions:
            m = d.message
            timing: tuple[float | None, float | None, str | None, float | None, int]
            if d.status == "queued":
                fate = delivery.decide(m.client_message_id, now, d.failure, delivery_scale)
                timing = (fate.sent_at, fate.final_at, fate.final_status, fate.sent_at,
                          d.segments)
            else:
                timing = (None, None, None, None, 0)
            rows.append((m.client_message_id, batch.campaign_id, batch.category, now, now,
                         user_id, d.status, d.failure, m.content, m.client_id,
                         d.recipient_name, d.recipient_phone, d.segments, int(batch.is_test),
                         batch.kind, *timing, rev))
        connection.executemany(
            "INSERT INTO communications (client_message_id, campaign_id, category, created_at, "
            "updated_at, initiated_by, status, failure_code, content, client_id, "
            "recipient_name, recipient_phone, segments, is_test, kind, sent_at, final_at, "
            "final_status, next_change_at, credits, rev) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        if known:
            connection.execute(
                "UPDATE communications SET receipts = receipts + 1 "
                f"WHERE client_message_id IN ({','.join('?' * len(known))})", sorted(known))
        if needed:
            connection.execute(
                "UPDATE balance SET credits = credits - ?, updated_at = ? WHERE id = 1",
                (needed, now))
            ledger.record_charge(connection, batch.campaign_id,
                                 [(d.message.client_message_id, d.segments)
                                  for d in decisions if d.status == "queued"], now)
    return needed


def _void(batch: Batch, message: Outgoing) -> _Decision:
    """A delayed copy of a message its sender cancelled before we ever received it."""
    phone = check_phone(message.phone)
    return _Decision(message, "rejected", "cancelled", message.recipient_name or "",
                     phone.e164 or message.phone, count_segments(message.content))


def _voided(connection: sqlite3.Connection, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    db.ensure_voided_messages(connection)
    return {r[0] for r in connection.execute(
        "SELECT client_message_id FROM voided_messages "
        "WHERE client_message_id IN (SELECT value FROM json_each(?))", (json.dumps(ids),))}


def parse_cancel(body: dict[str, Any]) -> list[str]:
    check = Checker(body, {"client_message_ids"})
    raw = body.get("client_message_ids")
    ids: list[str] = []
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_BATCH:
        check.fail("client_message_ids", f"a list of 1 to {MAX_BATCH} UUIDs")
        raw = []
    for i, item in enumerate(raw):
        try:
            ids.append(str(uuid.UUID(item)) if isinstance(item, str) else "")
        except ValueError:
            ids.append("")
        if not ids[-1]:
            check.fail(f"client_message_ids[{i}]", "must be a UUID")
    if len(set(ids)) != len(ids):
        check.fail("client_message_ids", "an id appears twice")
    check.done()
    return ids


def cancel(connection: sqlite3.Connection, ids: list[str]) -> dict[str, Any]:
    """Received ids keep their outcome; the others are voided, for good (idempotent)."""
    with db.write(connection):
        db.ensure_voided_messages(connection)
        received = {r["client_message_id"]: r for r in connection.execute(
            f"{serialize.COMMUNICATION_SELECT} WHERE t.client_message_id IN "
            "(SELECT value FROM json_each(?))", (json.dumps(ids),))}
        connection.executemany(
            "INSERT OR IGNORE INTO voided_messages (client_message_id, voided_at) VALUES (?, ?)",
            [(i, db.now()) for i in ids if i not in received])
    return {"results": [
        {"client_message_id": i, "received": i in received,
         "communication": serialize.communication(received[i]) if i in received else None}
        for i in ids
    ]}
