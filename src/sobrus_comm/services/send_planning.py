"""Planning a grouped send: what the dialog shows and what goes to the outbox (no Qt).

The dialog collects a :class:`SendRequest` (objective, template, the client list as shown,
the ticked ids); this module turns it into a :class:`SendDraft` (the domain's
:class:`~sobrus_comm.domain.recipients.SendPlan` plus the credits available and, for a
balance reminder, the clients who paid since the last sync), then writes the confirmed
draft to the outbox in one transaction. The phone, segment and template rules are the
domain's: nothing here re-implements them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sobrus_comm.domain.consent import ConsentState
from sobrus_comm.domain.consent_plan import ConsentRulesSource, apply_rules
from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.domain.frequency import Purpose, purpose_of
from sobrus_comm.domain.models import (
    Client,
    Objective,
    Permission,
    Template,
    TemplateCategory,
    User,
)
from sobrus_comm.domain.money import format_dh, is_due
from sobrus_comm.domain.quiet_hours import (
    NoAllowedTime,
    QuietHoursRules,
    format_release_fr,
    hold_until,
)
from sobrus_comm.domain.recipients import (
    BalanceCheck,
    Exclusion,
    ExclusionReason,
    PlanRequest,
    SendPlan,
    build_plan,
)
from sobrus_comm.domain.templating import TemplateError, parse
from sobrus_comm.services.consent import ConsentService
from sobrus_comm.services.outbox import OutboxService
from sobrus_comm.services.sync import SyncApi, SyncReport, SyncService
from sobrus_comm.store.db import Database

MAX_TEST_RECIPIENTS = 3  # « un petit groupe de 2 ou 3 personnes »
_BALANCE_RULES = (ExclusionReason.NO_BALANCE, ExclusionReason.BELOW_THRESHOLD)


@dataclass(frozen=True)
class SendData:
    """What the dialog reads from the cache once, at open."""

    clients: tuple[Client, ...]  # by name, as the store lists them
    templates: tuple[Template, ...]
    credits: int | None  # None until a sync has brought the balance
    credits_at: datetime | None = None
    consent: dict[int, ConsentState] = field(default_factory=dict)  # promotional, by client
    opt_out_mention: str = ""  # « STOP au 3535 »: added to every promotion


def load_send_data(db: Database) -> SendData:
    balance = db.balance.get()
    return SendData(
        clients=tuple(db.clients.list_all()),
        templates=tuple(db.templates.list_all()),
        credits=balance.credits if balance else None,
        credits_at=balance.updated_at if balance else None,
        consent=db.consent.states(),
        opt_out_mention=ConsentService(db).opt_out_mention(),
    )


# --- What each objective lists ---------------------------------------------------------


def template_fields(template: Template) -> tuple[str, ...]:
    """Placeholders of a template, or () when its body does not parse."""
    try:
        return parse(template.body).fields
    except TemplateError:
        return ()


def is_reminder_template(template: Template) -> bool:
    """A balance reminder tells the amount: a transactional template using ``{solde}``."""
    return (
        template.category == TemplateCategory.TRANSACTIONAL
        and "solde" in template_fields(template)
    )


def templates_for(objective: Objective, templates: Sequence[Template]) -> list[Template]:
    """The drop-down's choices: reminder templates (named « rappel » first) or all of them."""
    if objective == Objective.BALANCE_REMINDER:
        found = [t for t in templates if is_reminder_template(t)]
        return sorted(found, key=lambda t: "rappel" not in t.name.lower())  # stable
    return list(templates)


def clients_for(
    objective: Objective, clients: Sequence[Client], min_balance: Decimal = Decimal("0")
) -> list[Client]:
    """The list a reminder shows: only clients owing more than ``min_balance``."""
    if objective == Objective.BALANCE_REMINDER:
        return [c for c in clients if is_due(c.balance_due, min_balance)]
    return list(clients)


# --- The plan --------------------------------------------------------------------------


