"""The Qt model of the communications history: a table model over :class:`HistoryIndex`,
which the view sits on directly.

Sorting (the header's ``sort``) and filtering go to the column-oriented index: the per-row
Python callbacks of a ``QSortFilterProxyModel`` cost seconds on 100k rows, and even an idle
proxy rebuilds a 1M-entry mapping on every reset.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from sobrus_comm.domain.history_row import HistoryRow
from sobrus_comm.domain.history_view import (
    COL_CONTENT,
    COL_DATE,
    COL_KIND,
    COL_MANAGER,
    COL_RECIPIENT,
    COL_STATUS,
    COL_TYPE,
    COLUMN_TITLES,
    TYPE_LABELS,
    Filters,
    HistoryIndex,
)
from sobrus_comm.domain.models import kind_label, status_label
from sobrus_comm.domain.phones import format_phone_display

ModelIndex = QModelIndex | QPersistentModelIndex

RAW_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value a column sorts on
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the communication's id
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3  # the raw status code, for the badge delegate
ROW_ROLE = Qt.ItemDataRole.UserRole + 4  # the whole cached row tuple


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROLES = frozenset({_DISPLAY, _TOOLTIP, int(RAW_ROLE), int(ID_ROLE), int(STATUS_ROLE),
                    int(ROW_ROLE)})


def format_datetime(ts: int) -> str:
    return datetime.fromtimestamp(ts).strftime("%d/%m/%Y %H:%M")


class HistoryTableModel(QAbstractTableModel):
    """Presents ``index.visible`` in the source document's six columns."""

    def __init__(self, rows: Iterable[HistoryRow] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self.index_ = HistoryIndex(rows)
        self._date_text: dict[int, str] = {}

    # -- the model interface ---------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.index_.visible)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMN_TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMN_TITLES)):
            return COLUMN_TITLES[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A paint asks each cell for a dozen roles; most have no answer here: say so first,
        # before any lookup (every keystroke repaints the table).
        if role not in _ROLES or not index.isValid():
            return None
        visible = self.index_.visible
        r = index.row()
        if not 0 <= r < len(visible):
            return None
        i = visible[r]
        row = self.index_.rows[i]
        column = index.column()
        if role == _DISPLAY:
            return self._display(row, column)
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        if role == RAW_ROLE:
            return self.index_._key_at(i, column)
        if role == ID_ROLE:
            return row.id
        if role == STATUS_ROLE:
            return row.status
        if role == ROW_ROLE:
            return row
        return None

    def _display(self, row: HistoryRow, column: int) -> str:
        if column == COL_DATE:
            ts = row.created_at
            text = self._date_text.get(ts)
            if text is None:
                text = self._date_text[ts] = format_datetime(ts)
            return text
        if column == COL_MANAGER:
            return row.initiated_by
        if column == COL_TYPE:
            return TYPE_LABELS.get(row.type, row.type)
        if column == COL_STATUS:
            return status_label(row.status)
        if column == COL_CONTENT:
            # One line in the table; the details pane shows the whole message.
            return " ".join(row.content.split())
        if column == COL_RECIPIENT:
            return recipient_text(row)
        if column == COL_KIND:
            return kind_label(row.kind)
        return ""

    def _tooltip(self, row: HistoryRow, column: int) -> str | None:
        if column == COL_STATUS:
            reason = row.failure_reason
            label = status_label(row.status)
            return f"{label} : {reason}" if reason else label
        if column == COL_CONTENT:
            return row.content
        return None

    # -- sorting (the view's header) and filtering (the page) ------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A reset, not a layout change: on 1M rows, the view's answer to layoutChanged
        (every persistent index and header section remapped) costs several times the sort
        itself; after a reset it only asks for the rows on screen. The page selects the
        same communication again (by id) when the model resets."""
        descending = order == Qt.SortOrder.DescendingOrder
        if column < 0 or self.index_.is_sorted_by(column, descending):
            return  # no column (a header reset), or Qt asking again for the same sort
        self.beginResetModel()
        self.index_.set_sort(column, descending)
        self.endResetModel()

    def set_filters(self, filters: Filters) -> None:
        # Row count changes: a reset, then the view restores the selection by id.
        self.beginResetModel()
        self.index_.set_filters(filters)
        self.endResetModel()

    def show_filtered(self, filters: Filters, visible: list[int]) -> None:
        """Shows rows found for ``filters`` by a search run elsewhere (``HistorySearcher``)."""
        self.beginResetModel()
        self.index_.show(filters, visible)
        self.endResetModel()

    # -- live updates from sync ------------------------------------------------------------
    def replace_all(self, rows: Iterable[HistoryRow]) -> None:
        self.beginResetModel()
        filters, column, descending = (self.index_.filters, self.index_.sort_column,
                                       self.index_.descending)
        self.index_ = HistoryIndex(rows, column, descending)
        self.index_.set_filters(filters)
        self.endResetModel()

    def upsert(self, rows: Iterable[HistoryRow]) -> None:
        """New rows are inserted where the sort puts them, changed rows repainted in place:
        the selection, the scroll position and the sort survive."""
        changed, added = self.index_.upsert(rows)
        if changed:
            last = self.columnCount() - 1
            for pos in self.index_.visible_positions(changed):
                self.dataChanged.emit(self.index(pos, 0), self.index(pos, last))
        for i in added:
            at = self.index_.insert_position(i)
            if at is None:
                continue
            self.beginInsertRows(QModelIndex(), at, at)
            self.index_.visible.insert(at, i)
            self.endInsertRows()

    def row_of_id(self, comm_id: int) -> int | None:
        return self.index_.position_of_id(comm_id)


def recipient_text(row: HistoryRow) -> str:
    name = row.recipient_name
    phone = row.recipient_phone
    if phone:
        shown = format_phone_display(phone) if phone.startswith("+") else phone
        return f"{name} ({shown})" if name else shown
    return name
