"""Campaigns and their outbox: the messages of a grouped send, from planning to the backend.

The invariant that makes a send exactly-once across crashes: a row's ``client_message_id``
is fixed when the campaign is written (in one transaction with all its rows) and reused on
every retry and resume, and a row is marked ``posting`` (committed) *before* its batch is
posted. After a kill, ``posting`` rows are in doubt and are posted again with the same ids;
the backend deduplicates them.

Row states: pending → posting → accepted | rejected; pending → cancelled.
Campaign states: sending ⇄ paused → completed | cancelled.

Queries: raw SQL on purpose. Claiming a batch and recording its outcomes run for every
batch of every send (the sender's hot path, 100 rows at a time), with SQLite's own
``json_each`` for id lists (one parameter, whatever the count); the statements stay what
SQLite runs.
Rows are read back by column name into :class:`OutboxRow` and :class:`CampaignProgress`.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row

from sobrus_comm.domain.models import MessageStatus
from sobrus_comm.store._base import Repository, json_list
from sobrus_comm.store.campaign_marker import MarkedCampaign
from sobrus_comm.store.timestamps import from_ts, now_ts


class OutboxState(enum.StrEnum):
    PENDING = "pending"  # never posted
    POSTING = "posting"  # posted or about to be: the backend may have it
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    CANCELLED = "cancelled"  # never posted, never will be


class CampaignState(enum.StrEnum):
    SENDING = "sending"
    PAUSED = "paused"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


UNFINISHED = (CampaignState.SENDING, CampaignState.PAUSED)

# A rejection learnt from the synced history, which carries the reason but not its code.
REJECTED_IN_HISTORY = "rejected"
REJECTED_IN_HISTORY_FR = "Refusé par Sobrus"


def new_message_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class OutboxMessage:
    """One message to write into a new campaign."""

    phone_e164: str
    text: str
    client_id: int | None = None
    client_name: str = ""
    segments: int = 1
    encoding: str = "GSM-7"
    client_message_id: str = field(default_factory=new_message_id)


@dataclass(frozen=True)
class OutboxRow:
    id: int
    campaign_id: str
    client_message_id: str
    client_id: int | None
    client_name: str
    phone_e164: str
    text: str
    encoding: str
    segments: int
    state: OutboxState
    attempts: int
    error_code: str | None
    error_message: str | None
    communication_id: int | None


@dataclass(frozen=True)
class MessageOutcome:
    """What the backend said about one posted message."""

    client_message_id: str
    accepted: bool
    communication_id: int | None = None
    error_code: str | None = None
    error_message: str | None = None


@dataclass(frozen=True)
class CampaignProgress:
    id: str
    created_at: datetime
    label: str
    objective: str
    template_id: int | None
    category: str
    is_test: bool
    total: int
    credits_needed: int
    state: CampaignState
    pause_reason: str | None
    finished_at: datetime | None
    pending: int = 0
    posting: int = 0
    accepted: int = 0
    rejected: int = 0
    cancelled: int = 0
    segments_remaining: int = 0  # credits still needed to finish

    @property
    def remaining(self) -> int:
        return self.pending + self.posting

    @property
    def done(self) -> int:
        return self.accepted + self.rejected + self.cancelled


# Selected by name and read back by name: a row's shape is OutboxRow's fields, once.
_ROW_COLUMNS = ", ".join(f.name for f in fields(OutboxRow))
_CAMPAIGN_COLUMNS = (
    "c.id, c.created_at, c.label, c.objective, c.template_id, c.category, c.is_test, "
    "c.total, c.credits_needed, c.state, c.pause_reason, c.finished_at"
)
_COUNTS = """
    SELECT campaign_id, state, count(*), sum(segments) FROM outbox
    WHERE campaign_id IN (SELECT value FROM json_each(?)) GROUP BY campaign_id, state
