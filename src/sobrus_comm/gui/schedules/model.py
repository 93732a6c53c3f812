"""The table of « Envois programmés »: one row per schedule (whole-set replacement)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from sobrus_comm.domain.schedules import ScheduleState
from sobrus_comm.services.schedules import ScheduleRow

COL_NAME, COL_OBJECTIVE, COL_TEMPLATE, COL_RECIPIENTS, COL_NEXT, COL_STATE, COL_LAST = range(7)
HEADERS = ("Nom", "Objectif", "Modèle", "Destinataires", "Prochain envoi", "État",
           "Dernier envoi")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # raw values: a datetime, not its French text
OBJECTIVES_FR = {"balance_reminder": "Rappel de solde", "custom_template": "Modèle"}
_Index = QModelIndex | QPersistentModelIndex


class ScheduleTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ScheduleRow] = []

    def set_rows(self, rows: Sequence[ScheduleRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ScheduleRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        col = index.column()
        if role == SORT_ROLE:
            if col == COL_NEXT:
                return row.next_run or datetime.max
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_STATE and row.schedule.pause_reason:
                return row.schedule.pause_reason
            if col == COL_NEXT:
                return row.schedule.rule.describe_fr()
            if col == COL_LAST:
                return row.last_run_fr or None
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        s = row.schedule
        if col == COL_NAME:
            return s.name
        if col == COL_OBJECTIVE:
            return OBJECTIVES_FR.get(str(s.objective), str(s.objective))
        if col == COL_TEMPLATE:
            return row.template_name
        if col == COL_RECIPIENTS:
            return row.recipients_fr
        if col == COL_NEXT:
            return f"{row.next_run:%d/%m/%Y %H:%M}" if row.next_run else "—"
        if col == COL_LAST:
            return row.last_run_fr or "—"
        if col == COL_STATE:
            state = str(row.state)
            if row.conflict:
                return f"{state} — modifié sur un autre poste"
            if row.state == ScheduleState.PAUSED and s.pause_reason:
                return f"{state} : {s.pause_reason.split(':')[0]}"
            return state
        return None