@dataclass(frozen=True)
class SendRequest:
    """What the dialog collected."""

    objective: Objective
    template: Template
    clients: Sequence[Client]  # the objective's list, in its order (not the search result)
    ticked_ids: frozenset[int]  # empty: nobody ticked, i.e. the whole list
    pharmacy_name: str
    today: date
    min_balance: Decimal = Decimal("0")
    consent_rules: ConsentRulesSource | None = None  # None: no consent nor caps (old callers)
    override_caps: bool = False  # the pharmacist lifted the frequency caps for this send

    @property
    def purpose(self) -> Purpose:
        return purpose_of(str(self.objective), str(self.template.category))

    def plan_request(self) -> PlanRequest:
        return PlanRequest(
            clients=self.clients,
            ticked_ids=self.ticked_ids,
            objective=self.objective,
            template=self.template,
            pharmacy_name=self.pharmacy_name,
            today=self.today,
            min_balance=self.min_balance,
        )


@dataclass(frozen=True)
class SendDraft:
    """A plan ready to confirm: recipients, texts, credits, and who is left out and why."""

    request: SendRequest
    plan: SendPlan
    credits: int | None  # available; None when unknown (never synced)
    is_test: bool = False
    # Balance reminder: clients who paid since the last sync, found by the refresh.
    paid_since: tuple[Exclusion, ...] = ()
    balances_checked: bool = False  # the balances were refreshed from Sobrus just now
    held_reason: str = ""  # a promotion in quiet hours: why it cannot go now
    caps_overridden: tuple[int, ...] = ()  # clients kept despite the caps (override)

    @property
    def balance_check(self) -> BalanceCheck:
        return self.plan.check_balance(self.credits if self.credits is not None else 0)

    @property
    def blocked_reason(self) -> str:
        """Why this draft cannot be sent, in French; "" when it can."""
        if self.held_reason:
            return self.held_reason
        if not self.plan.messages:
            return "Aucun message à envoyer : tous les clients concernés sont exclus."
        if self.credits is None:
            return (
                "Solde SMS inconnu : synchronisez avec Sobrus avant d'envoyer "
                "(bouton « Synchroniser »)."
            )
        return self.balance_check.message_fr


def quiet_hours_reason(template: Template, rules: QuietHoursRules | None,
                       now: datetime) -> str:
    """Why a promotion cannot go at ``now`` (the pharmacy's quiet hours), or ""."""
    try:
        release = hold_until(template.category, now, rules)
    except NoAllowedTime as exc:
        assert rules is not None
        return f"{_quiet_head(rules)} {exc}"
    if release is None or rules is None:
        return ""
    return (f"{_quiet_head(rules)} Envoi possible {format_release_fr(release, now)} "
            "(réglage dans Paramètres).")


def _quiet_head(rules: QuietHoursRules) -> str:
    return f"Heures calmes ({rules.describe_fr()}) : pas de SMS promotionnel maintenant."


def plan_send(
    request: SendRequest, credits: int | None, *, is_test: bool = False,
    quiet_hours: QuietHoursRules | None = None, now: datetime | None = None,
) -> SendDraft:
    """Build the plan from the cached clients (raises TemplateError for a broken template).

    A promotion during ``quiet_hours`` is held (``blocked_reason`` says until when); tests
    are not: they go to a few people, usually the staff.
    """
    held = "" if is_test else quiet_hours_reason(request.template, quiet_hours,
                                                 now or datetime.now())
    plan, overridden = build_ruled_plan(request, is_test=is_test)
    return SendDraft(request, plan, credits, is_test=is_test, held_reason=held,
                     caps_overridden=overridden)


def build_ruled_plan(request: SendRequest, *, is_test: bool = False
                     ) -> tuple[SendPlan, tuple[int, ...]]:
    """The domain's plan, then consent and frequency caps (when the request has rules):
    the clients kept despite the caps come back apart, to record the override."""
    plan = build_plan(request.plan_request())
    if request.consent_rules is None:
        return plan, ()
    rules = request.consent_rules(request.purpose, request.override_caps, is_test)
    ruled = apply_rules(plan, {c.id: c for c in request.clients}, rules)
    return ruled.plan, ruled.overridden


