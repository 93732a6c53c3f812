from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sobrus_comm.domain.models import Client, Objective, Template, TemplateCategory
from sobrus_comm.domain.money import format_dh, parse_dh
from sobrus_comm.domain.recipients import (
    ExclusionReason,
    PlanRequest,
    PlanWarningCode,
    SendPlan,
    build_plan,
    describe_recipients,
    summarize_plan,
)
from sobrus_comm.domain.segments import GSM_7, UCS_2
from sobrus_comm.domain.templating import UnknownPlaceholderError

NNBSP = "\u202f"
TODAY = date(2025, 3, 1)

REMINDER = Template(
    1,
    "Rappel de solde",
    # "dû" would switch the SMS to UCS-2 (û is not GSM): reminders avoid it.
    "Bonjour {prenom}, il reste {solde} à régler depuis le {solde_depuis}. {pharmacie}",
)
PROMO = Template(
    2,
    "Promo",
    "Bonjour {prenom}, -20% sur les solaires ! {pharmacie}",
    TemplateCategory.PROMOTIONAL,
)
NOTICE = Template(3, "Fermeture", "La {pharmacie} sera fermée le 05/03.")


def client(
    id: int,
    phone: str | None = "0612345678",
    balance: str = "0",
    *,
    first: str = "Client",
    last: str | None = None,
    opt_out: bool = False,
) -> Client:
    return Client(
        id=id,
        first_name=first,
        last_name=f"N{id}" if last is None else last,
        phone=phone,
        balance_due=Decimal(balance),
        balance_due_since=date(2025, 1, 3) if Decimal(balance) > 0 else None,
        sms_opt_out=opt_out,
    )


def plan_for(
    clients: Sequence[Client],
    template: Template = NOTICE,
    objective: Objective = Objective.CUSTOM_TEMPLATE,
    ticked: Collection[int] = (),
    min_balance: str = "0",
    pharmacy: str = "Pharmacie Atlas",
) -> SendPlan:
    return build_plan(
        PlanRequest(
            clients=clients,
            ticked_ids=ticked,
            objective=objective,
            template=template,
            pharmacy_name=pharmacy,
            today=TODAY,
            min_balance=Decimal(min_balance),
        )
    )


def reasons(plan: SendPlan) -> dict[int, ExclusionReason]:
    return {e.client.id: e.code for e in plan.exclusions}


# --- Candidates -----------------------------------------------------------------------


def test_nobody_ticked_means_the_whole_list_explicitly() -> None:
    clients = [client(i, f"06123456{i:02d}") for i in range(1, 5)]
    plan = plan_for(clients)
    assert plan.all_clients
    assert plan.candidate_count == 4
    assert [m.client_id for m in plan.messages] == [1, 2, 3, 4]
    assert describe_recipients(plan) == (
        "Aucun client sélectionné : envoi à tous les 4 clients de la liste"
    )


def test_ticked_clients_only_in_list_order() -> None:
    clients = [client(i, f"06123456{i:02d}") for i in range(1, 6)]
    plan = plan_for(clients, ticked={4, 2})
    assert not plan.all_clients
    assert plan.candidate_count == 2
    assert [m.client_id for m in plan.messages] == [2, 4]
    assert describe_recipients(plan) == "2 clients sélectionnés"
    assert describe_recipients(plan_for(clients, ticked=[3])) == "1 client sélectionné"


def test_ticked_ids_missing_from_the_list_are_reported() -> None:
    plan = plan_for([client(1)], ticked=[1, 98, 99])
    assert plan.candidate_count == 1
    (warning,) = plan.warnings
    assert warning.code == PlanWarningCode.TICKED_NOT_IN_LIST
    assert str(warning) == "2 clients cochés ne figurent plus dans la liste : ils sont ignorés."


def test_a_client_listed_twice_is_considered_once() -> None:
    plan = plan_for([client(1), client(1)])
    assert plan.candidate_count == 1
    assert plan.recipient_count == 1
    assert plan.exclusions == ()


