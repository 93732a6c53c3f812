"""Every top-level window fits a counter PC's small screen, and stays on the screen it is on.

1366×768 at 125 % leaves about 1093×614 logical pixels, less a 40 px taskbar; 1024×768 at
100 % is narrower still: :data:`SMALL_SCREEN` is the smaller of both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRect, QSettings, QSize
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from sobrus_comm.backend.results import Pack
from sobrus_comm.domain.models import Objective
from sobrus_comm.gui.grouped_send.confirmation import SendConfirmationDialog
from sobrus_comm.gui.grouped_send.dialog import GroupedSendDialog
from sobrus_comm.gui.grouped_send.test_send import TestSendDialog
from sobrus_comm.gui.login_dialog import LoginDialog
from sobrus_comm.gui.main_window import MainWindow
from sobrus_comm.gui.screen_fit import SMALL_SCREEN, clamp_rect, fit_size
from sobrus_comm.gui.screenshot import settle_layouts
from sobrus_comm.gui.settings import SettingsContext, SettingsDialog
from sobrus_comm.gui.settings.pack_dialog import PackChoiceDialog
from sobrus_comm.services.auth import AuthService, CredentialStore
from sobrus_comm.services.preferences import MemoryStore, PreferencesService
from sobrus_comm.services.send_planning import (
    SendContext,
    SendRequest,
    clients_for,
    load_send_data,
    plan_send,
)
from sobrus_comm.store.db import Database
from tests.grouped_send.data import PHARMACIST, PHARMACY, PROMO, TODAY, demo_database


@pytest.fixture
def send_db(tmp_path: Path) -> Iterator[Database]:
    with closing(demo_database(tmp_path / "cache.sqlite3", n=60)) as database:
        yield database


def _main(_db: Database) -> QWidget:
    return MainWindow()


def _grouped_send(db: Database) -> QWidget:
    return GroupedSendDialog(SendContext(db, PHARMACIST, PHARMACY, today=lambda: TODAY))


def _settings(db: Database) -> QWidget:
    ctx = SettingsContext(db=db, preferences=PreferencesService(MemoryStore()),
                          user=PHARMACIST, server_url="https://api.sobrus.example")
    return SettingsDialog(ctx)


def _login(_db: Database) -> QWidget:
    return LoginDialog(AuthService(CredentialStore()), welcome=True)


def _confirmation(db: Database) -> QWidget:
    clients = clients_for(Objective.CUSTOM_TEMPLATE, load_send_data(db).clients)
    request = SendRequest(Objective.CUSTOM_TEMPLATE, PROMO, clients, frozenset(), PHARMACY,
                          TODAY, Decimal("0"))
    return SendConfirmationDialog(plan_send(request, credits=2500))


def _test_send(db: Database) -> QWidget:
    clients = load_send_data(db).clients
    return TestSendDialog(clients, "Samira Alaoui", "Bonjour Samira, …")


def _packs(_db: Database) -> QWidget:
    return PackChoiceDialog([Pack(1, "Pack 500 SMS", 500, Decimal("250.00")),
                             Pack(2, "Pack 1 000 SMS", 1000, Decimal("450.00"))])


WINDOWS: dict[str, Callable[[Database], QWidget]] = {
    "main": _main, "grouped-send": _grouped_send, "settings": _settings, "login": _login,
    "confirmation": _confirmation, "test-send": _test_send, "packs": _packs,
}


@pytest.mark.parametrize("name", list(WINDOWS))
def test_each_window_fits_a_small_screen(qtbot: QtBot, send_db: Database, name: str) -> None:
    window = WINDOWS[name](send_db)
    qtbot.addWidget(window)
    needed = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert needed.width() <= SMALL_SCREEN.width(), (name, needed)
    assert needed.height() <= SMALL_SCREEN.height(), (name, needed)
    # It opens inside the screen it is on (the test platform's screen is small, 800×600),
    # or at its minimum where even that is larger.
    area = QApplication.primaryScreen().availableGeometry()
    assert window.width() <= max(area.width(), needed.width()), (name, window.size())
    assert window.height() <= max(area.height(), needed.height()), (name, window.size())


def test_preferred_size_shrinks_to_the_screen_never_below_the_minimum() -> None:
    assert fit_size(QSize(1280, 760), QSize(900, 500), QSize(1093, 574)) == QSize(1093, 574)
    assert fit_size(QSize(600, 400), QSize(300, 200), QSize(1093, 574)) == QSize(600, 400)
    assert fit_size(QSize(1280, 760), QSize(900, 500), QSize(800, 450)) == QSize(900, 500)


@pytest.mark.parametrize(("rect", "expected"), [
    # On a second monitor that is gone: brought back, same size.
    (QRect(2000, 100, 800, 400), QRect(293, 100, 800, 400)),
    # Larger than the laptop's screen: shrunk to it.
    (QRect(-50, -20, 1600, 900), QRect(0, 0, 1093, 574)),
    # Already inside: untouched.
    (QRect(10, 10, 500, 300), QRect(10, 10, 500, 300)),
])
def test_a_rectangle_is_brought_inside_the_screen(rect: QRect, expected: QRect) -> None:
    assert clamp_rect(rect, QRect(0, 0, 1093, 574)) == expected


def _geometry_saved_on_a_big_screen(qtbot: QtBot) -> QByteArray:
    big = QMainWindow()
    qtbot.addWidget(big)
    big.setGeometry(2500, 1200, 1800, 1000)  # far right and low, as on a 4K monitor
    return big.saveGeometry()


def test_restored_geometry_is_clamped_to_the_current_screen(qtbot: QtBot,
                                                            tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("mainWindow/geometry", _geometry_saved_on_a_big_screen(qtbot))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    needed = window.minimumSizeHint()
    assert frame.left() >= area.left() and frame.top() >= area.top()
    assert frame.width() <= max(area.width(), needed.width())
    assert frame.height() <= max(area.height(), needed.height())
    assert window.width() < 1800 and window.height() < 1000


def test_the_grouped_send_still_fits_while_a_template_is_edited(qtbot: QtBot,
                                                                send_db: Database) -> None:
    dialog = GroupedSendDialog(SendContext(send_db, PHARMACIST, PHARMACY, today=lambda: TODAY))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.editTemplateButton.click()
    # The editor, the preview and the Unicode warning all shown at once: the tallest state.
    dialog.ui.templateBodyEditor.set_body("Bonjour {prenom}, à bientôt ô À " * 4)
    assert dialog.ui.templateEditor.isVisible()
    needed = dialog.minimumSizeHint()
    assert needed.width() <= SMALL_SCREEN.width() and needed.height() <= SMALL_SCREEN.height()


def test_a_screenshot_waits_for_the_status_bar_to_be_laid_out(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.set_balance(1_234_567)  # a longer text: the status bar must make room for it
    label = window.balanceLabel
    settle_layouts()
    assert label.width() >= label.sizeHint().width()
