"""Save a PNG of each tab of the settings dialog on sandbox data (to look at the UI).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.settings.screenshots OUT_DIR

Starts a sandbox, syncs a fresh cache from it, opens the dialog as the pharmacist, waits for
``sig_ready`` (a signal, not a sleep), then grabs every tab.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.sandbox.server import run_in_thread
from sobrus_comm.gui.settings import SettingsContext, SettingsDialog
from sobrus_comm.gui.settings.dialog import TABS
from sobrus_comm.services.preferences import MemoryStore, Preferences, PreferencesService
from sobrus_comm.services.sync import SyncService
from sobrus_comm.store import open_database


def main(out: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    work = Path(tempfile.mkdtemp(prefix="sobrus-shots-"))
    sandbox = run_in_thread(work / "sandbox.sqlite3", clients=120, history=1500, credits=180)
    try:
        api = SobrusApi(sandbox.base_url)
        login = api.login("pharmacien", "demo")
        db = open_database(work / "cache.sqlite3")
        SyncService(api, db).sync()
        first = api.packs()[1]
        pending = api.create_recharge_request(first.id)
        sandbox.control.advance_recharge(pending.id)
        prefs = PreferencesService(MemoryStore())
        prefs.save(Preferences(pharmacy_name=login.current.pharmacy_name,
                               low_balance_threshold=200))
        ctx = SettingsContext(db=db, preferences=prefs, user=login.user, api=api,
                              server_url=sandbox.base_url,
                              pharmacy_label=f"{login.current.pharmacy_name}, "
                                             f"{login.current.pharmacy_city}")
        dialog = SettingsDialog(ctx)
        loop = QEventLoop()
        dialog.sig_ready.connect(loop.quit)
        QTimer.singleShot(20_000, loop.quit)
        dialog.show()
        loop.exec()
        out.mkdir(parents=True, exist_ok=True)
        for i, name in enumerate(TABS):
            dialog.ui.settingsTabs.setCurrentIndex(i)
            dialog.grab().save(str(out / f"settings-{i + 1}-{name}.png"))
        dialog.close()
        db.close()
    finally:
        sandbox.stop()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/settings-shots")))
