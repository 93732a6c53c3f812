"""Scheduled sends on the sandbox: /api/v1/schedules (resources/openapi.yaml, « Schedules »).

Schedules are stored on the backend so that every workstation of the pharmacy sees them.
Edits are versioned like templates (a stale version gets 409 with ``current``). Runs are
recorded per (schedule, occurrence) and the first record wins: a workstation learns there
that an occurrence was handled elsewhere. Sending itself is made exactly-once by the
message ids (uuid5 of schedule, occurrence and client), which the batch endpoint's
idempotency accepts once whoever posts them.

The tables are created on first use (``CREATE TABLE IF NOT EXISTS``), so a sandbox file
made before them keeps working.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, g, jsonify, request

from sobrus_comm.backend.sandbox import db
from sobrus_comm.backend.sandbox.web import ApiProblem, authenticated, conn, json_object
from sobrus_comm.domain.models import Objective
from sobrus_comm.domain.recurrence import Frequency, Recurrence, occurrence_key
from sobrus_comm.domain.schedules import RecipientsRule, RunResult, Schedule, from_wire, to_wire

schedules_api = Blueprint("schedules", __name__, url_prefix="/api/v1")

SEND_SMS = "send_sms"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS schedules (
    uid TEXT PRIMARY KEY,
    data TEXT NOT NULL,                 -- the Schedule's fields as JSON (without the run state)
    version INTEGER NOT NULL,
    updated_at REAL NOT NULL,
    deleted_at REAL,
    last_key TEXT,
    last_result TEXT,
    last_detail TEXT,
    last_run_at REAL
);
CREATE TABLE IF NOT EXISTS schedule_runs (
    uid TEXT NOT NULL,
    occurrence_key TEXT NOT NULL,
    result TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER,
    recorded_at REAL NOT NULL,
    PRIMARY KEY (uid, occurrence_key)
);
"""
_RUN_STATE = ("last_key", "last_result", "last_detail", "version")


def ensure_tables(c: sqlite3.Connection) -> None:
    # One statement at a time: executescript would commit a transaction in progress.
    for statement in filter(str.strip, _SCHEMA.split(";")):
        c.execute(statement)


def serialize(row: sqlite3.Row) -> dict[str, Any]:
    data = json.loads(row["data"])
    data.update(version=row["version"], updated_at=db.iso(row["updated_at"]),
                last_key=row["last_key"], last_result=row["last_result"] or "",
                last_detail=row["last_detail"] or "", last_run_at=db.iso(row["last_run_at"]))
    return data


