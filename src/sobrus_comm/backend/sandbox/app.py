"""The sandbox's Flask application: the contract's /api/v1 plus the /sandbox controls."""

from __future__ import annotations

import logging

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

from sobrus_comm.backend.sandbox import consent, db
from sobrus_comm.backend.sandbox.api_routes import MAX_PROOF_BYTES, api
from sobrus_comm.backend.sandbox.config import SandboxState
from sobrus_comm.backend.sandbox.control_routes import control
from sobrus_comm.backend.sandbox.faults import FaultInjector
from sobrus_comm.backend.sandbox.schedules import schedules_api
from sobrus_comm.backend.sandbox.web import ApiProblem, close_conn, problem_response

log = logging.getLogger("sobrus_comm.backend.sandbox")

_HTTP_CODES = {401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 409: "conflict", 413: "file_too_large",
               415: "unsupported_file_type", 429: "rate_limited"}


def create_app(state: SandboxState) -> Flask:
    """The WSGI app over an initialised database (see server.prepare_database)."""
    app = Flask("sobrus_comm_sandbox")
    app.extensions["sobrus_sandbox"] = state
    app.json.sort_keys = False  # type: ignore[attr-defined]
    # Slightly above the proof limit, so an oversized proof gets a clean 413 problem.
    app.config["MAX_CONTENT_LENGTH"] = MAX_PROOF_BYTES + 256 * 1024
    app.register_blueprint(api)
    app.register_blueprint(control)
    app.register_blueprint(schedules_api)
    app.register_blueprint(consent.consent_api)
    app.register_blueprint(consent.consent_control)
    _ensure_consent_schema(state)
    app.teardown_appcontext(close_conn)

    @app.errorhandler(ApiProblem)
    def _problem(exc: ApiProblem) -> Response:
        return problem_response(exc.status, exc.code, exc.detail, **exc.extra)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        status = exc.code or 500
        code = _HTTP_CODES.get(status, "validation_error" if status < 500 else "internal_error")
        return problem_response(status, code, exc.description or "")

    @app.errorhandler(Exception)
    def _bug(exc: Exception) -> Response:
        log.exception("sandbox bug")
        return problem_response(500, "internal_error", type(exc).__name__)

    app.wsgi_app = FaultInjector(app.wsgi_app, state)  # type: ignore[method-assign]
    return app


def _ensure_consent_schema(state: SandboxState) -> None:
    """Sandbox files made before consent existed get its tables (idempotent)."""
    connection = db.connect(state.db_path)
    try:
        consent.ensure_schema(connection)
    finally:
        connection.close()
