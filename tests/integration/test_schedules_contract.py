"""The schedules endpoints answer as resources/openapi.yaml says, and the client reads them."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.demo import (
    DEMO_ASSISTANT_PASSWORD,
    DEMO_ASSISTANT_USERNAME,
    DEMO_PASSWORD,
    DEMO_USERNAME,
)
from sobrus_comm.backend.errors import Conflict
from sobrus_comm.backend.sandbox.server import RunningSandbox
from sobrus_comm.domain.models import Objective
from sobrus_comm.domain.recurrence import Frequency, Recurrence
from sobrus_comm.domain.schedules import RecipientsRule, Schedule, to_wire
from tests.integration.test_backend_contract import (
    METHODS,
    SCHEDULES,
    ContractClient,
)
from tests.integration.test_backend_contract import spec as contract_spec

spec = contract_spec  # the same module fixture, under the name the tests ask for


def a_schedule(uid: str, **kw: Any) -> Schedule:
    rule = Recurrence(Frequency.MONTHLY, time(9, 0), date(2026, 12, 1), day_of_month=1)
    base = dict(uid=uid, name="Rappel mensuel", objective=Objective.BALANCE_REMINDER,
                template_id=1, recipients=RecipientsRule.ALL_DUE, rule=rule)
    return Schedule(**{**base, **kw})  # type: ignore[arg-type]


def test_schedule_operations_answer_as_documented(spec: dict[str, Any],
                                                  sandbox: RunningSandbox) -> None:
    c = ContractClient(spec, sandbox.base_url)
    login = "/api/v1/auth/login"
    c.token = c.call("post", login, status=200, json={"username": DEMO_USERNAME,
                                                      "password": DEMO_PASSWORD})["token"]
    assistant = c.call("post", login, status=200,
                       json={"username": DEMO_ASSISTANT_USERNAME,
                             "password": DEMO_ASSISTANT_PASSWORD})["token"]
    one, runs = "/api/v1/schedules/{uid}", "/api/v1/schedules/{uid}/runs"
    uid = {"uid": "contract-schedule"}
    body = to_wire(a_schedule("contract-schedule"))
    created = c.call("put", one, status=201, path_params=uid, json=body)
    assert created["version"] == 1 and created["last_key"] is None
    c.call("put", one, status=200, path_params=uid, json={**body, "version": 1})
    c.call("put", one, status=409, path_params=uid, json={**body, "version": 1})
    c.call("put", one, status=422, path_params=uid, json={**body, "frequency": "daily",
                                                          "version": 2})
    c.call("put", one, status=403, path_params=uid, json={**body, "version": 2},
           token=assistant)
    listed = c.call("get", SCHEDULES, status=200)
    assert [s["uid"] for s in listed["items"]].count("contract-schedule") == 1
    run = {"occurrence_key": "2026-12-01T09:00", "result": "sent", "detail": "3 SMS"}
    assert c.call("post", runs, status=200, path_params=uid, json=run)["recorded"] is True
    again = c.call("post", runs, status=200, path_params=uid, json={**run, "result": "skipped"})
    assert again["recorded"] is False and again["schedule"]["last_result"] == "sent"
    c.call("post", runs, status=400, path_params=uid, json={**run, "occurrence_key": "x"})
    c.call("post", runs, status=403, path_params=uid, json=run, token=assistant)
    c.call("post", runs, status=404, path_params={"uid": "nope"}, json=run)
    assert len(c.call("get", runs, status=200, path_params=uid)["items"]) == 1
    c.call("delete", one, status=403, path_params=uid, token=assistant)
    c.call("delete", one, status=204, path_params=uid)
    c.call("delete", one, status=404, path_params=uid)
    c.call("put", one, status=404, path_params=uid, json={**body, "version": 3})
    deleted = c.call("get", SCHEDULES, status=200)["deleted"]
    assert "contract-schedule" in [d["uid"] for d in deleted]
    for path, item in spec["paths"].items():
        for method in METHODS:
            if path.startswith(SCHEDULES) and method in item:
                c.call(method, path, status=401, token="forged-token-000000000000",
                       path_params=uid)
    documented = {(path, method, int(code)) for path, item in spec["paths"].items()
                  for method in METHODS if method in item
                  for code in item[method]["responses"] if code != "default"
                  if path.startswith(SCHEDULES)}
    assert documented - c.seen == set()


def test_the_client_saves_detects_conflicts_and_records_runs(api: SobrusApi) -> None:
    saved = api.save_schedule(a_schedule("client-schedule"))
    assert saved.version == 1
    stale = a_schedule("client-schedule", name="Autre nom")  # version 0: stale
    with pytest.raises(Conflict) as caught:
        api.save_schedule(stale)
    assert isinstance(caught.value.current, Schedule) and caught.value.current.version == 1
    first = api.record_schedule_run("client-schedule", "2026-12-01T09:00", "paused",
                                    detail="Modèle supprimé", pause_reason="Modèle supprimé")
    assert first.recorded and first.schedule.paused
    assert first.schedule.pause_reason == "Modèle supprimé"
    assert not api.record_schedule_run("client-schedule", "2026-12-01T09:00", "sent").recorded
    listed = api.schedules()
    assert "client-schedule" in [s.uid for s in listed.items]
    api.delete_schedule("client-schedule")
    assert "client-schedule" in api.schedules().deleted
