r"""The Sobrus API client: the one module that knows the backend's URLs and JSON.

Pointing the app at the production API is a change here (and in resources/openapi.yaml,
the contract this module and the sandbox are both tested against).

- Every call has an overall deadline, and idempotent reads are retried with backoff on
  connection errors, timeouts and 502/503/504 (honouring ``Retry-After``, capped); writes
  are tried once, the outbox retries the batch send with the same ``client_message_id``\ s
  (:mod:`sobrus_comm.backend.transport` says why).
- Every answer is checked against the contract and turned into typed results (domain
  dataclasses, or those of :mod:`sobrus_comm.backend.results`); anything else raises a
  typed :mod:`~sobrus_comm.backend.errors` exception with a French message. Nothing
  else escapes: no ``requests`` exception, no ``KeyError`` deeper in the app.
- TLS verification is always on; ``http://`` is refused unless the host is loopback.
- The token lives in this object only (the caller keeps it in the OS keyring); it never
  appears in logs, reprs or exception messages.

One instance per thread: a ``requests.Session`` is not meant to be shared across threads.
"""

from __future__ import annotations

import ipaddress
import logging
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs, quote, urlsplit

import requests
from requests.auth import AuthBase

from sobrus_comm.backend import consent_parsing, parsing, schedule_wire
from sobrus_comm.backend.consent_parsing import RemoteConsent, SmsSettings
from sobrus_comm.backend.errors import (
    ApiError,
    Conflict,
    Forbidden,
    InsecureUrl,
    InsufficientCredits,
    InvalidCredentials,
    InvalidResponse,
    NotFound,
    TokenExpired,
    Unauthorized,
    Unavailable,
    ValidationError,
)
from sobrus_comm.backend.parsing import Obj
from sobrus_comm.backend.results import (
    MAX_BATCH_SIZE,
    MAX_PAGE_SIZE,
    Balance,
    BatchResult,
    CancelResult,
    CurrentUser,
    LoginResult,
    OutgoingMessage,
    Pack,
    Page,
    RechargeRequest,
    Tombstone,
)
from sobrus_comm.backend.schedule_wire import RecordedRun, RunRecord, ScheduleList
from sobrus_comm.backend.transport import (
    DEFAULT_DEADLINE,
    DEFAULT_TIMEOUT,
    Answer,
    DeadlineAdapter,
    Transport,
    decode_json,
)
from sobrus_comm.domain.consent import ConsentRecord, InboundReply
from sobrus_comm.domain.credit_ledger import Movement
from sobrus_comm.domain.models import Client, Communication, Template, TemplateCategory
from sobrus_comm.domain.schedules import Schedule

log = logging.getLogger("sobrus_comm.backend.api")

T = TypeVar("T")