def _row(c: sqlite3.Connection, uid: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = c.execute("SELECT * FROM schedules WHERE uid = ?",
                                        (uid,)).fetchone()
    return row


def _is_key(value: object) -> bool:
    return isinstance(value, str) and len(value) == 16 and value[4] == "-" and value[10] == "T"


def _live_row(c: sqlite3.Connection, uid: str) -> sqlite3.Row:
    row = _row(c, uid)
    if row is None or row["deleted_at"] is not None:
        raise ApiProblem(404, "not_found", f"no schedule {uid}")
    return row


def _validated(body: dict[str, Any], uid: str) -> dict[str, Any]:
    body = dict(body, uid=uid)
    try:
        schedule = from_wire(body)
    except (ValueError, KeyError, TypeError) as exc:
        raise ApiProblem(422, "validation_error", f"invalid schedule: {exc!s}",
                         errors=[{"field": "schedule", "message": str(exc)}]) from None
    if not schedule.name.strip() or len(schedule.name) > 100:
        raise ApiProblem(422, "validation_error", "invalid name",
                         errors=[{"field": "name", "message": "1 to 100 characters"}])
    data = to_wire(schedule)
    for key in _RUN_STATE:
        data.pop(key, None)
    return data


@schedules_api.get("/schedules")
@authenticated()
def list_schedules() -> Response:
    c = conn()
    ensure_tables(c)
    rows = c.execute("SELECT * FROM schedules ORDER BY uid").fetchall()
    return jsonify({
        "items": [serialize(r) for r in rows if r["deleted_at"] is None],
        "deleted": [{"uid": r["uid"], "deleted_at": db.iso(r["deleted_at"])}
                    for r in rows if r["deleted_at"] is not None],
    })


@schedules_api.put("/schedules/<uid>")
@authenticated(SEND_SMS)
def save_schedule(uid: str) -> tuple[Response, int]:
    body = json_object()
    version = body.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise ApiProblem(400, "validation_error", "invalid version",
                         errors=[{"field": "version", "message": "an integer >= 0"}])
    data = _validated(body, uid)
    c = conn()
    ensure_tables(c)
    now = db.now()
    with db.write(c):
        row = _row(c, uid)
        current = row["version"] if row is not None else 0
        if row is not None and row["deleted_at"] is not None:
            raise ApiProblem(404, "not_found", f"schedule {uid} was deleted")
        if version != current:
            raise ApiProblem(409, "conflict",
                             f"the schedule is at version {current}, not {version}",
                             current=serialize(row) if row is not None else None)
        if row is None:
            start = body.get("last_key")  # occurrences up to the creation are not owed
            c.execute("INSERT INTO schedules (uid, data, version, updated_at, last_key) "
                      "VALUES (?, ?, 1, ?, ?)", (uid, json.dumps(data), now,
                                                 start if _is_key(start) else None))
        else:
            c.execute("UPDATE schedules SET data = ?, version = version + 1, updated_at = ? "
                      "WHERE uid = ?", (json.dumps(data), now, uid))
        saved = _row(c, uid)
    assert saved is not None
    return jsonify(serialize(saved)), 201 if row is None else 200


@schedules_api.delete("/schedules/<uid>")
@authenticated(SEND_SMS)
def delete_schedule(uid: str) -> tuple[str, int]:
    c = conn()
    ensure_tables(c)
    now = db.now()
    with db.write(c):
        _live_row(c, uid)
        c.execute("UPDATE schedules SET deleted_at = ?, updated_at = ?, version = version + 1 "
                  "WHERE uid = ?", (now, now, uid))
    return "", 204


@schedules_api.post("/schedules/<uid>/runs")
@authenticated(SEND_SMS)
def record_run(uid: str) -> Response:
    """Record how an occurrence ended; the first record of an occurrence wins (a « held »
    one is replaced by the final result)."""
    body = json_object()
    key, result = body.get("occurrence_key"), body.get("result")
    detail, pause_reason = body.get("detail") or "", body.get("pause_reason") or ""
    if not _is_key(key) or result not in set(RunResult):
        raise ApiProblem(400, "validation_error", "invalid run",
                         errors=[{"field": "occurrence_key", "message": "YYYY-MM-DDTHH:MM"}])
    if not isinstance(detail, str) or not isinstance(pause_reason, str):
        raise ApiProblem(400, "validation_error", "invalid run detail",
                         errors=[{"field": "detail", "message": "text"}])
    c = conn()
    ensure_tables(c)
    now = db.now()
    with db.write(c):
        row = _live_row(c, uid)
        # First record wins, except « held » (quiet hours): its final result replaces it.
        recorded = c.execute(
            "INSERT INTO schedule_runs (uid, occurrence_key, result, detail, recorded_by, "
            "recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (uid, occurrence_key) DO "
            "UPDATE SET result = excluded.result, detail = excluded.detail, "
            "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at "
            "WHERE schedule_runs.result = 'held'",
            (uid, key, result, detail[:500], g.user.id, now)).rowcount == 1
        if recorded and (row["last_key"] is None or key >= row["last_key"]):
            c.execute("UPDATE schedules SET last_key = ?, last_result = ?, last_detail = ?, "
                      "last_run_at = ?, updated_at = ? WHERE uid = ?",
                      (key, result, detail[:500], now, now, uid))
        if recorded and pause_reason:
            data = json.loads(row["data"])
            data.update(paused=True, pause_reason=pause_reason[:300])
            c.execute("UPDATE schedules SET data = ?, version = version + 1 WHERE uid = ?",
                      (json.dumps(data), uid))
        saved = _row(c, uid)
    assert saved is not None
    return jsonify({"recorded": recorded, "schedule": serialize(saved)})


@schedules_api.get("/schedules/<uid>/runs")
@authenticated()
def list_runs(uid: str) -> Response:
    c = conn()
    ensure_tables(c)
    rows = c.execute("SELECT * FROM schedule_runs WHERE uid = ? ORDER BY occurrence_key",
                     (uid,)).fetchall()
    limit = request.args.get("limit", "")
    if limit.isdigit():
        rows = rows[-int(limit):]
    return jsonify({"items": [
        {"occurrence_key": r["occurrence_key"], "result": r["result"], "detail": r["detail"],
         "recorded_at": db.iso(r["recorded_at"])} for r in rows]})


# --- demo data ------------------------------------------------------------------------------


def seed_demo_schedules(c: sqlite3.Connection, t_now: float) -> None:
    """Two schedules for the demo: a monthly balance reminder (last run a month ago) and a
    weekly vaccination announcement; neither is due at the moment of seeding."""
    ensure_tables(c)
    local_now = datetime.fromtimestamp(t_now, UTC).astimezone(
        ZoneInfo("Africa/Casablanca")).replace(tzinfo=None)
    today = local_now.date()
    monthly = Recurrence(Frequency.MONTHLY, time(9, 0), date(today.year, 1, 1), day_of_month=1)
    past = _until(monthly, local_now)
    next_monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    weekly = Recurrence(Frequency.WEEKLY, time(10, 0), next_monday, weekday=0, count=4)
    demo = (
        (Schedule(str(uuid.UUID(int=0xD3301)), "Rappel de solde mensuel",
                  Objective.BALANCE_REMINDER, 1, RecipientsRule.ALL_DUE, monthly),
         past[-1] if past else None, "sent", "18 SMS envoyés"),
        (Schedule(str(uuid.UUID(int=0xD3302)), "Vaccination antigrippale (lundis)",
                  Objective.CUSTOM_TEMPLATE, 4, RecipientsRule.ALL, weekly),
         None, "", ""),
    )
    for schedule, last, result, detail in demo:
        data = to_wire(schedule)
        for key in _RUN_STATE:
            data.pop(key, None)
        c.execute("INSERT OR REPLACE INTO schedules (uid, data, version, updated_at, last_key, "
                  "last_result, last_detail, last_run_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?)",
                  (schedule.uid, json.dumps(data), t_now,
                   occurrence_key(last) if last else None, result or None, detail or None,
                   t_now - 86400 if last else None))


def _until(rule: Recurrence, local_now: datetime) -> list[datetime]:
    found = []
    for local in rule.local_times():
        if local > local_now:
            break
        found.append(local)
    return found
