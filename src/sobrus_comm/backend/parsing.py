"""Checked conversion of the backend's JSON into typed results.

Anything that does not match the contract raises :class:`InvalidResponse` here, at the
edge, so that no half-parsed dict travels deeper into the app. Messages name the field
path but never echo values (a login response holds a token).

What resources/openapi.yaml states is checked: required fields, types, nullability,
enums and constants, minimums, and the formats (Money: exactly two decimals; Timestamp:
RFC 3339 in UTC with a ``Z``; dates; UUIDs). Two limits are ours, because the store
cannot hold more: integers fit in 64 bits and amounts have at most 12 digits before the
point. Texts must be valid Unicode (no unpaired surrogate: SQLite could not store it).
Unknown fields are tolerated, although the contract says ``additionalProperties: false``:
a field the backend adds must not break the workstations already installed.

In a list, one record that breaks these rules is set aside (:class:`Skipped`, counted
and logged with its id only) rather than failing the whole page: one bad record never
blocks the others.
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any, TypeVar

from sobrus_comm.backend.errors import InvalidResponse
from sobrus_comm.backend.results import (
    Balance,
    BatchResult,
    CancelResult,
    CurrentUser,
    LoginResult,
    MessageResult,
    Pack,
    PaymentInstructions,
    RechargeRequest,
    RechargeStatus,
    Skipped,
    Tombstone,
    TransferProof,
)
from sobrus_comm.domain.bank import iban_from_rib, is_rib
from sobrus_comm.domain.credit_ledger import LedgerItem, Movement, MovementKind
from sobrus_comm.domain.languages import Language
from sobrus_comm.domain.models import (
    Client,
    Communication,
    MessageKind,
    MessageStatus,
    Template,
    TemplateCategory,
    User,
)

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")
log = logging.getLogger("sobrus_comm.backend")
_MISSING = object()

# Everything a parser may raise on a hostile value, besides InvalidResponse: the net that
# turns it into InvalidResponse (see SobrusApi._parse), never a crash further up.
PARSE_ERRORS: tuple[type[BaseException], ...] = (
    TypeError, ValueError, KeyError, AttributeError, IndexError, UnicodeError,
    RecursionError, OverflowError, ArithmeticError,
)
# [0-9], not \d: \d also matches Arabic-Indic digits, which the contract does not allow.
_MONEY = re.compile(r"-?([0-9]+)\.[0-9]{2}")
_MAX_MONEY_DIGITS = 12  # before the point: far above any balance or price, below overflow
_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?[Zz]")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_UUID = re.compile(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_SWIFT = re.compile(r"[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?")
_INT64 = (-(2**63), 2**63 - 1)
PERMISSIONS = frozenset({"send_sms", "manage_templates", "request_recharge"})
PROOF_CONTENT_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})


def _is_unicode(text: str) -> bool:
    """False when ``text`` holds an unpaired surrogate (a broken emoji, ``\\ud800``)."""
    if text.isascii():  # most texts: no surrogate possible, and no copy made to know it
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _utc(text: str) -> datetime | str:
    """The contract's Timestamp (RFC 3339, UTC, "Z") as an aware datetime, or what is wrong
    with it (French). Not cached: with their milliseconds, a history's timestamps hardly
    ever repeat (141 hits in 50k), and the cache's lookup cost more than it saved."""
    if not _TIMESTAMP.fullmatch(text):
        return "date-heure UTC attendue"
    try:
        value = datetime.fromisoformat(text.upper())
    except ValueError:
        return "date-heure attendue"
    return value.astimezone(UTC)


