"""SIGKILL during a scheduled run, then a restart: the run finishes, each SMS sent once.

The sandbox runs in a thread of this test process, so it survives the kill and tells what
it really accepted; the child process plans and sends the occurrence with the test's clock.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.sandbox.server import RunningSandbox
from sobrus_comm.domain.recurrence import campaign_id, to_instant
from tests.schedules.conftest import TZ, Station, monthly_reminder
from tests.schedules.test_runs import DUE, KEY

ROOT = Path(__file__).resolve().parents[2]


def _spawn(db_path: Path, base_url: str, token: str) -> subprocess.Popen[str]:
    now = to_instant(DUE, TZ).isoformat()
    return subprocess.Popen(
        [sys.executable, "-m", "tests.schedules.run_schedule_proc", str(db_path), base_url,
         now], cwd=ROOT, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "SOBRUS_TOKEN": token})


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_a_scheduled_run_then_restart_finishes_it_once(
        station: Station, make_api: Callable[[], SobrusApi], sandbox: RunningSandbox) -> None:
    station.service.save(monthly_reminder(station))
    with make_api() as api:
        station.service.sync(api)
        token = api.token or ""
    db_path = station.db.path
    station.db.close()
    sandbox.configure(latency_ms=20)
    cid = campaign_id("sched-monthly", KEY)

    child = _spawn(db_path, sandbox.base_url, token)
    assert child.stdout is not None
    total = 0
    for line in child.stdout:  # the second batch answered: kill it mid-run
        if line.startswith("progress"):
            done, total = map(int, line.split()[1:])
            if done >= 4:
                child.send_signal(signal.SIGKILL)
                break
    child.wait(timeout=30)
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL, "the run finished before its kill"
    assert total > 4
    partial = sandbox.control.sent(campaign_id=cid)["count"]
    assert 0 < partial < total

    again = _spawn(db_path, sandbox.base_url, token)
    out, _ = again.communicate(timeout=60)
    assert again.returncode == 0, out
    assert "result sent" in out and out.rstrip().endswith("done")
    sent = sandbox.control.sent(campaign_id=cid)["items"]
    ids = [s["client_message_id"] for s in sent]
    assert len(ids) == len(set(ids)) == total
    # A third start finds nothing left to do.
    third = _spawn(db_path, sandbox.base_url, token)
    out, _ = third.communicate(timeout=60)
    assert "result" not in out
    assert sandbox.control.sent(campaign_id=cid)["count"] == total


@pytest.mark.slow
def test_two_app_processes_due_at_once_each_sms_accepted_once(
        tmp_path: Path, make_api: Callable[[], SobrusApi], sandbox: RunningSandbox) -> None:
    from tests.schedules.conftest import Clock, open_station

    clock = Clock()
    a = open_station(tmp_path / "a" / "cache.sqlite3", make_api, clock)
    b = open_station(tmp_path / "b" / "cache.sqlite3", make_api, clock)
    a.service.save(monthly_reminder(a))
    with make_api() as api:
        a.service.sync(api)
        b.service.sync(api)  # the other workstation learns of it through the backend
        token = api.token or ""
    paths = [a.db.path, b.db.path]
    a.db.close()
    b.db.close()
    sandbox.configure(latency_ms=10)  # their batches overlap in flight
    children = [_spawn(path, sandbox.base_url, token) for path in paths]
    outputs = [child.communicate(timeout=90)[0] for child in children]
    assert [c.returncode for c in children] == [0, 0], outputs
    assert any("result sent" in out for out in outputs)
    cid = campaign_id("sched-monthly", KEY)
    sent = sandbox.control.sent(campaign_id=cid)["items"]
    ids = [s["client_message_id"] for s in sent]
    planned = max(int(line.split()[2]) for out in outputs for line in out.splitlines()
                  if line.startswith("progress"))
    assert len(ids) == len(set(ids)) == planned > 0
