"""The contract's consent, reply and SMS-settings objects → domain values.

Beside :mod:`parsing` (same :class:`~sobrus_comm.backend.parsing.Obj` accessors and the
same rule: a record that breaks the contract is set aside, never a crash).
"""

from __future__ import annotations

from dataclasses import dataclass

from sobrus_comm.backend.parsing import Obj
from sobrus_comm.domain.consent import (
    ConsentChannel,
    ConsentRecord,
    ConsentState,
    InboundReply,
)


@dataclass(frozen=True)
class RemoteConsent:
    id: int  # the server's
    record_uid: str
    record: ConsentRecord


@dataclass(frozen=True)
class SmsSettings:
    opt_out_wording: str  # « STOP au {numero} »
    reply_number: str  # the short number clients answer to


def consent_record(o: Obj) -> RemoteConsent:
    return RemoteConsent(o.integer("id"), o.text("record_uid"), ConsentRecord(
        client_id=o.integer("client_id"),
        state=o.choice("state", ConsentState),
        recorded_at=o.timestamp("recorded_at"),
        staff=o.opt_text("staff") or "",
        channel=o.choice("channel", ConsentChannel),
        purpose=o.text("purpose"),
        reply_id=o.opt_integer("reply_id"),
        reply_text=o.opt_text("reply_text") or "",
        note=o.opt_text("note") or "",
    ))


def inbound_reply(o: Obj) -> InboundReply:
    return InboundReply(o.integer("id"), o.opt_integer("client_id"), o.opt_text("phone"),
                        o.text("text"), o.timestamp("received_at"))


def sms_settings(o: Obj) -> SmsSettings:
    return SmsSettings(o.text("opt_out_wording"), o.opt_text("reply_number") or "")

