"""The grouped send with consent: recorded at the counter from the list, promotions only to
« accordé » with the opt-out mention, clients over a cap left out, and the override."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from sobrus_comm.domain.frequency import FrequencyCaps, PastSend, Purpose
from sobrus_comm.domain.phones import normalize_phone
from sobrus_comm.gui.grouped_send.client_model import COL_CONSENT
from sobrus_comm.gui.grouped_send.dialog import GroupedSendDialog
from sobrus_comm.services.consent import ConsentService
from sobrus_comm.services.send_planning import SendContext
from sobrus_comm.store.consent import REPLY_NUMBER
from sobrus_comm.store.db import Database
from tests.grouped_send.test_dialog import choose_template, confirm_dialog, open_dialog, shot


def _dialog(qtbot: QtBot, db: Database, context: SendContext) -> GroupedSendDialog:
    db.account.set(REPLY_NUMBER, "3535")
    context.consent_rules = ConsentService(db).rules_source(FrequencyCaps)
    dialog = open_dialog(qtbot, context)
    choose_template(dialog, "Promotion crèmes solaires")
    return dialog


def _record(qtbot: QtBot, dialog: GroupedSendDialog, client_id: int, grant: bool) -> None:
    assert dialog.select_client(client_id)
    button = dialog.ui.grantConsentButton if grant else dialog.ui.refuseConsentButton
    assert button.isEnabled()
    with qtbot.waitSignal(dialog.consent_control.sig_recorded):
        button.click()


def test_consent_recorded_from_the_list_and_promotion_only_to_granted(
        qtbot: QtBot, db: Database, context: SendContext) -> None:
    dialog = _dialog(qtbot, db, context)
    reachable = [c for c in dialog.model.clients()
                 if normalize_phone(c.phone).ok and not c.sms_opt_out]
    yes, no, unknown = reachable[:3]
    assert dialog.select_client(yes.id)
    assert "non recueilli" in dialog.ui.consentLabel.text()
    pane = dialog.ui.messagePreviewPane
    assert pane.preview_text().endswith("\nSTOP au 3535")  # the app's mention, counted too
    assert "Consentement non recueilli" in dialog.ui.recipientNote.text()
    counted = pane.ui.segmentCounter.text()
    assert str(len(pane.preview_text())) in counted.replace("\u202f", "")
    _record(qtbot, dialog, yes.id, grant=True)
    assert not dialog.ui.recipientNote.isVisible()
    _record(qtbot, dialog, no.id, grant=False)
    assert "refusé" in dialog.ui.consentLabel.text()
    row = dialog.model.row_of(yes.id)
    assert row is not None
    assert dialog.model.index(row, COL_CONSENT).data() == "Accordé"
    [record] = ConsentService(db).history(yes.id)
    assert record.staff == context.user.display_name  # type: ignore[union-attr]
    assert record.channel == "counter"

    dialog.model.set_checked_ids([yes.id, no.id, unknown.id])
    dialog.ui.sendButton.click()
    confirmation = confirm_dialog(qtbot, dialog)
    draft = confirmation.draft
    assert [m.client_id for m in draft.plan.messages] == [yes.id]
    assert draft.plan.messages[0].text.endswith("\nSTOP au 3535")
    title = confirmation.ui.exclusionsTitle.text()
    assert "2 clients exclus" in title
    assert "consentement non recueilli" in title and "a refusé les promotions" in title
    assert "STOP au 3535" in confirmation.ui.templateSummaryLabel.text()
    warning = confirmation.ui.warningsLabel.text()  # counts the messages that go, not 3
    assert "1 message contient" in warning or not warning
    shot(confirmation, "consent-01-confirmation-exclus")
    confirmation.reject()


def test_a_client_over_the_cap_is_left_out_and_the_override_is_explicit(
        qtbot: QtBot, db: Database, context: SendContext) -> None:
    dialog = _dialog(qtbot, db, context)
    client = next(c for c in dialog.model.clients()
                  if normalize_phone(c.phone).ok and not c.sms_opt_out)
    _record(qtbot, dialog, client.id, grant=True)
    now = datetime.now(UTC)
    db.sent_purposes.record([(f"m{d}", PastSend(client.id, Purpose.PROMOTION,
                                                now - timedelta(days=d))) for d in (1, 3, 5, 9)])
    dialog.model.set_checked_ids([client.id])
    dialog.ui.sendButton.click()
    confirmation = confirm_dialog(qtbot, dialog)
    assert confirmation.draft.plan.messages == ()
    [excluded] = confirmation.draft.plan.exclusions
    assert excluded.reason_fr.startswith("Limite de promotions atteinte (dernière le ")
    button = confirmation.ui.overrideCapsButton
    assert button.isVisible() and "au client au-delà de la limite" in button.text()
    shot(confirmation, "consent-02-limite-de-frequence")
    button.click()
    qtbot.waitUntil(lambda: dialog.confirmation is not None
                    and dialog.confirmation is not confirmation
                    and dialog.confirmation.isVisible())
    forced = dialog.confirmation
    assert forced is not None
    assert [m.client_id for m in forced.draft.plan.messages] == [client.id]
    assert forced.draft.caps_overridden == (client.id,)
    assert "Limite de fréquence levée pour 1 client" in forced.ui.warningsLabel.text()
    assert not forced.ui.overrideCapsButton.isVisible()
    forced.reject()
    assert not dialog.request().override_caps  # type: ignore[union-attr]  # that send only
