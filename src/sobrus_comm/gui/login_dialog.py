"""« Connexion à Sobrus »: username, password, « Se souvenir de moi »; the server address
(the Sobrus server by default: a pharmacist does not know one) under « Avancé ».

The login itself runs on the thread pool; the dialog stays responsive and says in French
what went wrong (wrong password, server unreachable, no permission).

Signals:
    sig_logged_in(object): the :class:`~sobrus_comm.services.auth.Session`.
    sig_demo_requested(): « Découvrir en mode démonstration » was clicked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QWidget

from sobrus_comm.gui.generated.ui_login_dialog import Ui_LoginDialog
from sobrus_comm.gui.screen_fit import fit_to_screen
from sobrus_comm.services.auth import (
    SOBRUS_SERVER,
    ApiError,
    AuthService,
    Session,
    check_server_address,
    is_custom_server,
)
from sobrus_comm.workers.task import Task, error_message

WELCOME_TEXT = (
    "<p style='font-size:16px'><b>Bienvenue dans Sobrus Communications</b></p>"
    "<p style='font-weight:normal'>Connectez-vous avec vos identifiants Sobrus pour envoyer "
    "des SMS à vos clients, ou découvrez l'application en mode démonstration "
    "(des clients fictifs, aucun SMS réel).</p>"
)


class LoginDialog(QDialog):
    sig_logged_in = Signal(object)
    sig_demo_requested = Signal()

    def __init__(self, auth: AuthService, server: str = "", username: str = "",
                 parent: QWidget | None = None, *, message: str = "",
                 welcome: bool = False) -> None:
        super().__init__(parent)
        self.ui = Ui_LoginDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)  # small counter screens: never larger than the screen
        if welcome:
            # First run on this workstation: nothing configured yet, two ways in.
            self.setWindowTitle("Bienvenue dans Sobrus Communications")
            self.ui.titleLabel.setText(WELCOME_TEXT)
            self.ui.titleLabel.setWordWrap(True)
            self.ui.titleLabel.setStyleSheet("")  # the rich text sets its own sizes
        self.auth = auth
        self.session: Session | None = None
        self._task: Task | None = None
        self.ui.serverEdit.setText(server or SOBRUS_SERVER)
        self.ui.advancedToggle.toggled.connect(self._on_advanced_toggled)
        # Another address than Sobrus's (the support's, a test server) is shown, not hidden.
        self.ui.advancedToggle.setChecked(is_custom_server(server))
        self.ui.usernameEdit.setText(username)
        self.ui.loginButton.clicked.connect(self._on_login)
        self.ui.cancelButton.clicked.connect(self.reject)
        self.ui.demoButton.clicked.connect(self._on_demo)
        if message:
            self.show_error(message)
        (self.ui.passwordEdit if username else self.ui.usernameEdit).setFocus()

    @Slot(bool)
    def _on_advanced_toggled(self, shown: bool) -> None:
        self.ui.advancedPane.setVisible(shown)
        self.ui.advancedToggle.setArrowType(Qt.ArrowType.DownArrow if shown
                                            else Qt.ArrowType.RightArrow)
        self.adjustSize()

    def show_error(self, message: str) -> None:
        self.ui.errorLabel.setText(message)
        self.ui.errorLabel.setVisible(bool(message))
        if message and is_custom_server(self.ui.serverEdit.text()):
            self.ui.advancedToggle.setChecked(True)  # the address may be what is wrong

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.ui.serverEdit, self.ui.usernameEdit, self.ui.passwordEdit,
                       self.ui.rememberCheck, self.ui.loginButton, self.ui.demoButton):
            widget.setEnabled(not busy)
        self.ui.loginButton.setText("Connexion…" if busy else "Se connecter")

    @Slot()
    def _on_login(self) -> None:
        server = self.ui.serverEdit.text().strip()
        username = self.ui.usernameEdit.text().strip()
        password = self.ui.passwordEdit.text()
        if not username or not password:
            self.show_error("Renseignez l'identifiant et le mot de passe.")
            return
        if not server:  # emptied under « Avancé »: back to Sobrus's own
            server = SOBRUS_SERVER
            self.ui.serverEdit.setText(server)
        if "://" not in server:
            server = "https://" + server

        try:
            check_server_address(server)
        except ApiError as exc:
            self.show_error(exc.message_fr)
            return
        self.show_error("")
        self._set_busy(True)
        self._task = Task(self.auth.login, server, username, password,
                          remember=self.ui.rememberCheck.isChecked())
        self._task.sig_done.connect(self._on_success)
        self._task.sig_failed.connect(self._on_failure)
        self._task.start()

    @Slot(object)
    def _on_success(self, session: Session) -> None:
        self._set_busy(False)
        self.ui.passwordEdit.clear()
        self.session = session
        self.sig_logged_in.emit(session)
        self.accept()

    @Slot(object)
    def _on_failure(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.ui.passwordEdit.selectAll()
        self.ui.passwordEdit.setFocus()
        self.show_error(error_message(exc))

    @Slot()
    def _on_demo(self) -> None:
        self.sig_demo_requested.emit()
        self.reject()
