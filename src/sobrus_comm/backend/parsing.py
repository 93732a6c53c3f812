"""Checked conversion of the backend's JSON into typed results.

Anything that does not match the contract raises :class:`InvalidResponse` here, at the
edge, so that no half-parsed dict travels deeper into the app. Messages name the field
path but never echo values (a login response holds a token).
"""

from __future__ import annotations

import enum
import logging
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any, TypeVar

from sobrus_comm.backend.errors import InvalidResponse
from sobrus_comm.backend.results import (
    Balance,
    BatchResult,
    CurrentUser,
    LoginResult,
    MessageResult,
    Pack,
    PaymentInstructions,
    RechargeRequest,
    RechargeStatus,
    Tombstone,
    TransferProof,
)
from sobrus_comm.domain.bank import iban_from_rib, is_rib
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
log = logging.getLogger("sobrus_comm.backend")
_MISSING = object()


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
        value = self._get(key, False)
        if not isinstance(value, str):
            raise _bad(self._at(key), "texte attendu")
        return value

    def opt_text(self, key: str) -> str | None:
        value = self._get(key, True)
        if value is not None and not isinstance(value, str):
            raise _bad(self._at(key), "texte attendu")
        return value

    def integer(self, key: str, minimum: int | None = None) -> int:
        value = self._get(key, False)
        if isinstance(value, bool) or not isinstance(value, int):
            raise _bad(self._at(key), "entier attendu")
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
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise _bad(self._at(key), "date-heure attendue") from None
        if value.tzinfo is None:
            raise _bad(self._at(key), "fuseau horaire manquant")
        return value.astimezone(UTC)

    def opt_timestamp(self, key: str) -> datetime | None:
        return None if self._get(key, True) is None else self.timestamp(key)

    def opt_day(self, key: str) -> date | None:
        text = self.opt_text(key)
        if text is None:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise _bad(self._at(key), "date attendue") from None

    def money(self, key: str) -> Decimal:
        text = self.text(key)  # money is a string in the contract: floats lose centimes
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise _bad(self._at(key), "montant attendu") from None
        if not value.is_finite():
            raise _bad(self._at(key), "montant attendu")
        return value

    def choice(self, key: str, kind: type[E]) -> E:
        text = self.text(key)
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
        return [Obj(item, f"{self._at(key)}[{i}]") for i, item in enumerate(value)]

    def texts(self, key: str) -> list[str]:
        value = self._get(key, False)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _bad(self._at(key), "liste de textes attendue")
        return value



def _bad(where: str, what: str) -> InvalidResponse:
    return InvalidResponse(detail=f"{where or 'réponse'} : {what}", code="invalid_response")


# --- one function per contract schema --------------------------------------------------


def current_user(o: Obj) -> CurrentUser:
    pharmacy = o.child("pharmacy")
    user = User(id=o.integer("id"), username=o.text("username"),
                display_name=o.text("display_name"), permissions=frozenset(o.texts("permissions")))
    return CurrentUser(user, pharmacy.integer("id"), pharmacy.text("name"),
                       pharmacy.opt_text("city") if "city" in pharmacy.data else None)


def login_result(o: Obj) -> LoginResult:
    return LoginResult(token=o.text("token"), expires_at=o.timestamp("expires_at"),
                       current=current_user(o.child("user")))


def client(o: Obj) -> Client:
    return Client(
        id=o.integer("id"),
        first_name=o.text("first_name"),
        last_name=o.text("last_name"),
        phone=o.opt_text("phone"),
        balance_due=o.money("balance_due"),
        balance_due_since=o.opt_day("balance_due_since"),
        sms_opt_out=o.boolean("sms_opt_out"),
    )


def tombstone(o: Obj) -> Tombstone:
    return Tombstone(o.integer("id"), o.timestamp("deleted_at"))


def template(o: Obj) -> Template:
    return Template(id=o.integer("id"), name=o.text("name"), body=o.text("body"),
                    category=o.choice("category", TemplateCategory),
                    version=o.integer("version", 1))


