"""The contract's endpoints under /api/v1 (documented in resources/openapi.yaml)."""

from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, g, jsonify, request

from sobrus_comm.backend.sandbox import consent, db, delivery, ledger, sending, serialize
from sobrus_comm.backend.sandbox.seed import hash_password
from sobrus_comm.backend.sandbox.web import (
    ApiProblem,
    Checker,
    authenticated,
    conn,
    count_after,
    json_object,
    page_request,
    page_response,
    read_page,
    state,
    token_hash,
)

api = Blueprint("api", __name__, url_prefix="/api/v1")

SEND_SMS, MANAGE_TEMPLATES, REQUEST_RECHARGE = "send_sms", "manage_templates", "request_recharge"
CATEGORIES = ("transactional", "promotional")
MAX_PROOF_BYTES = 5 * 1024 * 1024
PROOF_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
_DUMMY_SALT = os.urandom(16)


def _created(body: dict[str, Any]) -> tuple[Response, int]:
    return jsonify(body), 201


# --- auth -----------------------------------------------------------------------------


@api.post("/auth/login")
def login() -> Response:
    body = json_object()
    check = Checker(body, {"username", "password"})
    username = check.text("username", max_len=100)
    password = check.text("password", max_len=200)
    check.done()
    assert username is not None and password is not None
    c = conn()
    row = c.execute("SELECT * FROM users WHERE username = ?", (username.strip(),)).fetchone()
    # Hash even for unknown users, so response time does not reveal which usernames exist.
    salt = row["password_salt"] if row else _DUMMY_SALT
    good = hmac.compare_digest(hash_password(password, salt), row["password_hash"] if row
                               else b"")
    if not (row and good):
        raise ApiProblem(401, "invalid_credentials", "wrong username or password")
    token = secrets.token_urlsafe(32)
    now = db.now()
    expires = now + state().snapshot().token_ttl
    with db.write(c):
        c.execute("INSERT INTO tokens (token_hash, user_id, created_at, expires_at) "
                  "VALUES (?, ?, ?, ?)", (token_hash(token), row["id"], now, expires))
    return jsonify({"token": token, "token_type": "Bearer", "expires_at": db.iso(expires),
                    "user": serialize.current_user(row, c)})


@api.post("/auth/logout")
@authenticated()
def logout() -> tuple[str, int]:
    token = request.headers["Authorization"].partition(" ")[2].strip()
    c = conn()
    with db.write(c):
        c.execute("UPDATE tokens SET revoked = 1 WHERE token_hash = ?", (token_hash(token),))
    return "", 204


@api.get("/me")
@authenticated()
def me() -> Response:
    c = conn()
    row = c.execute("SELECT * FROM users WHERE id = ?", (g.user.id,)).fetchone()
    return jsonify(serialize.current_user(row, c))


def _page_with_tombstones(table: str, item: Callable[[Any], dict[str, Any]]) -> Response:
    """One page of a resource that keeps its deletions as tombstones (clients, templates)."""
    page = page_request(table)
    rows, cursor, more = read_page(conn(), table, f"SELECT * FROM {table} t", page)
    return jsonify({
        "items": [item(r) for r in rows if r["deleted_at"] is None],
        "deleted": [serialize.tombstone(r) for r in rows if r["deleted_at"] is not None],
        "next_cursor": cursor,
        "has_more": more,
    })


# --- clients --------------------------------------------------------------------------


@api.get("/clients")
@authenticated()
def list_clients() -> Response:
    unreadable = frozenset(state().snapshot().unreadable_client_ids)
    if not unreadable:
        return _page_with_tombstones("clients", serialize.client)

    def client(row: Any) -> dict[str, Any]:  # the "unreadable_client_ids" knob
        data = serialize.client(row)
        if data["id"] in unreadable:
            data["first_name"] += "\ud800"  # escaped by the JSON encoder: valid JSON
        return data

    return _page_with_tombstones("clients", client)


# --- templates ------------------------------------------------------------------------


def _template_fields(body: dict[str, Any], *, with_version: bool) -> tuple[Any, ...]:
    allowed = {"name", "body", "category", "body_ar"} | ({"version"} if with_version else set())
    check = Checker(body, allowed)
    values = (check.text("name", max_len=100), check.text("body", max_len=1000),
              check.choice("category", CATEGORIES))
    check.text("body_ar", max_len=1000, required=False, nullable=True)
    version = check.integer("version") if with_version else None
    check.done()
    return (*values, version)


def _body_ar(body: dict[str, Any]) -> str:
    """The optional Arabic text (issue 16); absent or null: none. Checked by
    _template_fields' Checker for its type and length."""
    return str(body.get("body_ar") or "")


def _live_template(template_id: int) -> Any:
    row = conn().execute("SELECT * FROM templates WHERE id = ? AND deleted_at IS NULL",
                         (template_id,)).fetchone()
    if row is None:
        raise ApiProblem(404, "not_found", f"no template {template_id}")
    return row


