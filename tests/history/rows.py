"""Deterministic history rows, as the cache reads them."""

from __future__ import annotations

import random

from sobrus_comm.domain.history_row import HistoryRow

FIRST = ["Amine", "Fatima", "Youssef", "Khadija", "Omar", "Salma", "Mehdi", "Imane", "Élodie"]
LAST = ["Bennani", "El Alaoui", "Tazi", "Chraibi", "Berrada", "Idrissi", "Lahlou", "Fassi"]
KINDS = ["balance_reminder", "custom_template", "test", "resend", "scheduled", None]
STATUSES = ["queued", "sent", "delivered", "delivered", "failed", "cancelled"]
MANAGERS = ["Dr. Amrani", "Sara (assistante)", "Younes"]
NOW = 1_795_000_000  # a fixed "now" (2026-11-18): dates never depend on the test's day


def make_rows(n: int, seed: int = 7, now: int = NOW, spacing_s: int = 3_700) -> list[HistoryRow]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        status = rng.choice(STATUSES)
        created = now - i * spacing_s - rng.randint(0, 600)
        rows.append(HistoryRow(
            i + 1, f"00000000-0000-4000-8000-{i:012d}", created, created + 120,
            rng.choice(MANAGERS), "sms", status,
            f"Bonjour {first}, votre solde à la pharmacie Atlas est de "
            f"{rng.randint(10, 900)},00 DH.",
            f"{first} {last}", f"+2126{rng.randint(10_000_000, 99_999_999)}", i + 100,
            "Numéro injoignable" if status == "failed" else None, 1 + i % 2,
            "camp-1" if i % 3 == 0 else None, False, _history(status, created, i),
            KINDS[i % len(KINDS)],
        ))
    return rows


def _history(status: str, created: int, i: int) -> str | None:
    """The timeline the cache would hold (ending at updated_at); every 10th row has none,
    as rows cached before the backend sent timelines."""
    if i % 10 == 9:
        return None
    steps = [f"queued@{created}"]
    if status in ("sent", "delivered", "failed"):
        steps.append(f"sent@{created + (30 if status != 'sent' else 120)}")
    if status in ("delivered", "failed", "cancelled"):
        steps.append(f"{status}@{created + 120}")
    return ";".join(steps)
