"""The credit ledger check, on generated ledgers: a faithful ledger reconciles; every fault
injected into it is found, exactly where it was put, and nothing else is reported."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from sobrus_comm.domain.credit_forecast import forecast, forecast_from_totals
from sobrus_comm.domain.credit_ledger import (
    DiscrepancyKind,
    LedgerItem,
    LedgerMessage,
    Movement,
    MovementKind,
    campaign_costs,
    monthly_statement,
    reconcile,
)

T0 = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
STATUSES = ("delivered", "delivered", "failed", "rejected", "sent", "queued")


@dataclass(frozen=True)
class Spec:
    kind: MovementKind
    credits: int
    at: datetime
    campaign_id: str | None = None
    items: tuple[LedgerItem, ...] = ()


def materialise(specs: list[Spec]) -> list[Movement]:
    """Movements as a faithful backend numbers them: ids in order, running balance."""
    running, out = 0, []
    for i, s in enumerate(sorted(specs, key=lambda s: s.at), start=1):
        running += s.credits
        out.append(Movement(i, s.kind, s.credits, running, s.at, s.campaign_id, s.items))
    return out


@st.composite
def worlds(draw: st.DrawFn) -> tuple[list[Spec], list[LedgerMessage]]:
    """An opening recharge, then campaigns charged and refunded by the rule."""
    specs = [Spec(MovementKind.RECHARGE, draw(st.integers(1000, 5000)), T0)]
    messages: list[LedgerMessage] = []
    for c in range(draw(st.integers(1, 5))):
        at = T0 + timedelta(days=c + 1)
        cid = f"camp-{c}"
        batch = [LedgerMessage(f"m{c}-{k}", draw(st.integers(1, 4)),
                               draw(st.sampled_from(STATUSES)), at, cid)
                 for k in range(draw(st.integers(1, 6)))]
        messages += batch
        charged = [m for m in batch if m.status != "rejected"]
        if charged:
            specs.append(Spec(MovementKind.CHARGE, -sum(m.segments for m in charged), at, cid,
                              tuple(LedgerItem(m.client_message_id, m.segments)
                                    for m in charged)))
        failed = [m for m in charged if m.status == "failed"]
        if failed:
            specs.append(Spec(MovementKind.REFUND, sum(m.segments for m in failed),
                              at + timedelta(hours=1), cid,
                              tuple(LedgerItem(m.client_message_id, m.segments)
                                    for m in failed)))
    if draw(st.booleans()):
        specs.append(Spec(MovementKind.ADJUSTMENT, draw(st.integers(-50, 50)),
                          T0 + timedelta(days=9)))
    return specs, messages


def check(specs: list[Spec], messages: list[LedgerMessage], balance_shift: int = 0,
          jump_at: int | None = None, jump: int = 0):  # type: ignore[no-untyped-def]
    movements = materialise(specs)
    if jump_at is not None:
        movements = [replace(m, balance_after=m.balance_after + jump) if m.id >= jump_at
                     else m for m in movements]
    balance = movements[-1].balance_after + balance_shift
    return reconcile(movements, balance, movements[-1].at + timedelta(minutes=5), messages)


@given(worlds())
def test_a_faithful_ledger_reconciles(world: tuple[list[Spec], list[LedgerMessage]]) -> None:
    specs, messages = world
    result = check(specs, messages)
    assert result.discrepancies == ()
    assert result.ledger_total == result.balance


@given(worlds(), st.integers(-30, 30).filter(bool), st.data())
def test_an_unrecorded_change_of_the_balance_is_found_and_dated(
        world: tuple[list[Spec], list[LedgerMessage]], gap: int, data: st.DataObject) -> None:
    specs, messages = world
    where = data.draw(st.integers(1, len(specs) + 1))  # len + 1: after the last movement
    if where > len(specs):
        result = check(specs, messages, balance_shift=gap)
    else:
        result = check(specs, messages, jump_at=where, jump=gap)
    [found] = result.discrepancies
    assert found.kind is DiscrepancyKind.UNEXPLAINED
    assert found.credits == gap
    assert found.movement_id == (None if where > len(specs) else where)
    assert f"Écart de {abs(gap)} crédit" in found.summary_fr(UTC)


def _with_items(spec: Spec, items: tuple[LedgerItem, ...]) -> Spec:
    sign = -1 if spec.kind is MovementKind.CHARGE else 1
    return replace(spec, items=items, credits=sign * sum(i.credits for i in items))


@settings(max_examples=200)
@given(worlds(), st.sampled_from(["double", "wrong", "missing_refund", "undue_refund",
                                  "charged_rejected", "not_charged"]), st.data())
def test_every_injected_message_fault_is_found_and_none_invented(
        world: tuple[list[Spec], list[LedgerMessage]], fault: str, data: st.DataObject) -> None:
    specs, messages = world
    late = T0 + timedelta(days=20)
    by_status = {s: [m for m in messages if m.status == s] for s in set(STATUSES)}
    charged_ok = by_status["delivered"] + by_status["sent"] + by_status["queued"]
    if fault == "double":
        pool, kind = charged_ok + by_status["failed"], DiscrepancyKind.CHARGED_TWICE
    elif fault == "wrong":
        pool, kind = charged_ok, DiscrepancyKind.WRONG_CHARGE
    elif fault == "missing_refund":
        pool, kind = by_status["failed"], DiscrepancyKind.MISSING_REFUND
    elif fault == "undue_refund":
        pool, kind = by_status["delivered"], DiscrepancyKind.UNDUE_REFUND
    elif fault == "charged_rejected":
        pool, kind = by_status["rejected"], DiscrepancyKind.CHARGED_NOT_ACCEPTED
    else:
        pool, kind = charged_ok, DiscrepancyKind.NOT_CHARGED
    if not pool:
        return
    target = data.draw(st.sampled_from(pool))
    cmid = target.client_message_id
    if fault in ("double", "charged_rejected"):
        specs = [*specs, Spec(MovementKind.CHARGE, -target.segments, late, target.campaign_id,
                              (LedgerItem(cmid, target.segments),))]
    elif fault == "undue_refund":
        specs = [*specs, Spec(MovementKind.REFUND, target.segments, late, target.campaign_id,
                              (LedgerItem(cmid, target.segments),))]
    else:
        wanted = MovementKind.REFUND if fault == "missing_refund" else MovementKind.CHARGE
        changed = []
        for s in specs:
            if s.kind is wanted and any(i.client_message_id == cmid for i in s.items):
                if fault == "wrong":
                    items = tuple(LedgerItem(i.client_message_id, i.credits + 1)
                                  if i.client_message_id == cmid else i for i in s.items)
                else:
                    items = tuple(i for i in s.items if i.client_message_id != cmid)
                s = _with_items(s, items)
            changed.append(s)
        specs = changed
    result = check(specs, messages)
    assert [(d.kind, d.client_message_id) for d in result.discrepancies] == [(kind, cmid)]
    assert result.ledger_total == result.balance  # the sum adds up: only the messages tell


def test_messages_older_than_the_ledger_and_unsettled_refunds_are_not_judged() -> None:
    opening = Movement(1, MovementKind.ADJUSTMENT, 100, 100, T0)
    old = LedgerMessage("old", 2, "delivered", T0 - timedelta(days=1))
    refund = Movement(2, MovementKind.REFUND, 1, 101, T0 + timedelta(hours=2), "c",
                      (LedgerItem("m", 1),))
    charge = Movement(3, MovementKind.CHARGE, -1, 100, T0 + timedelta(hours=1), "c",
                      (LedgerItem("m", 1),))
    # Still "sent" in the local history: the refund of its failure came before the status.
    pending = LedgerMessage("m", 1, "sent", T0 + timedelta(hours=1), "c")
    result = reconcile([opening, charge, refund], 100, None, [old, pending])
    assert result.ok, result.discrepancies
    assert result.checked_messages == 1


def test_campaign_costs_and_monthly_statement() -> None:
    at = datetime(2026, 11, 28, 10, tzinfo=UTC)
    movements = [
        Movement(1, MovementKind.RECHARGE, 1000, 1000, at - timedelta(days=40)),
        Movement(2, MovementKind.CHARGE, -12, 988, at, "c1",
                 tuple(LedgerItem(f"m{i}", 2) for i in range(6))),
        Movement(3, MovementKind.REFUND, 4, 992, at + timedelta(hours=1), "c1",
                 (LedgerItem("m0", 2), LedgerItem("m1", 2))),
    ]
    [cost] = campaign_costs(movements)
    assert (cost.charged, cost.refunded, cost.net, cost.messages) == (12, 4, 8, 6)
    statement = monthly_statement(movements, 2026, 11, UTC)
    assert (statement.opening, statement.closing) == (1000, 992)
    assert statement.totals[MovementKind.CHARGE] == -12
    assert statement.title_fr == "Relevé de crédits SMS — novembre 2026"
    october = monthly_statement(movements, 2026, 10, UTC)
    assert (october.opening, october.closing, october.movements) == (0, 1000, (movements[0],))


def test_forecast_at_the_pace_of_the_last_weeks() -> None:
    now = datetime(2026, 11, 30, tzinfo=UTC)
    movements = [Movement(i, MovementKind.CHARGE, -100, 0, now - timedelta(days=3 * i))
                 for i in range(1, 9)]  # 800 credits over the last 24 days
    result = forecast(movements, 300, now)
    assert result.per_week == 200
    assert result.weeks_left == 1.5 and result.runs_low
    assert "environ 1 semaine" in result.sentence_fr()
    assert not forecast(movements, 3000, now).runs_low
    quiet = forecast([], 300, now)
    assert quiet.weeks_left is None and not quiet.runs_low
    assert forecast(movements, 300, now, planned=300).sentence_fr().count("épuisé") == 1
    # From the totals a store sums: recharges and adjustments are not spending.
    totals = {MovementKind.CHARGE: -900, MovementKind.REFUND: 100,
              MovementKind.RECHARGE: 5000, MovementKind.ADJUSTMENT: -40}
    assert forecast_from_totals(totals, 300) == result