def _stale(row: Any, version: int | None) -> None:
    if version is not None and version != row["version"]:
        raise ApiProblem(409, "conflict",
                         f"the template is at version {row['version']}, not {version}",
                         current=serialize.template(row))


@api.get("/templates")
@authenticated()
def list_templates() -> Response:
    return _page_with_tombstones("templates", serialize.template)


@api.post("/templates")
@authenticated(MANAGE_TEMPLATES)
def create_template() -> tuple[Response, int]:
    fields = json_object()
    name, body, category, _ = _template_fields(fields, with_version=False)
    c = conn()
    with db.write(c):
        cur = c.execute(
            "INSERT INTO templates (name, body, category, version, updated_at, rev, body_ar) "
            "VALUES (?, ?, ?, 1, ?, ?, ?)",
            (name, body, category, db.now(), db.next_rev(c, "templates"), _body_ar(fields)))
    return _created(serialize.template(_live_template(int(cur.lastrowid or 0))))


@api.get("/templates/<int:template_id>")
@authenticated()
def get_template(template_id: int) -> Response:
    return jsonify(serialize.template(_live_template(template_id)))


@api.put("/templates/<int:template_id>")
@authenticated(MANAGE_TEMPLATES)
def update_template(template_id: int) -> Response:
    fields = json_object()
    name, body, category, version = _template_fields(fields, with_version=True)
    c = conn()
    with db.write(c):  # read and compare the version under the write lock
        row = _live_template(template_id)
        _stale(row, version)
        c.execute(
            "UPDATE templates SET name = ?, body = ?, category = ?, version = version + 1, "
            "updated_at = ?, rev = ?, body_ar = ? WHERE id = ?",
            (name, body, category, db.now(), db.next_rev(c, "templates"), _body_ar(fields),
             template_id))
    return jsonify(serialize.template(_live_template(template_id)))


@api.delete("/templates/<int:template_id>")
@authenticated(MANAGE_TEMPLATES)
def delete_template(template_id: int) -> tuple[str, int]:
    raw = request.args.get("version")
    version = None
    if raw is not None:
        version = int(raw) if raw.isdigit() and int(raw) >= 1 else None
        if version is None:
            raise ApiProblem(400, "validation_error", "invalid version",
                             errors=[{"field": "version", "message": "a positive integer"}])
    c = conn()
    with db.write(c):
        row = _live_template(template_id)
        _stale(row, version)
        now = db.now()
        c.execute("UPDATE templates SET deleted_at = ?, updated_at = ?, version = version + 1, "
                  "rev = ? WHERE id = ?", (now, now, db.next_rev(c, "templates"), template_id))
    return "", 204


# --- communications -------------------------------------------------------------------


@api.get("/communications")
@authenticated()
def list_communications() -> Response:
    page = page_request("communications")
    c = conn()
    delivery.settle(c)
    rows, cursor, more = read_page(c, "communications", serialize.COMMUNICATION_SELECT, page)
    body: dict[str, Any] = {"items": [serialize.communication(r) for r in rows],
                            "next_cursor": cursor, "has_more": more}
    if request.args.get("with_remaining") in ("true", "1"):
        body["remaining"] = (count_after(c, "communications", rows[-1]["rev"], rows[-1]["id"])
                             if more else 0)
    return page_response(body, page)


@api.post("/communications/batch")
@authenticated(SEND_SMS)
def send_batch() -> Response:
    batch = sending.parse_batch(json_object())
    knobs = state().snapshot()
    result = sending.send(conn(), g.user.id, batch, knobs.delivery_scale)
    if knobs.reply_rate and batch.category == "promotional" and not batch.is_test:
        consent.simulate_replies(conn(), result, knobs.reply_rate, state().rng)
    return jsonify(result)


@api.post("/communications/cancel")
@authenticated(SEND_SMS)
def cancel_messages() -> Response:
    ids = sending.parse_cancel(json_object())
    c = conn()
    delivery.settle(c)
    return jsonify(sending.cancel(c, ids))


# --- SMS balance and packs ------------------------------------------------------------


@api.get("/sms/balance")
@authenticated()
def get_balance() -> Response:
    _settle_recharges()  # demo mode: an activation may be due
    row = conn().execute("SELECT credits, updated_at FROM balance WHERE id = 1").fetchone()
    return jsonify(serialize.balance(row))


@api.get("/sms/packs")
@authenticated()
def list_packs() -> Response:
    rows = conn().execute("SELECT * FROM packs ORDER BY credits").fetchall()
    return jsonify({"items": [serialize.pack(r) for r in rows]})


