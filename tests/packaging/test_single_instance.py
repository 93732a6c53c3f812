"""Single instance: one copy per data folder; a second launch rings the first and exits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QLockFile
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from sobrus_comm.gui.single_instance import (
    ACTIVATE,
    LOCK_FILE_NAME,
    SingleInstance,
    acquire_single_instance,
    bring_to_front,
    server_name,
)
from sobrus_comm.paths import AppPaths

ROOT = Path(__file__).resolve().parents[2]
GOT_IT = 10  # tests/packaging/second_instance.py: this process got the folder


@pytest.fixture
def instance(qapp: QApplication, tmp_path: Path) -> Iterator[SingleInstance]:
    held = acquire_single_instance(tmp_path / "data")
    assert held is not None
    try:
        yield held
    finally:
        held.release()


def _second_copy(data_dir: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.packaging.second_instance", str(data_dir), *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_server_name_is_per_folder_short_and_stable(tmp_path: Path) -> None:
    a, b = server_name(tmp_path / "a"), server_name(tmp_path / "b")
    assert a != b
    assert a == server_name(tmp_path / "x" / ".." / "a")
    # Unix socket paths are limited to ~100 characters, temp dir included.
    assert len(a) < 40


def test_refuses_to_start_before_the_application(tmp_path: Path) -> None:
    code = ("import sys; from pathlib import Path\n"
            "from sobrus_comm.gui.single_instance import acquire_single_instance\n"
            "try:\n    acquire_single_instance(Path(sys.argv[1]))\n"
            "except RuntimeError:\n    sys.exit(3)\n")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 3, done.stderr


def test_holder_listens_and_locks_the_folder(instance: SingleInstance, tmp_path: Path) -> None:
    assert instance.listening
    other = QLockFile(str(tmp_path / "data" / LOCK_FILE_NAME))
    assert not other.tryLock(0)


def test_release_frees_the_folder_for_the_next_copy(qapp: QApplication, tmp_path: Path) -> None:
    first = acquire_single_instance(tmp_path)
    assert first is not None
    first.release()
    first.release()  # twice is harmless (aboutToQuit and a finally may both call it)
    second = acquire_single_instance(tmp_path)
    assert second is not None
    second.release()


def test_a_ring_emits_activation_and_is_answered(instance: SingleInstance, qtbot: QtBot) -> None:
    client = QLocalSocket()
    with qtbot.waitSignal(instance.sig_activation_requested, timeout=5000):
        client.connectToServer(instance.name)
        client.write(ACTIVATE)
    qtbot.waitUntil(lambda: client.canReadLine(), timeout=5000)
    assert bytes(client.readLine().data()) == b"ok\n"
    client.abort()


def test_a_stranger_message_is_ignored(instance: SingleInstance, qtbot: QtBot) -> None:
    client = QLocalSocket()
    with qtbot.assertNotEmitted(instance.sig_activation_requested, wait=300):
        client.connectToServer(instance.name)
        client.write(b"hello\n")
    client.abort()


def test_second_process_rings_the_first_and_exits_0(instance: SingleInstance, qtbot: QtBot,
                                                    tmp_path: Path) -> None:
    with qtbot.waitSignal(instance.sig_activation_requested, timeout=15000):
        proc = _second_copy(tmp_path / "data")
    # The event loop ran inside waitSignal: the server answered while the child waited.
    _out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err


def test_a_copy_killed_while_holding_does_not_lock_the_folder_out(qapp: QApplication,
                                                                  tmp_path: Path) -> None:
    holder = _second_copy(tmp_path, "--hold")
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        # While it lives, the folder is its own: a third copy is turned away.
        busy = subprocess.run(
            [sys.executable, "-m", "tests.packaging.second_instance", str(tmp_path)],
            cwd=ROOT, capture_output=True, text=True, timeout=30, check=False)
        assert busy.returncode == 0, busy.stderr
    finally:
        holder.send_signal(signal.SIGKILL) if sys.platform != "win32" else holder.kill()
        holder.communicate(timeout=15)
    # A crash leaves the lock file (and on Linux the socket file) behind: both are taken over.
    assert (tmp_path / LOCK_FILE_NAME).exists()
    taken = acquire_single_instance(tmp_path)
    assert taken is not None
    assert taken.listening
    taken.release()


@pytest.mark.skipif(sys.platform == "win32", reason="socket files exist on Unix only")
def test_a_leftover_socket_file_is_replaced(qapp: QApplication, tmp_path: Path) -> None:
    leftover = Path(QDir.tempPath()) / server_name(tmp_path)
    leftover.write_text("")
    try:
        taken = acquire_single_instance(tmp_path)
        assert taken is not None
        assert taken.listening
        taken.release()
    finally:
        leftover.unlink(missing_ok=True)


def test_bring_to_front_restores_a_minimised_window(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMinimized()
    bring_to_front(window)
    assert not window.isMinimized()
    assert window.isVisible()


def _entry_point_is_wired() -> bool:
    return "acquire_single_instance" in (ROOT / "src/sobrus_comm/app.py").read_text("utf-8")


@pytest.mark.skipif(not _entry_point_is_wired(),
                    reason="app.py does not call acquire_single_instance yet")
def test_second_launch_of_the_real_app_rings_the_first(qapp: QApplication, qtbot: QtBot,
                                                      tmp_path: Path) -> None:
    root = tmp_path / "root"
    held = acquire_single_instance(AppPaths.resolve(root).ensure().data)
    assert held is not None
    try:
        with qtbot.waitSignal(held.sig_activation_requested, timeout=30000):
            proc = subprocess.Popen(
                [sys.executable, "-m", "sobrus_comm", "--data-dir", str(root)],
                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        _out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
    finally:
        held.release()
