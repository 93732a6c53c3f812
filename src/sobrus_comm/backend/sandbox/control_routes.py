"""Sandbox-only endpoints under /sandbox: the sales team, the knobs, the inspection desk.

Not part of the contract (the real backend has none of this), never faulted nor delayed,
and without authentication: the sandbox only listens on loopback.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask import Blueprint, Response, jsonify, request

from sobrus_comm.backend.sandbox import db, delivery, ledger, serialize
from sobrus_comm.backend.sandbox.languages import LANGUAGE_FIELDS, language_values
from sobrus_comm.backend.sandbox.web import ApiProblem, Checker, conn, json_object, state

control = Blueprint("control", __name__, url_prefix="/sandbox")


@control.get("/health")
def health() -> Response:
    return jsonify({"ok": True})


@control.get("/config")
def get_config() -> Response:
    return jsonify(state().snapshot().to_json())


@control.post("/config")
def set_config() -> Response:
    """Partial update of the runtime knobs (see config.Knobs), e.g. {"fail_rate": 0.3}."""
    try:
        knobs = state().configure(json_object())
    except ValueError as exc:
        raise ApiProblem(422, "validation_error", str(exc)) from None
    return jsonify(knobs.to_json())


@control.get("/stats")
def stats() -> Response:
    """Counters of injected faults: ``faults``, ``faults_before``, ``fault_503``…"""
    s = state()
    with s.lock:
        return jsonify(dict(s.stats))


@control.put("/balance")
def set_balance() -> Response:
    body = json_object()
    check = Checker(body, {"credits"})
    credits = check.integer("credits", minimum=0)
    check.done()
    c = conn()
    with db.write(c):
        before = c.execute("SELECT credits FROM balance WHERE id = 1").fetchone()[0]
        c.execute("UPDATE balance SET credits = ?, updated_at = ? WHERE id = 1",
                  (credits, db.now()))
        if credits != before:  # Sobrus sets a balance by hand: the ledger says so
            ledger.record(c, ledger.ADJUSTMENT, int(credits or 0) - int(before),
                          note="Ajustement manuel par Sobrus")
    return jsonify(serialize.balance(c.execute("SELECT * FROM balance").fetchone()))


@control.get("/sent")
def sent() -> Response:
    """What the gateway accepted (rejected messages excluded), oldest first.

    Filters: ``campaign_id``, ``client_message_id`` (repeatable), ``since`` (RFC 3339).
    ``receipts`` counts the posts that carried each id: retries show up there, never as a
    second SMS.
    """
    c = conn()
    delivery.settle(c)
    where: list[str] = ["status != 'rejected'"]
    params: list[object] = []
    if request.args.get("campaign_id"):
        where.append("campaign_id = ?")
        params.append(request.args["campaign_id"])
    ids = request.args.getlist("client_message_id")
    if ids:
        where.append(f"client_message_id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    if request.args.get("since"):
        try:
            params.append(db.parse_iso(request.args["since"]))
        except ValueError:
            raise ApiProblem(400, "validation_error", "since: an RFC 3339 date-time") from None
        where.append("created_at >= ?")
    rows = c.execute(
        "SELECT client_message_id, campaign_id, client_id, recipient_phone, content, segments, "
        "credits, status, receipts, created_at FROM communications "
        f"WHERE {' AND '.join(where)} ORDER BY id", params).fetchall()
    return jsonify({
        "count": len(rows),
        "items": [{
            "client_message_id": r["client_message_id"],
            "campaign_id": r["campaign_id"],
            "client_id": r["client_id"],
            "phone": r["recipient_phone"],
            "content": r["content"],
            "segments": r["segments"],
            "credits": r["credits"],
            "status": r["status"],
            "receipts": r["receipts"],
            "accepted_at": db.iso(r["created_at"]),
        } for r in rows],
    })


@control.post("/tokens/expire")
def expire_tokens() -> Response:
    """Expire every token, or those of ``{"username": ...}``."""
    body = request.get_json(silent=True) or {}
    username = body.get("username") if isinstance(body, dict) else None
    c = conn()
    with db.write(c):
        cur = c.execute(
            "UPDATE tokens SET expires_at = ? WHERE expires_at > ? AND (? IS NULL OR user_id = "
            "(SELECT id FROM users WHERE username = ?))",
            (db.now() - 1, db.now() - 1, username, username))
    return jsonify({"expired": cur.rowcount})


@control.post("/recharge-requests/<int:request_id>/advance")
def advance_recharge(request_id: int) -> Response:
    """The sales team moves a request one step, or to ``{"status": ...}``."""
    body = request.get_json(silent=True) or {}
    target = body.get("status") if isinstance(body, dict) else None
    c = conn()
    try:
        with db.write(c):
            row = delivery.advance_recharge(c, request_id, target)
    except ValueError as exc:
        raise ApiProblem(409, "invalid_state", str(exc)) from None
    if row is None:
        raise ApiProblem(404, "not_found", f"no recharge request {request_id}")
    full = c.execute(f"{serialize.RECHARGE_SELECT} WHERE t.id = ?", (request_id,)).fetchone()
    return jsonify(serialize.recharge_request(full))


# --- clients changed "in Sobrus" (to exercise incremental sync) -------------------------

_CLIENT_FIELDS = {"first_name", "last_name", "phone", "balance_due", "balance_due_since",
                  "sms_opt_out", *LANGUAGE_FIELDS}


def _client_values(body: dict[str, Any]) -> dict[str, Any]:
    """The fields given, checked and stored the way the contract serves them."""
    check = Checker(body, _CLIENT_FIELDS)
    values: dict[str, Any] = {}
    for key in ("first_name", "last_name"):
        if key in body:
            values[key] = check.text(key, max_len=100, required=False) or ""
    if "phone" in body:
        values["phone"] = check.text("phone", max_len=40, required=False, nullable=True)
    if "balance_due" in body:
        try:
            values["balance_due"] = f"{Decimal(str(body['balance_due'])):.2f}"
        except InvalidOperation:
            check.fail("balance_due", "a decimal amount")
    if "balance_due_since" in body:
        since = body["balance_due_since"]
        try:
            values["balance_due_since"] = date.fromisoformat(since).isoformat() if since else None
        except (TypeError, ValueError):
            check.fail("balance_due_since", "a date (YYYY-MM-DD) or null")
    if "sms_opt_out" in body:
        if not isinstance(body["sms_opt_out"], bool):
            check.fail("sms_opt_out", "a boolean")
        values["sms_opt_out"] = int(bool(body["sms_opt_out"]))
    values |= language_values(check)
    check.done()
    return values


def _client(row_id: int) -> Response:
    row = conn().execute("SELECT * FROM clients WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        raise ApiProblem(404, "not_found", f"no client {row_id}")
    return jsonify(serialize.tombstone(row) if row["deleted_at"] else serialize.client(row))


@control.post("/clients")
def create_client() -> tuple[Response, int]:
    values = {"first_name": "", "last_name": "", "phone": None, "balance_due": "0.00",
              "balance_due_since": None, "sms_opt_out": 0, **_client_values(json_object())}
    c = conn()
    with db.write(c):
        cols = ", ".join(values)
        cur = c.execute(
            f"INSERT INTO clients ({cols}, updated_at, rev) VALUES "
            f"({', '.join('?' * len(values))}, ?, ?)",
            (*values.values(), db.now(), db.next_rev(c, "clients")))
    return _client(int(cur.lastrowid or 0)), 201


@control.patch("/clients/<int:client_id>")
def update_client(client_id: int) -> Response:
    values = _client_values(json_object())
    c = conn()
    with db.write(c):
        sets = "".join(f"{k} = ?, " for k in values)
        cur = c.execute(f"UPDATE clients SET {sets}updated_at = ?, rev = ? "
                        "WHERE id = ? AND deleted_at IS NULL",
                        (*values.values(), db.now(), db.next_rev(c, "clients"), client_id))
    if not cur.rowcount:
        raise ApiProblem(404, "not_found", f"no client {client_id}")
    return _client(client_id)


@control.delete("/clients/<int:client_id>")
def delete_client(client_id: int) -> Response:
    c = conn()
    with db.write(c):
        now = db.now()
        cur = c.execute("UPDATE clients SET deleted_at = ?, updated_at = ?, rev = ? "
                        "WHERE id = ? AND deleted_at IS NULL",
                        (now, now, db.next_rev(c, "clients"), client_id))
    if not cur.rowcount:
        raise ApiProblem(404, "not_found", f"no client {client_id}")
    return _client(client_id)


@control.post("/ledger/glitch")
def ledger_glitch() -> Response:
    """Make the ledger disagree, for the demo and the tests: ``{"kind": "unrecorded",
    "credits": 3}`` (the balance loses credits without a movement) or
    ``{"kind": "double_charge"}`` (the last charged message is charged again)."""
    body = json_object()
    check = Checker(body, {"kind", "credits"})
    kind = check.choice("kind", ("unrecorded", "double_charge"))
    credits = check.integer("credits", minimum=1, required=False) or 3
    check.done()
    try:
        return jsonify(ledger.glitch(conn(), str(kind), credits))
    except ValueError as exc:
        raise ApiProblem(409, "invalid_state", str(exc)) from None