@api.get("/sms/ledger")
@authenticated()
def list_ledger() -> Response:
    """The credit ledger, incremental like the history (movements never change)."""
    page = page_request("ledger")
    c = conn()
    delivery.settle(c)  # failures due now are refunded before the ledger is read
    _settle_recharges()
    rows, cursor, more = read_page(c, "ledger", ledger.SELECT, page)
    items = ledger.items_of(c, [r["id"] for r in rows])
    return page_response({"items": [ledger.movement(r, items.get(r["id"], [])) for r in rows],
                          "next_cursor": cursor, "has_more": more}, page)


# --- recharge requests ----------------------------------------------------------------


def _recharge(request_id: int) -> Any:
    row = conn().execute(f"{serialize.RECHARGE_SELECT} WHERE t.id = ?",
                         (request_id,)).fetchone()
    if row is None:
        raise ApiProblem(404, "not_found", f"no recharge request {request_id}")
    return row


def _settle_recharges() -> None:
    delivery.settle_recharges(conn(), state().snapshot().recharge_step_s)


@api.get("/recharge-requests")
@authenticated()
def list_recharge_requests() -> Response:
    _settle_recharges()
    page = page_request("recharge_requests")
    rows, cursor, more = read_page(conn(), "recharge_requests", serialize.RECHARGE_SELECT, page)
    return jsonify({"items": [serialize.recharge_request(r) for r in rows],
                    "next_cursor": cursor, "has_more": more})


@api.post("/recharge-requests")
@authenticated(REQUEST_RECHARGE)
def create_recharge_request() -> tuple[Response, int]:
    body = json_object()
    check = Checker(body, {"pack_id", "note"})
    pack_id = check.integer("pack_id")
    note = check.text("note", max_len=500, required=False, nullable=True)
    c = conn()
    if pack_id is not None and not c.execute("SELECT 1 FROM packs WHERE id = ?",
                                             (pack_id,)).fetchone():
        check.fail("pack_id", "no such pack")
    check.done()
    now = db.now()
    with db.write(c):
        cur = c.execute(
            "INSERT INTO recharge_requests (pack_id, status, note, requested_by, created_at, "
            "updated_at, status_since, rev) VALUES (?, 'requested', ?, ?, ?, ?, ?, ?)",
            (pack_id, note, g.user.id, now, now, now, db.next_rev(c, "recharge_requests")))
    return _created(serialize.recharge_request(_recharge(int(cur.lastrowid or 0))))


@api.get("/recharge-requests/<int:request_id>")
@authenticated()
def get_recharge_request(request_id: int) -> Response:
    _settle_recharges()
    return jsonify(serialize.recharge_request(_recharge(request_id)))


@api.post("/recharge-requests/<int:request_id>/proof")
@authenticated(REQUEST_RECHARGE)
def upload_proof(request_id: int) -> Response:
    upload = request.files.get("file")
    if upload is None:
        raise ApiProblem(422, "validation_error", "a file is required",
                         errors=[{"field": "file", "message": "required (multipart/form-data)"}])
    data = upload.stream.read(MAX_PROOF_BYTES + 1)
    if len(data) > MAX_PROOF_BYTES:
        raise ApiProblem(413, "file_too_large", f"at most {MAX_PROOF_BYTES} bytes",
                         max_bytes=MAX_PROOF_BYTES)
    if not data:
        raise ApiProblem(422, "validation_error", "the file is empty",
                         errors=[{"field": "file", "message": "empty file"}])
    # The type comes from the content, never from the name or the declared type.
    content_type = next((kind for magic, kind in PROOF_MAGIC if data.startswith(magic)), None)
    if content_type is None:
        raise ApiProblem(415, "unsupported_file_type", "only PDF, JPEG and PNG are accepted")
    filename = os.path.basename((upload.filename or "preuve").replace("\\", "/"))[:200]
    c = conn()
    with db.write(c):
        row = _recharge(request_id)
        if row["status"] not in ("requested", "awaiting_payment"):
            raise ApiProblem(409, "invalid_state", f"the request is {row['status']}",
                             current=serialize.recharge_request(row))
        now = db.now()
        c.execute(
            "UPDATE recharge_requests SET proof_filename = ?, proof_content_type = ?, "
            "proof_size = ?, proof_uploaded_at = ?, proof_data = ?, updated_at = ?, rev = ? "
            "WHERE id = ?",
            (filename or "preuve", content_type, len(data), now, data, now,
             db.next_rev(c, "recharge_requests"), request_id))
    return jsonify(serialize.recharge_request(_recharge(request_id)))


@api.post("/recharge-requests/<int:request_id>/cancel")
@authenticated(REQUEST_RECHARGE)
def cancel_recharge_request(request_id: int) -> Response:
    c = conn()
    with db.write(c):
        row = _recharge(request_id)
        if row["status"] not in ("requested", "awaiting_payment"):
            raise ApiProblem(409, "invalid_state", f"the request is {row['status']}",
                             current=serialize.recharge_request(row))
        delivery.advance_recharge(c, request_id, "cancelled")
    return jsonify(serialize.recharge_request(_recharge(request_id)))
