"""Consent and frequency caps applied to a send plan (after :func:`recipients.build_plan`).

For a promotion: only clients whose consent is « accordé » stay; the others are left out
with their reason (« Consentement non recueilli », « A refusé les promotions »), and the
opt-out mention is added to each text (counted in segments and credits). For a balance
reminder or a promotion, a client over the frequency cap is left out with the date of the
last SMS of that kind, unless ``override_caps`` is set: then they stay, and the plan says
who was kept despite the cap so that the override can be recorded. Test sends (to the
staff) skip consent and caps, but carry the mention as the real send will.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sobrus_comm.domain.consent import ConsentState, state_of
from sobrus_comm.domain.frequency import (
    FrequencyCaps,
    PastSend,
    Purpose,
    SendLog,
    cap_reason_fr,
)
from sobrus_comm.domain.models import Client
from sobrus_comm.domain.opt_out import with_mention
from sobrus_comm.domain.recipients import (
    Exclusion,
    ExclusionReason,
    PlannedMessage,
    PlanWarningCode,
    SendPlan,
    unicode_warning,
)
from sobrus_comm.domain.segments import analyze

NO_CONSENT_FR = "Consentement non recueilli"
REFUSED_FR = "A refusé les promotions"


@dataclass(frozen=True)
class ConsentRules:
    purpose: Purpose
    states: Mapping[int, ConsentState]  # client id -> current state (missing: unknown)
    sends: Sequence[PastSend]  # synced history and this workstation's outbox
    caps: FrequencyCaps
    now: datetime  # aware
    override_caps: bool = False
    opt_out_mention: str = ""  # "" when the account has none yet
    is_test: bool = False


# (purpose, override the caps, is a test) -> the rules, read from the cache when the plan is
# built (the services provide it; in the dialog's pool, never on the GUI thread).
ConsentRulesSource = Callable[[Purpose, bool, bool], ConsentRules]


@dataclass(frozen=True)
class RuledPlan:
    plan: SendPlan
    overridden: tuple[int, ...] = ()  # client ids kept despite the cap (override recorded)


def apply_rules(plan: SendPlan, clients: Mapping[int, Client], rules: ConsentRules) -> RuledPlan:
    promotion = rules.purpose == Purpose.PROMOTION
    log = SendLog(rules.sends)
    kept: list[PlannedMessage] = []
    left_out: list[Exclusion] = []
    overridden: list[int] = []
    for message in plan.messages:
        # A message whose client is not in the mapping is still checked, never waved through.
        client = clients.get(message.client_id) or Client(
            message.client_id, message.client_name, "", message.phone_e164)
        if not rules.is_test:
            excluded = _consent_exclusion(client, rules) if promotion else None
            if excluded is None:
                last = log.over_cap(client.id, rules.purpose, rules.caps, rules.now)
                if last is not None and rules.override_caps:
                    overridden.append(client.id)
                elif last is not None:
                    excluded = Exclusion(client, ExclusionReason.FREQUENCY_CAP,
                                         cap_reason_fr(rules.purpose, last))
            if excluded is not None:
                left_out.append(excluded)
                continue
        if promotion:
            text = with_mention(message.text, rules.opt_out_mention)
            message = dataclasses.replace(message, text=text, segment_info=analyze(text))
        kept.append(message)
    # The encoding warning counts the messages that go (the mention may add to them too).
    warnings = [w for w in plan.warnings if w.code != PlanWarningCode.UNICODE]
    unicode = unicode_warning(kept)
    if unicode is not None:
        warnings.append(unicode)
    ruled = dataclasses.replace(plan, messages=tuple(kept), warnings=tuple(warnings),
                                exclusions=plan.exclusions + tuple(left_out))
    return RuledPlan(ruled, tuple(overridden))


def _consent_exclusion(client: Client, rules: ConsentRules) -> Exclusion | None:
    state = state_of(rules.states, client.id)
    if state == ConsentState.GRANTED:
        return None
    if state == ConsentState.REFUSED:
        return Exclusion(client, ExclusionReason.REFUSED_CONSENT, REFUSED_FR)
    return Exclusion(client, ExclusionReason.NO_CONSENT, NO_CONSENT_FR)
