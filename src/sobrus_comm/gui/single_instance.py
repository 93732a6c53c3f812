"""One running copy per data folder: a second double-click brings the first window forward.

Two guards, for two different jobs:

* a :class:`QLockFile` in the data folder is the guarantee. Only its holder opens the
  database and drains the outbox; it is released by the OS when the process dies (a stale
  lock of a dead PID is taken over), so a crash never locks the pharmacist out.
* a :class:`QLocalServer` (a named pipe on Windows, a socket on Linux) is the doorbell: the
  second copy rings it to say "show yourself", then exits. Its name is derived from the
  user and the data folder, so two users of a shared workstation, or a demo folder next to
  the real one, never ring each other.

Usage in the composition root, after the QApplication exists and before the database opens::

    instance = acquire_single_instance(paths.data)
    if instance is None:
        return 0  # the running copy was asked to come forward
    instance.sig_activation_requested.connect(window.bring_to_front)
    ...
    instance.release()
"""

from __future__ import annotations

import getpass
import hashlib
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from sobrus_comm.logging_setup import get_logger

log = get_logger("gui")

LOCK_FILE_NAME = "sobrus-comm.lock"
ACTIVATE = b"sobrus-comm:activate\n"
ACK = b"ok\n"
# How long the second copy waits for the first to answer. The first may be busy starting up;
# past this the second copy still exits: the data folder is taken either way.
CONNECT_TIMEOUT_MS = 1000
ACK_TIMEOUT_MS = 2000
# The first copy takes the lock a few milliseconds before its server listens: a second copy
# started in between waits this long on the lock, then rings again.
RETRY_LOCK_WAIT_MS = 500
ATTEMPTS = 3
HEADLESS_PLATFORMS = ("offscreen", "minimal")


def server_name(data_dir: Path) -> str:
    """Per user and per data folder; short, since a Unix socket path has ~100 characters."""
    folder = os.path.normcase(str(data_dir.expanduser().resolve()))
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers): the folder still tells
        user = ""
    digest = hashlib.sha256(f"{user}\0{folder}".encode()).hexdigest()[:20]
    return f"sobrus-comm-{digest}"


class _Connection(QObject):
    """One ring of the doorbell: read the request line, answer, forget."""

    sig_activate = Signal()

    def __init__(self, socket: QLocalSocket, parent: QObject) -> None:
        super().__init__(parent)
        self._socket = socket
        socket.setParent(self)
        socket.readyRead.connect(self._on_ready_read)
        socket.disconnected.connect(self.deleteLater)

    @Slot()
    def _on_ready_read(self) -> None:
        if not self._socket.canReadLine():
            return
        if bytes(self._socket.readLine().data()) == ACTIVATE:
            self._socket.write(ACK)
            self._socket.flush()
            self.sig_activate.emit()
        self._socket.disconnectFromServer()


class SingleInstance(QObject):
    """Held by the running copy: the data-folder lock and the doorbell server."""

    sig_activation_requested = Signal()

    def __init__(self, lock: QLockFile, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock: QLockFile | None = lock
        self._server = QLocalServer(self)
        # Only the same user may ring (socket file mode on Unix, pipe ACL on Windows).
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)
        self.name = name
        if not self._server.listen(name):
            # A socket file left by a crashed copy; we hold the lock, so it is nobody's.
            QLocalServer.removeServer(name)
            if not self._server.listen(name):
                # The lock still protects the data; only the "bring forward" is lost.
                log.warning("Serveur d'instance unique indisponible : %s",
                            self._server.errorString())

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    @Slot()
    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            connection = _Connection(socket, self)
            connection.sig_activate.connect(self.sig_activation_requested)

    def release(self) -> None:
        """Stop answering and free the data folder. Safe to call twice."""
        self._server.close()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def _ring(name: str) -> bool:
    """Ask the running copy to come forward; True once it has answered."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(ACTIVATE)
    answered = (socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
                and socket.waitForReadyRead(ACK_TIMEOUT_MS)
                and bytes(socket.readLine().data()) == ACK)
    socket.disconnectFromServer()
    return answered


def _allow_foreground(lock: QLockFile) -> None:
    """Windows only lets the process that received the click take the foreground.

    The second copy has that right: hand it to the first, so its window really comes to
    the front instead of only flashing in the taskbar.
    """
    if sys.platform != "win32":
        return
    pid = lock.getLockInfo()[0]  # PySide6 returns (pid, hostname, appname); 0 if unknown
    if pid > 0:
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(int(pid))  # type: ignore[attr-defined]


def acquire_single_instance(data_dir: Path) -> SingleInstance | None:
    """Become the running copy for ``data_dir``, or ring the one that already is.

    Returns None when another live process holds ``data_dir``: it was asked to show itself
    (if it answered) and the caller must exit without touching the data. Call it once the
    QApplication exists (RuntimeError otherwise) and before the database is opened.
    """
    if QCoreApplication.instance() is None:
        # A server created before the application has no event dispatcher: it would listen
        # but never answer, and every second launch would wait for nothing.
        raise RuntimeError("acquire_single_instance() needs a QApplication: create it first")
    data_dir.mkdir(parents=True, exist_ok=True)
    name = server_name(data_dir)
    lock = QLockFile(str(data_dir / LOCK_FILE_NAME))
    # 0: never stale by age. A lock is taken over only when its PID is no longer running.
    lock.setStaleLockTime(0)
    for attempt in range(ATTEMPTS):
        if lock.tryLock(0 if attempt == 0 else RETRY_LOCK_WAIT_MS):
            return SingleInstance(lock, name)
        if lock.error() != QLockFile.LockError.LockFailedError:
            # Not another copy: the folder refuses the lock file (checked before, by
            # data_dir_check; this is a folder that changed since). Say what happened.
            log.error("Verrou impossible dans %s (%s) : dossier non accessible en écriture",
                      data_dir, lock.error().name)
            return None
        _allow_foreground(lock)
        if _ring(name):
            log.info("Déjà ouvert : la fenêtre existante est ramenée au premier plan")
            return None
    log.warning("Déjà ouvert, mais l'autre instance ne répond pas ; fermeture de celle-ci")
    return None


def bring_to_front(window: QWidget) -> None:
    """Un-minimise, raise and focus ``window`` (the slot body for sig_activation_requested)."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    # Headless platforms have no stacking order and warn on raise(); nothing to bring forward.
    if QGuiApplication.platformName() not in HEADLESS_PLATFORMS:
        window.raise_()
    window.activateWindow()
