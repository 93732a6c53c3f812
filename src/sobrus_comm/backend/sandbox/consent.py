"""Consent records, clients' replies and the account's opt-out mention, in the sandbox.

Its own tables beside the others (added to sandbox files made before them too), its own
routes under /api/v1 (resources/openapi.yaml, « Consent » and « Replies »), and a control
route that makes a client answer, as a real handset would. Seeding gives the demo mixed
consent states and a few replies: some stop words, some ordinary answers.
"""

from __future__ import annotations

import random
import sqlite3
import uuid
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, g, jsonify

from sobrus_comm.backend.sandbox import db
from sobrus_comm.backend.sandbox.web import (
    ApiProblem,
    Checker,
    authenticated,
    conn,
    json_object,
    page_request,
    read_page,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS consent_records (
    id INTEGER PRIMARY KEY,
    record_uid TEXT NOT NULL UNIQUE,     -- the client's idempotency key
    client_id INTEGER NOT NULL,
    purpose TEXT NOT NULL,
    state TEXT NOT NULL,
    recorded_at REAL NOT NULL,
    staff TEXT NOT NULL,
    channel TEXT NOT NULL,
    reply_id INTEGER,
    reply_text TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER,
    updated_at REAL NOT NULL,
    rev INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS consent_records_by_rev ON consent_records (rev, id);
CREATE TABLE IF NOT EXISTS inbound_replies (
    id INTEGER PRIMARY KEY,
    client_id INTEGER,
    phone TEXT,
    text TEXT NOT NULL,
    received_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    rev INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS inbound_replies_by_rev ON inbound_replies (rev, id);
CREATE TABLE IF NOT EXISTS message_purposes (  -- what each SMS was sent as (caps)
    client_message_id TEXT PRIMARY KEY,
    purpose TEXT NOT NULL
);
"""
STATES = ("granted", "refused", "unknown")
CHANNELS = ("counter", "written", "sms_reply", "import")
PURPOSES = ("balance_reminder", "promotion", "other")
DEFAULT_WORDING = "STOP au {numero}"
DEFAULT_REPLY_NUMBER = "3535"
DEMO_REPLIES = ("STOP", "stop sms", "Arrêt", "ARRET", "توقف", "merci", "j'ai payé",
                "Merci, je passe demain", "OK", "merci beaucoup")

consent_api = Blueprint("consent_api", __name__, url_prefix="/api/v1")


def ensure_schema(connection: sqlite3.Connection) -> None:
    # One statement at a time: executescript would commit a transaction in progress.
    for statement in SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)


def _next_rev(connection: sqlite3.Connection, table: str) -> int:
    assert table in {"consent_records", "inbound_replies"}
    return int(connection.execute(
        f"SELECT COALESCE(MAX(rev), 0) + 1 FROM {table}").fetchone()[0])


def add_reply(connection: sqlite3.Connection, client_id: int | None, text: str,
              at: float | None = None) -> int:
    """A client answers the pharmacy's number (the phone is the client's, when known)."""
    phone = None
    if client_id is not None:
        row = connection.execute("SELECT phone FROM clients WHERE id = ?",
                                 (client_id,)).fetchone()
        phone = row["phone"] if row else None
    at = db.now() if at is None else at
    with db.write(connection):
        cur = connection.execute(
            "INSERT INTO inbound_replies (client_id, phone, text, received_at, updated_at, rev) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (client_id, phone, text, at, at, _next_rev(connection, "inbound_replies")))
    return int(cur.lastrowid or 0)


def simulate_replies(connection: sqlite3.Connection, result: dict[str, Any], rate: float,
                     rng: random.Random) -> int:
    """Some clients answer a promotion they just received (« STOP », « merci »…). Only on
    first acceptance: a replay charges nothing and gets no new answer."""
    if not result.get("credits_charged"):
        return 0
    answered = 0
    for item in result["results"]:
        client_id = item["communication"]["recipient"]["client_id"] if item["accepted"] \
            else None
        if client_id is not None and rng.random() < rate:
            add_reply(connection, client_id, rng.choice(DEMO_REPLIES))
            answered += 1
    return answered


def record_purposes(connection: sqlite3.Connection, ids: list[str], purpose: str | None) -> None:
    """Inside the batch's write transaction: the purpose of each id, once."""
    if purpose:
        connection.executemany(
            "INSERT OR IGNORE INTO message_purposes (client_message_id, purpose) VALUES (?, ?)",
            [(i, purpose) for i in ids])


def purpose_of(connection: sqlite3.Connection, client_message_id: str) -> str | None:
    row = connection.execute("SELECT purpose FROM message_purposes WHERE client_message_id = ?",
                             (client_message_id,)).fetchone()
    return row[0] if row else None


def seed(connection: sqlite3.Connection, rng: random.Random, t_now: float) -> None:
    """Mixed consent states and a few replies (inside the seeding transaction)."""
    ensure_schema(connection)
    ids = [r[0] for r in connection.execute(
        "SELECT id FROM clients WHERE deleted_at IS NULL AND sms_opt_out = 0 ORDER BY id")]
    rev = 0
    for client_id in ids:
        roll = rng.random()
        if roll < 0.45:
            continue  # « non recueilli »: most clients were never asked
        state = "granted" if roll < 0.9 else "refused"
        at = t_now - rng.uniform(86400, 200 * 86400)
        rev += 1
        connection.execute(
            "INSERT INTO consent_records (record_uid, client_id, purpose, state, recorded_at, "
            "staff, channel, updated_at, rev) VALUES (?, ?, 'promotions', ?, ?, ?, ?, ?, ?)",
            (str(uuid.UUID(int=rng.getrandbits(128), version=4)), client_id, state, at,
             rng.choice(("Dr Samira Alaoui", "Youssef Bennani")),
             rng.choice(("counter", "counter", "written", "import")), at, rev))
    for n, client_id in enumerate(rng.sample(ids, min(len(DEMO_REPLIES), len(ids)))):
        at = t_now - rng.uniform(3600, 20 * 86400)
        row = connection.execute("SELECT phone FROM clients WHERE id = ?",
                                 (client_id,)).fetchone()
        connection.execute(
            "INSERT INTO inbound_replies (client_id, phone, text, received_at, updated_at, rev) "
            "VALUES (?, ?, ?, ?, ?, ?)", (client_id, row[0], DEMO_REPLIES[n], at, at, n + 1))
    connection.executemany(
        "INSERT OR IGNORE INTO message_purposes (client_message_id, purpose) "
        "SELECT client_message_id, ? FROM communications WHERE category = ?",
        [("promotion", "promotional")])
    connection.execute(
        "INSERT OR IGNORE INTO message_purposes (client_message_id, purpose) "
        "SELECT client_message_id, 'balance_reminder' FROM communications "
        "WHERE category = 'transactional' AND content LIKE '%DH%'")
    connection.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                           [("opt_out_wording", DEFAULT_WORDING),
                            ("reply_number", DEFAULT_REPLY_NUMBER)])


def _record(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"], "record_uid": row["record_uid"], "client_id": row["client_id"],
        "purpose": row["purpose"], "state": row["state"],
        "recorded_at": db.iso(row["recorded_at"]), "staff": row["staff"],
        "channel": row["channel"], "reply_id": row["reply_id"],
        "reply_text": row["reply_text"], "note": row["note"],
    }


def _reply(row: sqlite3.Row) -> dict[str, Any]:
    return {"id": row["id"], "client_id": row["client_id"], "phone": row["phone"],
            "text": row["text"], "received_at": db.iso(row["received_at"])}


def _page(table: str, serialize: Callable[[sqlite3.Row], dict[str, Any]]) -> Response:
    """One page of an incremental list of ``table`` (cursor, updated_since, limit)."""
    c = conn()
    ensure_schema(c)
    rows, cursor, more = read_page(c, table, f"SELECT * FROM {table} t", page_request(table))
    return jsonify({"items": [serialize(r) for r in rows], "next_cursor": cursor,
                    "has_more": more})


@consent_api.get("/consents")
@authenticated()
def list_consents() -> Response:
    return _page("consent_records", _record)


@consent_api.post("/consents")
@authenticated()
def create_consent() -> tuple[Response, int]:
    body = json_object()
    check = Checker(body, {"record_uid", "client_id", "purpose", "state", "recorded_at",
                           "staff", "channel", "reply_id", "reply_text", "note"})
    uid = check.text("record_uid", max_len=64)
    client_id = check.integer("client_id")
    purpose = check.text("purpose", max_len=20) or "promotions"
    state = check.choice("state", STATES)
    channel = check.choice("channel", CHANNELS)
    recorded = check.text("recorded_at", max_len=40)
    staff = check.text("staff", max_len=200, required=False) or ""
    reply_id = check.integer("reply_id", required=False, nullable=True)
    reply_text = check.text("reply_text", max_len=1000, required=False) or ""
    note = check.text("note", max_len=1000, required=False) or ""
    at = 0.0
    if recorded is not None:
        try:
            at = db.parse_iso(recorded)
        except ValueError:
            check.fail("recorded_at", "an RFC 3339 date-time")
    check.done()
    c = conn()
    ensure_schema(c)
    with db.write(c):
        if c.execute("SELECT 1 FROM clients WHERE id = ?", (client_id,)).fetchone() is None:
            raise ApiProblem(404, "not_found", f"no client {client_id}")
        found = c.execute("SELECT * FROM consent_records WHERE record_uid = ?",
                          (uid,)).fetchone()
        if found is None:  # a replay of the same uid is answered with the stored record
            now = db.now()
            c.execute(
                "INSERT INTO consent_records (record_uid, client_id, purpose, state, "
                "recorded_at, staff, channel, reply_id, reply_text, note, recorded_by, "
                "updated_at, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (uid, client_id, purpose, state, at, staff, channel, reply_id, reply_text,
                 note, g.user.id, now, _next_rev(c, "consent_records")))
            found = c.execute("SELECT * FROM consent_records WHERE record_uid = ?",
                              (uid,)).fetchone()
    return jsonify(_record(found)), 201


