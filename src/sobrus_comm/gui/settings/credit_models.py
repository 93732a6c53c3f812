"""The Crédits tab's tables: the ledger's movements, and the cost of each grouped send.

Both sort on raw values (:data:`SORT_ROLE`: a timestamp, an int), never on French text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from sobrus_comm.domain.credit_ledger import CampaignCost, Movement, MovementKind
from sobrus_comm.domain.french_numbers import format_count

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

MOVEMENT_HEADERS = ("Date", "Mouvement", "Libellé", "Débit", "Crédit", "Solde après")
M_DATE, M_KIND, M_LABEL, M_DEBIT, M_CREDIT, M_AFTER = range(len(MOVEMENT_HEADERS))
KIND_COLOURS = {MovementKind.CHARGE: "#8a1c1c", MovementKind.REFUND: "#0d5e2a",
                MovementKind.RECHARGE: "#0d5e2a", MovementKind.ADJUSTMENT: "#0b3d6b"}

COST_HEADERS = ("Envoi groupé", "Date", "SMS", "Décomptés", "Remboursés", "Coût net")
C_NAME, C_DATE, C_SMS, C_CHARGED, C_REFUNDED, C_NET = range(len(COST_HEADERS))


def _count(n: int) -> str:
    return format_count(n) if n else ""


class _Table(QAbstractTableModel):
    headers: tuple[str, ...] = ()
    right_aligned: frozenset[int] = frozenset()

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Any] = []

    def _set(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            return self._raw(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self.right_aligned:
            return RIGHT
        return self._extra(row, col, role)

    def _display(self, row: Any, col: int) -> str:
        raise NotImplementedError

    def _raw(self, row: Any, col: int) -> Any:
        raise NotImplementedError

    def _extra(self, row: Any, col: int, role: int) -> Any:
        return None


class MovementsModel(_Table):
    headers = MOVEMENT_HEADERS
    right_aligned = frozenset({M_DEBIT, M_CREDIT, M_AFTER})

    def __init__(self, describe: Callable[[Movement], str]) -> None:
        super().__init__()
        self.describe = describe

    def set_movements(self, movements: Sequence[Movement],
                      describe: Callable[[Movement], str] | None = None) -> None:
        if describe is not None:
            self.describe = describe
        self._set(movements)

    def movement(self, row: int) -> Movement | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _display(self, m: Movement, col: int) -> str:
        if col == M_DATE:
            return m.at.astimezone().strftime("%d/%m/%Y %H:%M")
        if col == M_KIND:
            return m.label_fr
        if col == M_LABEL:
            return self.describe(m)
        if col == M_DEBIT:
            return _count(max(0, -m.credits))
        if col == M_CREDIT:
            return _count(max(0, m.credits))
        return format_count(m.balance_after)

    def _raw(self, m: Movement, col: int) -> Any:
        return (m.at.timestamp(), m.kind.value, self.describe(m), max(0, -m.credits),
                max(0, m.credits), m.balance_after)[col]

    def _extra(self, m: Movement, col: int, role: int) -> Any:
        if role == ID_ROLE:
            return m.id
        if role == Qt.ItemDataRole.ToolTipRole and col == M_LABEL:
            return self.describe(m)
        if role == Qt.ItemDataRole.ForegroundRole and col in (M_KIND, M_DEBIT, M_CREDIT):
            return QColor(KIND_COLOURS[m.kind])
        return None


class CampaignCostsModel(_Table):
    headers = COST_HEADERS
    right_aligned = frozenset({C_SMS, C_CHARGED, C_REFUNDED, C_NET})

    def __init__(self) -> None:
        super().__init__()
        self.labels: dict[str, str] = {}

    def set_costs(self, costs: Sequence[CampaignCost], labels: dict[str, str]) -> None:
        self.labels = dict(labels)
        self._set(costs)

    def cost(self, row: int) -> CampaignCost | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _display(self, c: CampaignCost, col: int) -> str:
        if col == C_NAME:
            return self.labels.get(c.campaign_id, c.campaign_id[:8])
        if col == C_DATE:
            return c.first_at.astimezone().strftime("%d/%m/%Y") if c.first_at else ""
        return format_count((0, 0, c.messages, c.charged, c.refunded, c.net)[col])

    def _raw(self, c: CampaignCost, col: int) -> Any:
        return (self._display(c, C_NAME), c.first_at.timestamp() if c.first_at else 0.0,
                c.messages, c.charged, c.refunded, c.net)[col]

    def _extra(self, c: CampaignCost, col: int, role: int) -> Any:
        if role == ID_ROLE:
            return c.campaign_id
        if role == Qt.ItemDataRole.FontRole and col == C_NET:
            font = QFont()
            font.setBold(True)
            return font
        return None
