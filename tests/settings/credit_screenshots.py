"""Save PNGs of Paramètres › Crédits and of the PDF statement on sandbox data (to look at).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.settings.credit_screenshots OUT_DIR

A sandbox with a history and a gap injected (« Écart de 3 crédits »), a fresh cache synced
from it, the dialog opened on the Crédits tab once ``sig_ready`` says its data is there;
the month's statement printed to PDF and rendered to PNG by ``pdftoppm`` (poppler-utils).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.sandbox.server import run_in_thread
from sobrus_comm.gui.settings import SettingsContext, SettingsDialog
from sobrus_comm.services.preferences import MemoryStore, Preferences, PreferencesService
from sobrus_comm.services.sync import SyncService
from sobrus_comm.store import open_database


def main(out: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    work = Path(tempfile.mkdtemp(prefix="sobrus-credit-shots-"))
    sandbox = run_in_thread(work / "sandbox.sqlite3", clients=300, history=2000, credits=1500)
    out.mkdir(parents=True, exist_ok=True)
    try:
        api = SobrusApi(sandbox.base_url)
        login = api.login("pharmacien", "demo")
        sandbox.control.ledger_glitch("unrecorded", 3)
        db = open_database(work / "cache.sqlite3")
        SyncService(api, db).sync()
        prefs = PreferencesService(MemoryStore())
        prefs.save(Preferences(pharmacy_name=login.current.pharmacy_name,
                               low_balance_threshold=200))
        dialog = SettingsDialog(SettingsContext(db=db, preferences=prefs))
        loop = QEventLoop()
        dialog.sig_ready.connect(loop.quit)
        QTimer.singleShot(20_000, loop.quit)
        dialog.resize(1093, 574)  # the smallest counter screen the windows are made for
        dialog.show()
        loop.exec()
        dialog.show_section("credits")
        dialog.grab().save(str(out / "credits-tab.png"))
        dialog.show_section("balance")
        dialog.grab().save(str(out / "credits-balance-tab.png"))
        dialog.show_section("credits")
        pdf = out / "releve-credits.pdf"

        def ask(_parent: QWidget, _suggested: str, _filters: str) -> Path:
            return pdf

        dialog.credits.ask_path = ask
        dialog.credits.ui.exportPdfButton.click()
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf),
                        str(out / "releve-credits")], check=True)
        dialog.close()
        db.close()
    finally:
        sandbox.stop()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/credit-shots")))
