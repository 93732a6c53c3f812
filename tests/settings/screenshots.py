"""Save a PNG of each tab of the settings dialog on sandbox data (to look at the UI).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.settings.screenshots OUT_DIR

Starts a sandbox, syncs a fresh cache from it, opens the dialog as the pharmacist, waits for
``sig_ready`` (a signal, not a sleep), then grabs every tab.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.sandbox.server import run_in_thread
from sobrus_comm.gui.settings import SettingsContext, SettingsDialog
from sobrus_comm.gui.settings.dialog import TABS
from sobrus_comm.gui.settings.pack_dialog import PackChoiceDialog
from sobrus_comm.gui.settings.recharge_section import CANCEL_TITLE_FR, cancel_confirmation_box
from sobrus_comm.services.preferences import MemoryStore, Preferences, PreferencesService
from sobrus_comm.services.recharge import cancel_question_fr
from sobrus_comm.services.sync import SyncService
from sobrus_comm.store import Database, open_database


def _open(ctx: SettingsContext) -> SettingsDialog:
    dialog = SettingsDialog(ctx)
    dialog.templates.ask = _yes
    loop = QEventLoop()
    dialog.sig_ready.connect(loop.quit)
    QTimer.singleShot(20_000, loop.quit)
    dialog.show()
    loop.exec()
    return dialog


def _yes(_title: str, _text: str) -> bool:
    return True


def _cancel_selected(dialog: SettingsDialog) -> None:
    """« Annuler la demande » answered « Oui », until the backend call is over."""
    dialog.recharge.ask = _yes
    dialog.ui.cancelRechargeButton.click()
    loop = QEventLoop()
    dialog.api_jobs.sig_busy_changed.connect(loop.quit)  # the next change: idle again
    QTimer.singleShot(20_000, loop.quit)
    loop.exec()
    # Hidden and shown widgets are laid out again on the next turn of the event loop: let
    # that turn come, or the picture shows the old geometry.
    QTimer.singleShot(0, loop.quit)
    loop.exec()


def _make_conflict(db: Database) -> None:
    """An edit here while a colleague saved the same template on the server."""
    local = next(t for t in db.templates.list_all() if t.name == "Commande disponible")
    assert local.id is not None
    db.templates.edit_local(local.id, name=local.name, category=local.category,
                            body=local.body.replace("Bonne journée.", "À bientôt !"))
    db.templates.apply_remote([replace(local, body="Votre commande est prête.",
                                       version=local.version + 1)])


def main(out: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    work = Path(tempfile.mkdtemp(prefix="sobrus-shots-"))
    sandbox = run_in_thread(work / "sandbox.sqlite3", clients=120, history=1500, credits=180)
    out.mkdir(parents=True, exist_ok=True)
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
        dialog = _open(ctx)
        for i, name in enumerate(TABS):
            dialog.ui.settingsTabs.setCurrentIndex(i)
            dialog.grab().save(str(out / f"settings-{i + 1}-{name}.png"))
        # The pack choice, as « Demander une recharge » shows it.
        packs = PackChoiceDialog(api.packs(), dialog)
        packs.select_pack(2)
        packs.show()
        packs.grab().save(str(out / "settings-pack-choice.png"))
        packs.close()
        # « Annuler la demande »: the question, then the request cancelled.
        dialog.ui.settingsTabs.setCurrentIndex(TABS.index("recharge"))
        shown = dialog.recharge.current_request()
        assert shown is not None and shown.id == pending.id
        box = cancel_confirmation_box(dialog, CANCEL_TITLE_FR, cancel_question_fr(shown))
        box.show()  # not exec(): grabbed, then closed
        box.grab().save(str(out / "settings-cancel-question.png"))
        box.close()
        _cancel_selected(dialog)
        dialog.grab().save(str(out / "settings-recharge-cancelled.png"))
        dialog.close()

        _make_conflict(db)
        dialog = _open(ctx)
        lst = dialog.ui.templatesList
        lst.setCurrentRow(next(i for i in range(lst.count())
                               if lst.item(i).text().startswith("Commande disponible")))
        dialog.grab().save(str(out / "settings-template-conflict.png"))
        dialog.close()

        assistant = SobrusApi(sandbox.base_url)
        assistant_login = assistant.login("assistant", "demo")
        dialog = _open(dataclasses.replace(ctx, user=assistant_login.user, api=assistant))
        dialog.grab().save(str(out / "settings-assistant-templates.png"))
        dialog.ui.settingsTabs.setCurrentIndex(TABS.index("account"))
        dialog.grab().save(str(out / "settings-assistant-account.png"))
        dialog.close()
        db.close()
    finally:
        sandbox.stop()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/settings-shots")))
