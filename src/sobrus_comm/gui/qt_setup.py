"""Process-wide Qt set-up: French translations, locale, application identity."""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from sobrus_comm import APP_NAME, __version__
from sobrus_comm.gui.icons import app_icon
from sobrus_comm.logging_setup import get_logger

qt_log = get_logger("qt")

# Harmless platform chatter that would otherwise fill every log.
_QT_NOISE = ("This plugin does not support propagateSizeHints",)

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if not message.startswith(_QT_NOISE):
        qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


def route_qt_messages() -> None:
    """Qt's own warnings go to our log file instead of a console nobody sees."""
    qInstallMessageHandler(_qt_message_handler)

FRENCH = QLocale(QLocale.Language.French, QLocale.Country.Morocco)


def configure_application(app: QApplication) -> list[QTranslator]:
    """Sets names and the French locale; installs Qt's own French translations.

    Returns the translators: they must outlive the application or the texts revert.
    """
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("Sobrus")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("sobrus-comm")  # Linux: match the window to its .desktop entry
    app.setWindowIcon(app_icon())
    QLocale.setDefault(FRENCH)
    translators: list[QTranslator] = []
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_fr", "qt_fr"):
        translator = QTranslator(app)
        # Standard buttons then read « Annuler », « Oui », « Non ».
        if translator.load(name, path):
            app.installTranslator(translator)
            translators.append(translator)
    return translators
