"""Consent, replies and frequency caps: the use cases (no Qt).

- :meth:`ConsentService.record`: the staff record a client's answer at the counter (or
  from a paper form); a new record, kept with who and how, pushed at the next sync.
- :meth:`ConsentService.apply_replies`: replies pulled by sync; a stop word switches the
  client to « refusé » at once with the reply as evidence, and their promotions not yet
  posted are withdrawn from the outbox through the campaign service.
- :meth:`ConsentService.rules_for`: what the plan needs (current states, past sends from
  every workstation, caps, the opt-out mention), read once per plan.
- :meth:`ConsentService.export_register`: the register for an audit (CSV, French Excel).
"""

from __future__ import annotations

import csv
import io
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Connection

from sobrus_comm.domain.consent import (
    CHANNEL_LABELS,
    PROMOTIONS,
    STATE_LABELS,
    ConsentChannel,
    ConsentRecord,
    ConsentState,
    InboundReply,
    opt_out_record,
)
from sobrus_comm.domain.consent_plan import ConsentRules, ConsentRulesSource
from sobrus_comm.domain.consent_register import (
    RegisterFormatError,
    RegisterProblem,
    parse_register,
)
from sobrus_comm.domain.csv_cells import CSV_ENCODING
from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.domain.frequency import FrequencyCaps, PastSend, Purpose
from sobrus_comm.domain.opt_out import DEFAULT_MENTION, mention_text
from sobrus_comm.services.csv_files import write_csv
from sobrus_comm.services.outbox import OutboxService
from sobrus_comm.store.consent import OPT_OUT_WORDING, REPLY_NUMBER
from sobrus_comm.store.db import Database

__all__ = ["ConsentService", "RegisterFormatError", "RegisterImport", "RepliesApplied",
           "RepliesOverview"]

REGISTER_HEADER = ("Date", "Client n°", "Client", "Consentement", "Canal", "Enregistré par",
                   "Réponse du client", "Note")


@dataclass(frozen=True)
class RepliesApplied:
    """What the replies of one sync changed."""

    new: int = 0
    opted_out: tuple[int, ...] = ()  # client ids switched to « refusé » by a stop word
    withdrawn: int = 0  # promotion messages taken out of the outbox


@dataclass(frozen=True)
class RepliesOverview:
    """Everything the replies window and the history's details pane show, read at once."""

    replies: tuple[InboundReply, ...]  # newest first
    names: dict[int, str]  # client id -> name
    states: dict[int, ConsentState]  # promotional consent (absent: non recueilli)
    last_change: dict[int, ConsentRecord]  # the record each state comes from

    @property
    def unread(self) -> int:
        return sum(1 for r in self.replies if not r.is_read)

    def for_client(self, client_id: int) -> list[InboundReply]:
        """Oldest first, as a conversation reads."""
        return sorted((r for r in self.replies if r.client_id == client_id),
                      key=lambda r: (r.received_at, r.id))

    def state_of(self, client_id: int) -> ConsentState:
        return self.states.get(client_id, ConsentState.UNKNOWN)


@dataclass(frozen=True)
class RegisterImport:
    """What an import of a paper register did."""

    imported: int
    already: int  # the same lines imported before: not recorded twice
    problems: tuple[RegisterProblem, ...]

    def message_fr(self) -> str:
        text = (f"{format_count(self.imported)} consentement"
                f"{'s' if self.imported > 1 else ''} importé{'s' if self.imported > 1 else ''}")
        if self.already:
            text += f", {format_count(self.already)} déjà présent{'s' if self.already > 1 else ''}"
        if self.problems:
            shown = " ; ".join(str(p) for p in self.problems[:3])
            more = f" ; et {len(self.problems) - 3} autres" if len(self.problems) > 3 else ""
            text += (f". {format_count(len(self.problems))} ligne"
                     f"{'s' if len(self.problems) > 1 else ''} ignorée"
                     f"{'s' if len(self.problems) > 1 else ''} ({shown}{more})")
        return text + "."


