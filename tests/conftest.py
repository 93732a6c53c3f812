"""Test configuration shared by every suite.

Qt runs offscreen here (set before anything imports Qt), and the keyring is an in-memory
backend so that no test ever touches the real OS keyring.
"""

from __future__ import annotations

import os

if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from sobrus_comm.store import Database, open_database
from tests.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def gc_on_the_gui_thread() -> Iterator[None]:
    """As in the app: cyclic garbage is collected on the GUI thread only, never in a worker
    (where freeing a Qt object made on the GUI thread can crash the process)."""
    yield
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        from sobrus_comm.workers import gui_thread_gc

        # A task a test left running (a history read, a plan) ends before the next test
        # builds its widgets: nothing of one test is released during another.
        QThreadPool.globalInstance().waitForDone(10_000)
        gui_thread_gc.install().collect_due()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's local cache lives (a suite may move it with its own fixture)."""
    return tmp_path / "data" / "sobrus-comm.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A real SQLite cache, migrated to the head revision, closed after the test."""
    database = open_database(db_path)
    try:
        yield database
    finally:
        database.close()
