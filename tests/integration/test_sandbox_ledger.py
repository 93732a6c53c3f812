"""The sandbox's credit ledger: written with every change of the balance, the refund rule
followed once per failure, a sandbox file from before the ledger opened with its balance,
and the knob that makes the ledger disagree (for the demo)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import requests

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.results import OutgoingMessage
from sobrus_comm.backend.sandbox import delivery, ledger
from sobrus_comm.backend.sandbox.cli import URL_PREFIX
from sobrus_comm.backend.sandbox.control import SandboxControl
from sobrus_comm.backend.sandbox.server import run_in_thread
from sobrus_comm.domain.credit_ledger import MovementKind, reconcile


def _movements(api: SobrusApi) -> list:  # type: ignore[type-arg]
    return [m for page in api.iter_ledger() for m in page.items]


def test_each_failure_is_refunded_once_whatever_reads_it(api: SobrusApi,
                                                         control: SandboxControl,
                                                         sandbox_db: Path) -> None:
    control.set_balance(1000)
    campaign = str(uuid.uuid4())
    phones = ["0661000001", "0670000000", "0522000000", "0661000002"]  # 2 refused
    messages = [OutgoingMessage(str(uuid.uuid4()), p, "Bonjour") for p in phones]
    api.send_batch(messages, campaign_id=campaign)
    for _ in range(3):  # the history, the ledger, the history again: one refund
        list(api.iter_communications())
        movements = _movements(api)
    mine = [m for m in movements if m.campaign_id == campaign]
    assert [(m.kind, m.credits) for m in mine] == [(MovementKind.CHARGE, -4),
                                                   (MovementKind.REFUND, 2)]
    refunded = {i.client_message_id for i in mine[1].items}
    assert refunded == {messages[1].client_message_id, messages[2].client_message_id}
    assert api.balance().credits == 1000 - 4 + 2 == movements[-1].balance_after
    # set_balance is Sobrus adjusting by hand: a movement, so the ledger still adds up.
    assert any(m.kind is MovementKind.ADJUSTMENT and m.note for m in movements)
    assert sum(m.credits for m in movements) == api.balance().credits
    conn = sqlite3.connect(sandbox_db)
    try:
        assert conn.execute("SELECT COUNT(*) FROM ledger_items WHERE client_message_id = ?",
                            (messages[1].client_message_id,)).fetchone()[0] == 2
    finally:
        conn.close()


def test_the_gap_knob_is_found_and_a_second_charge_adds_up(api: SobrusApi,
                                                    control: SandboxControl) -> None:
    api.send_batch([OutgoingMessage(str(uuid.uuid4()), "0661000003", "Bonjour")])
    control.ledger_glitch("unrecorded", 5)
    control.ledger_glitch("double_charge")
    balance = api.balance()
    movements = _movements(api)
    result = reconcile(movements, balance.credits, balance.updated_at, [])
    assert [(d.kind.value, d.credits) for d in result.discrepancies] == [("unexplained", -5)]
    assert result.ledger_total + sum(d.credits for d in result.discrepancies) == balance.credits


def test_a_sandbox_file_from_before_the_ledger_is_opened_with_its_balance(
        tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with run_in_thread(path, clients=10, history=10, credits=700):
        pass
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE ledger_items")
    conn.execute("DROP TABLE ledger")
    conn.execute("UPDATE balance SET credits = 640")
    conn.commit()
    conn.close()
    with run_in_thread(path, clients=10, history=10) as again:
        api = SobrusApi(again.base_url)
        api.login("pharmacien", "demo")
        [opening] = _movements(api)
        assert (opening.kind, opening.credits, opening.note) == (
            MovementKind.ADJUSTMENT, 640, ledger.OPENING_NOTE)


def test_settle_refunds_only_due_failures(tmp_path: Path) -> None:
    with run_in_thread(tmp_path / "s.sqlite3", clients=10, history=0, credits=100,
                       delivery_scale=1000) as sandbox:
        api = SobrusApi(sandbox.base_url)
        api.login("pharmacien", "demo")
        api.send_batch([OutgoingMessage(str(uuid.uuid4()), "0670000000", "Bonjour")])
        assert [m.kind for m in _movements(api)][-1] is MovementKind.CHARGE  # not failed yet
        conn = sqlite3.connect(sandbox.db_path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        try:
            delivery.settle(conn, now=time.time() + 10**6)  # later: the failure is due
        finally:
            conn.close()
        assert [m.kind for m in _movements(api)][-1] is MovementKind.REFUND
        assert api.balance().credits == 100


def test_cli_ledger_gap(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "sobrus_comm.backend.sandbox.cli", "--port", "0", "--db",
         str(tmp_path / "cli.sqlite3"), "--clients", "10", "--history", "10",
         "--credits", "500", "--ledger-gap", "3"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip().removeprefix(URL_PREFIX)
        assert requests.get(f"{base_url}/sandbox/health", timeout=5).ok
        api = SobrusApi(base_url)
        api.login("pharmacien", "demo")
        assert api.balance().credits == 497
        assert sum(m.credits for m in _movements(api)) == 500
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