def test_describe_large_and_tiny_lists() -> None:
    many = SendPlan((), (), (), all_clients=True, candidate_count=1234)
    assert describe_recipients(many) == (
        f"Aucun client sélectionné : envoi à tous les 1{NNBSP}234 clients de la liste"
    )
    one = SendPlan((), (), (), all_clients=True, candidate_count=1)
    assert describe_recipients(one) == "Aucun client sélectionné : envoi au seul client de la liste"
    empty = SendPlan((), (), (), all_clients=True, candidate_count=0)
    assert describe_recipients(empty) == "La liste ne contient aucun client"


# --- Exclusion rules ------------------------------------------------------------------


def test_balance_reminder_keeps_only_clients_who_owe_money() -> None:
    clients = [
        client(1, "0611111111", "120.50"),
        client(2, "0622222222", "0"),
        client(3, "0633333333", "-10"),
        client(4, "0644444444", "50"),
    ]
    plan = plan_for(clients, REMINDER, Objective.BALANCE_REMINDER, min_balance="50")
    assert [m.client_id for m in plan.messages] == [1]
    assert plan.messages[0].text == (
        "Bonjour Client, il reste 120,50 DH à régler depuis le 03/01/2025. Pharmacie Atlas"
    )
    assert reasons(plan) == {
        2: ExclusionReason.NO_BALANCE,
        3: ExclusionReason.NO_BALANCE,
        4: ExclusionReason.BELOW_THRESHOLD,
    }
    by_id = {e.client.id: e.reason_fr for e in plan.exclusions}
    assert by_id[2] == "Aucun solde dû"
    assert by_id[4] == ("Solde de 50,00\u00a0DH inférieur ou égal au seuil de 50,00\u00a0DH")


def test_custom_template_ignores_balances() -> None:
    plan = plan_for([client(1, balance="0")], NOTICE, Objective.CUSTOM_TEMPLATE)
    assert plan.recipient_count == 1


def test_promotional_template_skips_opted_out_clients() -> None:
    clients = [client(1, "0611111111"), client(2, "0622222222", opt_out=True)]
    plan = plan_for(clients, PROMO)
    assert [m.client_id for m in plan.messages] == [1]
    (exclusion,) = plan.exclusions
    assert exclusion.code == ExclusionReason.OPTED_OUT
    assert exclusion.reason_fr == "A refusé les SMS promotionnels"


def test_transactional_template_still_reaches_opted_out_clients() -> None:
    plan = plan_for([client(1, opt_out=True)], NOTICE)
    assert plan.recipient_count == 1


def test_phone_problems_are_excluded_with_the_phone_reason() -> None:
    clients = [
        client(1, None),
        client(2, "06 12"),
        client(3, "05 22 12 34 56"),
        client(4, "+212 6 12 34 56 78"),
    ]
    plan = plan_for(clients)
    assert [(m.client_id, m.phone_e164) for m in plan.messages] == [(4, "+212612345678")]
    assert [(e.client.id, e.code, e.reason_fr) for e in plan.exclusions] == [
        (1, ExclusionReason.MISSING_PHONE, "Numéro manquant"),
        (2, ExclusionReason.INVALID_PHONE, "Numéro invalide : « 06 12 »"),
        (3, ExclusionReason.NOT_MOBILE, "Pas un numéro de mobile (fixe) : 05 22 12 34 56"),
    ]


def test_missing_template_value_excludes_the_client() -> None:
    clients = [client(1, "0611111111", first=""), client(2, "0622222222", first="Ali")]
    plan = plan_for(clients, PROMO)
    assert [m.text for m in plan.messages] == [
        "Bonjour Ali, -20% sur les solaires ! Pharmacie Atlas"
    ]
    (exclusion,) = plan.exclusions
    assert exclusion.code == ExclusionReason.MISSING_VALUE
    assert exclusion.reason_fr == "Prénom manquant (champ {prenom})"


