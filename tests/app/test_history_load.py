"""A long history opens without the GUI thread reading it: the newest rows at once, the
rest from a pool thread (the path without the start-up prefetch: a window built by the
controller, the switch to the demo)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from sobrus_comm.bootstrap import build_controller
from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.domain.history_row import HISTORY_FIELDS
from sobrus_comm.gui.history_model import ID_ROLE
from sobrus_comm.paths import AppPaths
from sobrus_comm.store.prefetch import FIRST_PAGE
from tests.history.rows import make_rows

ROWS = FIRST_PAGE * 3


def _fill(database: Path, rows: int) -> None:
    conn = sqlite3.connect(database)
    marks = ", ".join("?" * len(HISTORY_FIELDS))
    with conn:
        conn.executemany(
            f"INSERT INTO communications ({', '.join(HISTORY_FIELDS)}) VALUES ({marks})",
            make_rows(rows))
    conn.close()


def test_the_newest_rows_first_then_the_rest_from_a_thread(qtbot: QtBot, tmp_path) -> None:
    paths = AppPaths.under(tmp_path).ensure()
    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    controller = build_controller(paths, settings, demo=False)
    workspace = controller.open_cache()
    _fill(workspace.cache.path, ROWS)

    window = controller.build_window()
    qtbot.addWidget(window)
    history = window.history
    # Painted from the first page; the count says how many are coming.
    assert history.loading()
    assert history.model.rowCount() == FIRST_PAGE
    assert history.ui.historyCountLabel.text().startswith(format_count(ROWS))

    qtbot.waitUntil(lambda: not history.loading(), timeout=10_000)
    assert history.model.rowCount() == ROWS
    newest = [history.model.index(r, 0).data(ID_ROLE) for r in range(3)]
    assert newest == [1, 2, 3]
    controller.shutdown()
