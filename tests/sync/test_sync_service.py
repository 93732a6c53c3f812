"""The sync service against the sandbox: full, incremental, tombstones, template conflicts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.errors import Unavailable
from sobrus_comm.domain.models import MessageStatus, TemplateCategory
from sobrus_comm.services.outbox import CampaignSender
from sobrus_comm.services.sync import (
    CLIENTS,
    COMMUNICATIONS,
    CONSENTS,
    LEDGER,
    REPLIES,
    TEMPLATES,
    SyncService,
)
from sobrus_comm.store import open_database
from tests.sync.conftest import SANDBOX_CLIENTS, SANDBOX_HISTORY, logged_in_api
from tests.sync.helpers import campaign


def test_first_sync_is_full_then_nothing_new(api, db) -> None:
    service = SyncService(api, db)
    first = service.sync()
    assert sorted(first.full) == sorted([CLIENTS, TEMPLATES, COMMUNICATIONS, LEDGER, CONSENTS,
                                         REPLIES])
    assert first.history_reset
    assert db.clients.count() == SANDBOX_CLIENTS - SANDBOX_CLIENTS // 100  # tombstones
    assert db.communications.count() == SANDBOX_HISTORY
    assert len(db.templates.list_all()) == sum(len(p.items) for p in api.iter_templates())
    assert db.balance.get().credits == api.balance().credits

    second = service.sync()
    assert second.full == [] and not second.changed_anything


def test_incremental_pull_applies_changes_and_tombstones(sandbox, api, db) -> None:
    service = SyncService(api, db)
    service.sync()
    first, second = db.clients.list_all()[:2]
    sandbox.control.update_client(first.id, first_name="Nouveau")
    sandbox.control.delete_client(second.id)

    report = service.sync()
    assert report.full == [] and report.clients_changed == 2
    assert db.clients.get(first.id).first_name == "Nouveau"
    assert db.clients.get(second.id) is None


def test_status_changes_arrive_as_changed_history_ids(api, db) -> None:
    service = SyncService(api, db)
    service.sync()
    campaign_id = campaign(db, 3)
    CampaignSender(db, api, campaign_id).run()
    sent_ids = {r.communication_id for r in db.outbox.rows(campaign_id)}
    queued = db.communications.rows_by_ids(sent_ids)
    assert {r.status for r in queued} == {MessageStatus.QUEUED}

    report = service.sync()  # the sandbox delivers at once (delivery_scale=0)
    assert set(report.history.changed_ids) == sent_ids and report.history.new_ids == []
    rows = db.communications.rows_by_ids(sent_ids)
    assert {r.status for r in rows} == {MessageStatus.DELIVERED}


def test_template_edit_conflict_keeps_both_versions_until_the_user_chooses(
    sandbox, api, db
) -> None:
    service = SyncService(api, db)
    service.sync()
    template = db.templates.list_all()[0]
    db.templates.edit_local(template.id, name=template.name, body="Ma version",
                            category=template.category)
    colleague = logged_in_api(sandbox.base_url)
    theirs = colleague.update_template(
        replace(template, body="Version du collègue"))  # saved first, from another desk

    report = service.sync()
    [conflict] = report.template_conflicts
    assert (conflict.local.body, conflict.remote.body) == ("Ma version", theirs.body)
    assert api.template(template.id).body == "Version du collègue"  # nothing overwritten
    assert db.templates.get(template.id).body == "Ma version"

    db.templates.resolve_keep_local(template.id)
    service.sync()
    assert api.template(template.id).body == "Ma version"
    assert db.templates.conflicts() == [] and db.templates.states() == {}
    colleague.close()


def test_a_template_created_offline_is_pushed_and_gets_its_server_id(api, db) -> None:
    service = SyncService(api, db)
    service.sync()
    local = db.templates.create_local("Promo été", "‑20 % sur les solaires",
                                      TemplateCategory.PROMOTIONAL)
    report = service.sync()
    assert report.templates_pushed == 1
    [pushed] = [t for t in db.templates.list_all() if t.name == "Promo été"]
    assert pushed.id > 0 and pushed.id != local.id
    assert api.template(pushed.id).body == local.body


def test_offline_start_opens_the_cache_and_reports_unavailable(sandbox, api, db) -> None:
    SyncService(api, db).sync()
    path = db.path
    db.close()
    sandbox.stop()  # the network is gone

    reopened = open_database(path)
    try:
        assert reopened.communications.count() == SANDBOX_HISTORY  # the window has data
        no_retry = SobrusApi(sandbox.base_url, api.token, retries=0)
        with pytest.raises(Unavailable) as caught:
            SyncService(no_retry, reopened).sync()
        assert "injoignable" in caught.value.message_fr
    finally:
        reopened.close()
