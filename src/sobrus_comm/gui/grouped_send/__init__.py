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

from sobrus_comm.domain.models import User
from sobrus_comm.gui.grouped_send.dialog import GroupedSendDialog
from sobrus_comm.gui.grouped_send.progress_panel import SendProgressPanel, attach_progress_panel
from sobrus_comm.gui.grouped_send.runner import CampaignRunner
from sobrus_comm.services.send_planning import SendContext
from sobrus_comm.store.db import Database

__all__ = [
    "CampaignRunner",
    "GroupedSendDialog",
    "SendContext",
    "SendProgressPanel",
    "attach_progress_panel",
    "open_grouped_send_for_screenshot",
]


def open_grouped_send_for_screenshot(db: Database, user: User | None, pharmacy_name: str,
                                     credits: int | None = None) -> GroupedSendDialog:
    """``--screenshot PATH --window grouped-send``: the dialog on the cache's data, shown,
    first client highlighted and the credits computed, ready for ``save_when_painted``."""
    dialog = GroupedSendDialog(SendContext(db, user, pharmacy_name, credits=credits))
    dialog.resize(1180, 720)
    dialog.show()
    first = dialog.model.client_at(0)
    if first is not None:
        dialog.select_client(first.id)
    dialog.estimate_now()
    return dialog
