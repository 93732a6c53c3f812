"""Preferences and recharge services, without Qt (the recharge ones against the sandbox)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.backend.errors import Conflict, ValidationError
from sobrus_comm.backend.results import RechargeStatus
from sobrus_comm.backend.sandbox.server import RunningSandbox
from sobrus_comm.domain.history_row import HistoryRow
from sobrus_comm.domain.quiet_hours import QuietHoursRules
from sobrus_comm.services.preferences import (
    K_QUIET_DAYS,
    K_SYNC,
    MemoryStore,
    Preferences,
    PreferencesError,
    PreferencesService,
)
from sobrus_comm.services.recharge import (
    RechargeService,
    activation_message_fr,
    can_cancel,
    cancel_question_fr,
    check_proof_file,
    monthly_usage,
)
from sobrus_comm.store import Database


def test_quiet_hours_rule_is_pure_domain() -> None:
    code = ("import sys, sobrus_comm.domain.quiet_hours; print(sorted(m for m in sys.modules "
            "if m.startswith('sobrus_comm.') and not m.startswith('sobrus_comm.domain') "
            "or m.split('.')[0] in ('PySide6', 'sqlalchemy', 'requests', 'keyring')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.strip() == "[]"


def test_services_import_no_qt() -> None:
    code = ("import sys, sobrus_comm.services.preferences, sobrus_comm.services.recharge, "
            "sobrus_comm.domain.quiet_hours; "
            "print([m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.strip() == "[]"


# --- preferences ---------------------------------------------------------------------------

def test_preferences_defaults_and_round_trip() -> None:
    service = PreferencesService(MemoryStore())
    assert service.load() == Preferences()
    wanted = Preferences(
        pharmacy_name="  Pharmacie   Al Amal ", sync_interval_min=15, low_balance_threshold=250,
        quiet_hours=QuietHoursRules(start=time(21, 30), end=time(8, 0),
                                    quiet_weekdays=frozenset({5, 6})),
    )
    kept = service.save(wanted)
    assert kept.pharmacy_name == "Pharmacie Al Amal"  # spaces collapsed
    assert service.load() == kept


def test_preferences_read_leniently_from_a_hand_edited_file() -> None:
    store = MemoryStore({K_SYNC: "beaucoup", K_QUIET_DAYS: ["0", "6"]})
    prefs = PreferencesService(store).load()
    assert prefs.sync_interval_min == Preferences().sync_interval_min
    assert prefs.quiet_hours.quiet_weekdays == frozenset({0, 6})
    store.values[K_SYNC] = "9999"
    assert PreferencesService(store).load().sync_interval_min == 120  # clamped


@pytest.mark.parametrize(
    ("prefs", "message"),
    [
        (Preferences(sync_interval_min=0), "entre 1 et 120 minutes"),
        (Preferences(pharmacy_name="x" * 61), "trop long"),
        (Preferences(quiet_hours=QuietHoursRules(quiet_weekdays=frozenset(range(7)))),
         "Au moins un jour"),
    ],
)
def test_preferences_refused_in_french(prefs: Preferences, message: str) -> None:
    with pytest.raises(PreferencesError, match=message):
        PreferencesService(MemoryStore()).save(prefs)


# --- transfer proof ---------------------------------------------------------------------

def test_proof_checked_on_content_and_size(tmp_path: Path, proof_pdf: Path) -> None:
    assert check_proof_file(proof_pdf) == "application/pdf"
    fake = tmp_path / "virement.pdf"
    fake.write_bytes(b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError, match="n'est pas un PDF"):
        check_proof_file(fake)
    big = tmp_path / "scan.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError, match=r"trop volumineux \(5,0 Mo ; 5 Mo au maximum\)"):
        check_proof_file(big)
    with pytest.raises(ValidationError, match="Impossible de lire"):
        check_proof_file(tmp_path / "absent.pdf")


# --- recharge against the sandbox ---------------------------------------------------------

def test_recharge_end_to_end_service(api: SobrusApi, sandbox: RunningSandbox, db: Database,
                                     proof_pdf: Path) -> None:
    service = RechargeService(api, db)
    first = service.refresh()
    assert first.newly_activated == []  # the seeded, long-activated request is history
    assert first.balance is not None and db.balance.get().credits == 300
    packs = service.packs()
    assert [p.credits for p in packs] == sorted(p.credits for p in packs)
    pack = packs[1]
    request = service.request_pack(pack.id)
    assert request.status == RechargeStatus.REQUESTED
    assert request.payment is not None and request.payment.reference == f"SMS-{request.id:06d}"
    with_proof = service.attach_proof(request.id, proof_pdf)
    assert with_proof.proof is not None and with_proof.proof.content_type == "application/pdf"
    sandbox.control.advance_recharge(request.id, "payment_received")
    assert service.refresh().newly_activated == []
    sandbox.control.advance_recharge(request.id, "activated")
    done = service.refresh()
    assert [r.id for r in done.newly_activated] == [request.id]
    assert db.balance.get().credits == 300 + pack.credits
    message = activation_message_fr(done.newly_activated, 300 + pack.credits)
    assert message.startswith(f"{pack.name} a été activé.")


def test_cancel_request_service(api: SobrusApi, sandbox: RunningSandbox, db: Database,
                                proof_pdf: Path) -> None:
    service = RechargeService(api, db)
    service.refresh()
    request = service.request_pack(2)
    assert can_cancel(request)
    assert cancel_question_fr(request) == (
        f"Annuler la demande SMS-{request.id:06d} (pack 1\u202f000 SMS, 450,00\u00a0DH) ? "
        "Si vous avez déjà fait le virement, n'annulez pas : joignez plutôt l'avis de virement.")
    cancelled = service.cancel_request(request.id)
    assert cancelled.status == RechargeStatus.CANCELLED and not can_cancel(cancelled)
    assert service.tracker.by_id[request.id].status == RechargeStatus.CANCELLED
    # Cancelled again (say from another workstation meanwhile): what was asked, no error.
    assert service.cancel_request(request.id).status == RechargeStatus.CANCELLED

    # Paid before the click reached the backend: refused, in French, and the tracker learns it.
    paid = service.attach_proof(service.request_pack(1).id, proof_pdf)
    assert "Un avis de virement est déjà joint" in cancel_question_fr(paid)
    sandbox.control.advance_recharge(paid.id, "payment_received")
    with pytest.raises(Conflict) as refused:
        service.cancel_request(paid.id)
    assert refused.value.message_fr == (
        f"La demande SMS-{paid.id:06d} ne peut plus être annulée : le service commercial a "
        "déjà reçu le paiement. Le pack sera activé sous peu.")
    assert refused.value.code == "invalid_state" and refused.value.status == 409
    assert service.tracker.by_id[paid.id].status == RechargeStatus.PAYMENT_RECEIVED
    sandbox.control.advance_recharge(paid.id, "activated")
    with pytest.raises(Conflict, match="le pack a déjà été activé"):
        service.cancel_request(paid.id)


# --- credits used per month ---------------------------------------------------------------

def _row(when: datetime, status: str, segments: int) -> HistoryRow:
    blank = HistoryRow._make([None] * len(HistoryRow._fields))
    return blank._replace(created_at=int(when.timestamp()), status=status, segments=segments)


def test_monthly_usage_last_twelve_months() -> None:
    rows = [
        _row(datetime(2026, 5, 3, 10), "delivered", 2),
        _row(datetime(2026, 5, 20, 10), "failed", 1),  # charged even if not delivered
        _row(datetime(2026, 5, 21, 10), "rejected", 3),  # refused: free
        _row(datetime(2026, 5, 22, 10), "cancelled", 3),
        _row(datetime(2025, 6, 1, 12), "sent", 4),  # 12th month back
        _row(datetime(2025, 5, 31, 12), "sent", 9),  # too old
    ]
    usage = monthly_usage(rows, date(2026, 5, 25))
    assert len(usage) == 12
    assert (usage[0].year, usage[0].month, usage[0].credits) == (2025, 6, 4)
    assert (usage[-1].year, usage[-1].month, usage[-1].credits) == (2026, 5, 3)
    assert usage[-1].label_fr == "mai" and usage[1].label_fr == "juil."
    assert sum(u.credits for u in usage) == 7