def test_missing_pharmacy_name_excludes_everyone_with_a_reason() -> None:
    plan = plan_for([client(1), client(2, "0622222222")], NOTICE, pharmacy="")
    assert plan.recipient_count == 0
    assert {e.reason_fr for e in plan.exclusions} == {
        "Nom de la pharmacie non renseigné (champ {pharmacie})"
    }


def test_broken_template_raises_instead_of_excluding_everyone() -> None:
    broken = Template(9, "Cassé", "Bonjour {prenon}")
    with pytest.raises(UnknownPlaceholderError):
        plan_for([client(1)], broken)


# --- Shared numbers -------------------------------------------------------------------


def test_custom_send_gives_one_message_per_number() -> None:
    clients = [
        client(1, "0612345678", first="Fatima", last="El Amrani"),
        client(2, "+212612345678", first="Ahmed", last="El Amrani"),
        client(3, "0699999999"),
    ]
    plan = plan_for(clients, PROMO)
    assert [m.client_id for m in plan.messages] == [1, 3]
    (exclusion,) = plan.exclusions
    assert exclusion.client.id == 2
    assert exclusion.code == ExclusionReason.DUPLICATE_PHONE
    assert exclusion.reason_fr == "Numéro en double (déjà destinataire : Fatima El Amrani)"
    assert not [w for w in plan.warnings if w.code == PlanWarningCode.SHARED_PHONES]


def test_duplicate_rule_applies_after_the_other_exclusions() -> None:
    # The first client cannot receive the promo: the number goes to the second one.
    clients = [client(1, opt_out=True), client(2)]
    plan = plan_for(clients, PROMO)
    assert [m.client_id for m in plan.messages] == [2]
    assert reasons(plan) == {1: ExclusionReason.OPTED_OUT}


def test_balance_reminder_keeps_each_debt_on_a_shared_number() -> None:
    clients = [
        client(1, "0612345678", "100", first="Fatima", last="El Amrani"),
        client(2, "06 12 34 56 78", "250", first="Ahmed", last="El Amrani"),
    ]
    plan = plan_for(clients, REMINDER, Objective.BALANCE_REMINDER)
    assert [m.client_id for m in plan.messages] == [1, 2]
    assert {m.phone_e164 for m in plan.messages} == {"+212612345678"}
    assert plan.exclusions == ()
    (warning,) = plan.warnings
    assert warning.code == PlanWarningCode.SHARED_PHONES
    assert warning.phones == ("+212612345678",)
    assert warning.message_fr == (
        "Un numéro est partagé par plusieurs clients : chacun recevra son propre rappel "
        "(06 12 34 56 78 : Fatima El Amrani, Ahmed El Amrani)."
    )


def test_balance_reminder_skips_an_identical_message_to_the_same_number() -> None:
    clients = [
        client(1, "0612345678", "100", first="Fatima", last="A"),
        client(2, "0612345678", "100", first="Fatima", last="A"),
    ]
    plan = plan_for(clients, REMINDER, Objective.BALANCE_REMINDER)
    assert [m.client_id for m in plan.messages] == [1]
    (exclusion,) = plan.exclusions
    assert exclusion.code == ExclusionReason.DUPLICATE_MESSAGE
    assert "Fatima A" in exclusion.reason_fr
    assert plan.warnings == ()


def test_many_shared_numbers_are_listed_briefly() -> None:
    clients = [
        c
        for i in range(8)
        for c in (
            client(2 * i, f"06123456{i:02d}", "10"),
            client(2 * i + 1, f"06123456{i:02d}", "20"),
        )
    ]
    plan = plan_for(clients, REMINDER, Objective.BALANCE_REMINDER)
    (warning,) = plan.warnings
    assert len(warning.phones) == 8
    assert warning.message_fr.startswith("8 numéros sont partagés par plusieurs clients")
    assert "; et 3 autres)." in warning.message_fr