def communication(o: Obj) -> Communication:
    recipient = o.child("recipient")
    return Communication(
        id=o.integer("id"),
        client_message_id=o.text("client_message_id"),
        created_at=o.timestamp("created_at"),
        initiated_by=o.child("initiated_by").text("display_name"),
        type=o.text("type"),
        status=o.choice("status", MessageStatus),
        content=o.text("content"),
        recipient_name=recipient.text("name"),
        recipient_phone=recipient.opt_text("phone"),
        client_id=recipient.opt_integer("client_id"),
        failure_reason=o.opt_text("failure_reason"),
        segments=o.integer("segments", 0),
        campaign_id=o.opt_text("campaign_id"),
        updated_at=o.timestamp("updated_at"),
        is_test=o.boolean("is_test"),
        status_history=status_history(o),
        kind=message_kind(o),
    )


def message_kind(o: Obj) -> str | None:
    """The contract's MessageKind; an absent or unknown value (a newer server) is None:
    the history shows « — » for it rather than failing the sync."""
    value = o.data.get("kind")
    if value is None:
        return None
    try:
        return str(MessageKind(value))
    except ValueError:
        log.info("kind inconnu pour %s : ignoré", o._at("kind"))
        return None


def status_history(o: Obj) -> tuple[tuple[MessageStatus, datetime], ...]:
    """The Communication's timeline: non-empty, oldest first, ending at its status.

    Malformed entries are an invalid response. A well-formed timeline that disagrees with
    the status or goes back in time is dropped (empty: the details pane then shows the
    status alone) rather than failing the whole sync: the pharmacist is never shown steps
    that did not happen, and the history still arrives.
    """
    steps = tuple((s.choice("status", MessageStatus), s.timestamp("at"))
                  for s in o.items("status_history"))
    if not steps:
        raise _bad(o._at("status_history"), "liste vide")
    if (any(later[1] < earlier[1] for earlier, later in pairwise(steps))
            or steps[-1][0] != o.choice("status", MessageStatus)):
        log.warning("status_history incohérent pour %s : ignoré", o._at("status_history"))
        return ()
    return steps


def balance(o: Obj) -> Balance:
    return Balance(o.integer("credits", 0), o.timestamp("updated_at"))


def batch_result(o: Obj) -> BatchResult:
    results = []
    for r in o.items("results"):
        error = r.opt_child("error")
        results.append(MessageResult(
            client_message_id=r.text("client_message_id"),
            accepted=r.boolean("accepted"),
            communication=communication(r.child("communication")),
            error_code=error.text("code") if error else None,
            error_detail=error.text("detail") if error else None,
        ))
    return BatchResult(o.opt_text("campaign_id"), tuple(results),
                       o.integer("credits_charged", 0), balance(o.child("balance")))


def pack(o: Obj) -> Pack:
    return Pack(o.integer("id"), o.text("name"), o.integer("credits", 1), o.money("price"),
                o.text("currency"))


def payment_instructions(o: Obj) -> PaymentInstructions:
    # Stricter than a type check: these numbers are copied into a bank transfer.
    rib, iban, amount = o.text("rib"), o.text("iban"), o.money("amount")
    if not is_rib(rib):
        raise _bad(o._at("rib"), "RIB de 24 chiffres attendu")
    if iban != iban_from_rib(rib):
        raise _bad(o._at("iban"), "IBAN du RIB attendu")
    if amount <= 0:
        raise _bad(o._at("amount"), "montant positif attendu")
    if o.text("currency") != "MAD":
        raise _bad(o._at("currency"), "MAD attendu")  # the amount is shown in DH
    reference = o.text("reference").strip()
    if not reference:
        raise _bad(o._at("reference"), "référence vide")
    return PaymentInstructions(bank_name=o.text("bank_name"),
                               account_holder=o.text("account_holder"), rib=rib, iban=iban,
                               swift=o.text("swift"), reference=reference, amount=amount)


def recharge_request(o: Obj) -> RechargeRequest:
    proof = o.opt_child("proof")
    payment = o.opt_child("payment_instructions")
    request = RechargeRequest(
        id=o.integer("id"),
        pack=pack(o.child("pack")),
        status=o.choice("status", RechargeStatus),
        requested_by=o.child("requested_by").text("display_name"),
        created_at=o.timestamp("created_at"),
        updated_at=o.timestamp("updated_at"),
        note=o.opt_text("note"),
        activated_at=o.opt_timestamp("activated_at"),
        proof=TransferProof(proof.text("filename"), proof.text("content_type"),
                            proof.integer("size"), proof.timestamp("uploaded_at"))
        if proof else None,
        payment=payment_instructions(payment) if payment else None,
    )
    if request.can_attach_proof and request.payment is None:
        raise _bad(o._at("payment_instructions"), "instructions de virement manquantes")
    return request
