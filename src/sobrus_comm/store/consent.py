"""Consent records, clients' replies, what each SMS was sent as, the account's opt-out.

SQLAlchemy Core on :mod:`store.tables`: cold, small tables (a few thousand rows), read
when a plan is built or a client's details are shown.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from sobrus_comm.domain.consent import (
    PROMOTIONS,
    ConsentChannel,
    ConsentRecord,
    ConsentState,
    InboundReply,
)
from sobrus_comm.domain.frequency import PastSend, Purpose, purpose_of
from sobrus_comm.domain.models import Communication, MessageStatus
from sobrus_comm.store._base import Repository, json_list
from sobrus_comm.store.tables import (
    account_settings,
    consent_records,
    inbound_replies,
    sent_purposes,
)
from sobrus_comm.store.timestamps import from_ts, now_ts, to_ts

T = consent_records


@dataclass(frozen=True)
class StoredConsent:
    uid: str  # the idempotency key of the record on the backend
    server_id: int | None  # None: not pushed yet
    record: ConsentRecord


def _to_stored(row: object) -> StoredConsent:
    r = row._mapping  # type: ignore[attr-defined]
    at = from_ts(r["recorded_at"])
    assert at is not None
    return StoredConsent(r["record_uid"], r["server_id"], ConsentRecord(
        client_id=r["client_id"], state=ConsentState(r["state"]), recorded_at=at,
        staff=r["staff"], channel=ConsentChannel(r["channel"]), purpose=r["purpose"],
        reply_id=r["reply_id"], reply_text=r["reply_text"], note=r["note"]))


class ConsentRepository(Repository):
    def add(self, record: ConsentRecord, *, uid: str | None = None,
            server_id: int | None = None, conn: Connection | None = None) -> str | None:
        """Keep one more record (never replaces one); returns its uid, or None when it was
        already there (same uid, or the same reply already opted this client out)."""
        return self.add_many([(record, uid, server_id)], conn=conn)[0]

    def add_many(self, records: Sequence[tuple[ConsentRecord, str | None, int | None]], *,
                 conn: Connection | None = None) -> list[str | None]:
        """:meth:`add` of each (record, uid, server id), in order, in one go: a first sync
        pulls tens of thousands (one lookup per page, not one scan per record)."""
        uids = [uid or str(uuid.uuid4()) for _, uid, _ in records]
        reply_ids = [r.reply_id for r, _, _ in records if r.reply_id is not None]
        with self._db.write(conn) as tx:
            # What is kept already, by uid and by (reply, client) for a stop reply: a row
            # kept has its "id"; a row this call adds is its insert's values, without one.
            by_uid: dict[str, dict[str, Any]] = {
                row_uid: {"id": row_id, "server_id": row_server}
                for row_uid, row_id, row_server in tx.exec_driver_sql(
                    "SELECT record_uid, id, server_id FROM consent_records "
                    "WHERE record_uid IN (SELECT value FROM json_each(?))", (json_list(uids),))}
            by_reply: dict[tuple[int | None, int], dict[str, Any]] = {}
            if reply_ids:
                for row_id, row_server, reply_id, client_id in tx.exec_driver_sql(
                        "SELECT id, server_id, reply_id, client_id FROM consent_records "
                        "WHERE reply_id IN (SELECT value FROM json_each(?))",
                        (json_list(reply_ids),)):
                    by_reply.setdefault((reply_id, client_id),
                                        {"id": row_id, "server_id": row_server})
            added: list[str | None] = []
            rows: list[dict[str, Any]] = []
            for (record, _, server_id), uid in zip(records, uids, strict=True):
                key = (record.reply_id, record.client_id)
                kept = by_uid.get(uid) or (by_reply.get(key) if record.reply_id is not None
                                           else None)
                if kept is not None:
                    if server_id is not None and kept["server_id"] is None:  # backend's copy
                        kept["server_id"] = server_id
                        if "id" in kept:
                            tx.exec_driver_sql("UPDATE consent_records SET server_id = ? "
                                               "WHERE id = ?", (server_id, kept["id"]))
                    added.append(None)
                    continue
                row = {"record_uid": uid, "server_id": server_id, "client_id": record.client_id,
                       "purpose": record.purpose, "state": str(record.state),
                       "recorded_at": to_ts(record.recorded_at), "staff": record.staff,
                       "channel": str(record.channel), "reply_id": record.reply_id,
                       "reply_text": record.reply_text, "note": record.note}
                rows.append(row)
                by_uid[uid] = row
                if record.reply_id is not None:
                    by_reply[key] = row
                added.append(uid)
            if rows:
                tx.execute(insert(T), rows)  # one executemany
        return added

    def all(self) -> list[StoredConsent]:
        """Every record, oldest first (the register)."""
        with self._db.read() as conn:
            rows = conn.execute(select(T).order_by(T.c.recorded_at, T.c.id)).all()
        return [_to_stored(r) for r in rows]

    def for_client(self, client_id: int) -> list[StoredConsent]:
        with self._db.read() as conn:
            rows = conn.execute(select(T).where(T.c.client_id == client_id)
                                .order_by(T.c.recorded_at, T.c.id)).all()
        return [_to_stored(r) for r in rows]

    def states(self, purpose: str = PROMOTIONS) -> dict[int, ConsentState]:
        """Each client's current consent (clients without a record: absent). One narrow
        query: read at every plan estimate (same rule as domain.consent.current_states)."""
        with self._db.read() as conn:
            rows = conn.execute(select(T.c.client_id, T.c.state).where(T.c.purpose == purpose)
                                .order_by(T.c.recorded_at, T.c.id)).all()
        return {client_id: ConsentState(state) for client_id, state in rows}  # last wins

    def pending_push(self) -> list[StoredConsent]:
        with self._db.read() as conn:
            rows = conn.execute(select(T).where(T.c.server_id.is_(None)).order_by(T.c.id)).all()
        return [_to_stored(r) for r in rows]

    def mark_pushed(self, uid: str, server_id: int) -> None:
        with self._db.write() as tx:
            tx.execute(update(T).where(T.c.record_uid == uid).values(server_id=server_id))

    def withdraw_pending_promotions(self, client_ids: Iterable[int], *,
                                    conn: Connection | None = None) -> int:
        """Rows of promotions not yet posted to these clients: cancelled, never sent (rows
        in flight keep their outcome; the backend refuses them for a refused client)."""
        with self._db.write(conn) as tx:
            return tx.exec_driver_sql(
                "UPDATE outbox SET state = 'cancelled', updated_at = ? WHERE state = 'pending' "
                "AND client_id IN (SELECT value FROM json_each(?)) AND campaign_id IN "
                "(SELECT id FROM campaigns WHERE category = 'promotional')",
                (now_ts(), json_list(client_ids))).rowcount


R = inbound_replies


def _to_reply(row: object) -> InboundReply:
    r = row._mapping  # type: ignore[attr-defined]
    at = from_ts(r["received_at"])
    assert at is not None
    return InboundReply(r["id"], r["client_id"], r["phone"], r["text"], at, bool(r["is_read"]))


class ReplyRepository(Repository):
    def add_new(self, replies: Iterable[InboundReply], *,
                conn: Connection | None = None) -> list[InboundReply]:
        """Store the replies not seen before; returns those (a reply never changes)."""
        new: list[InboundReply] = []
        with self._db.write(conn) as tx:
            for reply in replies:
                if tx.execute(select(R.c.id).where(R.c.id == reply.id)).first() is not None:
                    continue
                tx.execute(insert(R).values(
                    id=reply.id, client_id=reply.client_id, phone=reply.phone, text=reply.text,
                    received_at=to_ts(reply.received_at), is_stop=reply.is_stop, is_read=False))
                new.append(reply)
        return new

    def for_client(self, client_id: int) -> list[InboundReply]:
        with self._db.read() as conn:
            rows = conn.execute(select(R).where(R.c.client_id == client_id)
                                .order_by(R.c.received_at, R.c.id)).all()
        return [_to_reply(r) for r in rows]

    def all(self) -> list[InboundReply]:
        with self._db.read() as conn:
            rows = conn.execute(select(R).order_by(R.c.received_at.desc(), R.c.id)).all()
        return [_to_reply(r) for r in rows]

    def unread_by_client(self) -> dict[int, int]:
        with self._db.read() as conn:
            rows = conn.execute(select(R.c.client_id, func.count()).where(
                R.c.is_read.is_(False), R.c.client_id.is_not(None)).group_by(R.c.client_id)).all()
        return {int(c): int(n) for c, n in rows}

    def mark_read(self, client_id: int) -> int:
        with self._db.write() as tx:
            return tx.execute(update(R).where(R.c.client_id == client_id, R.c.is_read.is_(False))
                              .values(is_read=True)).rowcount


P = sent_purposes
_RECORD = ("INSERT OR IGNORE INTO sent_purposes (client_message_id, client_id, purpose, "
           "sent_at) VALUES (?, ?, ?, ?)")
_NOT_RECEIVED = (MessageStatus.FAILED, MessageStatus.REJECTED, MessageStatus.CANCELLED)


class SentPurposeRepository(Repository):
    def record(self, sends: Iterable[tuple[str, PastSend]], *,
               conn: Connection | None = None) -> None:
        """(client_message_id, send) pairs; one per SMS whichever path told us first."""
        # Plain tuples through the driver's executemany: a first sync records up to a
        # million of them, and Core's per-row parameter building was most of the cost.
        rows = [(cmid, s.client_id, str(s.purpose), to_ts(s.at)) for cmid, s in sends]
        if rows:
            with self._db.write(conn) as tx:
                tx.exec_driver_sql(_RECORD, rows)

    def apply_history(self, communications: Iterable[Communication], *,
                      conn: Connection | None = None) -> None:
        """From a synced history page: an SMS that reached (or may reach) its client counts;
        one that failed, was rejected or cancelled does not (any more)."""
        counted, dropped = [], []
        for c in communications:
            if c.purpose is None or c.client_id is None or c.is_test:
                continue
            if c.status in _NOT_RECEIVED:
                dropped.append(c.client_message_id)
            else:
                counted.append((c.client_message_id,
                                PastSend(c.client_id, Purpose(c.purpose), c.created_at)))
        with self._db.write(conn) as tx:
            self.record(counted, conn=tx)
            if dropped:  # raw SQL: a first sync drops a failed SMS in every page or so
                tx.exec_driver_sql("DELETE FROM sent_purposes WHERE client_message_id IN "
                                   "(SELECT value FROM json_each(?))", (json_list(dropped),))

    def from_outbox(self, at: datetime) -> list[tuple[str, PastSend]]:
        """This workstation's sends not yet in the history (or in it: same ids, counted
        once by the caller): pending, in flight or accepted, tests excepted."""
        with self._db.read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT o.client_message_id, o.client_id, c.objective, c.category, c.created_at "
                "FROM outbox o JOIN campaigns c ON c.id = o.campaign_id "
                "WHERE c.is_test = 0 AND o.client_id IS NOT NULL AND c.created_at > ? "
                "AND o.state IN ('pending', 'posting', 'accepted')", (to_ts(at),)).all()
        found = []
        for cmid, client_id, objective, category, created in rows:
            sent = from_ts(created)
            assert sent is not None
            found.append((cmid, PastSend(client_id, purpose_of(objective, category), sent)))
        return found

    def since(self, at: datetime) -> list[PastSend]:
        return list(self.since_with_ids(at).values())

    def since_with_ids(self, at: datetime, purpose: Purpose | None = None
                       ) -> dict[str, PastSend]:
        """Sends after ``at`` (of one purpose, or all) by client_message_id, to merge with
        the outbox's. Raw SQL on purpose: read at every plan estimate, tens of thousands of
        rows, where Core's row processing cost more than the query."""
        sql = "SELECT client_message_id, client_id, purpose, sent_at FROM sent_purposes " \
              "WHERE sent_at > ?"
        params: tuple[object, ...] = (to_ts(at),)
        if purpose is not None:
            sql += " AND purpose = ?"
            params += (str(purpose),)
        with self._db.read() as conn:
            rows = conn.exec_driver_sql(sql, params).all()
        return {cmid: PastSend(client_id, Purpose(kind), datetime.fromtimestamp(ts, UTC))
                for cmid, client_id, kind, ts in rows}


A = account_settings
OPT_OUT_WORDING, REPLY_NUMBER = "opt_out_wording", "reply_number"


class AccountSettingsRepository(Repository):
    def get(self, key: str, default: str = "") -> str:
        with self._db.read() as conn:
            value = conn.execute(select(A.c.value).where(A.c.key == key)).scalar()
        return default if value is None else str(value)

    def set(self, key: str, value: str, *, conn: Connection | None = None) -> None:
        with self._db.write(conn) as tx:
            tx.execute(insert(A).prefix_with("OR REPLACE").values(key=key, value=value))
