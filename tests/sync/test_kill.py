"""SIGKILL in the middle of a grouped send: nothing lost, nothing sent twice.

A 1,000-message campaign is drained by a child process that is killed at random moments
(between batches, while a batch is in flight, while results are being written), then
started again; it resumes the campaign with the same ids. The sandbox runs in a thread of
this test process, so it survives every kill and tells what it really accepted.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sobrus_comm.store import open_database
from sobrus_comm.store.outbox import CampaignState
from tests.sync.helpers import campaign

ROOT = Path(__file__).resolve().parents[2]
MESSAGES, BATCH, KILLS = 1000, 50, 3


def _spawn(db_path: Path, base_url: str, token: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.sync.send_campaign_proc", str(db_path), base_url,
         str(BATCH)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "SOBRUS_TOKEN": token},
    )


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_a_send_loses_and_duplicates_nothing(sandbox, api, db) -> None:
    campaign_id = campaign(db, MESSAGES)
    db_path = db.path
    db.close()
    balance_before = api.balance().credits
    sandbox.configure(latency_ms=10)  # batches spend time in flight: kills land there too
    rng = random.Random(20261128)
    answered = 0
    in_doubt: list[int] = []  # rows left "posting" by each kill

    for _ in range(KILLS):
        child = _spawn(db_path, sandbox.base_url, api.token or "")
        assert child.stdout is not None
        batches_before_kill = rng.randint(1, 4)
        seen = 0
        for line in child.stdout:  # "progress DONE TOTAL": the first one is the start
            if line.startswith("progress"):
                answered = int(line.split()[1])
                seen += 1
                if seen > batches_before_kill:
                    break
        # ...then a random instant within the next batch or two.
        killer = threading.Timer(rng.uniform(0.0, 0.08), child.send_signal, [signal.SIGKILL])
        killer.start()
        child.wait(timeout=30)
        killer.join()
        child.stdout.close()
        assert child.returncode == -signal.SIGKILL, "the child finished before its kill"
        sent = sandbox.control.sent(campaign_id=campaign_id)["items"]
        ids = [s["client_message_id"] for s in sent]
        assert len(ids) == len(set(ids)) <= MESSAGES
        with sqlite3.connect(db_path) as raw:
            in_doubt.append(raw.execute(
                "SELECT count(*) FROM outbox WHERE state = 'posting'").fetchone()[0])

    assert 0 < answered < MESSAGES
    assert any(in_doubt), "no kill struck while a batch was in flight"
    last = _spawn(db_path, sandbox.base_url, api.token or "")
    out, _ = last.communicate(timeout=60)
    assert last.returncode == 0 and out.rstrip().endswith("done")

    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db = open_database(db_path)
    try:
        progress = db.outbox.progress(campaign_id)
        assert (progress.state, progress.accepted) == (CampaignState.COMPLETED, MESSAGES)
        outbox = {r.client_message_id for r in db.outbox.rows(campaign_id)}
    finally:
        db.close()
    sent = sandbox.control.sent(campaign_id=campaign_id)["items"]
    ids = [s["client_message_id"] for s in sent]
    assert len(ids) == len(set(ids)) == MESSAGES  # zero duplicates
    assert set(ids) == outbox  # zero lost
    assert balance_before - api.balance().credits == MESSAGES  # charged once each