def replan_with_fresh_balances(
    draft: SendDraft, fresh_clients: Sequence[Client], credits: int | None
) -> SendDraft:
    """The reminder plan again, with the balances just pulled from Sobrus.

    ``fresh_clients`` are the cache's clients after the pull (any order, any subset). Clients
    deleted meanwhile drop out of the list; those whose balance went down to the threshold
    are listed apart in ``paid_since`` (not among the ordinary exclusions), with the amount
    they still owe.
    """
    request = draft.request
    fresh = {c.id: c for c in fresh_clients}
    clients = [fresh[c.id] for c in request.clients if c.id in fresh]
    new_request = dataclasses.replace(request, clients=clients)
    plan, overridden = build_ruled_plan(new_request, is_test=draft.is_test)
    owed_before = {c.id for c in request.clients if is_due(c.balance_due, request.min_balance)}
    paid: list[Exclusion] = []
    others: list[Exclusion] = []
    for exclusion in plan.exclusions:
        if exclusion.code in _BALANCE_RULES and exclusion.client.id in owed_before:
            due = exclusion.client.balance_due
            reason = (
                "A réglé son solde depuis la dernière synchronisation"
                if not is_due(due)
                else f"Solde ramené à {format_dh(due)} depuis la dernière synchronisation"
            )
            paid.append(dataclasses.replace(exclusion, reason_fr=reason))
        else:
            others.append(exclusion)
    plan = dataclasses.replace(plan, exclusions=tuple(others))
    return SendDraft(
        new_request, plan, credits, is_test=draft.is_test, paid_since=tuple(paid),
        balances_checked=True, held_reason=draft.held_reason, caps_overridden=overridden,
    )


# --- Tests on a few people ---------------------------------------------------------------


@dataclass(frozen=True)
class TestTarget:
    """One recipient of a test: a client of the list, or a number typed by hand."""

    __test__ = False  # not a pytest test class, whatever its name says

    client: Client | None = None
    phone: str | None = None

    def __post_init__(self) -> None:
        if (self.client is None) == (self.phone is None):
            raise ValueError("a test target is a client or a phone number")


def plan_test_send(
    request: SendRequest,
    sample: Client,
    targets: Sequence[TestTarget],
    credits: int | None,
) -> SendDraft:
    """The current message to 1–3 test recipients, through the same rules as the real send.

    A typed number receives the message exactly as ``sample`` (the client previewed) will:
    same name, same balance. Clients receive their own version.
    """
    if not 1 <= len(targets) <= MAX_TEST_RECIPIENTS:
        raise ValueError(f"a test goes to 1 to {MAX_TEST_RECIPIENTS} recipients")
    clients: list[Client] = []
    for n, target in enumerate(targets, start=1):
        if target.client is not None:
            clients.append(target.client)
        else:
            # A negative id: not a client of Sobrus, so the outbox sends it without one.
            clients.append(dataclasses.replace(sample, id=-n, phone=target.phone,
                                               sms_opt_out=False))
    test_request = dataclasses.replace(
        request, clients=clients, ticked_ids=frozenset(), min_balance=Decimal("0")
    )
    return SendDraft(test_request, build_ruled_plan(test_request, is_test=True)[0], credits,
                     is_test=True)



# --- Into the outbox ---------------------------------------------------------------------

_OBJECTIVE_LABELS = {
    Objective.BALANCE_REMINDER: "Rappel de solde client",
    Objective.CUSTOM_TEMPLATE: "Modèle personnalisé",
}


