"""The Communications page: binds the history widgets of the main window to its models.

Signals:
    sig_resend_requested(int): « Renvoyer ce SMS » was clicked for this communication id.
    sig_count_changed(int, int): rows shown, rows in the cache.
    sig_selection_changed(): another row (or none) is selected.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
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
from sobrus_comm.domain.history_columns import HistoryColumns
from sobrus_comm.domain.history_row import HistoryRow
from sobrus_comm.domain.history_view import (
    COL_CONTENT,
    COL_DATE,
    COL_KIND,
    COL_MANAGER,
    COL_RECIPIENT,
    COL_STATUS,
    COL_TYPE,
    Filters,
    decode_status_history,
)
from sobrus_comm.domain.languages import has_arabic
from sobrus_comm.domain.models import KIND_LABELS, MessageKind, kind_label, status_label
from sobrus_comm.domain.text_search import parse_query
from sobrus_comm.gui.generated.ui_main_window import Ui_MainWindow
from sobrus_comm.gui.history_model import (
    ID_ROLE,
    HistoryTableModel,
    format_datetime,
    recipient_text,
)
from sobrus_comm.gui.history_search import HistorySearcher, SearchRequest
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
# Index in the « nature » combo → the kinds it shows (the first: every kind).
KIND_FILTER_ITEMS: tuple[tuple[str, frozenset[str]], ...] = (
    ("Toutes les natures", frozenset()),
    *((KIND_LABELS[kind], frozenset({str(kind)})) for kind in MessageKind),
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

SYNC_PROGRESS_TEXT = (
    "<p style='font-size:16px'><b>{}</b></p>"
    "<p>L'historique s'affiche dès qu'il est arrivé ; vous pouvez déjà envoyer des SMS.</p>"
)

# From this many rows a search runs in steps (HistorySearcher), the latest keystroke
# winning; below, it takes a few milliseconds and is done at once.
ASYNC_SEARCH_FROM = 50_000

FREEZE_FROM = 100_000

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
    _sig_rows_arrived = Signal(object)  # from the prefetch thread (see deliver_rows)
    sig_selection_changed = Signal()

    def __init__(self, ui: Ui_MainWindow, parent: QWidget) -> None:
        super().__init__(parent)
        self.ui = ui
        self._window = parent
        self.model = HistoryTableModel(parent=self)
        self._custom_period: tuple[date, date] | None = None
        #: Names a campaign id for the details pane (set by the composition root).
        self.campaign_label: Callable[[str], str | None] | None = None
        #: A client's replies and consent, as HTML for the details pane (issue 14).
        self.client_conversation: Callable[[int], str] | None = None
        self._selected_id: int | None = None
        self._sync_progress: str | None = None  # « Synchronisation de l'historique : … »
        # Painted from the newest rows while the rest is read: the count in the cache, and
        # what sync changed meanwhile (re-applied over the rows read before it).
        self._loading_total: int | None = None
        self._changed_while_loading: dict[int, HistoryRow] = {}
        self._sig_rows_arrived.connect(self._on_rows_arrived)
        self.searcher = HistorySearcher(self)
        self.searcher.sig_found.connect(self._on_found)
        self._search_requested = self._search_shown = 0  # request counters
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
        table.setModel(self.model)
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
                              (COL_STATUS, 100), (COL_CONTENT, 380), (COL_RECIPIENT, 250),
                              (COL_KIND, 140)):
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
        if not ui.kindFilter.count():
            ui.kindFilter.addItems([label for label, _ in KIND_FILTER_ITEMS])
        ui.kindFilter.currentIndexChanged.connect(self._apply_filters)
        ui.periodFilter.activated.connect(self._on_period_chosen)
        ui.historyTable.selectionModel().currentRowChanged.connect(self._on_current_changed)
        # Sorting, filtering and new data all reset the model: select the same row again.
        self.model.modelReset.connect(self._after_reset)
        ui.resendButton.clicked.connect(self._on_resend)
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), ui.historySearch)
        self._escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._escape.activated.connect(self.clear_search)

    # -- data -----------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[HistoryRow], *, total: int | None = None) -> None:
        """The whole history from the cache (start-up, after a full sync); or, with
        ``total`` larger than ``rows``, the newest rows of a long history whose rest comes
        through :meth:`deliver_rows`."""
        self._sync_progress = None
        # Columns (a whole history, read off the GUI thread) are kept as they are.
        rows = rows if isinstance(rows, HistoryColumns) else list(rows)
        self._loading_total = total if total is not None and total > len(rows) else None
        self._changed_while_loading = {}
        self.model.replace_all(rows)  # a reset: _after_reset follows
        if len(rows) >= FREEZE_FROM:
            # A million row records would be walked by every full garbage collection (a
            # few hundred ms with the GUI frozen, at random). Rows hold no cycles: out of
            # the collector's reach, they are still freed by reference counting when the
            # history is replaced (as the app's start-up objects, see prepare_runtime).
            gc.freeze()
        if self._loading_total is None:
            self._search_delay.start()

    def deliver_rows(self, rows: Sequence[HistoryRow] | None) -> None:
        """Every row, once read (thread-safe: call it from the reading thread). None: the
        read failed, the newest rows stay until the next full sync."""
        # RuntimeError: the window was closed before the read ended; nobody to tell.
        with suppress(RuntimeError):
            self._sig_rows_arrived.emit(rows)

    def loading(self) -> bool:
        """True while the window shows the newest rows and the rest is still being read."""
        return self._loading_total is not None

    @Slot(object)
    def _on_rows_arrived(self, rows: Sequence[HistoryRow] | None) -> None:
        if self._loading_total is None:
            return  # a full sync replaced the history meanwhile: it is newer
        changed = list(self._changed_while_loading.values())
        if rows is None:
            self._loading_total = None
            self._refresh_state()
            return
        self.set_rows(rows)
        if changed:
            self.upsert_rows(changed)

    def upsert_rows(self, rows: Iterable[HistoryRow]) -> None:
        """New or changed rows from sync: selection, scroll and sort stay as they are."""
        rows = list(rows)
        if self._loading_total is not None:
            self._changed_while_loading.update((r.id, r) for r in rows)
        self.model.upsert(rows)
        self._refresh_state()
        if self._selected_id is not None:
            self._show_details(self._selected_id)

    @Slot(int, int)
    def show_sync_progress(self, done: int, total: int) -> None:
        """A first pull of the history is under way: say how far it is, beside the count
        and on the empty page (the rows themselves arrive when it ends)."""
        self._sync_progress = (None if done >= total else
                               "Synchronisation de l'historique : "
                               f"{format_count(done)} / {format_count(total)}")
        self._refresh_state()

    def sync_progress_text(self) -> str | None:
        return self._sync_progress

    def shown_rows(self) -> list[HistoryRow]:
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
        kinds = KIND_FILTER_ITEMS[max(self.ui.kindFilter.currentIndex(), 0)][1]
        return Filters(query=parse_query(self.ui.historySearch.text()), statuses=statuses,
                       kinds=kinds, since=since, until=until)

    @Slot()
    def _apply_filters(self) -> None:
        filters = self.current_filters()
        index = self.model.index_
        self._search_requested += 1
        if len(index) < ASYNC_SEARCH_FROM or not index.search_ready:
            self._search_shown = self._search_requested
            self.model.set_filters(filters)  # a reset: _after_reset follows
            return
        self.searcher.submit(SearchRequest(index, filters, index.filters, index.visible,
                                           index.order, index.version,
                                           self._search_requested))

    def search_pending(self) -> bool:
        """True while the rows for the latest filters are being searched."""
        return self._search_shown != self._search_requested

    @Slot(object, object)
    def _on_found(self, request: SearchRequest, visible: list[int]) -> None:
        if request.generation != self._search_requested:
            return  # typed on meanwhile: the newer search is under way
        index = self.model.index_
        if request.index is not index or request.version != index.version:
            self._apply_filters()  # rows came or the sort changed: search the rows of now
            return
        self._search_shown = request.generation
        self.model.show_filtered(request.filters, visible)  # a reset: _after_reset follows

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
    @Slot()
    def _after_reset(self) -> None:
        self._refresh_state()
        if self._selected_id is not None and not self.select_id(self._selected_id):
            self._show_details(None)

    def _refresh_state(self) -> None:
        shown, total = len(self.model.index_.visible), len(self.model.index_)
        if self._loading_total is not None and shown == total:
            shown = total = self._loading_total  # the rest is on its way: say how many
        ui = self.ui
        noun = "communication" if shown <= 1 else "communications"
        text = f"{format_count(shown)} {noun}"
        if shown != total:
            text += f" sur {format_count(total)}"
        progress = self._sync_progress
        ui.historyCountLabel.setText(f"{text} · {progress}" if progress and total else
                                     progress or text)
        if total and not shown:
            ui.emptyStateLabel.setText(NO_RESULT_TEXT)
            ui.contentStack.setCurrentWidget(ui.emptyPage)
        elif not total:
            ui.emptyStateLabel.setText(SYNC_PROGRESS_TEXT.format(escape(progress, quote=False))
                                       if progress else EMPTY_HISTORY_TEXT)
            ui.contentStack.setCurrentWidget(ui.emptyPage)
        else:
            ui.contentStack.setCurrentWidget(ui.historyPage)
        self.sig_count_changed.emit(shown, total)

    def select_id(self, comm_id: int) -> bool:
        row = self.model.row_of_id(comm_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
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
        ui.detailsTitle.setText(f"SMS à {escape(row.recipient_name or 'destinataire')}")
        campaign = row.campaign_id
        label = self.campaign_label(campaign) if campaign and self.campaign_label else None
        extra = ""
        if self.client_conversation is not None and row.client_id is not None:
            extra = "<hr>" + self.client_conversation(row.client_id)
        ui.detailsBody.setHtml(details_html(row, label) + extra)
        ui.resendButton.setEnabled(row.status in ("failed", "rejected"))

    def selected_client_id(self) -> int | None:
        """The client of the selected SMS (None: none selected, or sent to a bare number)."""
        if self._selected_id is None:
            return None
        row = self.model.index_.row_of_id(self._selected_id)
        return None if row is None else row.client_id

    def refresh_details(self) -> None:
        """Show the selected row's details again (its client's replies changed)."""
        self._show_details(self._selected_id)

    @Slot()
    def _on_resend(self) -> None:
        if self._selected_id is not None:
            self.sig_resend_requested.emit(self._selected_id)


def details_html(row: HistoryRow, campaign_label: str | None = None) -> str:
    status = row.status
    reason = row.failure_reason
    segments = row.segments or 1
    timeline = _timeline(row)
    campaign = row.campaign_id
    lines = [
        # An SMS sent in Arabic reads right to left (issue 16).
        f"<p{' dir=rtl' if has_arabic(row.content or '') else ''} "
        f"style='white-space:pre-wrap'>{escape(row.content)}</p><hr>",
        f"<p><b>Destinataire :</b> {escape(recipient_text(row))}</p>",
        f"<p><b>Nature :</b> {escape(kind_label(row.kind))}</p>",
        f"<p><b>Statut :</b> {status_label(status)}"
        + (f" — <span style='color:#a50e0e'>{escape(reason)}</span>" if reason else "") + "</p>",
        f"<p><b>Segments :</b> {segments} SMS · {segments} crédit{'s' if segments > 1 else ''}"
        "</p>",
        f"<p><b>Campagne :</b> "
        f"{escape(campaign_label or 'envoi groupé') if campaign else 'envoi individuel'}"
        + (" (test)" if row.is_test else "") + "</p>",
        "<p><b>Suivi :</b></p><ul>" + "".join(timeline) + "</ul>",
    ]
    return "".join(lines)


def _timeline(row: HistoryRow) -> list[str]:
    """« Suivi » as list items: the creation, then each status the backend says was reached."""
    status, reason = row.status, row.failure_reason
    creator = escape(row.initiated_by)
    steps = decode_status_history(row.status_history)
    if not steps:
        # Cached before the backend sent timelines: all we know is the creation and the
        # last change.
        created, updated = row.created_at, row.updated_at
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
        first_at = row.created_at  # refused on receipt: created, then rejected at once
    items = [f"<li>{when(first_at)} — Créé par {creator}</li>"]
    for step, ts in steps:
        why = f" : {escape(reason)}" if reason and step in ("failed", "rejected") else ""
        items.append(f"<li>{when(ts)} — {status_label(step)}{why}</li>")
    return items
