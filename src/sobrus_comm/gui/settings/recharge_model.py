"""The pharmacy's recharge requests as a table: n°, date, pack, amount, status, proof."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from sobrus_comm.domain.money import format_dh
from sobrus_comm.services.recharge import RechargeRequest, RechargeStatus, reference, status_label

ID_ROLE = Qt.ItemDataRole.UserRole
HEADERS = ("Référence", "Date", "Pack", "Montant", "Statut", "Avis de virement")
COL_REF, COL_DATE, COL_PACK, COL_AMOUNT, COL_STATUS, COL_PROOF = range(len(HEADERS))
STATUS_COLOURS = {
    RechargeStatus.REQUESTED: "#0b3d6b",
    RechargeStatus.AWAITING_PAYMENT: "#8a5a00",
    RechargeStatus.PAYMENT_RECEIVED: "#0b3d6b",
    RechargeStatus.ACTIVATED: "#0d5e2a",
    RechargeStatus.CANCELLED: "#777777",
}

Index = QModelIndex | QPersistentModelIndex


def local_datetime(value: datetime) -> str:
    return value.astimezone().strftime("%d/%m/%Y %H:%M")


class RechargeRequestsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[RechargeRequest] = []

    def set_requests(self, requests: Sequence[RechargeRequest]) -> None:
        self.beginResetModel()
        self._rows = list(requests)
        self.endResetModel()

    def requests(self) -> list[RechargeRequest]:
        return list(self._rows)

    def request(self, row: int) -> RechargeRequest | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, request_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == request_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, col = self._rows[index.row()], index.column()
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS:
            return QColor(STATUS_COLOURS.get(r.status, "#000000"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(r: RechargeRequest, col: int) -> str:
        if col == COL_REF:
            return reference(r)
        if col == COL_DATE:
            return local_datetime(r.created_at)
        if col == COL_PACK:
            return r.pack.name
        if col == COL_AMOUNT:
            return format_dh(r.pack.price)
        if col == COL_STATUS:
            return status_label(r.status)
        return r.proof.filename if r.proof else "—"
