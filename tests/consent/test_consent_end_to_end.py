"""Consent, stop replies and frequency caps end to end: real sandbox over HTTP, real caches.

No Qt: the campaign, consent and sync services as the GUI drives them (the GUI tests show
the same through the dialogs).
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.results import OutgoingMessage
from sobrus_comm.backend.sandbox.seed import PHARMACIST_PASSWORD, PHARMACIST_USERNAME
from sobrus_comm.backend.sandbox.server import RunningSandbox, run_in_thread
from sobrus_comm.domain.consent import ConsentChannel, ConsentState
from sobrus_comm.domain.frequency import FrequencyCaps, Purpose
from sobrus_comm.domain.models import Client, Objective, Template, TemplateCategory
from sobrus_comm.domain.money import is_due
from sobrus_comm.domain.phones import normalize_phone
from sobrus_comm.domain.recipients import ExclusionReason
from sobrus_comm.services.campaigns import CampaignService
from sobrus_comm.services.consent import ConsentService
from sobrus_comm.services.outbox import CampaignSender
from sobrus_comm.services.send_planning import SendRequest, plan_send
from sobrus_comm.services.sync import SyncService
from sobrus_comm.store.db import Database, open_database
from sobrus_comm.store.outbox import OutboxState

PROMO = Template(None, "Promo hiver", "Bonjour {prenom}, -20% sur les vitamines !",
                 TemplateCategory.PROMOTIONAL)
REMINDER = Template(None, "Rappel", "Bonjour {prenom}, il reste {solde} a regler. {pharmacie}")


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    path = tmp_path_factory.mktemp("sandbox") / "sandbox.sqlite3"
    running = run_in_thread(path, seed=5, clients=40, history=20, credits=100_000,
                            delivery_scale=0)
    try:
        yield running
    finally:
        running.stop()


@dataclass
class Workstation:
    db: Database
    make_api: Callable[[], SobrusApi]
    consent: ConsentService
    campaigns: CampaignService

    def sync(self):  # type: ignore[no-untyped-def]
        with self.make_api() as api:
            return SyncService(api, self.db).sync()

    def plan(self, template: Template, clients: list[Client], *,
             objective: Objective = Objective.CUSTOM_TEMPLATE, override: bool = False):  # type: ignore[no-untyped-def]
        request = SendRequest(objective, template, clients, frozenset(c.id for c in clients),
                              "Al Amal", date.today(),
                              consent_rules=self.consent.rules_source(FrequencyCaps),
                              override_caps=override)
        return plan_send(request, 100_000)

    def send(self, campaign_id: str) -> None:
        with self.make_api() as api:
            CampaignSender(self.db, api, campaign_id).run()


def _workstation(sandbox: RunningSandbox, path: Path) -> Workstation:
    login = SobrusApi(sandbox.base_url).login(PHARMACIST_USERNAME, PHARMACIST_PASSWORD)

    def make_api() -> SobrusApi:
        return SobrusApi(sandbox.base_url, token=login.token, timeout=(2.0, 5.0), retries=1,
                         backoff_factor=0.0)

    db = open_database(path)
    ws = Workstation(db, make_api, ConsentService(db), CampaignService(db))
    ws.sync()
    return ws


@pytest.fixture
def counter(sandbox: RunningSandbox, tmp_path: Path) -> Iterator[Workstation]:
    ws = _workstation(sandbox, tmp_path / "a" / "cache.sqlite3")
    yield ws
    ws.db.close()


@pytest.fixture
def back_office(sandbox: RunningSandbox, tmp_path: Path) -> Iterator[Workstation]:
    ws = _workstation(sandbox, tmp_path / "b" / "cache.sqlite3")
    yield ws
    ws.db.close()


def _reachable(db: Database) -> list[Client]:
    return [c for c in db.clients.list_all()
            if normalize_phone(c.phone).ok and not c.sms_opt_out]


def test_a_stop_reply_opts_out_and_a_queued_promotion_never_reaches_the_client(
        counter: Workstation, sandbox: RunningSandbox, tmp_path: Path) -> None:
    assert counter.db.account.get("reply_number")  # the mention's number came with the sync
    states = counter.consent.states()
    client = next(c for c in _reachable(counter.db)
                  if states.get(c.id) != ConsentState.REFUSED)
    counter.consent.record(client.id, ConsentState.GRANTED, "Dr Samira Alaoui",
                           ConsentChannel.COUNTER)
    counter.sync()  # pushes the consent

    first = counter.plan(PROMO, [client])
    assert [m.client_id for m in first.plan.messages] == [client.id]
    assert first.plan.messages[0].text.endswith("STOP au 3535")
    campaign = counter.campaigns.confirm(first)
    counter.send(campaign)
    [sent] = sandbox.control.sent(campaign_id=campaign)["items"]
    assert sent["content"].endswith("STOP au 3535")

    # A second promotion is confirmed and waits in the outbox (held, say, for quiet hours).
    second = counter.campaigns.confirm(counter.plan(PROMO, [client]))
    sandbox.control.reply(client.id, "Arrêt")
    report = counter.sync()
    assert client.id in report.opted_out and report.promotions_withdrawn == 1
    assert report.consents_pushed == 1  # the backend has the opt-out from this very sync
    assert not counter.db.consent.pending_push()
    assert counter.consent.states()[client.id] == ConsentState.REFUSED
    assert [r.state for r in counter.db.outbox.rows(second)] == [OutboxState.CANCELLED]
    counter.send(second)
    assert sandbox.control.sent(campaign_id=second)["items"] == []
    # The backend refuses it too (the last line of defence), whoever would post it.
    with counter.make_api() as api:
        result = api.send_batch([OutgoingMessage(str(uuid.uuid4()), sent["phone"],
                                                 "Promo", client_id=client.id)],
                                category="promotional")
    assert [(r.accepted, r.error_code) for r in result.results] == [(False, "opted_out")]

    # The reply is in the client's conversation; the next plan leaves them out, with why.
    assert [r.text for r in counter.consent.replies(client.id)][-1] == "Arrêt"
    third = counter.plan(PROMO, [client])
    assert third.plan.messages == ()
    assert third.plan.exclusions[0].reason_fr == "A refusé les promotions"
    # « START » never re-subscribes.
    sandbox.control.reply(client.id, "START")
    counter.sync()
    assert counter.consent.states()[client.id] == ConsentState.REFUSED

    # The register lists the evidence.
    path = tmp_path / "registre.csv"
    counter.consent.export_register(path)
    with path.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    mine = [r for r in rows[1:] if r[1] == str(client.id)]
    assert mine[0][3:7] == ["Refusé", "Réponse SMS", "", "Arrêt"]
    assert mine[1][3:6] == ["Accordé", "Au comptoir", "Dr Samira Alaoui"]


def test_a_promotion_goes_only_to_clients_who_agreed(counter: Workstation) -> None:
    states = counter.consent.states()
    clients = _reachable(counter.db)
    draft = counter.plan(PROMO, clients)
    assert {m.client_id for m in draft.plan.messages} == {
        c.id for c in clients if states.get(c.id) == ConsentState.GRANTED}
    codes = {e.code for e in draft.plan.exclusions}
    assert ExclusionReason.NO_CONSENT in codes


def test_a_reminder_from_one_workstation_caps_the_other(
        counter: Workstation, back_office: Workstation) -> None:
    reminded = {s.client_id for s in counter.consent.recent_sends(FrequencyCaps())
                if s.purpose == Purpose.BALANCE_REMINDER}
    debtor = next(c for c in _reachable(counter.db)
                  if is_due(c.balance_due) and c.id not in reminded)
    reminder = counter.plan(REMINDER, [debtor], objective=Objective.BALANCE_REMINDER)
    assert [m.client_id for m in reminder.plan.messages] == [debtor.id]
    counter.send(counter.campaigns.confirm(reminder))

    # This workstation knows at once (its outbox); the other one after its next sync.
    again = counter.plan(REMINDER, [debtor], objective=Objective.BALANCE_REMINDER)
    assert again.plan.messages == ()
    back_office.sync()
    other = back_office.plan(REMINDER, [debtor], objective=Objective.BALANCE_REMINDER)
    assert other.plan.messages == ()
    [excluded] = other.plan.exclusions
    assert excluded.code == ExclusionReason.FREQUENCY_CAP
    assert excluded.reason_fr.startswith("Déjà relancé le ")
    # An explicit override sends it all the same, and is recorded with the campaign.
    forced = back_office.plan(REMINDER, [debtor], objective=Objective.BALANCE_REMINDER,
                              override=True)
    assert forced.caps_overridden == (debtor.id,)
    campaign = back_office.campaigns.confirm(forced)
    assert "limite de fréquence levée" in back_office.campaigns.labels()[campaign]


def test_the_sandbox_simulates_answers_to_promotions(
        counter: Workstation, sandbox: RunningSandbox) -> None:
    states = counter.consent.states()
    client = next(c for c in _reachable(counter.db) if states.get(c.id) == ConsentState.GRANTED)
    sandbox.configure(reply_rate=1.0)  # every client answers
    try:
        campaign = counter.campaigns.confirm(counter.plan(PROMO, [client]))
        counter.send(campaign)
        before = len(counter.consent.replies(client.id))
        report = counter.sync()
    finally:
        sandbox.reset_knobs(delivery_scale=0)
    assert report.replies_new >= 1
    assert len(counter.consent.replies(client.id)) == before + 1