# --- Messages, credits, balance -------------------------------------------------------


def test_segments_and_credits() -> None:
    long_body = Template(4, "Long", "Bonjour {prenom}. " + "x" * 200)
    clients = [client(1, "0611111111", first="Ali"), client(2, "0622222222", first="Hélène")]
    plan = plan_for(clients, long_body)
    assert [m.segments for m in plan.messages] == [2, 2]
    assert all(m.encoding == GSM_7 for m in plan.messages)
    assert plan.total_segments == 4
    assert plan.recipient_count == 2


def test_a_name_outside_gsm_costs_more_and_is_flagged() -> None:
    clients = [client(1, "0611111111", first="Ali"), client(2, "0622222222", first="Anaïs")]
    plan = plan_for(clients, PROMO)
    encodings = {m.client_id: m.encoding for m in plan.messages}
    assert encodings == {1: GSM_7, 2: UCS_2}
    (warning,) = plan.warnings
    assert warning.code == PlanWarningCode.UNICODE
    assert warning.message_fr.startswith("1 message contient des caractères spéciaux (« ï »)")


def test_check_balance() -> None:
    plan = plan_for([client(i, f"06123456{i:02d}") for i in range(3)])
    assert plan.total_segments == 3
    ok = plan.check_balance(10)
    assert (ok.ok, ok.needed, ok.available, ok.missing) == (True, 3, 10, 0)
    assert ok.message_fr == ""
    exact = plan.check_balance(3)
    assert exact.ok and exact.missing == 0
    short = plan.check_balance(1)
    assert (short.ok, short.needed, short.available, short.missing) == (False, 3, 1, 2)
    assert short.message_fr == (
        "Solde SMS insuffisant : 3 crédits nécessaires, 1 disponible (il en manque 2)."
    )


def test_summaries_and_counts() -> None:
    clients = [client(1, "0611111111"), client(2, None), client(3, "0633333333")]
    plan = plan_for(clients)
    assert summarize_plan(plan) == "2 messages à envoyer · 2 crédits SMS · 1 client exclu"
    assert plan.exclusion_counts() == {ExclusionReason.MISSING_PHONE: 1}


def test_empty_list() -> None:
    plan = plan_for([])
    assert plan.messages == () and plan.exclusions == ()
    assert plan.total_segments == 0
    assert plan.check_balance(0).ok
    assert summarize_plan(plan) == "0 message à envoyer · 0 crédit SMS"


# --- Properties and speed -------------------------------------------------------------

phones = st.sampled_from(
    [None, "", "06 12", "0522123456", "0611111111", "0622222222", "+212611111111", "0633333333"]
)
plan_clients = st.lists(
    st.builds(
        client,
        id=st.integers(min_value=1, max_value=30),
        phone=phones,
        balance=st.sampled_from(["0", "10", "99.99", "500"]),
        first=st.sampled_from(["", "Ali", "Anaïs", "Fatima"]),
        opt_out=st.booleans(),
    ),
    max_size=25,
    unique_by=lambda c: c.id,
)


@settings(max_examples=150, deadline=None)
@given(
    plan_clients,
    st.sampled_from([REMINDER, PROMO, NOTICE]),
    st.sampled_from(list(Objective)),
    st.sets(st.integers(min_value=1, max_value=35), max_size=10),
)
def test_every_candidate_is_either_messaged_or_excluded(
    clients: list[Client], template: Template, objective: Objective, ticked: set[int]
) -> None:
    plan = plan_for(clients, template, objective, ticked=ticked, min_balance="10")
    accounted = [m.client_id for m in plan.messages] + [e.client.id for e in plan.exclusions]
    assert len(accounted) == len(set(accounted)) == plan.candidate_count
    assert plan.all_clients == (not ticked)
    if ticked:
        assert set(accounted) <= ticked
    assert plan.total_segments == sum(m.segments for m in plan.messages)
    if objective == Objective.CUSTOM_TEMPLATE:
        phones_used = [m.phone_e164 for m in plan.messages]
        assert len(phones_used) == len(set(phones_used))
    else:
        assert all(
            c.balance_due > 10 for c in clients if c.id in {m.client_id for m in plan.messages}
        )
    if template.category == TemplateCategory.PROMOTIONAL:
        opted_out = {c.id for c in clients if c.sms_opt_out}
        assert not opted_out & {m.client_id for m in plan.messages}
    for exclusion in plan.exclusions:
        assert exclusion.reason_fr


