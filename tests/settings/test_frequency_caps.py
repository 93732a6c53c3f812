"""Paramètres: the frequency caps (Général), kept and read back; the opt-out mention in the
template preview (Modèles) when the template is a promotion."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from sobrus_comm.domain.frequency import Cap, FrequencyCaps
from sobrus_comm.domain.models import TemplateCategory
from sobrus_comm.gui.settings.dialog import SettingsDialog
from sobrus_comm.services.preferences import (
    K_CAP_PROMOTION_MAX,
    K_CAP_REMINDER_DAYS,
    MemoryStore,
    PreferencesService,
)
from sobrus_comm.store.consent import REPLY_NUMBER
from sobrus_comm.store.db import Database
from tests.settings.test_settings_dialog import make_dialog, store  # noqa: F401  (fixtures)


def test_caps_have_defaults_and_are_kept(
        make_dialog: Callable[..., SettingsDialog], store: MemoryStore,  # noqa: F811
        qtbot: QtBot) -> None:
    dialog = make_dialog()
    ui = dialog.ui
    dialog.show_section("general")
    assert (ui.reminderCapSpin.value(), ui.reminderDaysSpin.value()) == (1, 7)
    assert (ui.promotionCapSpin.value(), ui.promotionDaysSpin.value()) == (4, 30)
    with qtbot.waitSignal(dialog.sig_preferences_changed) as changed:
        ui.reminderDaysSpin.setValue(14)
    assert changed.args[0].frequency_caps.reminder == Cap(1, 14)
    ui.promotionCapSpin.setValue(0)
    assert ui.promotionCapSpin.text() == "sans limite"
    assert store.values[K_CAP_REMINDER_DAYS] == "14"
    assert store.values[K_CAP_PROMOTION_MAX] == "0"
    assert PreferencesService(store).load().frequency_caps == FrequencyCaps(
        Cap(1, 14), Cap(0, 30))


def test_a_hand_edited_value_falls_back_to_the_default() -> None:
    prefs = PreferencesService(MemoryStore({K_CAP_REMINDER_DAYS: "beaucoup"})).load()
    assert prefs.frequency_caps.reminder == Cap(1, 7)


def test_template_preview_shows_the_mention_for_a_promotion(
        make_dialog: Callable[..., SettingsDialog], db: Database) -> None:  # noqa: F811
    db.account.set(REPLY_NUMBER, "3535")
    dialog = make_dialog()
    ui = dialog.ui
    dialog.show_section("templates")
    ui.templateBodyEditor.set_body("Bonjour {prenom}, -20% cette semaine.")
    combo = ui.templateCategoryCombo
    combo.setCurrentIndex(combo.findData(str(TemplateCategory.PROMOTIONAL)))
    assert ui.templateMessagePreview.preview_text().endswith("\nSTOP au 3535")
    combo.setCurrentIndex(combo.findData(str(TemplateCategory.TRANSACTIONAL)))
    assert "STOP" not in ui.templateMessagePreview.preview_text()
