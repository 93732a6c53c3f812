"""A data folder that cannot be created or written stops the start with a French message.

Real subprocesses of the entry point on real folders: a path through a file (cannot be
created), and a read-only file system (a tmpfs mounted read-only: as root, chmod denies
nothing). Without the right to mount, a chmod'ed folder stands in for it when not root.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from sobrus_comm.data_dir_check import (
    EXIT_DATA_DIR_UNUSABLE,
    DataDirProblem,
    check_app_dirs,
)
from sobrus_comm.gui.data_dir_dialog import show_data_dir_dialog
from sobrus_comm.paths import AppPaths


def _start(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "sobrus_comm", "--data-dir", str(data_dir)],
        capture_output=True, text=True, timeout=60, env=env, check=False,
    )


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder on its own small file system (or chmod'ed), made read-only by the test."""
    root = tmp_path / "ro"
    root.mkdir()
    if _mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", str(root)):
        try:
            yield root
        finally:
            subprocess.run(["umount", str(root)], check=False)
    elif os.geteuid() != 0:
        root.chmod(0o555)
        try:
            yield root
        finally:
            root.chmod(0o755)
    else:
        pytest.skip("root without mount: nothing can make a folder read-only here")


def _assert_refused(result: subprocess.CompletedProcess[str], folder: Path) -> None:
    assert result.returncode == EXIT_DATA_DIR_UNUSABLE, result.stderr
    assert str(folder) in result.stderr
    assert "dossier de données" in result.stderr and "relancez Sobrus Comm" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Déjà ouvert" not in result.stderr + result.stdout


def test_a_data_folder_under_a_file_cannot_be_created_and_is_said(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("pas un dossier")
    data_dir = tmp_path / "file.txt" / "data"
    result = _start(data_dir)
    _assert_refused(result, data_dir / "data")
    assert "pas un dossier" in result.stderr


@pytest.mark.parametrize("folders_exist", [False, True], ids=["new", "existing"])
def test_a_read_only_data_folder_is_said_and_exits_non_zero(
    read_only_dir: Path, folders_exist: bool
) -> None:
    root = read_only_dir
    if folders_exist:  # the folders were made on a good day; the disk is read-only now
        for name in ("data", "config", "logs", "cache"):
            (root / name).mkdir()
        if not _mount("-o", "remount,ro", str(root)):
            root.chmod(0o555)
            for name in ("data", "config", "logs", "cache"):
                (root / name).chmod(0o555)
    elif not _mount("-o", "remount,ro", str(root)):
        root.chmod(0o555)
    result = _start(root)
    _assert_refused(result, root / "data")
    assert ("lecture seule" in result.stderr) or ("droit d'y écrire" in result.stderr)


@pytest.mark.parametrize(("code", "words"), [
    (errno.EROFS, "lecture seule"), (errno.EACCES, "droit d'y écrire"),
    (errno.EPERM, "droit d'y écrire"), (errno.ENOSPC, "disque est plein"),
    (errno.ENOTDIR, "pas un dossier"), (errno.ENOENT, "n'existe pas"),
    (errno.EIO, "erreur du système"),
])
@pytest.mark.parametrize("created", [False, True])
def test_every_cause_reads_in_french_with_the_folder_and_what_to_do(
    code: int, words: str, created: bool
) -> None:
    problem = DataDirProblem(Path("/srv/pharmacie/données"), created=created,
                             error=OSError(code, os.strerror(code)))
    text = problem.message_fr
    assert words in text and "/srv/pharmacie/données" in text
    assert ("écrire dans" if created else "créer") in text
    assert "--data-dir" in text and "relancez" in text


def test_good_folders_are_created_and_leave_no_probe_behind(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path / "neuf")
    assert check_app_dirs(paths) is None
    for folder in (paths.data, paths.config, paths.logs, paths.cache):
        assert folder.is_dir() and list(folder.iterdir()) == []


def test_the_dialog_names_the_folder(qtbot, tmp_path: Path) -> None:
    problem = DataDirProblem(tmp_path / "data", created=True,
                             error=OSError(errno.EROFS, "Read-only file system"))
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(f"{box.objectName()}|{box.windowTitle()}|{box.text()}")
        box.accept()

    QTimer.singleShot(0, answer)
    show_data_dir_dialog(problem)
    assert seen and seen[0].startswith("dataDirProblemBox|Sobrus Comm ne peut pas démarrer|")
    assert str(tmp_path / "data") in seen[0] and "lecture seule" in seen[0]