def many_clients(n: int) -> list[Client]:
    return [
        Client(
            id=i,
            first_name=f"Prénom{i}",
            last_name=f"Nom{i}",
            phone=f"06{i:08d}" if i % 10 else None,
            balance_due=Decimal(i % 700),
            balance_due_since=date(2025, 1, 1),
            sms_opt_out=i % 7 == 0,
        )
        for i in range(n)
    ]


def test_ten_thousand_clients_are_all_planned() -> None:
    # Its time is the benchmark figure send_plan_10k_ms (tests/benchmarks), not a test.
    clients = many_clients(10_000)
    plan = plan_for(clients, REMINDER, Objective.BALANCE_REMINDER)
    assert plan.candidate_count == 10_000
    assert plan.recipient_count > 8_000


# --- The « balance due » rule uses the amount as the SMS shows it ----------------------

# Amounts with up to 4 decimals, dense around 0 and around the thresholds used below.
_amounts = st.one_of(
    st.decimals(min_value=Decimal("-0.02"), max_value=Decimal("0.02"), places=4),
    st.decimals(min_value=Decimal("9.98"), max_value=Decimal("10.02"), places=4),
    st.decimals(min_value=Decimal("-1000"), max_value=Decimal("100000"), places=3),
)


@settings(max_examples=300, deadline=None)
@given(_amounts, st.sampled_from(["0", "0.01", "10", "9.995", "10.004"]))
def test_a_reminder_is_planned_iff_the_amount_shown_is_due(
    balance: Decimal, threshold: str
) -> None:
    someone = Client(1, "Ali", "Tazi", "0612345678", balance, date(2025, 1, 3))
    plan = plan_for([someone], REMINDER, Objective.BALANCE_REMINDER, min_balance=threshold)
    # The oracle is the text itself: what the client would read, read back as an amount.
    shown = parse_dh(format_dh(balance, for_sms=True))
    shown_threshold = parse_dh(format_dh(Decimal(threshold), for_sms=True))
    assert bool(plan.messages) == (shown > 0 and shown > shown_threshold)
    if plan.messages:
        text = plan.messages[0].text
        amount = text.split("il reste ")[1].split(" à régler")[0]
        assert parse_dh(amount) == shown > 0
        assert amount != "0,00 DH"
    else:
        assert plan.exclusions[0].code in (
            ExclusionReason.NO_BALANCE, ExclusionReason.BELOW_THRESHOLD)


@pytest.mark.parametrize(
    ("balance", "threshold", "planned"),
    [("0.004", "0", False), ("0.005", "0", True), ("10.004", "10", False),
     ("10.005", "10", True), ("-0.004", "0", False)],
)
def test_fractions_of_a_centime_follow_the_amount_shown(
    balance: str, threshold: str, planned: bool
) -> None:
    plan = plan_for([client(1, balance=balance)], REMINDER, Objective.BALANCE_REMINDER,
                    min_balance=threshold)
    assert bool(plan.messages) == planned
    assert all("0,00 DH" not in m.text for m in plan.messages)
    custom = plan_for([client(1, balance=balance)], REMINDER, Objective.CUSTOM_TEMPLATE)
    if Decimal(balance) < Decimal("0.005"):  # {solde} has no value: excluded, never « 0,00 »
        assert not custom.messages
        assert custom.exclusions[0].code == ExclusionReason.MISSING_VALUE
