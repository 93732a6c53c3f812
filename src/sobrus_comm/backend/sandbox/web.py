"""Request plumbing shared by the sandbox's routes: problems, auth, bodies, paging."""

from __future__ import annotations

import base64
import binascii
import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlencode

from flask import Response, current_app, g, jsonify, request

from sobrus_comm.backend.sandbox import db
from sobrus_comm.backend.sandbox.config import SandboxState

PROBLEM_TYPE = "urn:sobrus-comm:problem:"
PROBLEM_TITLES = {
    "unauthorized": "Authentication required",
    "token_expired": "Token expired",
    "invalid_credentials": "Invalid username or password",
    "forbidden": "Permission denied",
    "not_found": "Not found",
    "conflict": "Conflict",
    "invalid_state": "Not allowed in the current state",
    "validation_error": "Invalid request",
    "insufficient_credits": "Insufficient SMS credits",
    "file_too_large": "File too large",
    "unsupported_file_type": "Unsupported file type",
    "method_not_allowed": "Method not allowed",
    "internal_error": "Internal server error",
    "unavailable": "Service unavailable",
}

F = TypeVar("F", bound=Callable[..., Any])


class ApiProblem(Exception):
    """Raised anywhere in a route; rendered as application/problem+json."""

    def __init__(self, status: int, code: str, detail: str = "", **extra: Any) -> None:
        super().__init__(detail or code)
        self.status, self.code, self.detail, self.extra = status, code, detail, extra


def problem_response(status: int, code: str, detail: str = "", *,
                     headers: dict[str, str] | None = None, **extra: Any) -> Response:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE + code,
        "title": PROBLEM_TITLES.get(code, code.replace("_", " ").capitalize()),
        "status": status,
        "code": code,
    }
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="sobrus"'
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def state() -> SandboxState:
    return current_app.extensions["sobrus_sandbox"]  # type: ignore[no-any-return]


def conn() -> sqlite3.Connection:
    """This request's connection, opened on first use and closed at teardown."""
    if "sandbox_db" not in g:
        g.sandbox_db = db.connect(state().db_path)
    return g.sandbox_db  # type: ignore[no-any-return]


def close_conn(_exc: BaseException | None = None) -> None:
    connection = g.pop("sandbox_db", None)
    if connection is not None:
        connection.close()


# --- authentication -------------------------------------------------------------------


@dataclass(frozen=True)
class AuthUser:
    id: int
    username: str
    display_name: str
    permissions: tuple[str, ...]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def current_user() -> AuthUser:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiProblem(401, "unauthorized", "missing bearer token")
    row = conn().execute(
        "SELECT u.id, u.username, u.display_name, u.permissions, t.expires_at, t.revoked "
        "FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?",
        (token_hash(token.strip()),)).fetchone()
    if row is None or row["revoked"]:
        raise ApiProblem(401, "unauthorized", "unknown or revoked token")
    if row["expires_at"] <= db.now():
        raise ApiProblem(401, "token_expired", "the token has expired; log in again")
    return AuthUser(row["id"], row["username"], row["display_name"],
                    tuple(row["permissions"].split()))


