"""« Envoyer un test »: the current message to 1–3 people before the real send.

Each line takes a mobile number or a client of the list (completion on « Nom — numéro »).
A typed number gets the message exactly as the previewed client will.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QCompleter, QDialog, QLineEdit, QWidget

from sobrus_comm.domain.models import Client
from sobrus_comm.domain.phones import normalize_phone
from sobrus_comm.domain.recipients import client_display_name
from sobrus_comm.gui.generated.ui_test_send_dialog import Ui_TestSendDialog
from sobrus_comm.gui.screen_fit import fit_to_screen
from sobrus_comm.services.send_planning import MAX_TEST_RECIPIENTS, TestTarget


def client_label(client: Client) -> str:
    phone = " ".join((client.phone or "").split()) or "sans numéro"
    return f"{client_display_name(client)} — {phone}"


class TestSendDialog(QDialog):
    __test__ = False  # not a pytest test class, whatever its name says

    def __init__(self, clients: Sequence[Client], sample_name: str, sample_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_TestSendDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)  # small counter screens: never larger than the screen
        self._by_label = {client_label(c): c for c in clients}
        self._by_name: dict[str, list[Client]] = {}
        for client in clients:
            self._by_name.setdefault(client_display_name(client).casefold(), []).append(client)
        completer = QCompleter(list(self._by_label), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        for edit in self.edits():
            edit.setCompleter(completer)
            edit.textEdited.connect(self._on_edited)
        self.ui.hintLabel.setText(
            "Saisissez un numéro de mobile (ex. 06 12 34 56 78) ou le nom d'un client de la "
            f"liste. Un numéro saisi reçoit le message tel que le recevra {sample_name}.")
        self.ui.samplePreview.setPlainText(sample_text)
        self._targets: list[TestTarget] = []
        self.ui.cancelButton.clicked.connect(self.reject)
        self.ui.sendTestButton.clicked.connect(self._on_send)

    def edits(self) -> list[QLineEdit]:
        ui = self.ui
        return [ui.testRecipient1, ui.testRecipient2, ui.testRecipient3][:MAX_TEST_RECIPIENTS]

    def targets(self) -> list[TestTarget]:
        """The recipients, once the dialog is accepted."""
        return list(self._targets)

    def resolve(self) -> tuple[list[TestTarget], list[str]]:
        """The recipients typed, and what is wrong with the others (in French)."""
        targets: list[TestTarget] = []
        problems: list[str] = []
        for n, edit in enumerate(self.edits(), start=1):
            text = edit.text().strip()
            if not text:
                continue
            client = self._by_label.get(text)
            if client is None:
                named = self._by_name.get(text.casefold(), [])
                client = named[0] if len(named) == 1 else None
            if client is not None:
                targets.append(TestTarget(client=client))
            elif normalize_phone(text).ok:
                targets.append(TestTarget(phone=text))
            else:
                problems.append(f"Destinataire {n} : « {text} » n'est ni un numéro de mobile "
                                "valide ni un client de la liste.")
        if not targets and not problems:
            problems.append("Indiquez au moins un destinataire pour le test.")
        return targets, problems

    @Slot()
    def _on_edited(self) -> None:
        self.ui.problemsLabel.setVisible(False)  # stale once the user corrects the line

    @Slot()
    def _on_send(self) -> None:
        targets, problems = self.resolve()
        self.ui.problemsLabel.setText("\n".join(problems))
        self.ui.problemsLabel.setVisible(bool(problems))
        if problems:
            return
        self._targets = targets
        self.accept()