def campaign_label(draft: SendDraft) -> str:
    """« Modèle personnalisé — Promotion crèmes solaires », « Test — … » for a test."""
    label = f"{_OBJECTIVE_LABELS[draft.request.objective]} — {draft.request.template.name}"
    if draft.caps_overridden:  # the override is recorded with the campaign
        n = len(draft.caps_overridden)
        label += f" (limite de fréquence levée pour {format_count(n)} client{'s' if n > 1 else ''})"
    return f"Test — {label}" if draft.is_test else label


def enqueue_draft(db: Database, draft: SendDraft) -> str:
    """Write the confirmed draft as one campaign (one transaction); returns its id.

    Raises ValueError for an empty plan and a ``StoreError`` when it cannot be written,
    in which case nothing at all was written.
    """
    return OutboxService(db).enqueue(
        draft.plan,
        template=draft.request.template,
        objective=draft.request.objective,
        label=campaign_label(draft),
        is_test=draft.is_test,
    )


# --- What goes through Sobrus (run in a worker thread) ---------------------------------

ApiFactory = Callable[[], SyncApi]


@contextmanager
def closing_api(api: SyncApi) -> Iterator[SyncApi]:
    """The client, closed afterwards when it can be (test doubles may not)."""
    try:
        yield api
    finally:
        close = getattr(api, "close", None)
        if callable(close):
            close()


def refresh_reminder(db: Database, make_api: ApiFactory, draft: SendDraft) -> SendDraft:
    """Pull the clients and the SMS balance from Sobrus, then plan the reminder again.

    Backend errors (offline, logged out) propagate: the caller must not send a reminder on
    balances it could not check.
    """
    report = SyncReport()
    with closing_api(make_api()) as api:
        service = SyncService(api, db)
        service.pull_clients(report)
        service.pull_balance(report)
    fresh = db.clients.by_ids(c.id for c in draft.request.clients)
    credits = report.balance.credits if report.balance is not None else draft.credits
    return replan_with_fresh_balances(draft, fresh, credits)


# --- Dependencies of the dialog ----------------------------------------------------------

Enqueue = Callable[[SendDraft], str]


@dataclass
class SendContext:
    """Everything the grouped-send dialog needs, injected by the composition root.

    ``make_api`` builds a logged-in backend client (``SobrusApi``) for one worker thread,
    or is None when offline; ``credits`` is the SMS balance the window shows (None: read
    it from the cache). ``enqueue`` writes a confirmed draft to the outbox (default:
    :func:`enqueue_draft`) and returns the campaign id. ``quiet_hours`` (the preferences')
    hold promotions in the evening and on Sunday.
    """

    db: Database
    user: User | None
    pharmacy_name: str
    make_api: ApiFactory | None = None
    credits: int | None = None
    enqueue: Enqueue | None = None
    quiet_hours: QuietHoursRules | None = None  # from the preferences; None: never held
    consent_rules: ConsentRulesSource | None = None  # consent and caps (ConsentService)
    today: Callable[[], date] = field(default=date.today)
    now: Callable[[], datetime] = field(default=datetime.now)  # the pharmacy's local time

    @property
    def can_send(self) -> bool:
        return self.user is not None and self.user.can(Permission.SEND_SMS)

    @property
    def can_edit_templates(self) -> bool:
        return self.user is not None and self.user.can(Permission.MANAGE_TEMPLATES)

    def enqueue_draft(self, draft: SendDraft) -> str:
        if self.enqueue is not None:
            return self.enqueue(draft)
        return enqueue_draft(self.db, draft)


def describe_list(count: int, ticked: int) -> str:
    """The live count under the list: « 3 clients sélectionnés » or « … envoi à tous … »."""
    if ticked:
        plural = "s" if ticked > 1 else ""
        return f"{format_count(ticked)} client{plural} sélectionné{plural}"
    if count == 0:
        return "La liste ne contient aucun client"
    if count == 1:
        return "Aucun client sélectionné : envoi au seul client de la liste"
    return f"Aucun client sélectionné : envoi à tous les {format_count(count)} clients de la liste"
