"""One unreadable record never blocks the others: a sandbox serves a client whose name
holds an unpaired surrogate (a broken emoji, ``\\ud800`` in the JSON), end to end."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QThread

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.services.sync import CLIENTS, SyncService
from sobrus_comm.workers.sync_worker import SyncWorker
from sobrus_comm.workers.threads import start_in_thread, stop_thread
from tests.sync.conftest import SANDBOX_CLIENTS, TEST_TIMEOUT
from tests.sync.qt_probe import Probe, is_event

LIVE_CLIENTS = SANDBOX_CLIENTS - SANDBOX_CLIENTS // 100  # the seed tombstones 1 %


def test_a_client_with_a_broken_name_is_skipped_counted_and_said(sandbox, api, db,
                                                                 caplog) -> None:
    victim = api.clients(limit=5).items[3]
    sandbox.configure(unreadable_client_ids=[victim.id])
    caplog.set_level(logging.DEBUG)

    report = SyncService(api, db).sync()  # before: every sync failed on this record

    assert report.skipped == {CLIENTS: 1}
    assert report.notice_fr() == "1 fiche client illisible ignorée"
    assert db.clients.count() == LIVE_CLIENTS - 1 and db.clients.get(victim.id) is None
    assert db.communications.count() > 0 and db.balance.get() is not None  # the rest came
    logged = caplog.text
    assert f"id {victim.id}" in logged  # logged, masked: no name, no number
    assert victim.last_name not in logged and victim.first_name not in logged
    assert victim.phone is None or victim.phone[-6:] not in logged

    again = SyncService(api, db).sync()  # and the next syncs go on
    assert again.notice_fr() == ""


def test_a_known_client_that_turns_unreadable_keeps_its_last_good_copy(sandbox, api,
                                                                       db) -> None:
    service = SyncService(api, db)
    service.sync()
    victim = db.clients.list_all()[0]
    sandbox.configure(unreadable_client_ids=[victim.id])
    report = service.full_sync()  # a full pull removes what it did not see: not this one
    assert report.skipped == {CLIENTS: 1}
    assert db.clients.get(victim.id) == victim
    assert db.clients.count() == LIVE_CLIENTS


def test_plural_notice() -> None:
    from sobrus_comm.services.sync import COMMUNICATIONS, SyncReport

    report = SyncReport(skipped={CLIENTS: 2, COMMUNICATIONS: 1})
    assert report.notice_fr() == (
        "2 fiches client illisibles ignorées · 1 message de l'historique illisible ignoré")


@pytest.fixture
def threads():
    started: list[QThread] = []
    yield started
    for thread in started:
        thread.worker.stop()
        assert stop_thread(thread)


def test_the_sync_worker_says_it_in_french(qtbot, sandbox, api, db, threads) -> None:
    victim = api.clients(limit=1).items[0]
    sandbox.configure(unreadable_client_ids=[victim.id])
    token, url = api.token, sandbox.base_url

    def make() -> SobrusApi:
        return SobrusApi(url, token, timeout=TEST_TIMEOUT, retries=0)

    worker = SyncWorker(db, make)
    probe = Probe(worker)
    online = is_event("sig_state_changed", lambda state, _detail, _since: state == "online")
    with qtbot.waitSignal(probe.sig_event, timeout=20_000, check_params_cb=online):
        threads.append(start_in_thread(worker, worker.run, stopped=worker.sig_stopped))
    _state, detail, _since = probe.last("sig_state_changed")
    assert detail == "1 fiche client illisible ignorée"
