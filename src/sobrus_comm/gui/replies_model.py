"""The replies of the « Réponses des clients » window: one row per reply, newest first.

Unread replies are bold; a reply that meant stop says what it did. Filtering on « non
lues » replaces the rows inside reset brackets (a few hundred rows at most).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from sobrus_comm.domain.consent import STATE_LABELS, InboundReply
from sobrus_comm.services.consent import RepliesOverview

ModelIndex = QModelIndex | QPersistentModelIndex
COL_RECEIVED, COL_CLIENT, COL_TEXT, COL_EFFECT, COL_CONSENT = range(5)
TITLES = ("Reçue le", "Client", "Réponse", "Effet", "Promotions")
REPLY_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
_STOP = QColor("#a50e0e")


class RepliesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._overview = RepliesOverview((), {}, {}, {})
        self._rows: list[InboundReply] = []
        self._unread_only = False

    def set_overview(self, overview: RepliesOverview) -> None:
        self._overview = overview
        self._refilter()

    def overview(self) -> RepliesOverview:
        return self._overview

    def set_unread_only(self, unread_only: bool) -> None:
        self._unread_only = unread_only
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self._rows = [r for r in self._overview.replies
                      if not (self._unread_only and r.is_read)]
        self.endResetModel()

    def reply_at(self, row: int) -> InboundReply | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(TITLES)):
            return TITLES[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        reply = self.reply_at(index.row()) if index.isValid() else None
        if reply is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(reply, column)
        if role == Qt.ItemDataRole.FontRole and not reply.is_read:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_EFFECT and reply.is_stop:
            return QBrush(_STOP)
        if role == REPLY_ROLE:
            return reply
        if role == SORT_ROLE and column == COL_RECEIVED:
            return reply.received_at.timestamp()  # raw value, never the French text
        return None

    def _display(self, reply: InboundReply, column: int) -> str:
        overview = self._overview
        if column == COL_RECEIVED:
            return reply.received_at.astimezone().strftime("%d/%m/%Y %H:%M")
        if column == COL_CLIENT:
            if reply.client_id is None:
                return reply.phone or "Numéro inconnu"
            return overview.names.get(reply.client_id) or f"Client n° {reply.client_id}"
        if column == COL_TEXT:
            return " ".join(reply.text.split())
        if column == COL_EFFECT:
            return "Désinscrit (STOP)" if reply.is_stop else ""
        if column == COL_CONSENT and reply.client_id is not None:
            return STATE_LABELS[overview.state_of(reply.client_id)]
        return ""
