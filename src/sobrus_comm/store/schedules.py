"""Scheduled sends in the cache: the schedules (synced like templates) and the local runs.

Queries: SQLAlchemy Core on :mod:`store.tables` (a handful of rows: not a hot path).

A schedule row holds the contract's record as JSON plus what the next push must do
(``local_state``) and, after a conflict, the backend's copy. A run row is written *before*
its campaign is sent: after a crash or a kill the next start finds the campaign (its id is
derived from the occurrence) and resumes it instead of planning the occurrence again.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, delete, select, update
from sqlalchemy.dialects.sqlite import insert

from sobrus_comm.domain.schedules import Schedule, from_wire, to_wire
from sobrus_comm.store._base import Repository
from sobrus_comm.store.tables import schedule_runs, schedules
from sobrus_comm.store.timestamps import now_ts


class LocalState(enum.StrEnum):
    SYNCED = "synced"
    DIRTY = "dirty"
    DELETED = "deleted"


@dataclass(frozen=True)
class StoredSchedule:
    schedule: Schedule
    local_state: LocalState
    conflict: Schedule | None = None  # the backend's newer copy, when our edit met it


@dataclass(frozen=True)
class LocalRun:
    uid: str
    occurrence_key: str
    campaign_id: str | None
    result: str
    detail: str
    pause_reason: str
    pushed: bool


def _dump(s: Schedule) -> str:
    data = to_wire(s)
    data.update(last_key=s.last_key, last_result=s.last_result, last_detail=s.last_detail)
    return json.dumps(data)


class ScheduleRepository(Repository):
    # --- schedules ---------------------------------------------------------------------

    def list_all(self, *, with_deleted: bool = False) -> list[StoredSchedule]:
        with self._db.read() as conn:
            rows = conn.execute(select(schedules)).all()
        found = []
        for row in rows:
            state = LocalState(row.local_state)
            if state == LocalState.DELETED and not with_deleted:
                continue
            conflict = from_wire(json.loads(row.conflict)) if row.conflict else None
            found.append(StoredSchedule(from_wire(json.loads(row.data)), state, conflict))
        return sorted(found, key=lambda s: s.schedule.name.lower())

    def get(self, uid: str) -> StoredSchedule | None:
        return next((s for s in self.list_all(with_deleted=True) if s.schedule.uid == uid),
                    None)

    def put(self, schedule: Schedule, state: LocalState, *, conflict: Schedule | None = None,
            conn: Connection | None = None) -> None:
        values = {"uid": schedule.uid, "data": _dump(schedule), "local_state": str(state),
                  "conflict": _dump(conflict) if conflict is not None else None,
                  "updated_at": now_ts()}
        new = insert(schedules).values(**values)
        with self._db.write(conn) as tx:
            tx.execute(new.on_conflict_do_update(index_elements=[schedules.c.uid],
                                                 set_={k: v for k, v in values.items()
                                                       if k != "uid"}))

    def forget(self, uid: str, *, conn: Connection | None = None) -> None:
        with self._db.write(conn) as tx:
            tx.execute(delete(schedules).where(schedules.c.uid == uid))

    # --- runs --------------------------------------------------------------------------

    def run(self, uid: str, key: str) -> LocalRun | None:
        with self._db.read() as conn:
            row = conn.execute(select(schedule_runs).where(
                schedule_runs.c.uid == uid, schedule_runs.c.occurrence_key == key)).first()
        return None if row is None else _run(row)

    def runs(self, *, unpushed_only: bool = False) -> list[LocalRun]:
        query = select(schedule_runs).order_by(schedule_runs.c.recorded_at)
        if unpushed_only:
            query = query.where(schedule_runs.c.pushed.is_(False))
        with self._db.read() as conn:
            return [_run(r) for r in conn.execute(query).all()]

    def record_run(self, run: LocalRun, *, conn: Connection | None = None) -> None:
        values = {"uid": run.uid, "occurrence_key": run.occurrence_key,
                  "campaign_id": run.campaign_id, "result": run.result, "detail": run.detail,
                  "pause_reason": run.pause_reason, "pushed": run.pushed,
                  "recorded_at": now_ts()}
        new = insert(schedule_runs).values(**values)
        with self._db.write(conn) as tx:
            tx.execute(new.on_conflict_do_update(
                index_elements=[schedule_runs.c.uid, schedule_runs.c.occurrence_key],
                set_={k: v for k, v in values.items() if k not in ("uid", "occurrence_key")}))

    def mark_pushed(self, uid: str, key: str) -> None:
        with self._db.write() as tx:
            tx.execute(update(schedule_runs).where(
                schedule_runs.c.uid == uid, schedule_runs.c.occurrence_key == key,
            ).values(pushed=True))

    def campaign_schedules(self) -> dict[str, str]:
        """Schedule uid of each campaign a run made here, by campaign id (history tags)."""
        with self._db.read() as conn:
            rows = conn.execute(select(schedule_runs.c.campaign_id, schedule_runs.c.uid)
                                .where(schedule_runs.c.campaign_id.is_not(None))).all()
        return {r.campaign_id: r.uid for r in rows}


    def campaign_occurrences(self) -> dict[str, tuple[str, str]]:
        """(schedule name, occurrence key) of each scheduled campaign known here, run on
        this workstation or another one, by campaign id (the history's tags)."""
        names = {s.schedule.uid: s.schedule.name for s in self.list_all(with_deleted=True)}
        with self._db.read() as conn:
            rows = conn.execute(select(schedule_runs.c.campaign_id, schedule_runs.c.uid,
                                       schedule_runs.c.occurrence_key)
                                .where(schedule_runs.c.campaign_id.is_not(None))).all()
        return {r.campaign_id: (names.get(r.uid, "supprimé"), r.occurrence_key) for r in rows}


def _run(r: Row[Any]) -> LocalRun:
    return LocalRun(r.uid, r.occurrence_key, r.campaign_id, r.result, r.detail,
                    r.pause_reason, bool(r.pushed))