@consent_api.get("/replies")
@authenticated()
def list_replies() -> Response:
    return _page("inbound_replies", _reply)


@consent_api.get("/account/sms-settings")
@authenticated()
def sms_settings() -> Response:
    c = conn()
    return jsonify({"opt_out_wording": db.meta(c, "opt_out_wording", DEFAULT_WORDING),
                    "reply_number": db.meta(c, "reply_number", DEFAULT_REPLY_NUMBER)})


def latest_states(connection: sqlite3.Connection, client_ids: list[int]) -> dict[int, str]:
    """The current promotional consent of these clients (absent: never recorded)."""
    ensure_schema(connection)
    marks = ",".join("?" * len(client_ids))
    rows = connection.execute(
        f"SELECT client_id, state FROM consent_records WHERE client_id IN ({marks}) "
        "AND purpose = 'promotions' ORDER BY recorded_at, id", client_ids).fetchall()
    return {r[0]: r[1] for r in rows}


# --- sandbox only: a client answers -------------------------------------------------------

consent_control = Blueprint("consent_control", __name__, url_prefix="/sandbox")


@consent_control.post("/replies")
def simulate_reply() -> tuple[Response, int]:
    """``{"client_id": 7, "text": "Arrêt"}``: what that client's phone answers."""
    body = json_object()
    check = Checker(body, {"client_id", "text"})
    client_id = check.integer("client_id", required=False, nullable=True)
    text = check.text("text", max_len=1000)
    check.done()
    assert text is not None
    c = conn()
    ensure_schema(c)
    reply_id = add_reply(c, client_id, text)
    row = c.execute("SELECT * FROM inbound_replies WHERE id = ?", (reply_id,)).fetchone()
    return jsonify(_reply(row)), 201
