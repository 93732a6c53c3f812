"""Who gets which SMS in a grouped send: the send plan shown before confirming.

Rules, in the order they are applied to each candidate client:

1. Candidates: the ticked clients, in list order; nobody ticked means *every* client of
   the list, and the plan says so (``all_clients``) so that the dialog can tell the user.
2. Balance reminder: only clients whose ``balance_due`` *as shown* (rounded to the
   centime, :func:`~sobrus_comm.domain.money.is_due`) exceeds ``min_balance``.
3. Promotional template: clients who refused promotional SMS are left out. Transactional
   templates (reminders, notices) still reach them.
4. Phone: normalised with :mod:`phones`; missing, invalid and fixed-line numbers are left out.
5. Text: the template is rendered per client, in the client's language
   (:mod:`~sobrus_comm.domain.languages`: Arabic when the template has an Arabic text, else
   French, counted as a fallback); a field without value (no first name, no balance…)
   leaves the client out instead of sending a broken message.
6. Shared numbers (families often share one phone):
   * custom template: one SMS per number, the first client of the list gets it, the
     others are excluded with « Numéro en double (déjà destinataire : …) »;
   * balance reminder: each client keeps their own message, since each one is about a
     different debt and dropping one would hide it; the plan carries a warning listing
     the shared numbers. Only an *identical* text to the same number (the same person
     entered twice, say) is excluded, as sending it twice would be pure waste.

Every client left out appears in ``exclusions`` with a reason in French: nothing is
dropped silently. A broken template (syntax, unknown field) is not a per-client problem:
:func:`build_plan` raises its :class:`~sobrus_comm.domain.templating.TemplateError`.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.domain.languages import Language, choose_language
from sobrus_comm.domain.models import Client, Objective, Template, TemplateCategory
from sobrus_comm.domain.money import format_dh, is_due, shown_amount
from sobrus_comm.domain.phones import PhoneProblem, format_phone_display, normalize_phone
from sobrus_comm.domain.segments import UCS_2, SegmentInfo, analyze
from sobrus_comm.domain.templating import MissingValueError, RenderContext, parse

_MAX_LISTED = 5  # shared numbers / characters named in a warning before « … »


class ExclusionReason(enum.StrEnum):
    NO_BALANCE = "no_balance"
    BELOW_THRESHOLD = "below_threshold"
    OPTED_OUT = "opted_out"
    MISSING_PHONE = "missing_phone"
    INVALID_PHONE = "invalid_phone"
    NOT_MOBILE = "not_mobile"
    MISSING_VALUE = "missing_value"
    DUPLICATE_PHONE = "duplicate_phone"
    DUPLICATE_MESSAGE = "duplicate_message"
    # Consent and frequency (domain.consent_plan), applied after the rules above.
    NO_CONSENT = "no_consent"
    REFUSED_CONSENT = "refused_consent"
    FREQUENCY_CAP = "frequency_cap"


_PHONE_REASONS = {
    PhoneProblem.MISSING: ExclusionReason.MISSING_PHONE,
    PhoneProblem.INVALID: ExclusionReason.INVALID_PHONE,
    PhoneProblem.NOT_MOBILE: ExclusionReason.NOT_MOBILE,
}


class PlanWarningCode(enum.StrEnum):
    SHARED_PHONES = "shared_phones"
    UNICODE = "unicode"
    TICKED_NOT_IN_LIST = "ticked_not_in_list"


@dataclass(frozen=True)
class PlanRequest:
    clients: Sequence[Client]  # the list as shown in the dialog, in its order
    ticked_ids: Collection[int]  # empty: nobody ticked, i.e. the whole list
    objective: Objective
    template: Template
    pharmacy_name: str
    today: date
    min_balance: Decimal = Decimal("0")


@dataclass(frozen=True)
class PlannedMessage:
    client_id: int
    client_name: str
    phone_e164: str
    text: str
    segment_info: SegmentInfo
    language: Language = Language.FRENCH  # the text the message is written in
    fallback: bool = False  # prefers Arabic, got French: the template has no Arabic text

    @property
    def encoding(self) -> str:
        return self.segment_info.encoding

    @property
    def segments(self) -> int:
        return self.segment_info.segments


@dataclass(frozen=True)
class Exclusion:
    client: Client
    code: ExclusionReason
    reason_fr: str


@dataclass(frozen=True)
class PlanWarning:
    code: PlanWarningCode
    message_fr: str
    phones: tuple[str, ...] = ()  # E.164 numbers concerned (SHARED_PHONES)

    def __str__(self) -> str:
        return self.message_fr


@dataclass(frozen=True)
class BalanceCheck:
    ok: bool
    needed: int
    available: int
    missing: int

    @property
    def message_fr(self) -> str:
        if self.ok:
            return ""
        needed = _count(self.needed, "crédit nécessaire", "crédits nécessaires")
        available = _count(self.available, "disponible", "disponibles")
        return (
            f"Solde SMS insuffisant : {needed}, {available} "
            f"(il en manque {format_count(self.missing)})."
        )


@dataclass(frozen=True)
class SendPlan:
    messages: tuple[PlannedMessage, ...]
    exclusions: tuple[Exclusion, ...]
    warnings: tuple[PlanWarning, ...]
    all_clients: bool  # nobody was ticked: the plan covers the whole list
    candidate_count: int  # clients considered, before exclusions

    @property
    def total_segments(self) -> int:
        """Credits needed: one per segment of every message."""
        return sum(m.segment_info.segments for m in self.messages)

    @property
    def recipient_count(self) -> int:
        """Messages to send (two clients sharing a number in a reminder count twice)."""
        return len(self.messages)

    def check_balance(self, available: int) -> BalanceCheck:
        needed = self.total_segments
        missing = max(0, needed - available)
        return BalanceCheck(ok=missing == 0, needed=needed, available=available, missing=missing)

    def exclusion_counts(self) -> dict[ExclusionReason, int]:
        return dict(Counter(e.code for e in self.exclusions))

    def language_counts(self) -> dict[Language, int]:
        """Messages per language they are written in (every language, 0 included)."""
        counts = Counter(m.language for m in self.messages)
        return {language: counts[language] for language in Language}

    def language_segments(self) -> dict[Language, int]:
        """Credits per language."""
        totals = dict.fromkeys(Language, 0)
        for m in self.messages:
            totals[m.language] += m.segments
        return totals

    @property
    def fallback_count(self) -> int:
        """Clients who prefer Arabic and get the French text (no Arabic text)."""
        return sum(m.fallback for m in self.messages)


def client_display_name(client: Client) -> str:
    return " ".join(client.full_name.split()) or f"Client n° {client.id}"


def _candidates(request: PlanRequest) -> tuple[list[Client], bool, int]:
    """Clients to consider, whether that is the whole list, and ticked ids not in the list."""
    seen: set[int] = set()
    unique: list[Client] = []
    for client in request.clients:
        if client.id not in seen:  # a client listed twice is still one person
            seen.add(client.id)
            unique.append(client)
    if not request.ticked_ids:
        return unique, True, 0
    ticked = set(request.ticked_ids)
    return [c for c in unique if c.id in ticked], False, len(ticked - seen)


def _balance_exclusion(client: Client, min_balance: Decimal) -> Exclusion | None:
    if is_due(client.balance_due, min_balance):
        return None
    if shown_amount(client.balance_due) <= 0:  # 0.004 DH reads « 0,00 DH »: nothing due
        return Exclusion(client, ExclusionReason.NO_BALANCE, "Aucun solde dû")
    return Exclusion(
        client,
        ExclusionReason.BELOW_THRESHOLD,
        f"Solde de {format_dh(client.balance_due)} inférieur ou égal "
        f"au seuil de {format_dh(min_balance)}",
    )


def build_plan(request: PlanRequest) -> SendPlan:
    """Resolve recipients, render every message and count credits; see the module doc."""
    parsed = {Language.FRENCH: parse(request.template.body)}
    if request.template.body_ar.strip():
        parsed[Language.ARABIC] = parse(request.template.body_ar)
    candidates, all_clients, unknown_ticked = _candidates(request)
    reminder = request.objective == Objective.BALANCE_REMINDER
    promotional = request.template.category == TemplateCategory.PROMOTIONAL

    messages: list[PlannedMessage] = []
    exclusions: list[Exclusion] = []
    first_by_phone: dict[str, PlannedMessage] = {}
    texts_by_phone: dict[str, dict[str, PlannedMessage]] = {}

    for client in candidates:
        if reminder and (excluded := _balance_exclusion(client, request.min_balance)):
            exclusions.append(excluded)
            continue
        if promotional and client.sms_opt_out:
            exclusions.append(
                Exclusion(client, ExclusionReason.OPTED_OUT, "A refusé les SMS promotionnels")
            )
            continue
        phone = normalize_phone(client.phone)
        if not phone.ok or phone.e164 is None:
            code = _PHONE_REASONS[phone.problem or PhoneProblem.INVALID]
            exclusions.append(Exclusion(client, code, phone.reason_fr))
            continue
        language, fallback = choose_language(client.preferred_language,
                                             Language.ARABIC in parsed)
        ctx = RenderContext(client, request.pharmacy_name, request.today, language)
        try:
            text = parsed[language].render(ctx)
        except MissingValueError as error:
            exclusions.append(Exclusion(client, ExclusionReason.MISSING_VALUE, error.reason_fr))
            continue

        e164 = phone.e164
        first = first_by_phone.get(e164)
        if first is not None and not reminder:
            exclusions.append(
                Exclusion(
                    client,
                    ExclusionReason.DUPLICATE_PHONE,
                    f"Numéro en double (déjà destinataire : {first.client_name})",
                )
            )
            continue
        same_text = texts_by_phone.get(e164, {}).get(text)
        if same_text is not None:
            exclusions.append(
                Exclusion(
                    client,
                    ExclusionReason.DUPLICATE_MESSAGE,
                    f"Message identique déjà prévu pour ce numéro "
                    f"(destinataire : {same_text.client_name})",
                )
            )
            continue

        message = PlannedMessage(
            client_id=client.id,
            client_name=client_display_name(client),
            phone_e164=e164,
            text=text,
            segment_info=analyze(text),
            language=language,
            fallback=fallback,
        )
        messages.append(message)
        first_by_phone.setdefault(e164, message)
        texts_by_phone.setdefault(e164, {})[text] = message

    warnings = _warnings(messages, texts_by_phone, unknown_ticked)
    return SendPlan(
        messages=tuple(messages),
        exclusions=tuple(exclusions),
        warnings=tuple(warnings),
        all_clients=all_clients,
        candidate_count=len(candidates),
    )


def _warnings(
    messages: list[PlannedMessage],
    texts_by_phone: dict[str, dict[str, PlannedMessage]],
    unknown_ticked: int,
) -> list[PlanWarning]:
    warnings: list[PlanWarning] = []

    shared = {phone: by_text for phone, by_text in texts_by_phone.items() if len(by_text) > 1}
    if shared:
        listed = [
            f"{format_phone_display(phone)} : " + ", ".join(m.client_name for m in by_text.values())
            for phone, by_text in list(shared.items())[:_MAX_LISTED]
        ]
        more = len(shared) - len(listed)
        details = " ; ".join(listed) + (f" ; et {format_count(more)} autres" if more else "")
        head = (
            "Un numéro est partagé par plusieurs clients"
            if len(shared) == 1
            else f"{format_count(len(shared))} numéros sont partagés par plusieurs clients"
        )
        warnings.append(
            PlanWarning(
                PlanWarningCode.SHARED_PHONES,
                f"{head} : chacun recevra son propre rappel ({details}).",
                phones=tuple(shared),
            )
        )

    unicode = unicode_warning(messages)
    if unicode is not None:
        warnings.append(unicode)

    if unknown_ticked:
        warnings.append(
            PlanWarning(
                PlanWarningCode.TICKED_NOT_IN_LIST,
                _count(
                    unknown_ticked,
                    "client coché ne figure plus dans la liste : il est ignoré.",
                    "clients cochés ne figurent plus dans la liste : ils sont ignorés.",
                ),
            )
        )
    return warnings


def unicode_warning(messages: Sequence[PlannedMessage]) -> PlanWarning | None:
    """« 3 messages contiennent des caractères spéciaux … », or None (all GSM-7).

    Arabic is always UCS-2 and the counters say so per language: only a French text
    turned UCS-2 by a stray character is worth a warning."""
    unicode_messages = [m for m in messages
                        if m.segment_info.encoding == UCS_2 and m.language == Language.FRENCH]
    if not unicode_messages:
        return None
    chars = dict.fromkeys(c for m in unicode_messages for c in m.segment_info.unicode_chars)
    shown = " ".join(f"« {c} »" for c in list(chars)[:_MAX_LISTED])
    shown += " …" if len(chars) > _MAX_LISTED else ""
    who = _count(len(unicode_messages), "message contient", "messages contiennent")
    return PlanWarning(
        PlanWarningCode.UNICODE,
        f"{who} des caractères spéciaux ({shown}) : 70 caractères par SMS au lieu "
        "de 160, le coût en crédits augmente.",
    )


def _count(n: int, singular: str, plural: str) -> str:
    """« 1 client », « 0 client », « 1 234 clients »: French uses the singular below 2."""
    return f"{format_count(n)} {singular if abs(n) < 2 else plural}"


def describe_recipients(plan: SendPlan) -> str:
    """Who the send is for, as the dialog says it (U+202F between thousands)."""
    n = plan.candidate_count
    if plan.all_clients:
        if n == 0:
            return "La liste ne contient aucun client"
        if n == 1:
            return "Aucun client sélectionné : envoi au seul client de la liste"
        return f"Aucun client sélectionné : envoi à tous les {format_count(n)} clients de la liste"
    return _count(n, "client sélectionné", "clients sélectionnés")


def describe_languages(plan: SendPlan) -> str:
    """« 12 en français · 5 en arabe (2 clients arabophones en français : modèle sans texte
    arabe) », or "" when every message is French and nobody fell back."""
    counts = plan.language_counts()
    if not counts[Language.ARABIC] and not plan.fallback_count:
        return ""
    text = (f"{format_count(counts[Language.FRENCH])} en français · "
            f"{format_count(counts[Language.ARABIC])} en arabe")
    if plan.fallback_count:
        who = _count(plan.fallback_count, "client arabophone", "clients arabophones")
        text += f" ({who} en français : modèle sans texte arabe)"
    return text


def summarize_plan(plan: SendPlan) -> str:
    """One line for the confirmation step: messages, credits, exclusions."""
    parts = [
        _count(plan.recipient_count, "message à envoyer", "messages à envoyer"),
        _count(plan.total_segments, "crédit SMS", "crédits SMS"),
    ]
    if plan.exclusions:
        parts.append(_count(len(plan.exclusions), "client exclu", "clients exclus"))
    return " · ".join(parts)
