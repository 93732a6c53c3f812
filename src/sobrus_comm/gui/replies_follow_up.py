"""Clients' replies beside the main window: the « Réponses » badge, the conversation in
the history's details pane, and the « Réponses des clients » window.

The overview (replies, names, consent) is read off the GUI thread after each sync and
after each change made in the window; the details pane only formats what it holds.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, Signal, Slot

from sobrus_comm.domain.consent import ConsentChannel, ConsentState
from sobrus_comm.gui.main_window import MainWindow
from sobrus_comm.gui.replies_dialog import RepliesDialog, consent_line
from sobrus_comm.services.consent import ConsentService, RepliesOverview
from sobrus_comm.workers.task import Task, error_message


def conversation_html(overview: RepliesOverview, client_id: int) -> str:
    """What the client answered, oldest first, and their consent: for the details pane."""
    replies = overview.for_client(client_id)
    lines = [f"<p><b>Consentement :</b> {consent_line(overview, client_id)}</p>"]
    if replies:
        items = "".join(
            f"<li>{r.received_at.astimezone():%d/%m/%Y %H:%M} — « {escape(r.text)} »"
            + (" <span style='color:#a50e0e'>(STOP : désinscrit des promotions)</span>"
               if r.is_stop else "")
            + ("" if r.is_read else " <b>(non lue)</b>") + "</li>"
            for r in replies)
        lines.append(f"<p><b>Réponses du client :</b></p><ul>{items}</ul>")
    return "".join(lines)


class RepliesFollowUp(QObject):
    """Signals:
        sig_overview(): the replies and consent were read again (badge, details updated).
    """

    sig_overview = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window: MainWindow | None = None
        self.consent: ConsentService | None = None
        self.overview: RepliesOverview | None = None
        self.dialog: RepliesDialog | None = None
        self.staff = ""
        self.can_record = False

    def attach(self, window: MainWindow, consent: ConsentService) -> None:
        self.window, self.consent = window, consent
        window.sig_replies_requested.connect(self.open)
        window.history.client_conversation = self.conversation
        window.history.sig_selection_changed.connect(self._on_selection)
        window.ui.detailsGrantConsentButton.clicked.connect(self._on_grant)
        window.ui.detailsRefuseConsentButton.clicked.connect(self._on_refuse)
        self.refresh()

    def set_session(self, staff: str, can_record: bool) -> None:
        self.staff, self.can_record = staff, can_record
        self._on_selection()

    # -- consent from the client's details (the history's details pane) ---------------------
    @Slot()
    def _on_selection(self) -> None:
        if self.window is None:
            return
        ok = self.can_record and self.window.history.selected_client_id() is not None
        self.window.ui.detailsGrantConsentButton.setEnabled(ok)
        self.window.ui.detailsRefuseConsentButton.setEnabled(ok)

    @Slot()
    def _on_grant(self) -> None:
        self._record(ConsentState.GRANTED)

    @Slot()
    def _on_refuse(self) -> None:
        self._record(ConsentState.REFUSED)

    def _record(self, state: ConsentState) -> None:
        client_id = self.window.history.selected_client_id() if self.window else None
        if client_id is None or self.consent is None:
            return
        task = Task(self.consent.record, client_id, state, self.staff, ConsentChannel.COUNTER)
        task.sig_done.connect(self._on_recorded)
        task.sig_failed.connect(self._on_record_failed)
        task.start()

    @Slot(object)
    def _on_record_failed(self, exc: object) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage(
                f"Consentement non enregistré : {error_message(exc)}", 15_000)  # type: ignore[arg-type]

    @Slot(object)
    def _on_recorded(self, _record: object) -> None:
        self.refresh()  # the details pane and the replies window show the new state

    def conversation(self, client_id: int) -> str:
        return conversation_html(self.overview, client_id) if self.overview else ""

    def on_synced(self, report: object) -> None:
        """After a sync: read the replies again, and say who opted out by reply."""
        self.refresh()
        opted = getattr(report, "opted_out", ())
        if opted and self.window is not None:
            n = len(opted)
            withdrawn = getattr(report, "promotions_withdrawn", 0)
            text = (f"{n} client{'s ont' if n > 1 else ' a'} répondu STOP : "
                    f"désinscrit{'s' if n > 1 else ''} des promotions")
            if withdrawn:
                text += (f", {withdrawn} SMS promotionnel{'s' if withdrawn > 1 else ''} en "
                         f"attente retiré{'s' if withdrawn > 1 else ''} de l'envoi")
            self.window.statusBar().showMessage(text + " (voir « Réponses des clients »).",
                                                30_000)

    @Slot()
    def refresh(self) -> None:
        if self.consent is None:
            return
        task = Task(self.consent.overview)
        task.sig_done.connect(self._on_overview)
        task.start()

    @Slot(object)
    def _on_overview(self, overview: RepliesOverview) -> None:
        self.overview = overview
        if self.window is not None:
            self.window.set_unread_replies(overview.unread)
            self.window.history.refresh_details()
        if self.dialog is not None:
            self.dialog.refresh()
        self.sig_overview.emit()

    @Slot()
    def open(self) -> None:
        if self.window is None or self.consent is None:
            return
        if self.dialog is not None:  # already open: bring it forward
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        self.dialog = RepliesDialog(self.consent, self.staff, can_record=self.can_record,
                                    parent=self.window)
        self.dialog.sig_changed.connect(self.refresh)
        self.dialog.sig_history_search.connect(self._on_history_search)
        self.dialog.finished.connect(self._on_closed)
        self.dialog.show()

    @Slot(str)
    def _on_history_search(self, text: str) -> None:
        """The history filtered on the client (its own search box: Échap clears it)."""
        if self.window is not None:
            self.window.ui.historySearch.setText(text)
            self.window.activateWindow()

    @Slot()
    def _on_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
