"""Paramètres › Général: the frequency caps, kept and read back."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from sobrus_comm.domain.frequency import Cap, FrequencyCaps
from sobrus_comm.gui.settings.dialog import SettingsDialog
from sobrus_comm.services.preferences import (
    K_CAP_PROMOTION_MAX,
    K_CAP_REMINDER_DAYS,
    MemoryStore,
    PreferencesService,
)
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
