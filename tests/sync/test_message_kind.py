"""What each SMS was sent as travels with it: sent from one workstation (data dir), the
history of another shows it, can filter on it and sort by it."""

from __future__ import annotations

from pathlib import Path

from sobrus_comm.backend.sandbox.server import RunningSandbox
from sobrus_comm.domain.history_view import COL_KIND, Filters, HistoryIndex
from sobrus_comm.domain.models import MessageKind
from sobrus_comm.services.outbox import CampaignSender
from sobrus_comm.services.sync import SyncService
from sobrus_comm.store import open_database
from tests.sync.conftest import logged_in_api
from tests.sync.helpers import messages, outbox_ids

SENDS = (  # (objective, is_test) as the outbox writes them → the kind every desk must see
    ("balance_reminder", False, MessageKind.BALANCE_REMINDER),
    ("custom_template", False, MessageKind.CUSTOM_TEMPLATE),
    ("custom_template", True, MessageKind.TEST),
    ("resend", False, MessageKind.RESEND),
)


def test_a_send_from_one_desk_shows_its_kind_on_another(
        sandbox: RunningSandbox, tmp_path: Path) -> None:
    sender_db = open_database(tmp_path / "desk-a" / "cache.sqlite3")
    other_db = open_database(tmp_path / "desk-b" / "cache.sqlite3")
    api = logged_in_api(sandbox.base_url)
    try:
        expected: dict[str, MessageKind] = {}
        for n, (objective, is_test, kind) in enumerate(SENDS):
            campaign_id = sender_db.outbox.create_campaign(
                messages(2, text=f"Envoi {n}"), label=objective, objective=objective,
                is_test=is_test)
            CampaignSender(sender_db, api, campaign_id).run()
            expected.update(dict.fromkeys(outbox_ids(sender_db, campaign_id), kind))

        SyncService(api, other_db).sync()  # the other desk knows none of these campaigns
        rows = [r for r in other_db.communications.load_history_rows()
                if r.client_message_id in expected]
        assert {r.client_message_id: r.kind for r in rows} == {
            cmid: str(kind) for cmid, kind in expected.items()}
        assert other_db.outbox.unfinished() == []

        index = HistoryIndex(rows)
        index.set_filters(Filters(kinds=frozenset({"test"})))
        assert {index.rows[i].client_message_id for i in index.visible} == {
            cmid for cmid, kind in expected.items() if kind == MessageKind.TEST}
        index.set_filters(Filters())
        index.set_sort(COL_KIND, descending=False)
        shown = [index.rows[i].kind for i in index.visible]
        assert shown == sorted(shown, key=list(MessageKind).index)
    finally:
        api.close()
        sender_db.close()
        other_db.close()


def test_the_seeded_history_carries_every_kind(sandbox: RunningSandbox) -> None:
    api = logged_in_api(sandbox.base_url)
    try:
        kinds = {c.kind for page in api.iter_communications(limit=500) for c in page.items}
    finally:
        api.close()
    assert {"balance_reminder", "custom_template", "test"} <= kinds
    assert kinds <= {str(k) for k in MessageKind}