class ConsentService:
    def __init__(self, db: Database,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._db = db
        self._now = now

    # --- consent ---------------------------------------------------------------------------
    def record(self, client_id: int, state: ConsentState, staff: str,
               channel: ConsentChannel = ConsentChannel.COUNTER, note: str = "") -> ConsentRecord:
        """A new record (the history is kept); pushed to the backend at the next sync."""
        record = ConsentRecord(client_id, state, self._now(), staff, channel, note=note)
        self._db.consent.add(record)
        if state == ConsentState.REFUSED:
            self._withdraw([client_id])
        return record

    def states(self) -> dict[int, ConsentState]:
        return self._db.consent.states()

    def history(self, client_id: int) -> list[ConsentRecord]:
        return [s.record for s in self._db.consent.for_client(client_id)]

    # --- replies ---------------------------------------------------------------------------
    def apply_replies(self, replies: Iterable[InboundReply], *,
                      conn: Connection | None = None) -> RepliesApplied:
        """Store new replies; a stop word opts the client out at once (with the reply as
        evidence) and withdraws their queued promotions, all in one transaction (``conn``:
        the sync's, with the page's cursor). « START » re-subscribes no one."""
        with self._db.write(conn) as tx:
            new = self._db.replies.add_new(replies, conn=tx)
            opted: list[int] = []
            for reply in new:
                record = opt_out_record(reply)
                if record is not None and self._db.consent.add(record, conn=tx) is not None:
                    opted.append(record.client_id)
            withdrawn = self._withdraw(opted, conn=tx) if opted else 0
        return RepliesApplied(len(new), tuple(dict.fromkeys(opted)), withdrawn)

    def overview(self) -> RepliesOverview:
        """The replies with their clients' names and consent (one read, for a worker)."""
        records = self._db.consent.all()
        last: dict[int, ConsentRecord] = {}
        for stored in records:  # oldest first: the last one wins
            if stored.record.purpose == PROMOTIONS:
                last[stored.record.client_id] = stored.record
        names = {c.id: c.full_name for c in self._db.clients.list_all()}
        return RepliesOverview(tuple(self._db.replies.all()), names,
                               {cid: r.state for cid, r in last.items()}, last)

    def replies(self, client_id: int) -> list[InboundReply]:
        return self._db.replies.for_client(client_id)

    def unread_by_client(self) -> dict[int, int]:
        return self._db.replies.unread_by_client()

    def mark_read(self, client_id: int) -> int:
        return self._db.replies.mark_read(client_id)

    def _withdraw(self, client_ids: Sequence[int], *, conn: Connection | None = None) -> int:
        # The outbox's own writer, which the campaign service delegates to as well.
        return OutboxService(self._db).withdraw_promotions(client_ids, conn=conn)

    # --- the plan's rules ------------------------------------------------------------------
    def opt_out_mention(self) -> str:
        account = self._db.account
        return mention_text(account.get(OPT_OUT_WORDING, DEFAULT_MENTION),
                            account.get(REPLY_NUMBER))

    def recent_sends(self, caps: FrequencyCaps, purpose: Purpose | None = None
                     ) -> list[PastSend]:
        """Sends within the cap's period (the longest one when ``purpose`` is None), from
        the synced history and this outbox, each SMS once."""
        cap = caps.for_purpose(purpose) if purpose is not None else None
        days = cap.days if cap is not None else max(caps.reminder.days, caps.promotion.days)
        since = self._now() - timedelta(days=max(days, 1))
        outbox = {cmid: send for cmid, send in self._db.sent_purposes.from_outbox(since)
                  if purpose is None or send.purpose == purpose}
        synced = self._db.sent_purposes.since_with_ids(since, purpose)
        return list({**outbox, **synced}.values())

    def rules_for(self, purpose: Purpose, caps: FrequencyCaps, *, override_caps: bool = False,
                  is_test: bool = False) -> ConsentRules:
        cap = caps.for_purpose(purpose)
        sends = self.recent_sends(caps, purpose) if cap is not None and cap.active else []
        return ConsentRules(purpose, self.states(), tuple(sends), caps,
                            self._now(), override_caps=override_caps,
                            opt_out_mention=self.opt_out_mention(), is_test=is_test)

    def rules_source(self, caps: Callable[[], FrequencyCaps]) -> ConsentRulesSource:
        """What a send request calls when its plan is built (caps read then, live)."""

        def rules(purpose: Purpose, override_caps: bool, is_test: bool) -> ConsentRules:
            return self.rules_for(purpose, caps(), override_caps=override_caps, is_test=is_test)

        return rules

    # --- the register ----------------------------------------------------------------------
    def register_rows(self) -> list[list[str]]:
        names = {c.id: c.full_name for c in self._db.clients.list_all()}
        rows = []
        for stored in reversed(self._db.consent.all()):  # newest first
            r = stored.record
            rows.append([
                r.recorded_at.astimezone().strftime("%d/%m/%Y %H:%M"), str(r.client_id),
                names.get(r.client_id, ""), STATE_LABELS[r.state], CHANNEL_LABELS[r.channel],
                r.staff, r.reply_text, r.note,
            ])
        return rows

    def import_register(self, path: Path, staff: str) -> RegisterImport:
        """Record the lines of a paper register typed into a CSV file (channel « import »);
        raises :class:`RegisterFormatError` (French) when the file is not one. Importing the
        same file twice records nothing new; an old « accordé » never hides a later stop
        (the latest record wins)."""
        rows = _read_csv(path)
        lines, problems = parse_register(rows)
        known = {c.id for c in self._db.clients.list_all()}
        imported = already = 0
        refused: list[int] = []
        for line in lines:
            if line.client_id not in known:
                problems.append(RegisterProblem(
                    line.line, f"client n° {line.client_id} inconnu (synchronisez d'abord)"))
                continue
            at = (datetime.combine(line.day, time(12)).astimezone(UTC) if line.day
                  else self._now())
            record = ConsentRecord(line.client_id, line.state, at, line.staff or staff,
                                   ConsentChannel.IMPORT, note=line.note)
            # The same line imported again has the same uid: not recorded twice.
            day = line.day.isoformat() if line.day else "sans-date"
            uid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"sobrus-register:{line.client_id}:"
                                 f"{line.state}:{day}:{line.staff}:{line.note}"))
            if self._db.consent.add(record, uid=uid) is None:
                already += 1
                continue
            imported += 1
            if line.state == ConsentState.REFUSED:
                refused.append(line.client_id)
        self._withdraw(refused)
        return RegisterImport(imported, already, tuple(sorted(problems, key=lambda p: p.line)))

    def export_register(self, path: Path, progress: Callable[[int, int], None] | None = None,
                        cancel: threading.Event | None = None) -> int:
        rows = self.register_rows()
        return write_csv(path, REGISTER_HEADER, rows, len(rows), progress, cancel)


def _read_csv(path: Path) -> list[list[str]]:
    """A CSV as Excel saves it in France: « ; » (or « , »), UTF-8 with BOM or Windows-1252."""
    raw = path.read_bytes()
    try:
        text = raw.decode(CSV_ENCODING)
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
