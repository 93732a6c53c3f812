"""The consent control under the grouped send's client list: quick, at the counter.

The highlighted client's promotional consent is said in words; « Accepte les promotions »
and « Refuse » record the client's answer (a new record with the staff member's name and
the date, pushed at the next sync), through the consent service, off the GUI thread.

Signals:
    sig_recorded(int, object): client id and its new ConsentState, once recorded.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QThreadPool, Signal, Slot

from sobrus_comm.domain.consent import STATE_LABELS, ConsentChannel, ConsentState
from sobrus_comm.gui.generated.ui_grouped_send_dialog import Ui_GroupedSendDialog
from sobrus_comm.gui.grouped_send.client_model import ClientListModel
from sobrus_comm.services.consent import ConsentService
from sobrus_comm.services.send_planning import SendContext
from sobrus_comm.workers.task import Task, error_message


def record_consent(context: SendContext, client_id: int, state: ConsentState) -> ConsentState:
    staff = context.user.display_name if context.user is not None else ""
    ConsentService(context.db).record(client_id, state, staff, ConsentChannel.COUNTER)
    return state


class ConsentControl(QObject):
    sig_recorded = Signal(int, object)

    def __init__(self, ui: Ui_GroupedSendDialog, model: ClientListModel, context: SendContext,
                 pool: QThreadPool, parent: QObject) -> None:
        super().__init__(parent)
        self.ui, self.model, self.context, self._pool = ui, model, context, pool
        self._client_id: int | None = None
        selection: QItemSelectionModel = ui.clientList.selectionModel()
        selection.currentRowChanged.connect(self._on_current_changed)
        ui.grantConsentButton.clicked.connect(self._on_grant)
        ui.refuseConsentButton.clicked.connect(self._on_refuse)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        client = self.model.client_at(current.row()) if current.isValid() else None
        self._client_id = client.id if client is not None else None
        self._show()

    def _show(self, note: str = "") -> None:
        ui, client_id = self.ui, self._client_id
        can = client_id is not None and self.context.user is not None
        ui.grantConsentButton.setEnabled(can)
        ui.refuseConsentButton.setEnabled(can)
        if client_id is None:
            ui.consentLabel.setText("Consentement aux promotions : sélectionnez un client")
            return
        row = self.model.row_of(client_id)
        client = self.model.client_at(row) if row is not None else None
        name = client.full_name if client is not None else f"n° {client_id}"
        state = STATE_LABELS[self.model.consent_of(client_id)].lower()
        ui.consentLabel.setText(f"Promotions pour {name} : <b>{state}</b>{note}")

    @Slot()
    def _on_grant(self) -> None:
        self._record(ConsentState.GRANTED)

    @Slot()
    def _on_refuse(self) -> None:
        self._record(ConsentState.REFUSED)

    def _record(self, state: ConsentState) -> None:
        if self._client_id is None:
            return
        self.ui.grantConsentButton.setEnabled(False)
        self.ui.refuseConsentButton.setEnabled(False)
        task = Task(record_consent, self.context, self._client_id, state)
        task.sig_done.connect(self._on_recorded)
        task.sig_failed.connect(self._on_failed)
        task.start(self._pool)

    @Slot(object)
    def _on_recorded(self, state: ConsentState) -> None:
        if self._client_id is None:
            return
        self.model.set_client_consent(self._client_id, state)
        self._show(" (enregistré)")
        self.sig_recorded.emit(self._client_id, state)

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        self._show(f" — non enregistré : {error_message(exc)}")  # type: ignore[arg-type]
