"""Consent, stop words, frequency caps and the opt-out mention: the domain rules."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sobrus_comm.domain.consent import (
    ConsentChannel,
    ConsentRecord,
    ConsentState,
    current_states,
)
from sobrus_comm.domain.consent_plan import ConsentRules, apply_rules
from sobrus_comm.domain.frequency import Cap, FrequencyCaps, PastSend, Purpose, over_cap
from sobrus_comm.domain.models import Client, Objective, Template, TemplateCategory
from sobrus_comm.domain.opt_out import mention_text, with_mention
from sobrus_comm.domain.recipients import ExclusionReason, PlanRequest, build_plan
from sobrus_comm.domain.stop_words import is_stop_reply

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
PROMO = Template(2, "Promo", "Bonjour {prenom}, -20% sur les solaires !",
                 TemplateCategory.PROMOTIONAL)
REMINDER = Template(1, "Rappel", "Bonjour {prenom}, il reste {solde} a regler.")
MENTION = "STOP au 3535"


def _client(n: int, balance: str = "100") -> Client:
    from decimal import Decimal
    return Client(n, f"Prenom{n}", f"Nom{n}", f"06{n:08d}", balance_due=Decimal(balance))


def _plan(template: Template, clients: list[Client], rules: ConsentRules):
    objective = (Objective.BALANCE_REMINDER if template is REMINDER
                 else Objective.CUSTOM_TEMPLATE)
    plan = build_plan(PlanRequest(clients, frozenset(), objective, template, "Pharma",
                                  date(2026, 11, 30)))
    return apply_rules(plan, {c.id: c for c in clients}, rules)


def _rules(purpose: Purpose, states=None, sends=(), override=False, is_test=False):
    return ConsentRules(purpose, states or {}, tuple(sends), FrequencyCaps(), NOW,
                        override_caps=override, opt_out_mention=MENTION, is_test=is_test)


# --- stop words -------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["STOP", "stop sms", "Arrêt", "ARRET", "توقف", " Stop. ",
                                  "STOP merci", "merci stop", "Arrêter", "stop!"])
def test_stop_words_are_recognised(text: str) -> None:
    assert is_stop_reply(text)


@pytest.mark.parametrize("text", ["merci", "j'ai payé", "START", "OUI", "", "ok",
                                  "je passe demain, stop au parking ou pas ?",
                                  "stopper le traitement ?"])
def test_ordinary_replies_and_resubscribe_words_are_not_stops(text: str) -> None:
    assert not is_stop_reply(text)


# --- consent history --------------------------------------------------------------------

def test_latest_record_wins_and_history_is_kept() -> None:
    records = [
        ConsentRecord(1, ConsentState.GRANTED, NOW - timedelta(days=3), "Salma",
                      ConsentChannel.COUNTER),
        ConsentRecord(1, ConsentState.REFUSED, NOW, "", ConsentChannel.SMS_REPLY,
                      reply_id=9, reply_text="STOP"),
        ConsentRecord(2, ConsentState.GRANTED, NOW, "Salma", ConsentChannel.WRITTEN),
    ]
    assert current_states(records) == {1: ConsentState.REFUSED, 2: ConsentState.GRANTED}
    assert records[1].evidence_fr() == "Réponse SMS « STOP »"
    assert records[0].evidence_fr() == "Au comptoir (Salma)"


# --- the plan -----------------------------------------------------------------------------

def test_promotion_goes_only_to_granted_with_reasons_and_mention() -> None:
    clients = [_client(1), _client(2), _client(3)]
    ruled = _plan(PROMO, clients, _rules(
        Purpose.PROMOTION, {1: ConsentState.GRANTED, 2: ConsentState.REFUSED}))
    assert [m.client_id for m in ruled.plan.messages] == [1]
    reasons = {e.client.id: (e.code, e.reason_fr) for e in ruled.plan.exclusions}
    assert reasons == {
        2: (ExclusionReason.REFUSED_CONSENT, "A refusé les promotions"),
        3: (ExclusionReason.NO_CONSENT, "Consentement non recueilli"),
    }
    text = ruled.plan.messages[0].text
    assert text.endswith("\n" + MENTION)
    assert ruled.plan.messages[0].segment_info.length == len(text)


def test_mention_is_counted_in_segments_and_credits() -> None:
    body = "x" * 155  # fits one GSM-7 segment alone, not with the mention
    template = Template(3, "Long", body, TemplateCategory.PROMOTIONAL)
    ruled = _plan(template, [_client(1)], _rules(Purpose.PROMOTION, {1: ConsentState.GRANTED}))
    assert ruled.plan.messages[0].segments == 2
    assert ruled.plan.total_segments == 2


def test_template_already_ending_with_the_mention_gets_it_once() -> None:
    assert with_mention(f"Promo\n{MENTION}", MENTION).count(MENTION) == 1
    assert mention_text("STOP au {numero}", " 3535 ") == MENTION
    assert mention_text("STOP au {numero}", "") == ""


def test_reminder_needs_no_consent_but_is_capped() -> None:
    clients = [_client(1), _client(2)]
    sends = [PastSend(1, Purpose.BALANCE_REMINDER, datetime(2026, 11, 28, 9, tzinfo=UTC))]
    ruled = _plan(REMINDER, clients, _rules(Purpose.BALANCE_REMINDER,
                                            {2: ConsentState.REFUSED}, sends))
    assert [m.client_id for m in ruled.plan.messages] == [2]
    (excluded,) = ruled.plan.exclusions
    assert excluded.code == ExclusionReason.FREQUENCY_CAP
    assert excluded.reason_fr == "Déjà relancé le 28/11"
    assert MENTION not in ruled.plan.messages[0].text


def test_override_keeps_capped_clients_and_says_who() -> None:
    sends = [PastSend(1, Purpose.BALANCE_REMINDER, NOW - timedelta(days=1))]
    ruled = _plan(REMINDER, [_client(1)], _rules(Purpose.BALANCE_REMINDER, sends=sends,
                                                 override=True))
    assert [m.client_id for m in ruled.plan.messages] == [1]
    assert ruled.overridden == (1,)


def test_override_never_lifts_consent() -> None:
    ruled = _plan(PROMO, [_client(1)], _rules(Purpose.PROMOTION, {}, override=True))
    assert ruled.plan.messages == ()


def test_cap_period_ends() -> None:
    sends = [PastSend(1, Purpose.BALANCE_REMINDER, NOW - timedelta(days=7, seconds=1))]
    assert over_cap(1, Purpose.BALANCE_REMINDER, sends, FrequencyCaps(), NOW) is None
    promos = [PastSend(1, Purpose.PROMOTION, NOW - timedelta(days=d)) for d in (1, 2, 3)]
    assert over_cap(1, Purpose.PROMOTION, promos, FrequencyCaps(), NOW) is None
    promos.append(PastSend(1, Purpose.PROMOTION, NOW - timedelta(days=4)))
    assert over_cap(1, Purpose.PROMOTION, promos, FrequencyCaps(), NOW) == promos[0].at
    no_cap = FrequencyCaps(reminder=Cap(0, 7))
    assert over_cap(1, Purpose.BALANCE_REMINDER, sends, no_cap, NOW) is None


def test_test_sends_skip_consent_but_carry_the_mention() -> None:
    ruled = _plan(PROMO, [_client(1)], _rules(Purpose.PROMOTION, {}, is_test=True))
    assert ruled.plan.messages[0].text.endswith(MENTION)


_STATES = st.sampled_from(list(ConsentState))


@settings(max_examples=150, deadline=None)
@given(
    states=st.dictionaries(st.integers(1, 12), _STATES, max_size=12),
    n_clients=st.integers(0, 12),
    sends=st.lists(st.tuples(st.integers(1, 12), st.sampled_from(list(Purpose)),
                             st.integers(0, 40)), max_size=20),
    override=st.booleans(),
    template=st.sampled_from([PROMO, REMINDER]),
    max_sends=st.integers(0, 5),
)
def test_no_promotion_ever_reaches_a_client_without_granted(
    states, n_clients, sends, override, template, max_sends,
) -> None:
    clients = [_client(n) for n in range(1, n_clients + 1)]
    past = [PastSend(c, p, NOW - timedelta(days=d)) for c, p, d in sends]
    purpose = Purpose.PROMOTION if template is PROMO else Purpose.BALANCE_REMINDER
    rules = ConsentRules(purpose, states, past,
                         FrequencyCaps(Cap(max_sends, 7), Cap(max_sends, 30)), NOW,
                         override_caps=override, opt_out_mention=MENTION)
    ruled = _plan(template, clients, rules)
    for message in ruled.plan.messages:
        if purpose == Purpose.PROMOTION:
            assert states.get(message.client_id) == ConsentState.GRANTED
            assert message.text.endswith(MENTION)
        if not override:
            assert over_cap(message.client_id, purpose, past, rules.caps, NOW) is None
    # nobody lost: each candidate is either sent to or left out with a reason
    planned = {m.client_id for m in ruled.plan.messages}
    left_out = {e.client.id for e in ruled.plan.exclusions}
    assert planned | left_out == {c.id for c in clients}
    assert not planned & left_out


_STOPS = ["STOP", "stop sms", "Arrêt", "ARRET", "توقف", "désabonner"]


@settings(max_examples=200, deadline=None)
@given(word=st.sampled_from(_STOPS), case=st.sampled_from([str.upper, str.lower, str.title]),
       before=st.sampled_from(["", " ", "  ", "\n"]),
       after=st.sampled_from(["", ".", " !", " merci", " svp", "\u00a0"]))
def test_a_stop_word_is_a_stop_however_typed(word: str, case, before: str, after: str) -> None:  # type: ignore[no-untyped-def]
    assert is_stop_reply(before + case(word) + after)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz éèàç'!?,.0123456789", max_size=40))
def test_ordinary_text_without_a_stop_word_never_opts_out(text: str) -> None:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower())
                     if not unicodedata.combining(c))
    if any(w in folded for w in ("stop", "arret", "arrete", "desabonn", "desinscri",
                                 "unsubscribe")):
        return
    assert not is_stop_reply(text)
