"""The grouped-send use case without Qt: lists per objective, plans, refresh, tests, outbox."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal

import pytest

from sobrus_comm.domain.models import Client, Objective
from sobrus_comm.domain.quiet_hours import QuietHoursRules
from sobrus_comm.domain.recipients import ExclusionReason
from sobrus_comm.services.send_planning import (
    SendRequest,
    TestTarget,
    clients_for,
    describe_list,
    enqueue_draft,
    load_send_data,
    plan_send,
    plan_test_send,
    replan_with_fresh_balances,
    templates_for,
)
from sobrus_comm.services.templates import TemplateRejected, save_template
from sobrus_comm.store.db import Database
from sobrus_comm.store.outbox import OutboxState
from tests.grouped_send.data import ORDER, PHARMACY, PROMO, REMINDER, TEMPLATES, TODAY


def _request(db: Database, objective: Objective = Objective.CUSTOM_TEMPLATE,
             template=PROMO, ticked: frozenset[int] = frozenset(),
             min_balance: Decimal = Decimal("0")) -> SendRequest:
    clients = clients_for(objective, load_send_data(db).clients, min_balance)
    return SendRequest(objective, template, clients, ticked, PHARMACY, TODAY, min_balance)


def test_each_objective_lists_its_templates_and_clients(db: Database) -> None:
    data = load_send_data(db)
    assert data.credits == 2500 and len(data.clients) == 60
    assert templates_for(Objective.BALANCE_REMINDER, data.templates) == [REMINDER]
    assert {t.name for t in templates_for(Objective.CUSTOM_TEMPLATE, data.templates)} == {
        t.name for t in TEMPLATES}
    owing = clients_for(Objective.BALANCE_REMINDER, data.clients)
    assert owing and all(c.balance_due > 0 for c in owing)
    above = clients_for(Objective.BALANCE_REMINDER, data.clients, Decimal("100"))
    assert {c.id for c in above} == {c.id for c in owing if c.balance_due > 100}


def test_the_reminder_list_leaves_out_balances_that_read_zero() -> None:
    # 0.004 DH reads « 0,00 DH »: the list must not offer a reminder the plan then refuses.
    clients = [Client(i, "A", "B", "0612345678", Decimal(b))
               for i, b in enumerate(["0.004", "0.005", "100.004", "100.005"])]
    assert [c.id for c in clients_for(Objective.BALANCE_REMINDER, clients)] == [1, 2, 3]
    above = clients_for(Objective.BALANCE_REMINDER, clients, Decimal("100"))
    assert [c.id for c in above] == [3]


def test_counts_in_words() -> None:
    assert describe_list(60, 0) == (
        "Aucun client sélectionné : envoi à tous les 60 clients de la liste")
    assert describe_list(12_345, 0).endswith("tous les 12\u202f345 clients de la liste")
    assert describe_list(60, 1) == "1 client sélectionné"
    assert describe_list(60, 3) == "3 clients sélectionnés"
    assert describe_list(1, 0) == "Aucun client sélectionné : envoi au seul client de la liste"


def test_nobody_ticked_plans_the_whole_list_with_reasons(db: Database) -> None:
    draft = plan_send(_request(db), credits=2500)
    plan = draft.plan
    assert plan.all_clients and plan.candidate_count == 60
    reasons = {e.client.id: e.code for e in plan.exclusions}
    assert reasons[4] == ExclusionReason.MISSING_PHONE  # Omar Tazi
    assert reasons[5] == ExclusionReason.INVALID_PHONE  # « 06 12 34 5 »
    assert reasons[6] == ExclusionReason.NOT_MOBILE  # a fixed line
    assert reasons[7] == ExclusionReason.OPTED_OUT  # a promotion
    assert ExclusionReason.DUPLICATE_PHONE in {reasons.get(2), reasons.get(3)}
    assert draft.blocked_reason == ""
    assert plan.recipient_count + len(plan.exclusions) == 60


def test_short_credits_and_unknown_balance_block(db: Database) -> None:
    request = _request(db, ticked=frozenset({1, 8}))
    assert "insuffisant" in plan_send(request, credits=1).blocked_reason
    assert "inconnu" in plan_send(request, credits=None).blocked_reason
    # « À bientôt » forces Unicode: the promotion takes two SMS per client.
    assert plan_send(request, credits=4).blocked_reason == ""


def test_refresh_lists_clients_who_paid_since(db: Database) -> None:
    request = _request(db, Objective.BALANCE_REMINDER, REMINDER, frozenset({1, 3, 8}))
    draft = plan_send(request, credits=2500)
    assert {m.client_id for m in draft.plan.messages} == {1, 3, 8}
    fresh = {c.id: c for c in load_send_data(db).clients}
    fresh[1] = dataclasses.replace(fresh[1], balance_due=Decimal("0"))  # paid everything
    fresh[3] = dataclasses.replace(fresh[3], balance_due=Decimal("12.00"))  # paid a part
    refreshed = replan_with_fresh_balances(draft, list(fresh.values()), credits=2400)
    assert {m.client_id for m in refreshed.plan.messages} == {3, 8}
    assert "12,00 DH" in next(m.text for m in refreshed.plan.messages if m.client_id == 3)
    assert [e.client.id for e in refreshed.paid_since] == [1]
    assert "A réglé son solde" in refreshed.paid_since[0].reason_fr
    assert refreshed.balances_checked and refreshed.credits == 2400
    assert not refreshed.plan.all_clients  # ticked stays ticked, never « everybody »


def test_a_test_goes_to_typed_numbers_with_the_sample_text(db: Database) -> None:
    request = _request(db, template=ORDER)
    sample = next(c for c in load_send_data(db).clients if c.id == 1)
    other = next(c for c in load_send_data(db).clients if c.id == 8)
    draft = plan_test_send(request, sample, [TestTarget(phone="0661000001"),
                                             TestTarget(client=other)], credits=10)
    texts = {m.phone_e164: m.text for m in draft.plan.messages}
    assert texts["+212661000001"].startswith("Bonjour Fatima Zahra,")
    assert texts["+212771234567"].startswith("Bonjour Nadia,")
    assert draft.is_test
    with pytest.raises(ValueError):
        plan_test_send(request, sample, [TestTarget(phone="0661000001")] * 4, credits=10)

    campaign = enqueue_draft(db, draft)
    rows = db.outbox.rows(campaign)
    assert {r.client_id for r in rows} == {None, 8}  # a typed number is nobody's
    progress = db.outbox.progress(campaign)
    assert progress is not None and progress.is_test and progress.label.startswith("Test — ")


def test_enqueue_writes_one_campaign_row_per_message(db: Database) -> None:
    draft = plan_send(_request(db, template=ORDER), credits=2500)
    campaign = enqueue_draft(db, draft)
    rows = db.outbox.rows(campaign)
    assert len(rows) == draft.plan.recipient_count
    assert all(r.state == OutboxState.PENDING for r in rows)
    assert len({r.client_message_id for r in rows}) == len(rows)


def test_save_template_offline_keeps_the_edit_and_validates(db: Database) -> None:
    result = save_template(db, None, PROMO, "Bonjour {prenom}, -30% cette semaine !", PHARMACY)
    assert not result.pushed and "prochaine synchronisation" in result.message_fr
    assert db.templates.get(PROMO.id).body == "Bonjour {prenom}, -30% cette semaine !"
    with pytest.raises(TemplateRejected, match="vide"):
        save_template(db, None, PROMO, "   ", PHARMACY)
    with pytest.raises(TemplateRejected, match="Champ inconnu"):
        save_template(db, None, PROMO, "Bonjour {prénom}", PHARMACY)
    with pytest.raises(TemplateRejected, match="trop long"):
        save_template(db, None, PROMO, "Promo " * 200, PHARMACY)


def test_promotions_wait_for_the_end_of_quiet_hours(db: Database) -> None:
    rules = QuietHoursRules()  # 20:00–09:00 and Sundays
    sunday_noon = datetime(2026, 11, 29, 12, 0)
    promo = _request(db, ticked=frozenset({1}))
    held = plan_send(promo, 100, quiet_hours=rules, now=sunday_noon).blocked_reason
    assert held.startswith("Heures calmes (de 20:00 à 09:00 et le dimanche)")
    assert "Envoi possible demain à 09:00" in held
    monday = datetime(2026, 11, 30, 10, 0)
    assert plan_send(promo, 100, quiet_hours=rules, now=monday).blocked_reason == ""
    assert plan_send(promo, 100, quiet_hours=rules, now=sunday_noon,
                     is_test=True).blocked_reason == ""  # a test to a few people goes
    service = _request(db, template=ORDER, ticked=frozenset({1}))
    assert plan_send(service, 100, quiet_hours=rules, now=sunday_noon).blocked_reason == ""