class Obj:
    """A JSON object with typed accessors; ``where`` is its path, for error messages."""

    def __init__(self, value: Any, where: str) -> None:
        if not isinstance(value, dict):
            raise _bad(where, "objet attendu")
        self.data, self.where = value, where

    def _get(self, key: str, nullable: bool) -> Any:
        value = self.data.get(key, _MISSING)
        if value is _MISSING:
            raise _bad(self._at(key), "champ manquant")
        if value is None and not nullable:
            raise _bad(self._at(key), "valeur nulle")
        return value

    def _at(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if type(value) is str and value.isascii():  # most texts: nothing more to check
            return value
        return self._checked_text(key, self._get(key, False))

    def opt_text(self, key: str) -> str | None:
        value = self._get(key, True)
        return None if value is None else self._checked_text(key, value)

    def _checked_text(self, key: str, value: object) -> str:
        if not isinstance(value, str):
            raise _bad(self._at(key), "texte attendu")
        if not _is_unicode(value):
            raise _bad(self._at(key), "texte illisible (caractère invalide)")
        return value

    def const(self, key: str, expected: str) -> str:
        if self.text(key) != expected:
            raise _bad(self._at(key), f"« {expected} » attendu")
        return expected

    def uuid(self, key: str) -> str:
        text = self.text(key)
        if not _UUID.fullmatch(text):
            raise _bad(self._at(key), "UUID attendu")
        return text

    def integer(self, key: str, minimum: int | None = None) -> int:
        value = self.data.get(key)
        if type(value) is int and _INT64[0] <= value <= _INT64[1] and (
                minimum is None or value >= minimum):  # the common case, checked at once
            return value
        value = self._get(key, False)
        if isinstance(value, bool) or not isinstance(value, int):
            raise _bad(self._at(key), "entier attendu")
        if not _INT64[0] <= value <= _INT64[1]:
            raise _bad(self._at(key), "entier hors limites")
        if minimum is not None and value < minimum:
            raise _bad(self._at(key), f"entier ≥ {minimum} attendu")
        return value

    def opt_integer(self, key: str) -> int | None:
        return None if self._get(key, True) is None else self.integer(key)

    def boolean(self, key: str) -> bool:
        value = self._get(key, False)
        if not isinstance(value, bool):
            raise _bad(self._at(key), "booléen attendu")
        return value

    def timestamp(self, key: str) -> datetime:
        text = self.text(key)
        value = _utc(text)
        if isinstance(value, str):
            raise _bad(self._at(key), value)
        return value

    def opt_timestamp(self, key: str) -> datetime | None:
        return None if self._get(key, True) is None else self.timestamp(key)

    def opt_day(self, key: str) -> date | None:
        text = self.opt_text(key)
        if text is None:
            return None
        if not _DATE.fullmatch(text):
            raise _bad(self._at(key), "date attendue")
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise _bad(self._at(key), "date attendue") from None

    def money(self, key: str) -> Decimal:
        """The contract's Money: a string with exactly two decimals ("12.50", "-3.00")."""
        text = self.text(key)  # a string in the contract: floats lose centimes
        match = _MONEY.fullmatch(text)
        if match is None:  # "0.004", "1E+2", "NaN", "-0", " 1.00", "١٢.٠٠"…
            raise _bad(self._at(key), "montant à deux décimales attendu")
        if len(match.group(1).lstrip("0")) > _MAX_MONEY_DIGITS:
            raise _bad(self._at(key), "montant hors limites")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise _bad(self._at(key), "montant attendu") from None
        return value if value else abs(value)  # "-0.00" is zero, never shown as "-0,00"

    def choice(self, key: str, kind: type[E]) -> E:
        text = self.text(key)
        member = kind._value2member_map_.get(text)  # the enum's own lookup, without its call
        if member is not None:
            return member  # type: ignore[return-value]
        try:
            return kind(text)
        except ValueError:
            raise _bad(self._at(key), "valeur inconnue") from None

    def child(self, key: str) -> Obj:
        return Obj(self._get(key, False), self._at(key))

    def opt_child(self, key: str) -> Obj | None:
        value = self._get(key, True)
        return None if value is None else Obj(value, self._at(key))

    def items(self, key: str) -> list[Obj]:
        value = self._get(key, False)
        if not isinstance(value, list):
            raise _bad(self._at(key), "liste attendue")
        where = self._at(key)
        return [Obj(item, f"{where}[{i}]") for i, item in enumerate(value)]

    def texts(self, key: str) -> list[str]:
        value = self._get(key, False)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _bad(self._at(key), "liste de textes attendue")
        if not all(_is_unicode(v) for v in value):
            raise _bad(self._at(key), "texte illisible (caractère invalide)")
        return value

    def each(self, key: str, parse: Callable[[Obj], T]) -> tuple[list[T], list[Skipped]]:
        """Parse every record of the list ``key``, setting aside those that break the
        contract (see :class:`Skipped`) instead of failing the whole list."""
        kept: list[T] = []
        skipped: list[Skipped] = []
        for item in self.items(key):
            try:
                kept.append(parse(item))
            except InvalidResponse as exc:
                skipped.append(_skipped(item, exc))
            except PARSE_ERRORS as exc:
                skipped.append(_skipped(item, InvalidResponse(detail=type(exc).__name__)))
        for s in skipped:
            log.warning("record %s set aside (id %s): %s", s.where, s.id, s.reason)
        return kept, skipped


def _skipped(item: Obj, exc: InvalidResponse) -> Skipped:
    raw_id = item.data.get("id")
    ok = (isinstance(raw_id, int) and not isinstance(raw_id, bool)
          and _INT64[0] <= raw_id <= _INT64[1])
    return Skipped(item.where, exc.detail or "invalide", raw_id if ok else None)


def _bad(where: str, what: str) -> InvalidResponse:
    return InvalidResponse(detail=f"{where or 'réponse'} : {what}", code="invalid_response")


# --- one function per contract schema --------------------------------------------------


def current_user(o: Obj) -> CurrentUser:
    pharmacy = o.child("pharmacy")
    permissions = o.texts("permissions")
    if not PERMISSIONS.issuperset(permissions) or len(set(permissions)) != len(permissions):
        raise _bad(o._at("permissions"), "permissions inconnues ou répétées")
    user = User(id=o.integer("id"), username=o.text("username"),
                display_name=o.text("display_name"), permissions=frozenset(permissions))
    return CurrentUser(user, pharmacy.integer("id"), pharmacy.text("name"),
                       pharmacy.opt_text("city") if "city" in pharmacy.data else None)


def login_result(o: Obj) -> LoginResult:
    o.const("token_type", "Bearer")
    token = o.text("token")
    if len(token) < 20:
        raise _bad(o._at("token"), "jeton trop court")
    return LoginResult(token=token, expires_at=o.timestamp("expires_at"),
                       current=current_user(o.child("user")))


def client(o: Obj) -> Client:
    o.timestamp("updated_at")  # required by the contract, not kept
    return Client(
        id=o.integer("id"),
        first_name=o.text("first_name"),
        last_name=o.text("last_name"),
        phone=o.opt_text("phone"),
        balance_due=o.money("balance_due"),
        balance_due_since=o.opt_day("balance_due_since"),
        sms_opt_out=o.boolean("sms_opt_out"),
        **_client_language(o),
    )


def _absent_or_text(o: Obj, key: str) -> str:
    """An optional text field (issue 16): absent or null reads as empty."""
    return (o.opt_text(key) or "") if key in o.data else ""


def _client_language(o: Obj) -> dict[str, Any]:
    """Issue 16's optional fields: absent from older servers (French, no Arabic name)."""
    language = (o.choice("preferred_language", Language) if "preferred_language" in o.data
                else Language.FRENCH)
    return {"preferred_language": language,
            "first_name_ar": _absent_or_text(o, "first_name_ar"),
            "last_name_ar": _absent_or_text(o, "last_name_ar")}


def tombstone(o: Obj) -> Tombstone:
    return Tombstone(o.integer("id"), o.timestamp("deleted_at"))


def template(o: Obj) -> Template:
    o.timestamp("updated_at")  # required by the contract, not kept
    return Template(id=o.integer("id"), name=o.text("name"), body=o.text("body"),
                    category=o.choice("category", TemplateCategory),
                    version=o.integer("version", 1), body_ar=_absent_or_text(o, "body_ar"))


def communication(o: Obj) -> Communication:
    quick = _quick_communication(o.data)
    return quick if quick is not None else _checked_communication(o)


def _quick_communication(d: dict[str, Any]) -> Communication | None:
    """A record that passes every check of :func:`_checked_communication`, read in one go
    (a first sync reads a million: an Obj and a call per field was most of its parsing);
    None for any other record, which the checked way reads, or refuses with its reason.
    tests/unit/test_contract_parsing.py checks that both ways agree."""
    g = d.get
    ident, cmid, staff_ref, to = g("id"), g("client_message_id"), g("initiated_by"), g("recipient")
    status, content, segments, is_test = g("status"), g("content"), g("segments"), g("is_test")
    reason, code, campaign = g("failure_reason", _MISSING), g("failure_code", _MISSING), g(
        "campaign_id", _MISSING)
    if not (type(ident) is int and _INT64[0] <= ident <= _INT64[1]
            and type(cmid) is str and _UUID.fullmatch(cmid) and g("type") == "sms"
            and type(content) is str and _is_unicode(content) and type(is_test) is bool
            and type(segments) is int and 1 <= segments <= _INT64[1]
            and _nullable_text(reason) and _nullable_text(code) and _nullable_text(campaign)
            and type(staff_ref) is dict and type(to) is dict and type(status) is str):
        return None
    staff_id, staff_name = staff_ref.get("id"), staff_ref.get("display_name")
    name, phone, client_id = to.get("name"), to.get("phone", _MISSING), to.get("client_id",
                                                                                _MISSING)
    member = MessageStatus._value2member_map_.get(status)
    created, updated = g("created_at"), g("updated_at")
    if not (type(staff_id) is int and _INT64[0] <= staff_id <= _INT64[1]
            and type(staff_name) is str and _is_unicode(staff_name)
            and type(name) is str and _is_unicode(name) and _nullable_text(phone)
            and (client_id is None or (type(client_id) is int
                 and _INT64[0] <= client_id <= _INT64[1]))
            and member is not None and type(created) is str and type(updated) is str):
        return None
    created_text, updated_text = created, updated
    created, updated = _utc(created), _utc(updated)
    if type(created) is not datetime or type(updated) is not datetime:
        return None
    steps = _quick_steps(g("status_history"), {created_text: created, updated_text: updated})
    if (not steps
            or steps[-1][0] is not member
            or any(later[1] < earlier[1] for earlier, later in pairwise(steps))):
        return None
    try:
        kind = _kind_of(g("kind"))
    except ValueError:  # the checked way logs it
        return None
    return Communication(
        id=ident, client_message_id=cmid, created_at=created, initiated_by=staff_name,
        type="sms", status=member, content=content, recipient_name=name,
        recipient_phone=phone, client_id=client_id, failure_reason=reason,
        segments=segments, campaign_id=campaign, updated_at=updated, is_test=is_test,
        status_history=steps, kind=kind, purpose=_purpose_of(g("purpose")))


def _nullable_text(value: object) -> bool:
    """A required, nullable text field's value passes the checks (absent does not)."""
    return value is None or (type(value) is str and _is_unicode(value))


def _checked_communication(o: Obj) -> Communication:
    recipient = o.child("recipient")
    o.opt_text("failure_code")  # required (nullable) by the contract, not kept
    return Communication(
        id=o.integer("id"),
        client_message_id=o.uuid("client_message_id"),
        created_at=o.timestamp("created_at"),
        initiated_by=staff(o.child("initiated_by")),
        type=o.const("type", "sms"),
        status=o.choice("status", MessageStatus),
        content=o.text("content"),
        recipient_name=recipient.text("name"),
        recipient_phone=recipient.opt_text("phone"),
        client_id=recipient.opt_integer("client_id"),
        failure_reason=o.opt_text("failure_reason"),
        segments=o.integer("segments", 1),
        campaign_id=o.opt_text("campaign_id"),
        updated_at=o.timestamp("updated_at"),
        is_test=o.boolean("is_test"),
        status_history=status_history(o),
        kind=message_kind(o),
        purpose=_purpose(o),
    )


def message_kind(o: Obj) -> str | None:
    """The contract's MessageKind; an absent or unknown value (a newer server) is None:
    the history shows « — » for it rather than failing the sync."""
    try:
        return _kind_of(o.data.get("kind"))
    except ValueError:
        log.info("kind inconnu pour %s : ignoré", o._at("kind"))
        return None


def _kind_of(value: object) -> str | None:
    """The MessageKind of ``value`` (None for none); ValueError for one not known."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(value)
    return str(MessageKind(value))


_PURPOSES = ("balance_reminder", "promotion", "other")


def _purpose(o: Obj) -> str | None:
    return _purpose_of(o.data.get("purpose"))


def _purpose_of(raw: object) -> str | None:
    """Optional in the contract (issue 14); unknown values are not counted by the caps."""
    return raw if raw in _PURPOSES else None  # type: ignore[return-value]


def _quick_steps(raw: object, known: dict[str, datetime] | None = None,
                 ) -> tuple[tuple[MessageStatus, datetime], ...] | None:
    """The steps of a timeline that passes the checks of the Obj way (status a known
    value, « at » a UTC timestamp), read without an Obj per step; None for any other
    (read the checked way, for its message). A million rows carry three steps each.
    ``known``: timestamps already read (a record's first and last steps are usually its
    created_at and updated_at, to the millisecond)."""
    if type(raw) is not list:
        return None
    members = MessageStatus._value2member_map_
    steps = []
    for step in raw:
        if type(step) is not dict:
            return None
        status, at = step.get("status"), step.get("at")
        if type(status) is not str or type(at) is not str:
            return None
        member = members.get(status)
        when: datetime | str | None = known.get(at) if known else None
        if when is None:
            when = _utc(at)
        if member is None or type(when) is not datetime:
            return None
        steps.append((member, when))
    return tuple(steps)  # type: ignore[arg-type]


def status_history(o: Obj) -> tuple[tuple[MessageStatus, datetime], ...]:
    """The Communication's timeline: non-empty, oldest first, ending at its status.

    Malformed entries are an invalid response. A well-formed timeline that disagrees with
    the status or goes back in time is dropped (empty: the details pane then shows the
    status alone) rather than failing the whole sync: the pharmacist is never shown steps
    that did not happen, and the history still arrives.
    """
    steps = _quick_steps(o.data.get("status_history"))
    if steps is None:
        steps = tuple((s.choice("status", MessageStatus), s.timestamp("at"))
                      for s in o.items("status_history"))
    if not steps:
        raise _bad(o._at("status_history"), "liste vide")
    if (any(later[1] < earlier[1] for earlier, later in pairwise(steps))
            or steps[-1][0] != o.choice("status", MessageStatus)):
        log.warning("status_history incohérent pour %s : ignoré", o._at("status_history"))
        return ()
    return steps


def staff(o: Obj) -> str:
    """A StaffRef: its display name (the id is checked, not kept)."""
    o.integer("id")
    return o.text("display_name")


def balance(o: Obj) -> Balance:
    return Balance(o.integer("credits", 0), o.timestamp("updated_at"))


def batch_result(o: Obj) -> BatchResult:
    results = []
    for r in o.items("results"):
        error = r.opt_child("error")
        results.append(MessageResult(
            client_message_id=r.uuid("client_message_id"),
            accepted=r.boolean("accepted"),
            communication=communication(r.child("communication")),
            error_code=error.text("code") if error else None,
            error_detail=error.text("detail") if error else None,
        ))
    o.integer("accepted", 0), o.integer("rejected", 0)  # required, recounted from results
    return BatchResult(o.opt_text("campaign_id"), tuple(results),
                       o.integer("credits_charged", 0), balance(o.child("balance")))


def cancel_results(o: Obj) -> tuple[CancelResult, ...]:
    results = []
    for r in o.items("results"):
        found = r.opt_child("communication")
        received = r.boolean("received")
        if received != (found is not None):
            raise _bad(r.where, "« received » et « communication » se contredisent")
        results.append(CancelResult(r.text("client_message_id"),
                                    communication(found) if found is not None else None))
    return tuple(results)


def pack(o: Obj) -> Pack:
    return Pack(o.integer("id"), o.text("name"), o.integer("credits", 1), o.money("price"),
                o.const("currency", "MAD"))


def payment_instructions(o: Obj) -> PaymentInstructions:
    # Stricter than a type check: these numbers are copied into a bank transfer.
    rib, iban, amount = o.text("rib"), o.text("iban"), o.money("amount")
    if not is_rib(rib):
        raise _bad(o._at("rib"), "RIB de 24 chiffres attendu")
    if iban != iban_from_rib(rib):
        raise _bad(o._at("iban"), "IBAN du RIB attendu")
    if amount <= 0:
        raise _bad(o._at("amount"), "montant positif attendu")
    o.const("currency", "MAD")  # the amount is shown in DH
    reference = o.text("reference").strip()
    if not reference:
        raise _bad(o._at("reference"), "référence vide")
    swift = o.text("swift")
    if not _SWIFT.fullmatch(swift):
        raise _bad(o._at("swift"), "code BIC attendu")
    bank_name, holder = o.text("bank_name"), o.text("account_holder")
    if not (bank_name and holder):
        raise _bad(o.where, "banque et titulaire attendus")
    return PaymentInstructions(bank_name=bank_name, account_holder=holder, rib=rib,
                               iban=iban, swift=swift, reference=reference, amount=amount)


def transfer_proof(o: Obj) -> TransferProof:
    content_type = o.text("content_type")
    if content_type not in PROOF_CONTENT_TYPES:
        raise _bad(o._at("content_type"), "type de fichier inconnu")
    return TransferProof(o.text("filename"), content_type, o.integer("size", 1),
                         o.timestamp("uploaded_at"))


def _ledger_items(o: Obj) -> tuple[LedgerItem, ...]:
    raw = o.data.get("messages")
    # A decade's charges list a million messages: a list that passes the checks below
    # (those of text() and integer(credits ≥ 1), ASCII ids needing no Unicode check) is
    # read without an Obj per item; any other goes the checked way, for its message.
    if type(raw) is list and all(
            type(m) is dict and type(cmid := m.get("client_message_id")) is str
            and cmid.isascii() and type(credits := m.get("credits")) is int
            and 1 <= credits <= _INT64[1] for m in raw):
        return tuple(LedgerItem(m["client_message_id"], m["credits"]) for m in raw)
    return tuple(LedgerItem(m.text("client_message_id"), m.integer("credits", 1))
                 for m in o.items("messages"))


def recharge_request(o: Obj) -> RechargeRequest:
    proof = o.opt_child("proof")
    payment = o.opt_child("payment_instructions")
    request = RechargeRequest(
        id=o.integer("id"),
        pack=pack(o.child("pack")),
        status=o.choice("status", RechargeStatus),
        requested_by=staff(o.child("requested_by")),
        created_at=o.timestamp("created_at"),
        updated_at=o.timestamp("updated_at"),
        note=o.opt_text("note"),
        activated_at=o.opt_timestamp("activated_at"),
        proof=transfer_proof(proof) if proof else None,
        payment=payment_instructions(payment) if payment else None,
    )
    if request.can_attach_proof and request.payment is None:
        raise _bad(o._at("payment_instructions"), "instructions de virement manquantes")
    return request


def ledger_movement(o: Obj) -> Movement:
    """The contract's LedgerMovement (see ``GET /sms/ledger``)."""
    return Movement(
        id=o.integer("id"),
        kind=o.choice("kind", MovementKind),
        credits=o.integer("credits"),
        balance_after=o.integer("balance_after"),
        at=o.timestamp("created_at"),
        campaign_id=o.opt_text("campaign_id"),
        items=_ledger_items(o),
        note=o.opt_text("note"),
        recharge_request_id=o.opt_integer("recharge_request_id"),
    )
