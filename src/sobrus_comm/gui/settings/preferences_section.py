"""« Général » (pharmacy name, sync interval, quiet hours) and the low-balance threshold.

Each change is kept at once (no « Appliquer » to forget); a value that cannot be kept is
explained in French and not stored.

Signals:
    sig_preferences_changed(object): the :class:`Preferences` just stored.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QObject, QTime, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QSpinBox, QWidget

from sobrus_comm.domain.frequency import Cap, FrequencyCaps
from sobrus_comm.domain.quiet_hours import QuietHoursRules
from sobrus_comm.gui.generated.ui_settings_dialog import Ui_SettingsDialog
from sobrus_comm.services.preferences import (
    LOW_BALANCE_RANGE,
    SYNC_INTERVAL_RANGE,
    Preferences,
    PreferencesError,
    PreferencesService,
)


def _qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


def _pytime(t: QTime) -> time:
    return time(t.hour(), t.minute())


class PreferencesSection(QObject):
    sig_preferences_changed = Signal(object)

    def __init__(self, ui: Ui_SettingsDialog, service: PreferencesService,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.ui, self.service = ui, service
        self.prefs = service.load()
        ui.syncIntervalSpin.setRange(*SYNC_INTERVAL_RANGE)
        ui.lowBalanceThresholdSpin.setRange(*LOW_BALANCE_RANGE)
        self._fill(self.prefs)
        ui.pharmacyNameEdit.editingFinished.connect(self._on_changed)
        ui.syncIntervalSpin.valueChanged.connect(self._on_value_changed)
        ui.lowBalanceThresholdSpin.valueChanged.connect(self._on_value_changed)
        ui.quietHoursEnabledCheck.toggled.connect(self._on_toggled)
        ui.quietStartEdit.timeChanged.connect(self._on_time_changed)
        ui.quietEndEdit.timeChanged.connect(self._on_time_changed)
        for box in self._day_boxes():
            box.toggled.connect(self._on_toggled)
        for spin in self._cap_spins():
            spin.valueChanged.connect(self._on_value_changed)

    def _cap_spins(self) -> list[QSpinBox]:
        ui = self.ui
        return [ui.reminderCapSpin, ui.reminderDaysSpin, ui.promotionCapSpin,
                ui.promotionDaysSpin]

    def _day_boxes(self) -> list[QCheckBox]:
        ui = self.ui
        return [ui.quietDay0, ui.quietDay1, ui.quietDay2, ui.quietDay3, ui.quietDay4,
                ui.quietDay5, ui.quietDay6]

    def _fill(self, prefs: Preferences) -> None:
        ui = self.ui
        widgets = [ui.pharmacyNameEdit, ui.syncIntervalSpin, ui.lowBalanceThresholdSpin,
                   ui.quietHoursEnabledCheck, ui.quietStartEdit, ui.quietEndEdit,
                   *self._day_boxes(), *self._cap_spins()]
        for w in widgets:
            w.blockSignals(True)
        try:
            ui.pharmacyNameEdit.setText(prefs.pharmacy_name)
            ui.syncIntervalSpin.setValue(prefs.sync_interval_min)
            ui.lowBalanceThresholdSpin.setValue(prefs.low_balance_threshold)
            quiet = prefs.quiet_hours
            ui.quietHoursEnabledCheck.setChecked(quiet.enabled)
            ui.quietStartEdit.setTime(_qtime(quiet.start))
            ui.quietEndEdit.setTime(_qtime(quiet.end))
            for day, box in enumerate(self._day_boxes()):
                box.setChecked(day in quiet.quiet_weekdays)
            caps = prefs.frequency_caps
            for spin, value in zip(self._cap_spins(), (
                    caps.reminder.max_sends, caps.reminder.days, caps.promotion.max_sends,
                    caps.promotion.days), strict=True):
                spin.setValue(value)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self._update_quiet_widgets()

    def _read(self) -> Preferences:
        ui = self.ui
        return Preferences(
            pharmacy_name=ui.pharmacyNameEdit.text(),
            sync_interval_min=ui.syncIntervalSpin.value(),
            low_balance_threshold=ui.lowBalanceThresholdSpin.value(),
            quiet_hours=QuietHoursRules(
                enabled=ui.quietHoursEnabledCheck.isChecked(),
                start=_pytime(ui.quietStartEdit.time()),
                end=_pytime(ui.quietEndEdit.time()),
                quiet_weekdays=frozenset(
                    d for d, box in enumerate(self._day_boxes()) if box.isChecked()),
            ),
            frequency_caps=FrequencyCaps(
                reminder=Cap(ui.reminderCapSpin.value(), ui.reminderDaysSpin.value()),
                promotion=Cap(ui.promotionCapSpin.value(), ui.promotionDaysSpin.value()),
            ),
        )

    def _update_quiet_widgets(self) -> None:
        ui = self.ui
        on = ui.quietHoursEnabledCheck.isChecked()
        for w in (ui.quietStartEdit, ui.quietEndEdit, ui.quietStartLabel, ui.quietEndLabel,
                  ui.quietDaysLabel, *self._day_boxes()):
            w.setEnabled(on)
        rules = self._read().quiet_hours
        if on:
            ui.quietHoursHint.setText(
                f"Pas de promotion {rules.describe_fr()}. Une promotion lancée pendant ces "
                "heures propose d'attendre : elle est mise en file et part dès la fin de la "
                "période calme. Les messages transactionnels (rappels de solde, commandes "
                "disponibles) partent toujours.")
        else:
            ui.quietHoursHint.setText(
                "Les promotions partent à toute heure, y compris le soir et le dimanche.")

    # -- slots --------------------------------------------------------------------------------
    @Slot()
    def _on_changed(self) -> None:
        self._update_quiet_widgets()
        wanted = self._read()
        if wanted == self.prefs:
            return
        error = self.ui.generalErrorLabel
        try:
            kept = self.service.save(wanted)
        except PreferencesError as exc:
            error.setText(str(exc))
            error.setVisible(True)
            return
        error.setVisible(False)
        self.prefs = kept
        if kept.pharmacy_name != self.ui.pharmacyNameEdit.text():
            self.ui.pharmacyNameEdit.setText(kept.pharmacy_name)  # spaces tidied
        self.sig_preferences_changed.emit(kept)

    @Slot(int)
    def _on_value_changed(self, _value: int) -> None:
        self._on_changed()

    @Slot(bool)
    def _on_toggled(self, _checked: bool) -> None:
        self._on_changed()

    @Slot(QTime)
    def _on_time_changed(self, _t: QTime) -> None:
        self._on_changed()
