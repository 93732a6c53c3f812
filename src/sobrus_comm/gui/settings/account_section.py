"""« Compte »: the server, the signed-in user and permissions, log out, switch user.

Signals:
    sig_logout_requested(): the stored credentials were removed; show the login.
    sig_switch_user_requested(): another staff member signs in (shared counter workstation).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from sobrus_comm.domain.models import Permission
from sobrus_comm.gui.generated.ui_settings_dialog import Ui_SettingsDialog
from sobrus_comm.gui.settings.context import SettingsContext
from sobrus_comm.logging_setup import get_logger

log = get_logger("settings")

PERMISSION_LABELS = (
    (Permission.SEND_SMS, "Envoyer des SMS"),
    (Permission.MANAGE_TEMPLATES, "Gérer les modèles de message"),
    (Permission.REQUEST_RECHARGE, "Demander une recharge de SMS"),
)

Ask = Callable[[str, str], bool]


class AccountSection(QObject):
    sig_logout_requested = Signal()
    sig_switch_user_requested = Signal()

    def __init__(self, ui: Ui_SettingsDialog, ctx: SettingsContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ui, self.ctx, self._parent = ui, ctx, parent
        self.ask: Ask = self._ask_box  # replaceable in tests
        self.warn: Callable[[str], None] = self._warn_box
        user = ctx.user
        ui.serverValueLabel.setText(ctx.server_url or "—")
        if user is None:
            ui.userValueLabel.setText("Non connecté")
            ui.permissionsLabel.setText("—")
        else:
            who = f"{user.display_name} ({user.username})"
            if ctx.pharmacy_label:
                who += f" — pharmacie {ctx.pharmacy_label}"
            ui.userValueLabel.setText(who)
            ui.permissionsLabel.setText("<br>".join(
                f"<span style='color:#0d5e2a'>✔ {escape(label)}</span>" if user.can(perm)
                else f"<span style='color:#777'>✘ {escape(label)}</span>"
                for perm, label in PERMISSION_LABELS))
        ui.logoutButton.setEnabled(user is not None)
        ui.switchUserButton.setText("Changer d'utilisateur" if user else "Se connecter…")
        ui.logoutButton.clicked.connect(self._on_logout)
        ui.switchUserButton.clicked.connect(self._on_switch_user)

    @Slot()
    def _on_logout(self) -> None:
        if not self.ask("Se déconnecter",
                        "Se déconnecter de Sobrus Communications ? L'identifiant et le mot de "
                        "passe enregistrés sur ce poste seront effacés."):
            return
        try:
            self.ctx.forget_credentials()
        except Exception as exc:  # the keyring may be missing or locked: say so, log out anyway
            log.warning("Effacement des identifiants impossible : %s", type(exc).__name__)
            self.warn("Les identifiants enregistrés n'ont pas pu être effacés du trousseau "
                      "du système. Vous êtes néanmoins déconnecté.")
        self.sig_logout_requested.emit()

    @Slot()
    def _on_switch_user(self) -> None:
        self.sig_switch_user_requested.emit()

    def _ask_box(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self._parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def _warn_box(self, text: str) -> None:
        QMessageBox.warning(self._parent, "Se déconnecter", text)