def authenticated(permission: str | None = None) -> Callable[[F], F]:
    """Route decorator: checks the bearer token (and a permission), sets ``g.user``."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            user = current_user()
            if permission and permission not in user.permissions:
                raise ApiProblem(403, "forbidden", f"permission {permission} is required",
                                 permission=permission)
            g.user = user
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


# --- request bodies -------------------------------------------------------------------


def json_object() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiProblem(400, "validation_error", "the body must be a JSON object",
                         errors=[{"field": "body", "message": "expected a JSON object"}])
    return body


class Checker:
    """Collects every field error of one body, then raises one 422 with all of them."""

    def __init__(self, body: dict[str, Any], allowed: set[str] | None = None,
                 prefix: str = "") -> None:
        self.body, self.prefix = body, prefix
        self.errors: list[dict[str, str]] = []
        for key in sorted(set(body) - (allowed or set(body))):
            self.fail(key, "unknown field")

    def fail(self, field: str, message: str) -> None:
        self.errors.append({"field": self.prefix + field, "message": message})

    def text(self, key: str, *, max_len: int, required: bool = True,
             nullable: bool = False) -> str | None:
        value = self.body.get(key)
        if value is None:
            if key in self.body and nullable:
                return None
            if required or key in self.body:
                self.fail(key, "required" if key not in self.body else "must not be null")
            return None
        if not isinstance(value, str):
            self.fail(key, "must be a string")
            return None
        if required and not value.strip():
            self.fail(key, "must not be empty")
        elif len(value) > max_len:
            self.fail(key, f"at most {max_len} characters")
        return value

    def integer(self, key: str, *, minimum: int = 1, required: bool = True,
                nullable: bool = False) -> int | None:
        value = self.body.get(key)
        if value is None:
            if required and not (nullable and key in self.body):
                self.fail(key, "required")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, "must be an integer")
            return None
        if value < minimum:
            self.fail(key, f"must be at least {minimum}")
        return value

    def choice(self, key: str, options: tuple[str, ...], *, default: str | None = None) -> str:
        value = self.body.get(key, default)
        if value not in options:
            self.fail(key, f"must be one of {', '.join(options)}")
            return options[0]
        return str(value)

    def done(self) -> None:
        if self.errors:
            raise ApiProblem(422, "validation_error", "some fields are invalid",
                             errors=self.errors)


# --- paging ---------------------------------------------------------------------------

DEFAULT_LIMIT = 100
MAX_LIMIT = 2000  # the contract's Limit maximum


@dataclass(frozen=True)
class PageRequest:
    after: tuple[int, int]  # (rev, id) already seen
    since: float | None
    limit: int


def page_response(body: dict[str, Any], page: PageRequest) -> Response:
    """A page of a long list as JSON; when more follow, its ``Link: <…>; rel="next"``
    header (RFC 8288), so that a client can ask for the next page before it has read
    this one (the contract's Link header on the history and the ledger)."""
    response = jsonify(body)
    if body.get("has_more"):
        query = urlencode({"cursor": body["next_cursor"], "limit": page.limit})
        response.headers["Link"] = f'<{request.base_url}?{query}>; rel="next"'
    return response


def encode_cursor(resource: str, rev: int, row_id: int) -> str:
    raw = f"{resource}:{rev}:{row_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(resource: str, cursor: str) -> tuple[int, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        name, rev, row_id = raw.split(":")
        if name != resource:
            raise ValueError(name)
        return int(rev), int(row_id)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiProblem(400, "validation_error", "invalid cursor",
                         errors=[{"field": "cursor", "message": "not a cursor of this list"}]
                         ) from None


def page_request(resource: str) -> PageRequest:
    errors = []
    limit = DEFAULT_LIMIT
    raw_limit = request.args.get("limit")
    if raw_limit is not None:
        try:
            limit = int(raw_limit)
        except ValueError:
            limit = 0
        if not 1 <= limit <= MAX_LIMIT:
            errors.append({"field": "limit", "message": f"an integer from 1 to {MAX_LIMIT}"})
    since = None
    cursor = request.args.get("cursor")
    raw_since = request.args.get("updated_since")
    if raw_since and not cursor:
        try:
            since = db.parse_iso(raw_since)
        except ValueError:
            errors.append({"field": "updated_since", "message": "an RFC 3339 date-time"})
    if errors:
        raise ApiProblem(400, "validation_error", "invalid query parameters", errors=errors)
    after = decode_cursor(resource, cursor) if cursor else (0, 0)
    return PageRequest(after, since, limit)


def count_after(connection: sqlite3.Connection, resource: str, rev: int, row_id: int) -> int:
    """How many changes of ``resource`` come after (rev, id): a scan of its change index."""
    assert resource in {"clients", "templates", "communications", "recharge_requests"}
    return int(connection.execute(
        f"SELECT count(*) FROM {resource} WHERE (rev, id) > (?, ?)", (rev, row_id)
    ).fetchone()[0])


def read_page(connection: sqlite3.Connection, resource: str, select: str,
              page: PageRequest) -> tuple[list[sqlite3.Row], str, bool]:
    """Rows after the cursor in change order, the next cursor, and whether more remain.

    ``select`` is a SELECT whose main table is aliased ``t`` and has no WHERE clause.
    One read transaction: the page and the "nothing more" cursor see the same snapshot.
    """
    where = "(t.rev, t.id) > (?, ?)"
    params: list[object] = [*page.after]
    if page.since is not None:
        where += " AND t.updated_at >= ?"
        params.append(page.since)
    connection.execute("BEGIN")
    try:
        rows = connection.execute(
            f"{select} WHERE {where} ORDER BY t.rev, t.id LIMIT ?",
            (*params, page.limit + 1)).fetchall()
        has_more = len(rows) > page.limit
        rows = rows[: page.limit]
        if has_more:
            cursor = encode_cursor(resource, rows[-1]["rev"], rows[-1]["id"])
        else:
            # Everything up to the newest change was looked at: continue after it.
            # Two sub-selects: each MAX then reads one index entry; MAX(rev), MAX(id) in one
            # SELECT scans the whole table (170 ms at 1M rows, on every "nothing new").
            top = connection.execute(f"SELECT (SELECT MAX(rev) FROM {resource}), "
                                     f"(SELECT MAX(id) FROM {resource})").fetchone()
            rev, row_id = max((top[0] or 0, top[1] or 0), page.after)
            cursor = encode_cursor(resource, rev, row_id)
    finally:
        connection.execute("COMMIT")
    return rows, cursor, has_more
