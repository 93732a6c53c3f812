"""The grouped send (COMM_GROUPEE_003): dialog, client list, preview, confirmation, test
send and progress panel.

Wiring (composition root)::

    context = SendContext(db, user, pharmacy_name, make_api=..., credits=...,
                          quiet_hours=preferences.quiet_hours)
    dialog = GroupedSendDialog(context, window)
    dialog.sig_campaign_queued.connect(runner.start)      # runner = CampaignRunner(...)
    dialog.sig_recharge_requested.connect(...)            # open Paramètres → recharge
    dialog.open()
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sobrus_comm.domain.models import User
    from sobrus_comm.gui.grouped_send.dialog import GroupedSendDialog
    from sobrus_comm.gui.grouped_send.progress_panel import (
        SendProgressPanel,
        attach_progress_panel,
    )
    from sobrus_comm.gui.grouped_send.runner import CampaignRunner
    from sobrus_comm.services.send_planning import SendContext
    from sobrus_comm.services.workspace import Cache

# Loaded on first use: the main window starts the runner without paying for the dialog.
_LAZY = {
    "CampaignRunner": "sobrus_comm.gui.grouped_send.runner",
    "GroupedSendDialog": "sobrus_comm.gui.grouped_send.dialog",
    "SendContext": "sobrus_comm.services.send_planning",
    "SendProgressPanel": "sobrus_comm.gui.grouped_send.progress_panel",
    "attach_progress_panel": "sobrus_comm.gui.grouped_send.progress_panel",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(name)
    return getattr(import_module(module), name)


__all__ = [
    "CampaignRunner",
    "GroupedSendDialog",
    "SendContext",
    "SendProgressPanel",
    "attach_progress_panel",
    "open_grouped_send_for_screenshot",
]


def open_grouped_send_for_screenshot(db: Cache, user: User | None, pharmacy_name: str,
                                     credits: int | None = None) -> GroupedSendDialog:
    """``--screenshot PATH --window grouped-send``: the dialog on the cache's data, shown,
    first client highlighted and the credits computed, ready for ``save_when_painted``."""
    from sobrus_comm.gui.grouped_send.dialog import GroupedSendDialog
    from sobrus_comm.services.send_planning import SendContext

    dialog = GroupedSendDialog(SendContext(db, user, pharmacy_name, credits=credits))
    dialog.show()
    first = dialog.model.client_at(0)
    if first is not None:
        dialog.select_client(first.id)
    dialog.estimate_now()
    return dialog