"""


def _to_row(r: Row[Any]) -> OutboxRow:
    values = dict(r._mapping)
    return OutboxRow(**{**values, "state": OutboxState(values["state"])})


class OutboxRepository(Repository):
    # --- writing a campaign ----------------------------------------------------------------

    def create_campaign(
        self,
        messages: Sequence[OutboxMessage],
        *,
        label: str = "",
        objective: str = "",
        template_id: int | None = None,
        category: str = "transactional",
        is_test: bool = False,
        credits_needed: int | None = None,
        campaign_id: str | None = None,
    ) -> str:
        """Write the campaign and all its rows in one transaction; returns its id."""
        if not messages:
            raise ValueError("a campaign needs at least one message")
        campaign_id = campaign_id or str(uuid.uuid4())
        now = now_ts()
        if credits_needed is None:
            credits_needed = sum(m.segments for m in messages)
        with self._db.write() as tx:
            tx.exec_driver_sql(
                "INSERT INTO campaigns (id, created_at, label, objective, template_id, "
                "category, is_test, total, credits_needed, state) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (campaign_id, now, label, objective, template_id, category, int(is_test),
                 len(messages), credits_needed, CampaignState.SENDING.value),
            )
            tx.exec_driver_sql(
                "INSERT INTO outbox (campaign_id, client_message_id, client_id, client_name, "
                "phone_e164, text, encoding, segments, state, attempts, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                [
                    (campaign_id, m.client_message_id, m.client_id, m.client_name, m.phone_e164,
                     m.text, m.encoding, m.segments, OutboxState.PENDING.value, now)
                    for m in messages
                ],
            )
        # Outside the database, so that a cache emptied or rolled back later still tells.
        self._db.marker.add(MarkedCampaign(campaign_id, label, len(messages), now))
        return campaign_id

    # --- draining --------------------------------------------------------------------------

    def claim_batch(self, campaign_id: str, size: int) -> list[OutboxRow]:
        """The next rows to post, marked ``posting`` and committed before returning.

        Rows already ``posting`` (in doubt after a crash or a failed attempt) come first,
        with their original ids. Nothing is returned for a campaign that is not sending.
        """
        with self._db.write() as tx:
            state = tx.exec_driver_sql(
                "SELECT state FROM campaigns WHERE id = ?", (campaign_id,)
            ).scalar()
            if state != CampaignState.SENDING:
                return []
            ids = tx.exec_driver_sql(
                "SELECT id FROM outbox WHERE campaign_id = ? AND state IN (?, ?) "
                "ORDER BY state = ? DESC, id LIMIT ?",
                (campaign_id, OutboxState.POSTING.value, OutboxState.PENDING.value,
                 OutboxState.POSTING.value, size),
            ).scalars().all()
            if not ids:
                return []
            ids_json = json_list(ids)
            tx.exec_driver_sql(
                "UPDATE outbox SET state = ?, attempts = attempts + 1, updated_at = ? "
                "WHERE id IN (SELECT value FROM json_each(?))",
                (OutboxState.POSTING.value, now_ts(), ids_json),
            )
            rows = tx.exec_driver_sql(
                f"SELECT {_ROW_COLUMNS} FROM outbox "
                "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                (ids_json,),
            ).all()
        return [_to_row(r) for r in rows]

    def record_outcomes(
        self, outcomes: Iterable[MessageOutcome], *, conn: Connection | None = None
    ) -> None:
        """Store the backend's answer for posted rows (one transaction)."""
        now = now_ts()
        params = [
            (
                OutboxState.ACCEPTED.value if o.accepted else OutboxState.REJECTED.value,
                o.communication_id, o.error_code, o.error_message, now, o.client_message_id,
            )
            for o in outcomes
        ]
        if not params:
            return
        with self._db.write(conn) as tx:
            tx.exec_driver_sql(
                "UPDATE outbox SET state = ?, communication_id = ?, error_code = ?, "
                "error_message = ?, updated_at = ? WHERE client_message_id = ?",
                params,
            )

    def release(self, client_message_ids: Iterable[str]) -> int:
        """Back to ``pending``: the backend certainly did not take them (e.g. 402, 401).

        The claim is undone too: ``attempts`` keeps counting the posts that may have
        reached the backend.
        """
        with self._db.write() as tx:
            return tx.exec_driver_sql(
                "UPDATE outbox SET state = ?, attempts = max(attempts - 1, 0), updated_at = ? "
                "WHERE state = ? AND "
                "client_message_id IN (SELECT value FROM json_each(?))",
                (OutboxState.PENDING.value, now_ts(), OutboxState.POSTING.value,
                 json_list(client_message_ids)),
            ).rowcount

    def cancel(self, campaign_id: str) -> int:
        """Cancel a campaign: its not-yet-posted rows are never sent. Returns their count.

        Rows already ``posting`` are in flight and keep their outcome when it comes.
        """
        now = now_ts()
        with self._db.write() as tx:
            count = tx.exec_driver_sql(
                "UPDATE outbox SET state = ?, updated_at = ? WHERE campaign_id = ? AND state = ?",
                (OutboxState.CANCELLED.value, now, campaign_id, OutboxState.PENDING.value),
            ).rowcount
            tx.exec_driver_sql(
                "UPDATE campaigns SET state = ?, pause_reason = NULL, finished_at = ? "
                "WHERE id = ? AND state IN (?, ?)",
                (CampaignState.CANCELLED.value, now, campaign_id,
                 *(s.value for s in UNFINISHED)),
            )
        self._db.marker.remove(campaign_id)
        return count

    def cancelled_in_doubt(self, limit: int) -> list[str]:
        """Ids of rows a cancel left in doubt (posted, answer lost): to settle with the
        backend, which says which it received and voids the others."""
        with self._db.read() as conn:
            return list(conn.exec_driver_sql(
                "SELECT o.client_message_id FROM outbox o JOIN campaigns c "
                "ON c.id = o.campaign_id WHERE o.state = ? AND c.state = ? "
                "ORDER BY o.id LIMIT ?",
                (OutboxState.POSTING.value, CampaignState.CANCELLED.value, limit),
            ).scalars())

    def void_unreceived(
        self, client_message_ids: Iterable[str], *, conn: Connection | None = None
    ) -> int:
        """Rows in doubt the backend never received and has now voided: cancelled, never
        sent (the backend refuses any late copy of them)."""
        with self._db.write(conn) as tx:
            return tx.exec_driver_sql(
                "UPDATE outbox SET state = ?, updated_at = ? WHERE state = ? AND "
                "client_message_id IN (SELECT value FROM json_each(?))",
                (OutboxState.CANCELLED.value, now_ts(), OutboxState.POSTING.value,
                 json_list(client_message_ids)),
            ).rowcount

    def set_sending(self, campaign_id: str) -> bool:
        """(Re)start sending a paused or sending campaign; False if it is finished."""
        with self._db.write() as tx:
            return bool(
                tx.exec_driver_sql(
                    "UPDATE campaigns SET state = ?, pause_reason = NULL WHERE id = ? "
                    "AND state IN (?, ?)",
                    (CampaignState.SENDING.value, campaign_id, *(s.value for s in UNFINISHED)),
                ).rowcount
            )

    def pause(self, campaign_id: str, reason: str) -> None:
        with self._db.write() as tx:
            tx.exec_driver_sql(
                "UPDATE campaigns SET state = ?, pause_reason = ? WHERE id = ? AND state = ?",
                (CampaignState.PAUSED.value, reason, campaign_id, CampaignState.SENDING.value),
            )

    def finish_if_done(self, campaign_id: str) -> bool:
        """Mark the campaign completed when no row is left to post; True if it is over."""
        over = self._finish_if_done(campaign_id)
        if over:
            self._db.marker.remove(campaign_id)
        return over

    def _finish_if_done(self, campaign_id: str) -> bool:
        with self._db.write() as tx:
            left = tx.exec_driver_sql(
                "SELECT count(*) FROM outbox WHERE campaign_id = ? AND state IN (?, ?)",
                (campaign_id, OutboxState.PENDING.value, OutboxState.POSTING.value),
            ).scalar_one()
            state = tx.exec_driver_sql(
                "SELECT state FROM campaigns WHERE id = ?", (campaign_id,)
            ).scalar()
            if state == CampaignState.CANCELLED:
                return True
            if left:
                return False
            tx.exec_driver_sql(
                "UPDATE campaigns SET state = ?, pause_reason = NULL, "
                "finished_at = coalesce(finished_at, ?) WHERE id = ?",
                (CampaignState.COMPLETED.value, now_ts(), campaign_id),
            )
        return True

    def reconcile_with_history(self, *, conn: Connection | None = None) -> int:
        """Rows in doubt that the synced history shows were received take the outcome it
        shows: ``rejected`` there stays rejected here (with its reason), anything else was
        accepted. Returns how many rows were settled."""
        with self._db.write(conn) as tx:
            return tx.exec_driver_sql(
                "UPDATE outbox SET state = CASE WHEN c.status = ? THEN ? ELSE ? END, "
                "  communication_id = c.id, "
                "  error_code = CASE WHEN c.status = ? THEN ? END, "
                "  error_message = CASE WHEN c.status = ? "
                "    THEN coalesce(c.failure_reason, ?) END, "
                "  updated_at = ? "
                "FROM (SELECT client_message_id, max(id) AS id, status, failure_reason "
                "      FROM communications GROUP BY client_message_id) AS c "
                "WHERE outbox.state = ? AND c.client_message_id = outbox.client_message_id",
                (MessageStatus.REJECTED.value, OutboxState.REJECTED.value,
                 OutboxState.ACCEPTED.value,
                 MessageStatus.REJECTED.value, REJECTED_IN_HISTORY,
                 MessageStatus.REJECTED.value, REJECTED_IN_HISTORY_FR,
                 now_ts(), OutboxState.POSTING.value),
            ).rowcount

    # --- reading ---------------------------------------------------------------------------

    def progress(self, campaign_id: str) -> CampaignProgress | None:
        found = self._campaigns("c.id = ?", (campaign_id,))
        return found[0] if found else None

    def labels(self) -> dict[str, tuple[str, datetime]]:
        """Every campaign's label and creation time, by id (the history names them)."""
        with self._db.read() as conn:
            rows = conn.exec_driver_sql("SELECT id, label, created_at FROM campaigns").all()
        named = {}
        for campaign_id, label, created_at in rows:
            created = from_ts(created_at)
            assert created is not None
            named[campaign_id] = (label, created)
        return named

    def unfinished(self) -> list[CampaignProgress]:
        """Campaigns left sending or paused (e.g. by a crash): to offer for resumption."""
        return self._campaigns(
            "c.state IN (?, ?)", tuple(s.value for s in UNFINISHED)
        )

    def rows(
        self, campaign_id: str, states: Iterable[OutboxState] | None = None
    ) -> list[OutboxRow]:
        sql = f"SELECT {_ROW_COLUMNS} FROM outbox WHERE campaign_id = ?"
        params: tuple[Any, ...] = (campaign_id,)
        if states is not None:
            sql += " AND state IN (SELECT value FROM json_each(?))"
            params += (json_list(s.value for s in states),)
        with self._db.read() as conn:
            found = conn.exec_driver_sql(sql + " ORDER BY id", params).all()
        return [_to_row(r) for r in found]

    def _campaigns(self, where: str, params: tuple[Any, ...]) -> list[CampaignProgress]:
        with self._db.read() as conn:
            campaigns = conn.exec_driver_sql(
                f"SELECT {_CAMPAIGN_COLUMNS} FROM campaigns c WHERE {where} "
                "ORDER BY c.created_at, c.id",
                params,
            ).all()
            if not campaigns:
                return []
            counts = conn.exec_driver_sql(
                _COUNTS, (json_list(c.id for c in campaigns),)
            ).all()
        per: dict[str, dict[str, int]] = {}
        for campaign_id, state, count, segments in counts:
            bucket = per.setdefault(campaign_id, {"segments_remaining": 0})
            bucket[state] = count
            if state in (OutboxState.PENDING, OutboxState.POSTING):
                bucket["segments_remaining"] += segments or 0
        result = []
        for c in campaigns:
            m = c._mapping  # by column name, as _CAMPAIGN_COLUMNS names them
            created = from_ts(m["created_at"])
            assert created is not None
            result.append(
                CampaignProgress(
                    id=m["id"], created_at=created, label=m["label"], objective=m["objective"],
                    template_id=m["template_id"], category=m["category"],
                    is_test=bool(m["is_test"]), total=m["total"],
                    credits_needed=m["credits_needed"], state=CampaignState(m["state"]),
                    pause_reason=m["pause_reason"], finished_at=from_ts(m["finished_at"]),
                    **per.get(m["id"], {}),
                )
            )
        return result
