"""« Programmer l'envoi »: once, every week or every month, at a time, with an optional end.

The rule is the domain's :class:`~sobrus_comm.domain.recurrence.Recurrence`; the dialog
only collects it and shows its French summary (« le 31 » says it falls on the last day of
shorter months). The result is read with :meth:`schedule` after ``accepted``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

from PySide6.QtCore import QDate, QTime, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from sobrus_comm.domain.recurrence import WEEKDAYS_FR, Frequency, Recurrence, RecurrenceError
from sobrus_comm.domain.schedules import Schedule, ScheduleDraft
from sobrus_comm.gui.generated.ui_schedule_editor_dialog import Ui_ScheduleEditorDialog
from sobrus_comm.gui.screen_fit import fit_to_screen

FREQUENCIES = ((Frequency.ONCE, "Une seule fois"), (Frequency.WEEKLY, "Chaque semaine"),
               (Frequency.MONTHLY, "Chaque mois"))
END_NEVER, END_UNTIL, END_COUNT = "never", "until", "count"
ENDS = ((END_NEVER, "Sans fin"), (END_UNTIL, "Jusqu'au"), (END_COUNT, "Nombre d'envois"))
OBJECTIVE_FR = {"balance_reminder": "Rappel de solde client",
                "custom_template": "Modèle personnalisé"}


class ScheduleEditorDialog(QDialog):
    """New (from a :class:`ScheduleDraft`) or edit (an existing :class:`Schedule`)."""

    def __init__(self, *, draft: ScheduleDraft | None = None, existing: Schedule | None = None,
                 uid: str = "", now: datetime | None = None, template_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if (draft is None) == (existing is None):
            raise ValueError("a draft or an existing schedule")
        self.ui = Ui_ScheduleEditorDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)
        self._draft = draft
        self._existing = existing
        self._uid = existing.uid if existing is not None else uid
        ui = self.ui
        for value, text in FREQUENCIES:
            ui.frequencyCombo.addItem(text, str(value))
        for n, name in enumerate(WEEKDAYS_FR):
            ui.weekdayCombo.addItem(name.capitalize(), n)
        for end, text in ENDS:
            ui.endCombo.addItem(text, end)
        ok = ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Programmer" if existing is None else "Enregistrer")
        self._now = now or datetime.now()  # the pharmacy's wall clock (Morocco)
        start = self._now.date() + timedelta(days=1)  # tomorrow: today's 09:00 is past
        if existing is not None:
            self.setWindowTitle("Modifier l'envoi programmé")
            self._load(existing)
            what = OBJECTIVE_FR.get(str(existing.objective), "")
            recipients = existing.recipients.describe_fr(len(existing.client_ids))
        else:
            assert draft is not None
            ui.scheduleNameEdit.setText(
                "Rappel de solde mensuel" if str(draft.objective) == "balance_reminder"
                else draft.template_name)
            ui.startDateEdit.setDate(QDate(start.year, start.month, start.day))
            ui.untilDateEdit.setDate(QDate(start.year, start.month, start.day).addMonths(6))
            ui.dayOfMonthSpin.setValue(start.day)
            ui.weekdayCombo.setCurrentIndex(start.weekday())
            ui.atTimeEdit.setTime(QTime(9, 0))
            ui.frequencyCombo.setCurrentIndex(2 if str(draft.objective) == "balance_reminder"
                                              else 0)
            what = OBJECTIVE_FR.get(str(draft.objective), "")
            template_name = draft.template_name
            recipients = draft.recipients.describe_fr(len(draft.client_ids))
        ui.scheduleWhatLabel.setText(f"<b>{what}</b> — modèle « {template_name} »")
        ui.recipientsLabel.setText(
            recipients + (" (ceux qui doivent encore au moment de l'envoi)"
                          if "solde dû" in recipients else
                          " (tels qu'au moment de l'envoi)" if "Tous" in recipients else
                          " (cochés dans la liste)"))
        for signal in (ui.frequencyCombo.currentIndexChanged, ui.endCombo.currentIndexChanged,
                       ui.dayOfMonthSpin.valueChanged, ui.weekdayCombo.currentIndexChanged):
            signal.connect(self._update)
        for edit_signal in (ui.startDateEdit.dateChanged, ui.untilDateEdit.dateChanged,
                            ui.atTimeEdit.timeChanged, ui.countSpin.valueChanged,
                            ui.scheduleNameEdit.textChanged):
            edit_signal.connect(self._update)
        ui.buttonBox.accepted.connect(self._on_ok)
        ui.buttonBox.rejected.connect(self.reject)
        self._update()

    def _load(self, s: Schedule) -> None:
        ui, r = self.ui, s.rule
        ui.scheduleNameEdit.setText(s.name)
        ui.frequencyCombo.setCurrentIndex([f for f, _ in FREQUENCIES].index(r.frequency))
        ui.startDateEdit.setDate(QDate(r.start.year, r.start.month, r.start.day))
        ui.atTimeEdit.setTime(QTime(r.at.hour, r.at.minute))
        ui.weekdayCombo.setCurrentIndex(r.weekday or 0)
        ui.dayOfMonthSpin.setValue(r.day_of_month or r.start.day)
        until = r.until or r.start
        ui.untilDateEdit.setDate(QDate(until.year, until.month, until.day))
        ui.countSpin.setValue(r.count or 1)
        ui.endCombo.setCurrentIndex(2 if r.count else 1 if r.until else 0)

    def recurrence(self) -> Recurrence:
        """The rule as the fields say; raises RecurrenceError (French) when it cannot be."""
        ui = self.ui
        frequency = Frequency(ui.frequencyCombo.currentData())
        end = ui.endCombo.currentData()
        at = ui.atTimeEdit.time()
        return Recurrence(
            frequency=frequency, at=time(at.hour(), at.minute()),
            start=ui.startDateEdit.date().toPython(),  # type: ignore[arg-type]
            weekday=ui.weekdayCombo.currentData() if frequency == Frequency.WEEKLY else None,
            day_of_month=(ui.dayOfMonthSpin.value() if frequency == Frequency.MONTHLY
                          else None),
            until=(ui.untilDateEdit.date().toPython()  # type: ignore[arg-type]
                   if end == END_UNTIL and frequency != Frequency.ONCE else None),
            count=ui.countSpin.value() if end == END_COUNT and frequency != Frequency.ONCE
            else None)

    def schedule(self) -> Schedule:
        name = self.ui.scheduleNameEdit.text().strip()
        rule = self.recurrence()
        if self._existing is not None:
            return replace(self._existing, name=name, rule=rule)
        assert self._draft is not None
        return self._draft.schedule(self._uid, name, rule)

    @Slot()
    def _update(self) -> None:
        ui = self.ui
        frequency = Frequency(ui.frequencyCombo.currentData())
        repeating = frequency != Frequency.ONCE
        ui.weekdayCombo.setVisible(frequency == Frequency.WEEKLY)
        ui.weekdayCaption.setVisible(frequency == Frequency.WEEKLY)
        ui.dayOfMonthSpin.setVisible(frequency == Frequency.MONTHLY)
        ui.dayOfMonthCaption.setVisible(frequency == Frequency.MONTHLY)
        ui.endCombo.setVisible(repeating)
        ui.endCaption.setVisible(repeating)
        end = ui.endCombo.currentData()
        ui.untilDateEdit.setVisible(repeating and end == END_UNTIL)
        ui.countSpin.setVisible(repeating and end == END_COUNT)
        ui.startCaption.setText("Le :" if not repeating else "À partir du :")
        error = ""
        try:
            summary = self.recurrence().describe_fr()
        except RecurrenceError as exc:
            summary, error = "", str(exc)
        if not error and frequency == Frequency.ONCE and summary:
            when = datetime.combine(ui.startDateEdit.date().toPython(),  # type: ignore[arg-type]
                                    ui.atTimeEdit.time().toPython())  # type: ignore[arg-type]
            if when <= self._now:
                error = "Cette date et cette heure sont déjà passées : choisissez-en d'autres."
        if not error and not ui.scheduleNameEdit.text().strip():
            error = "Donnez un nom à cet envoi programmé."
        ui.ruleSummaryLabel.setText(summary + (" — heure du Maroc" if summary else ""))
        ui.scheduleErrorLabel.setText(error)
        ui.scheduleErrorLabel.setVisible(bool(error))
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not error)

    @Slot()
    def _on_ok(self) -> None:
        try:
            self.schedule()
        except RecurrenceError as exc:
            self.ui.scheduleErrorLabel.setText(str(exc))
            return
        self.accept()
