"""Promotional-SMS consent per client, with its evidence (law 09-08, art. 10).

A client's consent is never overwritten: each change is a :class:`ConsentRecord` (state,
when, which staff member, through which channel, and for an SMS reply the reply itself),
and the current state is the latest record. No record at all means « non recueilli ».
Transactional messages (balance reminders, notices) do not need consent; promotions go
only to clients whose current state is « accordé ».
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sobrus_comm.domain.stop_words import is_stop_reply


class ConsentState(enum.StrEnum):
    GRANTED = "granted"  # « accordé »
    REFUSED = "refused"  # « refusé »
    UNKNOWN = "unknown"  # « non recueilli »


class ConsentChannel(enum.StrEnum):
    COUNTER = "counter"  # « au comptoir »
    WRITTEN = "written"  # « écrit »
    SMS_REPLY = "sms_reply"  # « réponse SMS »
    IMPORT = "import"  # « import » (a paper register)


STATE_LABELS: dict[ConsentState, str] = {
    ConsentState.GRANTED: "Accordé",
    ConsentState.REFUSED: "Refusé",
    ConsentState.UNKNOWN: "Non recueilli",
}

CHANNEL_LABELS: dict[ConsentChannel, str] = {
    ConsentChannel.COUNTER: "Au comptoir",
    ConsentChannel.WRITTEN: "Écrit",
    ConsentChannel.SMS_REPLY: "Réponse SMS",
    ConsentChannel.IMPORT: "Import",
}

PROMOTIONS = "promotions"  # the one purpose asked today; kept in every record for later ones


@dataclass(frozen=True)
class ConsentRecord:
    """One change of a client's consent, as evidence (never edited afterwards)."""

    client_id: int
    state: ConsentState
    recorded_at: datetime  # aware, UTC
    staff: str  # who recorded it (display name); "" for an automatic opt-out by reply
    channel: ConsentChannel
    purpose: str = PROMOTIONS
    reply_id: int | None = None  # the inbound message it came from (channel SMS_REPLY)
    reply_text: str = ""
    note: str = ""

    def evidence_fr(self) -> str:
        """« Réponse SMS « STOP » », « Au comptoir (Salma B.) »: one line for the register."""
        head = CHANNEL_LABELS[self.channel]
        if self.channel == ConsentChannel.SMS_REPLY and self.reply_text:
            head += f" « {self.reply_text.strip()} »"
        return f"{head} ({self.staff})" if self.staff else head


def current_states(records: Iterable[ConsentRecord],
                   purpose: str = PROMOTIONS) -> dict[int, ConsentState]:
    """Each client's latest state for ``purpose`` (ties: the later record in the input)."""
    latest: dict[int, ConsentRecord] = {}
    for record in records:
        if record.purpose != purpose:
            continue
        known = latest.get(record.client_id)
        if known is None or record.recorded_at >= known.recorded_at:
            latest[record.client_id] = record
    return {client_id: r.state for client_id, r in latest.items()}


def state_of(states: Mapping[int, ConsentState], client_id: int) -> ConsentState:
    return states.get(client_id, ConsentState.UNKNOWN)


@dataclass(frozen=True)
class InboundReply:
    """What a client answered to the pharmacy's number."""

    id: int  # the server's
    client_id: int | None  # None: a number no client has
    phone: str | None
    text: str
    received_at: datetime  # aware, UTC
    is_read: bool = False

    @property
    def is_stop(self) -> bool:
        return is_stop_reply(self.text)


def opt_out_record(reply: InboundReply) -> ConsentRecord | None:
    """The « refusé » record a stop reply makes, with the reply as evidence; None when the
    reply is not a stop or has no client. Never the other way: « START » re-subscribes no one."""
    if reply.client_id is None or not reply.is_stop:
        return None
    return ConsentRecord(reply.client_id, ConsentState.REFUSED, reply.received_at, "",
                         ConsentChannel.SMS_REPLY, reply_id=reply.id, reply_text=reply.text)
