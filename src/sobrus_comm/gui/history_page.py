"""The Communications page: binds the history widgets of the main window to its models.

Signals:
    sig_resend_requested(int): « Renvoyer ce SMS » was clicked for this communication id.
    sig_count_changed(int, int): rows shown, rows in the cache.
    sig_selection_changed(): another row (or none) is selected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time, timedelta
from html import escape
from typing import Any

from PySide6.QtCore import QDate, QItemSelectionModel, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QWidget,
)

from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.domain.history_view import (
    COL_CONTENT,
    COL_DATE,
    COL_MANAGER,
    COL_RECIPIENT,
    COL_STATUS,
    COL_TYPE,
    F,
    Filters,
    decode_status_history,
)
from sobrus_comm.domain.models import status_label
from sobrus_comm.domain.text_search import parse_query
from sobrus_comm.gui.generated.ui_main_window import Ui_MainWindow
from sobrus_comm.gui.history_model import (
    ID_ROLE,
    HistoryProxyModel,
    HistoryTableModel,
    format_datetime,
    recipient_text,
)
from sobrus_comm.gui.status_delegate import StatusBadgeDelegate

# Index in the « statut » combo → raw statuses it shows.
STATUS_FILTER_VALUES: tuple[frozenset[str], ...] = (
    frozenset(),
    frozenset({"pending", "queued"}),
    frozenset({"sent"}),
    frozenset({"delivered"}),
    frozenset({"failed", "rejected"}),
    frozenset({"cancelled"}),
)
PERIOD_ALL, PERIOD_TODAY, PERIOD_7, PERIOD_30, PERIOD_CUSTOM = range(5)

EMPTY_HISTORY_TEXT = (
    "<p style='font-size:16px'><b>Aucune communication pour l'instant…</b></p>"
    "<p>Cliquez sur <b>« Envoyer une communication groupée »</b> pour envoyer un premier SMS "
    "à vos clients,<br>ou sur <b>« Synchroniser »</b> (F5) pour récupérer l'historique "
    "depuis Sobrus.</p>"
)

NO_RESULT_TEXT = (
    "<p style='font-size:15px'><b>Aucune communication ne correspond à votre recherche.</b></p>"
    "<p>Vérifiez l'orthographe, essayez une partie du nom ou du numéro,<br>"
    "ou élargissez le statut et la période (Échap efface la recherche).</p>"
)

SEARCH_BUILD_STEP = 4_000  # rows folded per timer tick: ~20 ms, invisible to the user
SEARCH_BUILD_DELAY_MS = 300  # let the window paint first


def _midnight(day: date) -> int:
    return int(datetime.combine(day, time.min).timestamp())


def _py_date(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


class PeriodDialog(QDialog):
    """« Personnalisé… »: a date range, both days included."""

    def __init__(self, parent: QWidget | None, start: date, end: date) -> None:
        super().__init__(parent)
        self.setObjectName("periodDialog")
        self.setWindowTitle("Période personnalisée")
        form = QFormLayout(self)
        self.start = QDateEdit(QDate(start.year, start.month, start.day))
        self.end = QDateEdit(QDate(end.year, end.month, end.day))
        for edit, name in ((self.start, "periodStart"), (self.end, "periodEnd")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        form.addRow("Du :", self.start)
        form.addRow("Au :", self.end)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def period(self) -> tuple[date, date]:
        start, end = (_py_date(self.start.date()), _py_date(self.end.date()))
        return (start, end) if start <= end else (end, start)


class HistoryPage(QObject):
    sig_resend_requested = Signal(int)
    sig_count_changed = Signal(int, int)
    sig_selection_changed = Signal()

    def __init__(self, ui: Ui_MainWindow, parent: QWidget) -> None:
        super().__init__(parent)
        self.ui = ui
        self._window = parent
        self.model = HistoryTableModel(parent=self)
        self.proxy = HistoryProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self._custom_period: tuple[date, date] | None = None
        #: Names a campaign id for the details pane (set by the composition root).
        self.campaign_label: Callable[[str], str | None] | None = None
        #: A client's replies and consent, as HTML for the details pane (issue 14).
        self.client_conversation: Callable[[int], str] | None = None
        self._selected_id: int | None = None
        self._search_timer = QTimer(self)
        self._search_timer.setInterval(0)
        self._search_delay = QTimer(self, singleShot=True, interval=SEARCH_BUILD_DELAY_MS)
        self._search_delay.timeout.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self._build_search_step)
        self._setup_table()
        self._connect()
        self._refresh_state()
        self._show_details(None)

    # -- set-up ---------------------------------------------------------------------------
    def _setup_table(self) -> None:
        table = self.ui.historyTable
        table.setModel(self.proxy)
        table.setItemDelegateForColumn(COL_STATUS, StatusBadgeDelegate(table))
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = table.verticalHeader()
        # Fixed row heights: the view never measures 100k rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(28)
        header = table.horizontalHeader()
        header.setSectionsMovable(False)
        header.setHighlightSections(False)
        for column, width in ((COL_DATE, 125), (COL_MANAGER, 130), (COL_TYPE, 50),
                              (COL_STATUS, 100), (COL_CONTENT, 380), (COL_RECIPIENT, 250)):
            table.setColumnWidth(column, width)
        # The message takes the room left; the other columns keep their width.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_CONTENT, QHeaderView.ResizeMode.Stretch)
        table.setSortingEnabled(True)
        # setSortingEnabled sorts at once: set the order we open with explicitly.
        table.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)

    def _connect(self) -> None:
        ui = self.ui
        ui.historySearch.textChanged.connect(self._apply_filters)
        ui.statusFilter.currentIndexChanged.connect(self._apply_filters)
        ui.periodFilter.activated.connect(self._on_period_chosen)
        ui.historyTable.selectionModel().currentRowChanged.connect(self._on_current_changed)
        ui.resendButton.clicked.connect(self._on_resend)
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), ui.historySearch)
        self._escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._escape.activated.connect(self.clear_search)

    # -- data -----------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[Sequence[Any]]) -> None:
        """The whole history from the cache (start-up, after a full sync)."""
        self.model.replace_all(rows)
        self._after_reset()
        self._search_delay.start()

    def upsert_rows(self, rows: Iterable[Sequence[Any]]) -> None:
        """New or changed rows from sync: selection, scroll and sort stay as they are."""
        self.model.upsert(rows)
        self._refresh_state()
        if self._selected_id is not None:
            self._show_details(self._selected_id)

    def shown_rows(self) -> list[tuple[Any, ...]]:
        """The rows as filtered and sorted on screen (what « Exporter » writes)."""
        index = self.model.index_
        return [index.rows[i] for i in index.visible]

    def restore_header(self, state: Any) -> None:
        """Column widths and the sort of the last run."""
        header = self.ui.historyTable.horizontalHeader()
        if header.restoreState(state):
            self.ui.historyTable.sortByColumn(header.sortIndicatorSection(),
                                              header.sortIndicatorOrder())

    @Slot()
    def _build_search_step(self) -> None:
        if self.model.index_.build_search_step(SEARCH_BUILD_STEP):
            self._search_timer.stop()

    # -- filters --------------------------------------------------------------------------
    def current_filters(self) -> Filters:
        since = until = None
        period = self.ui.periodFilter.currentIndex()
        today = date.today()
        if period == PERIOD_TODAY:
            since = _midnight(today)
        elif period == PERIOD_7:
            since = _midnight(today - timedelta(days=6))
        elif period == PERIOD_30:
            since = _midnight(today - timedelta(days=29))
        elif period == PERIOD_CUSTOM and self._custom_period:
            since = _midnight(self._custom_period[0])
            until = _midnight(self._custom_period[1] + timedelta(days=1))
        statuses = STATUS_FILTER_VALUES[max(self.ui.statusFilter.currentIndex(), 0)]
        return Filters(query=parse_query(self.ui.historySearch.text()), statuses=statuses,
                       since=since, until=until)

    @Slot()
    def _apply_filters(self) -> None:
        self.proxy.set_filters(self.current_filters())
        self._after_reset()

    @Slot(int)
    def _on_period_chosen(self, index: int) -> None:
        if index == PERIOD_CUSTOM:
            today = date.today()
            start, end = self._custom_period or (today - timedelta(days=30), today)
            dialog = PeriodDialog(self._window, start, end)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self._custom_period = dialog.period()
                first, last = self._custom_period
                self.ui.periodFilter.setItemText(
                    PERIOD_CUSTOM, f"Du {first:%d/%m/%Y} au {last:%d/%m/%Y}")
            elif self._custom_period is None:
                self.ui.periodFilter.setCurrentIndex(PERIOD_ALL)
        self._apply_filters()

    @Slot()
    def clear_search(self) -> None:
        self.ui.historySearch.clear()

    # -- state ----------------------------------------------------------------------------
    def _after_reset(self) -> None:
        self._refresh_state()
        if self._selected_id is not None and not self.select_id(self._selected_id):
            self._show_details(None)

    def _refresh_state(self) -> None:
        shown, total = len(self.model.index_.visible), len(self.model.index_)
        ui = self.ui
        noun = "communication" if shown <= 1 else "communications"
        text = f"{format_count(shown)} {noun}"
        if shown != total:
            text += f" sur {format_count(total)}"
        ui.historyCountLabel.setText(text)
        if total and not shown:
            ui.emptyStateLabel.setText(NO_RESULT_TEXT)
            ui.contentStack.setCurrentWidget(ui.emptyPage)
        elif not total:
            ui.emptyStateLabel.setText(EMPTY_HISTORY_TEXT)
            ui.contentStack.setCurrentWidget(ui.emptyPage)
        else:
            ui.contentStack.setCurrentWidget(ui.historyPage)
        self.sig_count_changed.emit(shown, total)

    def select_id(self, comm_id: int) -> bool:
        row = self.model.row_of_id(comm_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        table = self.ui.historyTable
        table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        table.scrollTo(index)
        return True

    def selected_id(self) -> int | None:
        return self._selected_id

    @Slot()
    def _on_current_changed(self) -> None:
        index = self.ui.historyTable.selectionModel().currentIndex()
        comm_id = index.data(ID_ROLE) if index.isValid() else None
        self._selected_id = comm_id
        self._show_details(comm_id)
        self.sig_selection_changed.emit()

    def _show_details(self, comm_id: int | None) -> None:
        ui = self.ui
        pos = self.model.index_._pos_by_id.get(comm_id) if comm_id is not None else None
        if pos is None:
            ui.detailsTitle.setText("Détails")
            ui.detailsBody.setHtml("<p style='color:#666'>Sélectionnez une communication pour "
                                   "voir le message complet et son suivi.</p>")
            ui.resendButton.setEnabled(False)
            return
        row = self.model.index_.rows[pos]
        ui.detailsTitle.setText(f"SMS à {escape(row[F['recipient_name']] or 'destinataire')}")
        campaign = row[F["campaign_id"]]
        label = self.campaign_label(campaign) if campaign and self.campaign_label else None
        extra = ""
        if self.client_conversation is not None and row[F["client_id"]] is not None:
            extra = "<hr>" + self.client_conversation(row[F["client_id"]])
        ui.detailsBody.setHtml(details_html(row, label) + extra)
        ui.resendButton.setEnabled(row[F["status"]] in ("failed", "rejected"))

    def selected_client_id(self) -> int | None:
        """The client of the selected SMS (None: none selected, or sent to a bare number)."""
        pos = self.model.index_._pos_by_id.get(self._selected_id) \
            if self._selected_id is not None else None
        return None if pos is None else self.model.index_.rows[pos][F["client_id"]]

    def refresh_details(self) -> None:
        """Show the selected row's details again (its client's replies changed)."""
        self._show_details(self._selected_id)

    @Slot()
    def _on_resend(self) -> None:
        if self._selected_id is not None:
            self.sig_resend_requested.emit(self._selected_id)


def details_html(row: Sequence[Any], campaign_label: str | None = None) -> str:
    status = row[F["status"]]
    reason = row[F["failure_reason"]]
    segments = row[F["segments"]] or 1
    timeline = _timeline(row)
    campaign = row[F["campaign_id"]]
    lines = [
        f"<p style='white-space:pre-wrap'>{escape(row[F['content']])}</p><hr>",
        f"<p><b>Destinataire :</b> {escape(recipient_text(row))}</p>",
        f"<p><b>Statut :</b> {status_label(status)}"
        + (f" — <span style='color:#a50e0e'>{escape(reason)}</span>" if reason else "") + "</p>",
        f"<p><b>Segments :</b> {segments} SMS · {segments} crédit{'s' if segments > 1 else ''}"
        "</p>",
        f"<p><b>Campagne :</b> "
        f"{escape(campaign_label or 'envoi groupé') if campaign else 'envoi individuel'}"
        + (" (test)" if row[F["is_test"]] else "") + "</p>",
        "<p><b>Suivi :</b></p><ul>" + "".join(timeline) + "</ul>",
    ]
    return "".join(lines)


def _timeline(row: Sequence[Any]) -> list[str]:
    """« Suivi » as list items: the creation, then each status the backend says was reached."""
    status, reason = row[F["status"]], row[F["failure_reason"]]
    creator = escape(row[F["initiated_by"]])
    steps = decode_status_history(row[F["status_history"]])
    if not steps:
        # Cached before the backend sent timelines: all we know is the creation and the
        # last change.
        created, updated = row[F["created_at"]], row[F["updated_at"]]
        items = [f"<li>{format_datetime(created)} — Créé par {creator}</li>"]
        if updated and updated != created:
            items.append(f"<li>{format_datetime(updated)} — {status_label(status)}"
                         f"{' : ' + escape(reason) if reason else ''}</li>")
        else:
            items.append(f"<li>Statut actuel : {status_label(status)}</li>")
        return items
    shown_day: date | None = None

    def when(ts: int) -> str:
        # The date once, then only the time while the steps stay on the same (local) day.
        nonlocal shown_day
        moment = datetime.fromtimestamp(ts)
        same_day, shown_day = moment.date() == shown_day, moment.date()
        return moment.strftime("%H:%M") if same_day else format_datetime(ts)

    first_status, first_at = steps[0]
    if first_status == "queued":
        steps = steps[1:]  # the creation itself
    else:
        first_at = row[F["created_at"]]  # refused on receipt: created, then rejected at once
    items = [f"<li>{when(first_at)} — Créé par {creator}</li>"]
    for step, ts in steps:
        why = f" : {escape(reason)}" if reason and step in ("failed", "rejected") else ""
        items.append(f"<li>{when(ts)} — {status_label(step)}{why}</li>")
    return items
