"""Coordinates the windows of the running app: sign-in, sync state, Paramètres, sending.

What lies below the GUI (the cache and its use cases, the API factory, the demo backend)
is built by the composition root (``sobrus_comm.bootstrap``) and handed in as
:class:`~sobrus_comm.services.app_services.AppServices`; this object never opens the store
nor builds an API client itself. Sending (dialog, resume, resend, quiet hours) is
:class:`~sobrus_comm.gui.sending.Sending`'s, which is given what it needs.

Signals:
    sig_ready(): the window shows what it will show (first sync done, or failed, or no
        session): the moment ``--screenshot`` grabs it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from sobrus_comm.domain.models import Permission
from sobrus_comm.gui.login_dialog import LoginDialog
from sobrus_comm.gui.main_window import MainWindow
from sobrus_comm.gui.recharge_follow_up import RechargeFollowUp
from sobrus_comm.gui.replies_follow_up import RepliesFollowUp
from sobrus_comm.gui.schedules.scheduling import Scheduling
from sobrus_comm.gui.sending import Sending
from sobrus_comm.gui.settings.qsettings_store import QSettingsStore
from sobrus_comm.logging_setup import get_logger
from sobrus_comm.paths import AppPaths
from sobrus_comm.services.app_services import AppServices
from sobrus_comm.services.auth import NO_KEYRING_FR, Session, Unavailable
from sobrus_comm.services.known_user import (
    CurrentUser,
    known_user_from_json,
    known_user_json,
    resume_or_known,
)
from sobrus_comm.services.preferences import Preferences, PreferencesService
from sobrus_comm.services.workspace import Cache, StoreError, Workspace
from sobrus_comm.workers.sync_worker import SyncWorker
from sobrus_comm.workers.task import Task, error_message
from sobrus_comm.workers.threads import start_in_thread, stop_thread

if TYPE_CHECKING:
    from sobrus_comm.gui.settings import SettingsDialog

log = get_logger("app")

RETRY_RESUME_MS = 60_000
KNOWN_USER_KEY = "account/knownUser"  # the account as last seen: opens offline as them


class AppController(QObject):
    sig_ready = Signal()

    def __init__(self, paths: AppPaths, settings: QSettings, *, services: AppServices,
                 demo: bool = False) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.demo = demo
        self.services = services
        self.auth = services.auth
        self.session: Session | None = None
        self.workspace: Workspace | None = None
        self.window: MainWindow | None = None
        self.sync_worker: SyncWorker | None = None
        self._sync_thread: QThread | None = None
        self._history_reads = 0  # the latest read of a whole history (older ones are stale)
        self._login: LoginDialog | None = None
        self._task: Task | None = None
        self._ready_sent = False
        self._closed = False
        self._notices: set[str] = set()  # storage problems already told, once each
        self.sending = Sending(self.prefs, self)
        self.sending.sig_sync_wanted.connect(self._on_sync_requested)
        self.sending.sig_recharge_requested.connect(self.open_recharge)
        self.sending.sig_balance_changed.connect(self._on_balance)
        self.scheduling = Scheduling(self)  # « Envois programmés » and the scheduler
        self.scheduling.sig_recharge_requested.connect(self.open_recharge)
        self.scheduling.sig_sync_wanted.connect(self._on_sync_requested)
        self.scheduling.sig_sync_wanted.connect(self.sending.refresh_labels)  # history tags
        self.sending.sig_schedule_requested.connect(self.scheduling.open_editor)
        self._settings_dialog: SettingsDialog | None = None
        self._resume_offered = False
        self.credits: int | None = None
        self.preferences = PreferencesService(QSettingsStore(settings))
        self.recharges = RechargeFollowUp(settings, services, self)
        self.recharges.demo = demo
        self.recharges.sig_activated.connect(self._on_recharge_activated)
        self.replies = RepliesFollowUp(self)  # clients' answers and consent (issue 14)
        self._resume_timer = QTimer(self, singleShot=True, interval=RETRY_RESUME_MS)
        self._resume_timer.timeout.connect(self._begin_session)

    # -- start-up -------------------------------------------------------------------------
    @property
    def db(self) -> Cache | None:
        """The open cache handle (passed on to dialogs and workers, never queried here)."""
        return self.workspace.cache if self.workspace is not None else None

    @property
    def sandbox(self) -> Any:
        """The demo backend, once started."""
        return self.services.sandbox

    def open_cache(self) -> Workspace:
        """Open the cache (raises ``StoreError`` when it cannot be used at all)."""
        self.workspace = self.services.open_workspace(self.demo, self._quiet_rules, self._caps)
        return self.workspace

    def _quiet_rules(self) -> Any:
        return self.prefs().quiet_hours

    def _caps(self) -> Any:
        return self.prefs().frequency_caps

    def build_window(self) -> MainWindow:
        window = MainWindow(self.settings)
        self.attach_window(window, rows_loaded=False)
        return window

    def attach_window(self, window: MainWindow, *, rows_loaded: bool) -> None:
        """Wire a window, maybe already painted with the prefetched history (rows_loaded)."""
        workspace = self.workspace
        assert workspace is not None
        self.window = window
        window.set_demo_mode(self.demo)
        if not rows_loaded:
            self._show_history(workspace)
        self.credits = workspace.credits()
        self.sending.credits = self.credits
        window.set_balance(self.credits, self.prefs().low_balance_threshold)
        window.sig_sync_requested.connect(self._on_sync_requested)
        window.sig_grouped_send_requested.connect(self.sending.open_grouped_send)
        window.sig_settings_requested.connect(self._on_settings_requested)
        window.sig_balance_requested.connect(self.open_balance)
        window.history.sig_resend_requested.connect(self.sending.resend)
        window.history.campaign_label = self.sending.campaign_label
        window.sig_closing.connect(self.shutdown)
        self._attach_sending()
        self.scheduling.attach(window, workspace.schedules)
        window.sig_schedules_requested.connect(self.scheduling.open_view)
        self.replies.attach(window, workspace.consent)

    def _show_history(self, workspace: Workspace) -> None:
        """The newest rows at once; a long history's rest read off the GUI thread (a
        million rows take seconds), handed over as the prefetch does."""
        assert self.window is not None
        rows, total = workspace.history_first_page()
        self.window.history.set_rows(rows, total=total)
        if total > len(rows):
            self._history_reads += 1
            task = Task(_read_history, self._history_reads, workspace)
            task.sig_done.connect(self._on_history_read)
            task.sig_failed.connect(self._on_history_unread)
            task.start()

    @Slot(object)
    def _on_history_read(self, result: tuple[int, Any]) -> None:
        read, rows = result
        if read == self._history_reads and self.window is not None:  # not a former cache
            self.window.history.deliver_rows(rows)

    @Slot(object)
    def _on_history_unread(self, exc: Exception) -> None:
        # The newest rows stay; the next full sync reloads the whole history.
        log.warning("history not read: %r", exc)
        if self.window is not None:
            self.window.history.deliver_rows(None)

    def _attach_sending(self) -> None:
        assert self.window is not None and self.workspace is not None
        self.sending.attach(self.window, self.workspace.campaigns, self.workspace.cache,
                            self.make_api)

    def has_account(self) -> bool:
        """Demo, or an account configured on this workstation: a session will be tried."""
        return self.demo or bool(self.settings.value("account/server", "")
                                 and self.settings.value("account/username", ""))

    def start(self) -> None:
        """After the window is shown: sign in (or resume), then sync, off the GUI thread;
        meanwhile, check that the cache can be written (else say so, and why an
        unfinished send cannot go on)."""
        QTimer.singleShot(0, self._begin_session)
        if self.workspace is not None:
            task = Task(self.workspace.write_problem)
            task.sig_done.connect(self._on_write_checked)
            task.start()

    @Slot(object)
    def _on_write_checked(self, problem: str | None) -> None:
        if problem:
            self._storage_problem(problem)

    @Slot(str)
    def _storage_problem(self, message: str) -> None:
        """The cache cannot be written (read-only file, full disk): said plainly, once,
        and an unfinished send is offered all the same, with the reason it must wait."""
        window = self.window
        if window is None:
            return
        window.statusBar().showMessage(message, 60_000)
        if message not in self._notices:
            self._notices.add(message)
            box = QMessageBox(QMessageBox.Icon.Warning, "Enregistrement impossible", message,
                              QMessageBox.StandardButton.Ok, window)
            box.setObjectName("storageProblemNotice")
            box.finished.connect(box.deleteLater)
            box.open()
        if not self._resume_offered:
            self._resume_offered = True
            self.sending.offer_resume(reason=message)
        self._emit_ready()

    @Slot()
    def _begin_session(self) -> None:
        if self.demo:
            self._run(self._start_demo, self._on_session, self._on_session_failed)
            return
        server = str(self.settings.value("account/server", "") or "")
        username = str(self.settings.value("account/username", "") or "")
        if not server or not username:
            self.ask_login()
            return
        self._run(resume_or_known, self._on_resumed, self._on_session_failed,
                  self.auth, server, username, self._known_user())

    def _start_demo(self) -> Session:
        return self.services.start_demo()

    def _run(self, fn: Callable[..., Any], done: Callable[[Any], None],
             failed: Callable[[Any], None], *args: Any) -> None:
        self._task = Task(fn, *args)
        self._task.sig_done.connect(done)
        self._task.sig_failed.connect(failed)
        self._task.start()

    @Slot(object)
    def _on_resumed(self, session: Session | None) -> None:
        if session is None:
            self.ask_login("Votre session a expiré. Veuillez vous reconnecter.")
        else:
            self._on_session(session)

    @Slot(object)
    def _on_session_failed(self, exc: BaseException) -> None:
        window = self.window
        if window is None:
            return
        if isinstance(exc, Unavailable):
            # Read-only from the cache, and try again in a minute.
            window.set_sync_state("offline", exc.message_fr, datetime.now())
            self._resume_timer.start()
        else:
            window.set_sync_state("error", error_message(exc))
            if not self.demo:
                self.ask_login(error_message(exc))
        self._emit_ready()

    def ask_login(self, message: str = "") -> None:
        if self.window is None or self._login is not None:
            return
        server = str(self.settings.value("account/server", "") or "")
        username = str(self.settings.value("account/username", "") or "")
        dialog = LoginDialog(self.auth, server, username, self.window, message=message,
                             welcome=not server)
        dialog.sig_logged_in.connect(self._on_session)
        dialog.sig_demo_requested.connect(self._switch_to_demo)
        dialog.finished.connect(self._on_login_closed)
        self._login = dialog
        dialog.open()
        self._emit_ready()

    @Slot()
    def _on_login_closed(self) -> None:
        self._login = None

    @Slot()
    def _switch_to_demo(self) -> None:
        """« Découvrir en mode démonstration »: the demo's own cache and backend, at once."""
        self._stop_workers()
        if self.workspace is not None:
            self.workspace.close()
        self.demo = self.recharges.demo = True
        workspace = self.open_cache()
        assert self.window is not None
        self.window.set_demo_mode(True)
        self._attach_sending()
        self._show_history(workspace)
        self.window.set_balance(workspace.credits())
        self._begin_session()

    # -- signed in ------------------------------------------------------------------------
    @Slot(object)
    def _on_session(self, session: Session) -> None:
        self.session = session
        window = self.window
        assert window is not None
        user = session.current.user
        window.set_user(user.display_name, user.can(Permission.SEND_SMS))
        self.sending.set_session(user, session.current.pharmacy_name)
        self.replies.set_session(user.display_name, user.can(Permission.SEND_SMS))
        self.preferences = PreferencesService(
            QSettingsStore(self.settings),
            defaults=Preferences(pharmacy_name=session.current.pharmacy_name))
        self._drop_settings_dialog()  # it was built for the previous user
        if not session.demo:
            self.settings.setValue("account/server", session.server)
            self.settings.setValue("account/username", session.username)
            self.settings.setValue(KNOWN_USER_KEY, known_user_json(session.current))
        if not self.auth.store.available and not session.demo:
            window.statusBar().showMessage(NO_KEYRING_FR, 15_000)
        self._start_sync(session)

    def _start_sync(self, session: Session) -> None:
        if self.sync_worker is not None:
            self.sync_worker.set_token(session.token)
            self.sync_worker.request_sync()
            return
        assert self.db is not None and self.window is not None
        worker = SyncWorker(self.db, self.services.api_factory(session),
                            interval_ms=self.prefs().sync_interval_min * 60_000)
        window = self.window
        worker.sig_state_changed.connect(self._on_sync_state)
        worker.sig_storage_failed.connect(self._storage_problem)
        worker.sig_history_reset.connect(window.history.set_rows)
        worker.sig_history_rows.connect(window.history.upsert_rows)
        worker.sig_history_progress.connect(window.history.show_sync_progress)
        worker.sig_balance_changed.connect(self._on_balance)
        worker.sig_login_required.connect(self.ask_login)
        worker.sig_synced.connect(self._on_synced)
        worker.sig_template_conflicts.connect(self._on_template_conflicts)
        self.sync_worker = worker
        self._sync_thread = start_in_thread(worker, worker.run, stopped=worker.sig_stopped,
                                            name="sync")
        self._start_scheduler(session)
        if self._settings_dialog is not None:
            self._settings_dialog.connect_sync_worker(worker)

    def _start_scheduler(self, session: Session) -> None:
        if self.workspace is None:
            return
        self.workspace.schedules.set_pharmacy_name(
            self.prefs().pharmacy_name or session.current.pharmacy_name)
        self.scheduling.start(self.services.api_factory(session),
                              session.current.user.can(Permission.SEND_SMS))

    @Slot(str, str, object)
    def _on_sync_state(self, state: str, detail: str, since: object) -> None:
        if self.window is not None:
            self.window.set_sync_state(state, detail,
                                       since.astimezone() if isinstance(since, datetime)
                                       else None)
        if state in ("offline", "error"):
            self._emit_ready()

    @Slot(object)
    def _on_synced(self, report: object) -> None:
        self.replies.on_synced(report)  # the badge, and who opted out by reply
        self._emit_ready()
        if self.window is not None:  # the ledger's pace: the warning may fire on it
            self.window.set_forecast(getattr(report, "credit_forecast", None))
        if not self._resume_offered:
            self._resume_offered = True
            self.sending.offer_resume()
            if self.session is not None and self.db is not None:
                self.recharges.check(self.session, self.db, self.credits)

    @Slot(object)
    def _on_template_conflicts(self, conflicts: list[Any]) -> None:
        """Someone changed a template on the server while it was edited here: never
        overwritten silently, the user chooses in Paramètres › Modèles de message."""
        if self.window is None or not conflicts:
            return
        names = ", ".join(f"« {c.local.name} »" for c in conflicts)
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Modèle modifié ailleurs",
            f"Le modèle {names} a été modifié sur Sobrus pendant que vous le modifiiez ici. "
            "Aucune version n'a été écrasée : choisissez celle à garder.",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close, self.window)
        box.setObjectName("templateConflictNotice")
        box.button(QMessageBox.StandardButton.Open).setText("Voir les deux versions")
        box.button(QMessageBox.StandardButton.Close).setText("Plus tard")
        box.accepted.connect(self._open_templates)
        box.finished.connect(box.deleteLater)
        box.open()

    @Slot()
    def _open_templates(self) -> None:
        self.open_settings("templates")

    @Slot(int)
    def _on_balance(self, credits: int) -> None:
        self.credits = credits
        self.sending.credits = credits
        if self.window is not None:
            self.window.set_balance(credits, self.prefs().low_balance_threshold)

    def prefs(self) -> Preferences:
        return self.preferences.load()

    def make_api(self) -> Any:
        """A client for the current session, built in the calling (worker) thread; raises
        the backend's « non connecté » error when nobody is signed in."""
        return self.services.api_factory(self.session)()

    def open_for_screenshot(self, name: str) -> QWidget:
        """The window ``--screenshot --window NAME`` shows, open over the main window."""
        assert self.window is not None
        if name == "grouped-send":
            self.sending.open_grouped_send()
            dialog = self.sending.dialog
            assert dialog is not None
            first = dialog.model.client_at(0)
            if first is not None:
                dialog.select_client(first.id)  # the preview shows a real client's message
            dialog.estimate_now()
            return dialog
        if name == "login":
            self.ask_login()
            assert self._login is not None
            return self._login
        if name == "settings":
            self.open_settings()
            assert self._settings_dialog is not None
            return self._settings_dialog
        return self.window

    # -- Paramètres -----------------------------------------------------------------------
    def open_settings(self, section: str | None = None) -> None:
        if self.window is None or self.db is None:
            return
        dialog = self._settings_dialog
        if dialog is None:
            from sobrus_comm.gui.settings import SettingsContext, SettingsDialog

            session = self.session
            pharmacy = session.current if session else None
            context = SettingsContext(
                db=self.db, preferences=self.preferences,
                user=session.current.user if session else None,
                # Its own client: one per thread, and the dialog works on its own.
                api=self.services.api_factory(session)() if session else None,
                server_url=session.server if session else "",
                pharmacy_label=", ".join(filter(None, (pharmacy.pharmacy_name,
                                                       pharmacy.pharmacy_city)))
                if pharmacy else "",
                forget_credentials=self._forget_credentials,
                planned_credits=self.workspace.schedules.planned_credits
                if self.workspace is not None else None)
            dialog = SettingsDialog(context, self.window)
            dialog.sig_logout_requested.connect(self.logout)
            dialog.sig_switch_user_requested.connect(self.switch_user)
            dialog.sig_preferences_changed.connect(self._on_preferences_changed)
            dialog.sig_balance_changed.connect(self._on_balance)
            dialog.sig_recharge_activated.connect(self._on_recharge_activated)
            if self.sync_worker is not None:
                dialog.connect_sync_worker(self.sync_worker)
            self._settings_dialog = dialog
        if section:
            dialog.show_section(section)
        dialog.open()

    @Slot()
    def _on_settings_requested(self) -> None:
        self.open_settings()

    @Slot()
    def open_balance(self) -> None:
        self.open_settings("balance")

    @Slot()
    def open_recharge(self) -> None:
        self.open_settings("recharge")

    def _drop_settings_dialog(self) -> None:
        if self._settings_dialog is not None:
            # What it saw is remembered, so that an activation while closed is told later.
            known = self._settings_dialog.known_recharge_requests()
            if known:
                self.recharges.remember(known)
            self._settings_dialog.close()
            self._settings_dialog.deleteLater()
            self._settings_dialog = None

    def _forget_credentials(self) -> None:
        if self.session is not None:
            self.auth.store.forget(self.session.server, self.session.username)

    @Slot(object)
    def _on_preferences_changed(self, prefs: Preferences) -> None:
        if self.window is not None:
            self.window.set_balance(self.credits, prefs.low_balance_threshold)
        if self.sync_worker is not None:
            self.sync_worker.set_interval(prefs.sync_interval_min * 60_000)

    @Slot(str)
    def _on_recharge_activated(self, message: str) -> None:
        if self.window is None:
            return
        self.window.statusBar().showMessage(message, 15_000)
        box = QMessageBox(QMessageBox.Icon.Information, "Recharge activée", message,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("rechargeActivatedNotice")
        box.finished.connect(box.deleteLater)
        box.open()

    @Slot()
    def logout(self) -> None:
        """« Se déconnecter »: workers stopped, secrets forgotten, the login shown."""
        session = self.session
        self._end_session()
        if session is not None:
            self._run(self.auth.logout, self._on_logged_out, self._on_logged_out, session)
        self.ask_login()

    @Slot()
    def switch_user(self) -> None:
        """Shared counter: someone else signs in; the previous user's secrets stay theirs."""
        self._end_session()
        self.settings.remove("account/username")
        self.ask_login()

    @Slot(object)
    def _on_logged_out(self, _result: object) -> None:
        log.info("Session fermée")

    def _known_user(self) -> CurrentUser | None:
        return known_user_from_json(str(self.settings.value(KNOWN_USER_KEY, "") or ""))

    def _end_session(self) -> None:
        self.settings.remove(KNOWN_USER_KEY)  # signed out: no offline session any more
        self._stop_workers()
        self._drop_settings_dialog()
        self.session = None
        self.sending.set_session(None)
        if self.window is not None:
            self.window.set_user(None)
            self.window.set_sync_state("offline", "Non connecté")

    def _emit_ready(self) -> None:
        if not self._ready_sent:
            self._ready_sent = True
            self.sig_ready.emit()

    @Slot()
    def _on_sync_requested(self) -> None:
        if self._closed:
            return  # a delayed request outliving the app
        if self.sync_worker is not None:
            self.sync_worker.request_sync()
        elif self.session is None:
            self._begin_session()

    # -- the end --------------------------------------------------------------------------
    def _stop_workers(self) -> None:
        self._resume_timer.stop()
        self.sending.stop()
        self.scheduling.stop()
        if self.sync_worker is not None and self._sync_thread is not None:
            self.sync_worker.stop()
            if not stop_thread(self._sync_thread):
                log.warning("La synchronisation ne s'est pas arrêtée à temps")
            self.sync_worker = None
            self._sync_thread = None

    @Slot()
    def shutdown(self) -> None:
        self._closed = True
        self._stop_workers()
        self._drop_settings_dialog()
        self.services.stop()
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None


def _read_history(read: int, workspace: Workspace) -> tuple[int, Any]:
    """In a pool thread: every row of the cache, tagged with the read it answers; None
    when the cache cannot be read now (the newest rows stay on screen)."""
    try:
        return read, workspace.history_rows()
    except StoreError as exc:
        log.warning("history not read: %r", exc)
        return read, None
