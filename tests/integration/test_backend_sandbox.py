"""The sandbox as a program: command line, demo mode, seeded data."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import requests

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.demo import (
    DEMO_ASSISTANT_PASSWORD,
    DEMO_ASSISTANT_USERNAME,
    DEMO_PASSWORD,
    DEMO_SEED,
    DEMO_USERNAME,
    start_demo_sandbox,
)
from sobrus_comm.backend.sandbox import db, delivery, sending, serialize
from sobrus_comm.backend.sandbox.cli import URL_PREFIX
from sobrus_comm.backend.sandbox.seed import BALANCE_REMINDER, SeedOptions
from sobrus_comm.backend.sandbox.server import prepare_database
from sobrus_comm.backend.sandbox.sms import check_phone
from sobrus_comm.domain.models import TemplateCategory


def test_cli_prints_its_url_serves_and_stops(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-m", "sobrus_comm.backend.sandbox.cli", "--port", "0", "--db",
         str(db), "--seed", "3", "--clients", "40", "--history", "60", "--latency-ms", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        assert line.startswith(URL_PREFIX), line
        base_url = line.removeprefix(URL_PREFIX)
        assert base_url.startswith("http://127.0.0.1:")
        assert requests.get(f"{base_url}/sandbox/health", timeout=5).json() == {"ok": True}
        config = requests.get(f"{base_url}/sandbox/config", timeout=5).json()
        assert config["latency_ms"] == 1
        api = SobrusApi(base_url)
        api.login(DEMO_USERNAME, DEMO_PASSWORD)
        assert len([c for p in api.iter_clients() for c in p.items]) <= 40
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    assert db.exists()


def test_cli_refuses_a_non_loopback_host() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sobrus_comm.backend.sandbox.cli", "--host", "0.0.0.0"],
        capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "loopback" in result.stderr


def test_demo_sandbox_is_seeded_once_then_reused(tmp_path: Path) -> None:
    with start_demo_sandbox(tmp_path, clients=30, history=40) as demo:
        api = SobrusApi(demo.base_url)
        api.login(DEMO_USERNAME, DEMO_PASSWORD)
        mine = api.create_template("Le mien", "Bonjour {prenom}", TemplateCategory.PROMOTIONAL)
        assistant = SobrusApi(demo.base_url)
        assistant.login(DEMO_ASSISTANT_USERNAME, DEMO_ASSISTANT_PASSWORD)
    with start_demo_sandbox(tmp_path, clients=30, history=40) as again:
        assert again.base_url != "" and again.db_path == demo.db_path
        api = SobrusApi(again.base_url)
        api.login(DEMO_USERNAME, DEMO_PASSWORD)
        assert api.template(mine.id or 0) == mine  # what the user did is still there


def _people(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT id, first_name, last_name, phone, balance_due, sms_opt_out, "
                          "deleted_at IS NULL FROM clients ORDER BY id").fetchall()


def test_seeded_data_is_deterministic_and_realistic(tmp_path: Path) -> None:
    options = SeedOptions(seed=11, clients=400, history=800)
    prepare_database(tmp_path / "a.sqlite3", options)
    prepare_database(tmp_path / "b.sqlite3", options)
    prepare_database(tmp_path / "c.sqlite3", SeedOptions(seed=12, clients=400, history=800))
    people = _people(tmp_path / "a.sqlite3")
    assert people == _people(tmp_path / "b.sqlite3")
    assert people != _people(tmp_path / "c.sqlite3")

    phones = [p[3] for p in people]
    checks = [check_phone(p) for p in phones]
    assert sum(1 for p in phones if not p) >= 5  # missing
    assert sum(1 for p, c in zip(phones, checks, strict=True) if p and c.e164 is None) >= 5
    assert sum(1 for c in checks if c.failure == "not_mobile") >= 3  # fixed lines 05…
    assert sum(1 for c in checks if c.failure == "unreachable") >= 1
    assert any(c.e164 and c.e164.startswith("+2127") for c in checks)
    shared = [p for p in phones if p and phones.count(p) > 1]
    assert len(shared) >= 2
    assert 0.15 < sum(1 for p in people if p[4] != "0.00") / len(people) < 0.45
    assert any(p[5] for p in people) and any(not p[6] for p in people)

    with sqlite3.connect(tmp_path / "a.sqlite3") as db:
        statuses = dict(db.execute(
            "SELECT status, COUNT(*) FROM communications GROUP BY status").fetchall())
        span = db.execute("SELECT MAX(created_at) - MIN(created_at) FROM communications"
                          ).fetchone()[0]
        bodies = [r[0] for r in db.execute("SELECT body FROM templates")]
        users = dict(db.execute("SELECT username, permissions FROM users").fetchall())
    assert sum(statuses.values()) == 800
    assert {"delivered", "failed", "sent"} <= set(statuses)
    assert statuses["delivered"] > sum(statuses.values()) / 2
    assert span > 60 * 86400  # spread over the last ~90 days
    assert BALANCE_REMINDER in bodies
    assert users == {"pharmacien": "send_sms manage_templates request_recharge",
                     "assistant": ""}


@pytest.mark.parametrize("seed", [DEMO_SEED, 1, 11])
def test_seeded_clients_are_different_people(tmp_path: Path, seed: int) -> None:
    """The demo list showed the same name three times in a row: names repeat only where
    a family shares a number, never by the draw."""
    prepare_database(tmp_path / "s.sqlite3", SeedOptions(seed=seed, clients=300, history=10))
    names = [(p[1], p[2]) for p in _people(tmp_path / "s.sqlite3")]
    homonyms = len(names) - len(set(names))
    assert homonyms <= 2, homonyms  # at most the two families that share a number


@pytest.mark.parametrize("phone", ["0612345678", "+212 6 12 34 56 78", "06-12-34-56-78"])
def test_typed_numbers_normalise_like_the_gateway(phone: str) -> None:
    assert check_phone(phone).e164 == "+212612345678"


def test_status_history_follows_the_simulated_delivery(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    prepare_database(path, SeedOptions(clients=5, history=0))
    conn = db.connect(path)
    ok, doomed, invalid = (str(uuid.uuid4()) for _ in range(3))
    batch = sending.Batch(None, "transactional", False, (
        sending.Outgoing(ok, None, "0612345678", "A", "Bonjour"),
        sending.Outgoing(doomed, None, "0661230000", "B", "Bonjour"),  # unreachable
        sending.Outgoing(invalid, None, "06 12 34 5", "C", "Bonjour"),  # rejected
    ))
    sending.send(conn, 1, batch, delivery_scale=1.0)

    def timeline(cmid: str) -> list[tuple[str, str]]:
        row = conn.execute(f"{serialize.COMMUNICATION_SELECT} WHERE client_message_id = ?",
                           (cmid,)).fetchone()
        served = serialize.communication(row)
        steps = [(s["status"], s["at"]) for s in served["status_history"]]
        # Always ends at the current status, reached at updated_at, and starts at creation.
        assert steps[-1] == (served["status"], served["updated_at"])
        assert steps[0][1] == served["created_at"]
        return steps

    fates = {cmid: conn.execute("SELECT created_at, sent_at, final_at FROM communications "
                                "WHERE client_message_id = ?", (cmid,)).fetchone()
             for cmid in (ok, doomed)}
    created, sent, final = (db.iso(t) for t in fates[ok])
    assert timeline(ok) == [("queued", created)]
    assert [s for s, _ in timeline(invalid)] == ["rejected"]  # one entry, at creation
    delivery.settle(conn, now=fates[ok][1] + 0.01)  # sent, not yet delivered
    assert timeline(ok) == [("queued", created), ("sent", sent)]
    delivery.settle(conn, now=max(f[2] for f in fates.values()) + 0.01)
    assert timeline(ok) == [("queued", created), ("sent", sent), ("delivered", final)]
    assert [s for s, _ in timeline(doomed)] == ["queued", "sent", "failed"]
    assert timeline(doomed)[1:] == [("sent", db.iso(fates[doomed][1])),
                                    ("failed", db.iso(fates[doomed][2]))]
    conn.close()
