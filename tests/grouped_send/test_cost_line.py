"""The credits and characters lines under the preview read in whole pieces on a narrow dialog."""

from __future__ import annotations

import re
from decimal import Decimal

from sobrus_comm.domain.models import Objective
from sobrus_comm.gui.grouped_send.preview import send_cost_html
from sobrus_comm.gui.widgets.message_preview import counter_text
from sobrus_comm.services.send_planning import SendRequest, clients_for, load_send_data, plan_send
from sobrus_comm.store.db import Database
from tests.grouped_send.data import PHARMACY, PROMO, TODAY

NOWRAP = re.compile(r"<span style='white-space:nowrap'>(.*?)</span>")


def test_counts_stay_with_their_words(db: Database) -> None:
    clients = clients_for(Objective.CUSTOM_TEMPLATE, load_send_data(db).clients)
    request = SendRequest(Objective.CUSTOM_TEMPLATE, PROMO, clients, frozenset(), PHARMACY,
                          TODAY, Decimal("0"))
    html = send_cost_html(plan_send(request, credits=1500), computing=False)
    kept = NOWRAP.findall(html)
    # « 1 500 » has a thin space where Qt would break, leaving « crédits » alone on a line.
    assert "solde : 1\u202f500 crédits" in kept
    assert any(k.endswith("crédits</b> nécessaires") for k in kept)


def test_sms_never_ends_a_line_alone() -> None:
    assert counter_text("Bonjour").endswith("dans ce\u00a0SMS")
    assert counter_text("x" * 200).endswith("par\u00a0SMS")
