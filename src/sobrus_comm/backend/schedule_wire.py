"""Scheduled sends as the contract carries them (resources/openapi.yaml, « Schedules »)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sobrus_comm.backend.parsing import Obj
from sobrus_comm.domain.schedules import Schedule, from_wire, to_wire


@dataclass(frozen=True)
class ScheduleList:
    items: tuple[Schedule, ...]
    deleted: tuple[str, ...]  # uids


@dataclass(frozen=True)
class RecordedRun:
    recorded: bool  # False: another workstation recorded this occurrence first
    schedule: Schedule


@dataclass(frozen=True)
class RunRecord:
    occurrence_key: str
    result: str
    detail: str


def run_records(o: Obj) -> tuple[RunRecord, ...]:
    items = o.data.get("items")
    if not isinstance(items, list):
        raise TypeError("items must be a list")
    return tuple(RunRecord(str(i["occurrence_key"]), str(i["result"]), str(i.get("detail", "")))
                 for i in items)


def schedule(o: Obj) -> Schedule:
    return from_wire(o.data)


def to_json(s: Schedule) -> dict[str, Any]:
    data = to_wire(s)
    if s.version == 0 and s.last_key:
        # Created: occurrences up to its creation are not owed, on any workstation.
        data["last_key"] = s.last_key
    return data


def schedule_list(o: Obj) -> ScheduleList:
    items = o.data.get("items")
    deleted = o.data.get("deleted")
    if not isinstance(items, list) or not isinstance(deleted, list):
        raise TypeError("items and deleted must be lists")
    return ScheduleList(tuple(from_wire(i) for i in items),
                        tuple(str(d["uid"]) for d in deleted))


def recorded_run(o: Obj) -> RecordedRun:
    return RecordedRun(bool(o.data.get("recorded")), from_wire(o.data["schedule"]))