API_PREFIX = "/api/v1"
DEFAULT_PAGE_SIZE = 200
MAX_PROOF_BYTES = 5 * 1024 * 1024
PROOF_TYPES = (  # checked on the content (magic bytes), never on the file name
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
_VALIDATION_FR = {
    "file_too_large": "Le fichier est trop volumineux (5 Mo au maximum).",
    "unsupported_file_type": "Format de fichier non accepté : envoyez un PDF, un JPEG ou un PNG.",
    "invalid_phone": "Numéro de téléphone invalide.",
}


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 or ``localhost``: the only hosts allowed over plain http."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_base_url(base_url: str) -> str:
    """The base URL without trailing slash; raises InsecureUrl for http:// off loopback."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InsecureUrl(
            "Adresse du serveur Sobrus invalide : elle doit commencer par « https:// ».",
            code="invalid_url")
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise InsecureUrl(code="insecure_url")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise InsecureUrl("Adresse du serveur Sobrus invalide.", code="invalid_url")
    return base_url.strip().rstrip("/")


def sniff_proof_type(data: bytes) -> str | None:
    """The MIME type of a transfer proof from its first bytes, or None if not accepted."""
    return next((kind for magic, kind in PROOF_TYPES if data.startswith(magic)), None)


class _BearerAuth(AuthBase):
    """Adds the token to each request. Holding it here (not in session headers) also stops
    requests from replacing it with ~/.netrc credentials."""

    def __init__(self) -> None:
        self.token: str | None = None

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        if self.token:
            request.headers["Authorization"] = f"Bearer {self.token}"
        return request

    def __repr__(self) -> str:
        return "_BearerAuth(<hidden>)"


class _NoAuth(AuthBase):
    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        return request


def _iso(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("updated_since must be timezone-aware")
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class SobrusApi:
    """Client of the Sobrus backend contract (resources/openapi.yaml).

    ``timeout`` is ``(connect, read)`` seconds, ``read`` being the longest wait for the
    server's next bytes; ``deadline`` bounds a whole call, retries included; ``retries``
    the number of retries of a failed read (GET; 0 disables them; writes are never retried
    here); ``backoff_factor`` the base of the exponential backoff between retries.
    """

    def __init__(self, base_url: str, token: str | None = None, *,
                 timeout: float | tuple[float, float] = DEFAULT_TIMEOUT, retries: int = 3,
                 backoff_factor: float = 0.5, deadline: float = DEFAULT_DEADLINE,
                 user_agent: str | None = None) -> None:
        self.base_url = check_base_url(base_url)
        self.timeout = timeout
        self._auth = _BearerAuth()
        self._auth.token = token
        session = requests.Session()
        session.auth = self._auth
        session.verify = True  # never switched off, whatever the environment says
        session.headers.update({
            "Accept": "application/json, application/problem+json",
            "User-Agent": user_agent or "SobrusComm/0.1",
        })
        if is_loopback_host(urlsplit(self.base_url).hostname or ""):
            session.trust_env = False  # no system proxy between us and a local sandbox
        adapter = DeadlineAdapter()  # no urllib3 retries: the Transport owns them
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        self._http = Transport(session, timeout=timeout, deadline=deadline, retries=retries,
                               backoff_factor=backoff_factor)

    def __repr__(self) -> str:
        return f"SobrusApi({self.base_url!r}, authenticated={self.is_authenticated})"

    # --- session ----------------------------------------------------------------------

    @property
    def token(self) -> str | None:
        return self._auth.token

    @token.setter
    def token(self, value: str | None) -> None:
        self._auth.token = value

    @property
    def is_authenticated(self) -> bool:
        return bool(self._auth.token)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SobrusApi:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def login(self, username: str, password: str) -> LoginResult:
        """Log in; on success the token is kept for the next calls (and returned)."""
        data = self._call("POST", "/auth/login", json={"username": username,
                                                       "password": password}, auth=_NoAuth())
        result = self._parse(data, parsing.login_result)
        self.token = result.token
        return result

    def logout(self) -> None:
        """Revoke the token on the server (best effort) and forget it."""
        try:
            if self.token:
                self._call("POST", "/auth/logout", expect=(204,))
        except Unauthorized:
            pass
        finally:
            self.token = None

    def me(self) -> CurrentUser:
        return self._parse(self._call("GET", "/me"), parsing.current_user)

    # --- clients, templates, communications (incremental lists) ------------------------

    def clients(self, *, cursor: str | None = None, updated_since: datetime | None = None,
                limit: int = DEFAULT_PAGE_SIZE) -> Page[Client]:
        """One page of clients changed after ``cursor`` (or since ``updated_since``)."""
        return self._page("/clients", parsing.client, cursor, updated_since, limit, True)

    def iter_clients(self, *, cursor: str | None = None,
                     updated_since: datetime | None = None,
                     limit: int = DEFAULT_PAGE_SIZE) -> Iterator[Page[Client]]:
        """Every page until the list is drained; keep the last page's ``next_cursor``."""
        return self._walk(self.clients, cursor, updated_since, limit)

    def templates(self, *, cursor: str | None = None, updated_since: datetime | None = None,
                  limit: int = DEFAULT_PAGE_SIZE) -> Page[Template]:
        return self._page("/templates", parsing.template, cursor, updated_since, limit, True)

    def iter_templates(self, *, cursor: str | None = None,
                       updated_since: datetime | None = None,
                       limit: int = DEFAULT_PAGE_SIZE) -> Iterator[Page[Template]]:
        return self._walk(self.templates, cursor, updated_since, limit)

    def template(self, template_id: int) -> Template:
        return self._parse(self._call("GET", f"/templates/{int(template_id)}"), parsing.template)

    def create_template(self, name: str, body: str,
                        category: TemplateCategory | str = TemplateCategory.TRANSACTIONAL,
                        body_ar: str = "") -> Template:
        data = self._call("POST", "/templates", expect=(201,),
                          json={"name": name, "body": body,
                                "category": str(TemplateCategory(category)),
                                "body_ar": body_ar})
        return self._parse(data, parsing.template)

    def update_template(self, template: Template) -> Template:
        """Save ``template`` over the version it was read at (``template.version``).

        Raises Conflict (with ``current``, the stored Template) if someone saved it since.
        """
        if template.id is None:
            raise ValueError("a template without id must be created, not updated")
        data = self._call(
            "PUT", f"/templates/{int(template.id)}", on_conflict=parsing.template,
            json={"name": template.name, "body": template.body,
                  "category": str(TemplateCategory(template.category)),
                  "version": template.version, "body_ar": template.body_ar})
        return self._parse(data, parsing.template)

    def delete_template(self, template_id: int, *, version: int | None = None) -> None:
        """Delete; with ``version``, refused (Conflict) if the template changed since."""
        params = {"version": version} if version is not None else None
        self._call("DELETE", f"/templates/{int(template_id)}", params=params, expect=(204,),
                   on_conflict=parsing.template)

    def communications(self, *, cursor: str | None = None,
                       updated_since: datetime | None = None,
                       limit: int = DEFAULT_PAGE_SIZE,
                       with_remaining: bool = False) -> Page[Communication]:
        """History changes (new messages and status changes) after ``cursor``;
        ``with_remaining`` also asks how many are left after this page (``Page.remaining``)."""
        return self._page("/communications", parsing.communication, cursor, updated_since,
                          limit, False, {"with_remaining": "true"} if with_remaining else None)

    def iter_communications(self, *, cursor: str | None = None,
                            updated_since: datetime | None = None,
                            limit: int = DEFAULT_PAGE_SIZE,
                            with_remaining: bool = False,
                            ahead: bool = False) -> Iterator[Page[Communication]]:
        """Every page after ``cursor``; ``with_remaining`` asks the count on the first one;
        ``ahead`` asks for each next page while this one is used (a long first pull)."""
        if ahead:
            extra = {"with_remaining": "true"} if with_remaining else None
            yield from self._walk_ahead("/communications", parsing.communication, cursor,
                                        updated_since, limit, extra)
            return
        first = self.communications(cursor=cursor, updated_since=updated_since, limit=limit,
                                    with_remaining=with_remaining)
        yield from self._walk(self.communications, cursor, updated_since, limit, first)

    # --- sending ----------------------------------------------------------------------

    def send_batch(self, messages: Sequence[OutgoingMessage], *,
                   campaign_id: str | None = None,
                   category: TemplateCategory | str = TemplateCategory.TRANSACTIONAL,
                   is_test: bool = False, kind: str | None = None,
                   purpose: str | None = None) -> BatchResult:
        """Send up to MAX_BATCH_SIZE messages; safe to call again with the same messages.

        A message already received (same ``client_message_id``) is never sent twice: its
        stored result comes back. Raises InsufficientCredits when the balance cannot cover
        the new messages (nothing is sent then), Forbidden without the send permission,
        Unavailable when the backend cannot be reached even after retries (retry later
        with the same ids).
        """
        if not 1 <= len(messages) <= MAX_BATCH_SIZE:
            raise ValueError(f"a batch holds 1 to {MAX_BATCH_SIZE} messages")
        ids = [str(uuid.UUID(m.client_message_id)) for m in messages]
        if len(set(ids)) != len(ids):
            raise ValueError("client_message_id must be unique within a batch")
        body = {
            "campaign_id": campaign_id,
            "category": str(TemplateCategory(category)),
            "is_test": is_test,
            "kind": kind,
            **({"purpose": purpose} if purpose else {}),  # what the frequency caps count
            "messages": [{"client_message_id": cmid, "client_id": m.client_id,
                          "phone": m.phone, "recipient_name": m.recipient_name,
                          "content": m.content} for cmid, m in zip(ids, messages, strict=True)],
        }
        result = self._parse(self._call("POST", "/communications/batch", json=body),
                             parsing.batch_result)
        if [r.client_message_id for r in result.results] != ids:
            raise InvalidResponse(detail="batch results do not match the messages sent",
                                  code="invalid_response")
        return result

    def cancel_messages(self, client_message_ids: Sequence[str]) -> tuple[CancelResult, ...]:
        """Settle messages of a send cancelled while in doubt (at most MAX_BATCH_SIZE).

        A message the backend received keeps its outcome and comes back with its
        communication; one it never received is voided there: a delayed copy of it is
        never sent. Safe to call again.
        """
        if not 1 <= len(client_message_ids) <= MAX_BATCH_SIZE:
            raise ValueError(f"1 to {MAX_BATCH_SIZE} ids at a time")
        ids = [str(uuid.UUID(i)) for i in client_message_ids]
        results = self._parse(
            self._call("POST", "/communications/cancel", json={"client_message_ids": ids}),
            parsing.cancel_results)
        if [r.client_message_id for r in results] != ids:
            raise InvalidResponse(detail="cancel results do not match the ids sent",
                                  code="invalid_response")
        return results

    # --- SMS balance, packs, recharge requests -----------------------------------------

    def balance(self) -> Balance:
        return self._parse(self._call("GET", "/sms/balance"), parsing.balance)

    def packs(self) -> list[Pack]:
        data = self._call("GET", "/sms/packs")
        return self._parse(data, lambda o: [parsing.pack(p) for p in o.items("items")])

    def ledger(self, *, cursor: str | None = None, updated_since: datetime | None = None,
               limit: int = DEFAULT_PAGE_SIZE) -> Page[Movement]:
        """Credit ledger movements after ``cursor`` (a movement never changes)."""
        return self._page("/sms/ledger", parsing.ledger_movement, cursor, updated_since,
                          limit, False)

    def iter_ledger(self, *, cursor: str | None = None, updated_since: datetime | None = None,
                    limit: int = DEFAULT_PAGE_SIZE,
                    ahead: bool = False) -> Iterator[Page[Movement]]:
        """Every page after ``cursor``; ``ahead`` as for :meth:`iter_communications`."""
        if ahead:
            return self._walk_ahead("/sms/ledger", parsing.ledger_movement, cursor,
                                    updated_since, limit)
        return self._walk(self.ledger, cursor, updated_since, limit)

    def create_recharge_request(self, pack_id: int, note: str | None = None) -> RechargeRequest:
        data = self._call("POST", "/recharge-requests", expect=(201,),
                          json={"pack_id": int(pack_id), "note": note})
        return self._parse(data, parsing.recharge_request)

    def recharge_request(self, request_id: int) -> RechargeRequest:
        data = self._call("GET", f"/recharge-requests/{int(request_id)}")
        return self._parse(data, parsing.recharge_request)

    def recharge_requests(self, *, cursor: str | None = None,
                          limit: int = DEFAULT_PAGE_SIZE) -> Page[RechargeRequest]:
        return self._page("/recharge-requests", parsing.recharge_request, cursor, None, limit,
                          False)

    def iter_recharge_requests(self, *, cursor: str | None = None,
                               limit: int = DEFAULT_PAGE_SIZE
                               ) -> Iterator[Page[RechargeRequest]]:
        return self._walk(lambda cursor, updated_since, limit: self.recharge_requests(
            cursor=cursor, limit=limit), cursor, None, limit)

    def upload_transfer_proof(self, request_id: int, file: str | Path | bytes,
                              filename: str | None = None) -> RechargeRequest:
        """Attach the bank transfer proof (PDF, JPEG or PNG, 5 MiB at most).

        The file is checked here first (size, type from its content), so a wrong file is
        refused at once with a French message, without uploading it.
        """
        if isinstance(file, bytes):
            data, name = file, filename or "preuve-virement"
        else:
            path = Path(file)
            try:
                if path.stat().st_size > MAX_PROOF_BYTES:
                    raise ValidationError(_VALIDATION_FR["file_too_large"], code="file_too_large")
                data = path.read_bytes()
            except OSError as exc:
                raise ValidationError(f"Impossible de lire le fichier « {path.name} ».",
                                      code="unreadable_file", detail=type(exc).__name__) from None
            name = filename or path.name
        if len(data) > MAX_PROOF_BYTES:
            raise ValidationError(_VALIDATION_FR["file_too_large"], code="file_too_large")
        kind = sniff_proof_type(data)
        if kind is None:
            raise ValidationError(_VALIDATION_FR["unsupported_file_type"],
                                  code="unsupported_file_type")
        response = self._call("POST", f"/recharge-requests/{int(request_id)}/proof",
                              files={"file": (name, data, kind)},
                              on_conflict=parsing.recharge_request)
        return self._parse(response, parsing.recharge_request)

    def cancel_recharge_request(self, request_id: int) -> RechargeRequest:
        data = self._call("POST", f"/recharge-requests/{int(request_id)}/cancel",
                          on_conflict=parsing.recharge_request)
        return self._parse(data, parsing.recharge_request)

    # --- scheduled sends (backend/schedule_wire.py) --------------------------------------

    def schedules(self) -> ScheduleList:
        """Every schedule of the pharmacy, and the uids of those deleted (a short list)."""
        return self._parse(self._call("GET", "/schedules"), schedule_wire.schedule_list)

    def save_schedule(self, schedule: Schedule) -> Schedule:
        """Create (``version`` 0) or update over the version it was read at; raises
        Conflict (with ``current``, the stored Schedule or None) if it changed since."""
        data = self._call("PUT", f"/schedules/{quote(schedule.uid, safe='')}",
                          expect=(200, 201), json=schedule_wire.to_json(schedule),
                          on_conflict=schedule_wire.schedule)
        return self._parse(data, schedule_wire.schedule)

    def delete_schedule(self, uid: str) -> None:
        self._call("DELETE", f"/schedules/{quote(uid, safe='')}", expect=(204,))

    def schedule_runs(self, uid: str, *, limit: int = 12) -> tuple[RunRecord, ...]:
        """How the last ``limit`` occurrences of a schedule ended, on any workstation."""
        data = self._call("GET", f"/schedules/{quote(uid, safe='')}/runs",
                          params={"limit": max(1, int(limit))})
        return self._parse(data, schedule_wire.run_records)

    def record_schedule_run(self, uid: str, occurrence_key: str, result: str, *,
                            detail: str = "", pause_reason: str = "") -> RecordedRun:
        """Record how an occurrence ended; ``recorded`` is False when another workstation
        recorded it first (its record stands)."""
        data = self._call("POST", f"/schedules/{quote(uid, safe='')}/runs",
                          json={"occurrence_key": occurrence_key, "result": result,
                                "detail": detail, "pause_reason": pause_reason})
        return self._parse(data, schedule_wire.recorded_run)

    # --- consent, replies, SMS settings (issue 14) ----------------------------------

    def consents(self, *, cursor: str | None = None, updated_since: datetime | None = None,
                 limit: int = DEFAULT_PAGE_SIZE) -> Page[RemoteConsent]:
        return self._page("/consents", consent_parsing.consent_record, cursor, updated_since,
                          limit, False)

    def iter_consents(self, *, cursor: str | None = None,
                      updated_since: datetime | None = None,
                      limit: int = DEFAULT_PAGE_SIZE) -> Iterator[Page[RemoteConsent]]:
        return self._walk(self.consents, cursor, updated_since, limit)

    def create_consent(self, record_uid: str, record: ConsentRecord) -> RemoteConsent:
        """Idempotent on ``record_uid``: a replay gets the stored record back."""
        body = {"record_uid": record_uid, "client_id": record.client_id,
                "purpose": record.purpose, "state": str(record.state),
                "recorded_at": _iso(record.recorded_at), "staff": record.staff,
                "channel": str(record.channel), "reply_id": record.reply_id,
                "reply_text": record.reply_text, "note": record.note}
        return self._parse(self._call("POST", "/consents", expect=(201,), json=body),
                           consent_parsing.consent_record)

    def replies(self, *, cursor: str | None = None, updated_since: datetime | None = None,
                limit: int = DEFAULT_PAGE_SIZE) -> Page[InboundReply]:
        return self._page("/replies", consent_parsing.inbound_reply, cursor, updated_since,
                          limit, False)

    def iter_replies(self, *, cursor: str | None = None,
                     updated_since: datetime | None = None,
                     limit: int = DEFAULT_PAGE_SIZE) -> Iterator[Page[InboundReply]]:
        return self._walk(self.replies, cursor, updated_since, limit)

    def sms_settings(self) -> SmsSettings:
        return self._parse(self._call("GET", "/account/sms-settings"),
                           consent_parsing.sms_settings)

    # --- plumbing ---------------------------------------------------------------------

    @staticmethod
    def _page_params(cursor: str | None, updated_since: datetime | None, limit: int,
                     extra: dict[str, str] | None = None) -> dict[str, Any]:
        params: dict[str, Any] = {"limit": max(1, min(int(limit), MAX_PAGE_SIZE)), **(extra or {})}
        if cursor:
            params["cursor"] = cursor
        elif updated_since is not None:
            params["updated_since"] = _iso(updated_since)
        return params

    @staticmethod
    def _page_parser(item: Callable[[Obj], T], with_deleted: bool) -> Callable[[Obj], Page[T]]:
        def parse(o: Obj) -> Page[T]:
            # One bad record is set aside and counted, never a failed page (and sync).
            items, skipped = o.each("items", item)
            deleted: list[Tombstone] = []
            if with_deleted:
                deleted, bad_tombstones = o.each("deleted", parsing.tombstone)
                skipped += bad_tombstones
            remaining = o.data.get("remaining")  # a hint for the progress line only
            return Page(tuple(items), o.text("next_cursor"), o.boolean("has_more"),
                        tuple(deleted), tuple(skipped),
                        remaining if type(remaining) is int and remaining >= 0 else None)

        return parse

    def _page(self, path: str, item: Callable[[Obj], T], cursor: str | None,
              updated_since: datetime | None, limit: int, with_deleted: bool,
              extra: dict[str, str] | None = None) -> Page[T]:
        params = self._page_params(cursor, updated_since, limit, extra)
        return self._parse(self._call("GET", path, params=params),
                           self._page_parser(item, with_deleted))

    def _walk_ahead(self, path: str, item: Callable[[Obj], T], cursor: str | None,
                    updated_since: datetime | None, limit: int,
                    extra: dict[str, str] | None = None) -> Iterator[Page[T]]:
        """:meth:`_walk`, asking for the next page as soon as this one has arrived: the
        server prepares it while this one is decoded, parsed and used (a first pull of a
        decade of history is 2,000 pages, each of which the server and the client did in
        turn). The next page is asked from the answer's ``Link: <…>; rel="next"`` header
        when there is one (before the body is decoded), else from the decoded body; a
        header that disagrees with the body is not followed.

        The next page's request is made in a thread; the client is still used by one
        thread at a time: a walk stopped early waits for the request in flight."""
        parse = self._page_parser(item, False)
        url = f"{self.base_url}{API_PREFIX}{path}"
        ahead = ThreadPoolExecutor(1, thread_name_prefix="next-page")

        def ask(params: dict[str, Any]) -> Future[Answer]:
            return ahead.submit(self._http.exchange, "GET", url, params=params)

        future: Future[Answer] | None = ask(self._page_params(cursor, updated_since, limit,
                                                               extra))
        previous = cursor
        try:
            while future is not None:
                answer, future = future.result(), None
                asked = _next_cursor(answer) if answer.status == 200 else None
                if asked is not None and asked != previous:
                    future = ask(self._page_params(asked, None, limit))
                data = self._answer_data(answer)
                # The body's cursor: the page is checked before it is used.
                raw = data if isinstance(data, dict) else {}
                after = raw.get("next_cursor")
                wanted = after if (raw.get("has_more") is True and isinstance(after, str)
                                   and after and after != previous) else None
                if wanted != asked:
                    _drop(future)  # a header that disagreed with the body
                    future = ask(self._page_params(wanted, None, limit)) if wanted else None
                page = self._parse(data, parse)
                if page.has_more and previous is not None and page.next_cursor == previous:
                    raise InvalidResponse(detail="the cursor does not move",
                                          code="invalid_response")
                yield page
                previous = page.next_cursor
        finally:
            _drop(future)  # not started yet, or waited for just below
            ahead.shutdown(wait=True)

    @staticmethod
    def _walk(fetch: Callable[..., Page[T]], cursor: str | None,
              updated_since: datetime | None, limit: int,
              first: Page[T] | None = None) -> Iterator[Page[T]]:
        page = first or fetch(cursor=cursor, updated_since=updated_since, limit=limit)
        yield page
        while page.has_more:
            previous = page.next_cursor
            page = fetch(cursor=previous, updated_since=None, limit=limit)
            if page.next_cursor == previous and page.has_more:
                raise InvalidResponse(detail="the cursor does not move", code="invalid_response")
            yield page

    @staticmethod
    def _parse(data: Any, parse: Callable[[Obj], T]) -> T:
        try:
            return parse(Obj(data, ""))
        except ApiError:
            raise
        except parsing.PARSE_ERRORS as exc:
            # The parsers check types; this is the net under them, never a crash upstream.
            raise InvalidResponse(detail=type(exc).__name__, code="invalid_response") from None

    def _call(self, method: str, path: str, *, params: dict[str, Any] | None = None,
              json: Any = None, files: Any = None, expect: tuple[int, ...] = (200,),
              auth: AuthBase | None = None,
              on_conflict: Callable[[Obj], object] | None = None) -> Any:
        url = f"{self.base_url}{API_PREFIX}{path}"
        answer = self._http.exchange(method, url, params=params, json=json, files=files,
                                     auth=auth)
        return self._answer_data(answer, expect, on_conflict)

    @staticmethod
    def _answer_data(answer: Answer, expect: tuple[int, ...] = (200,),
                     on_conflict: Callable[[Obj], object] | None = None) -> Any:
        if answer.status in expect:
            return None if answer.status == 204 else decode_json(answer)
        raise _error(answer, on_conflict)


def _next_cursor(answer: Answer) -> str | None:
    """The cursor of the ``rel="next"`` link of a page's answer (RFC 8288), if any."""
    for link in requests.utils.parse_header_links(answer.headers.get("Link", "")):
        if link.get("rel") == "next":
            cursors = parse_qs(urlsplit(link.get("url", "")).query).get("cursor")
            return cursors[0] if cursors else None
    return None


def _drop(future: Future[Any] | None) -> None:
    """Forget a request: cancelled if not started, else left to end (its answer unused);
    the executor's shutdown waits for it."""
    if future is not None:
        future.cancel()


_UNREADABLE_CURRENT: tuple[type[BaseException], ...] = (ApiError, *parsing.PARSE_ERRORS)


def _problem(answer: Answer) -> dict[str, Any]:
    try:
        data = decode_json(answer)
    except InvalidResponse:
        return {}
    return data if isinstance(data, dict) else {}


def _error(answer: Answer, on_conflict: Callable[[Obj], object] | None) -> ApiError:
    """The typed exception for an unexpected status (problem+json when available)."""
    status = answer.status
    problem = _problem(answer)
    code = problem.get("code") if isinstance(problem.get("code"), str) else None
    detail = problem.get("detail") if isinstance(problem.get("detail"), str) else None
    common: dict[str, Any] = {"code": code, "status": status, "detail": detail,
                              "problem": problem}
    if status == 401:
        if code == "token_expired":
            return TokenExpired(**common)
        if code == "invalid_credentials":
            return InvalidCredentials(**common)
        return Unauthorized(**common)
    if status == 403:
        permission = problem.get("permission")
        return Forbidden(permission=permission if isinstance(permission, str) else None,
                         **common)
    if status == 402 or code == "insufficient_credits":
        needed, available = problem.get("needed"), problem.get("available")
        if (isinstance(needed, int) and isinstance(available, int)
                and not isinstance(needed, bool) and not isinstance(available, bool)
                and needed >= 1 and available >= 0):  # the contract's minimums
            return InsufficientCredits(needed, available, status=status,
                                       detail=detail, problem=problem)
        return InvalidResponse(detail="insufficient_credits without needed/available",
                               code="invalid_response", status=status)
    if status == 404:
        return NotFound(**common)
    if status == 409:
        current = None
        if on_conflict is not None and isinstance(problem.get("current"), dict):
            try:
                current = on_conflict(Obj(problem["current"], "current"))
            except _UNREADABLE_CURRENT:  # the conflict stands; only its detail is lost
                current = None
        message = None
        if code == "invalid_state":
            message = "Cette demande ne peut plus être modifiée dans son état actuel."
        return Conflict(message, current=current, **common)
    if status in (400, 413, 415, 422):
        errors = problem.get("errors")
        clean = [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else []
        return ValidationError(_VALIDATION_FR.get(code or ""), errors=clean, **common)
    if status == 429 or status >= 500:
        return Unavailable(retry_after=answer.retry_after(), **common)
    return InvalidResponse(detail=f"unexpected HTTP status {status}", code="invalid_response",
                           status=status)
