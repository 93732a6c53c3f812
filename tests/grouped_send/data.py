"""Demo data for the grouped-send tests and benchmark: clients of every kind, the sandbox's
templates, a balance; written through the store's own repositories."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from sobrus_comm.domain.models import Client, Permission, Template, TemplateCategory, User
from sobrus_comm.store.db import Database, open_database

PHARMACY = "Pharmacie Al Amal"
TODAY = date(2026, 11, 28)

REMINDER = Template(1, "Rappel de solde",
                    "Bonjour {prenom}, votre solde à la {pharmacie} est de {solde}. "
                    "Merci de passer le régler.", TemplateCategory.TRANSACTIONAL, 1)
PROMO = Template(2, "Promotion crèmes solaires",
                 "Bonjour {prenom}, -20% sur toutes les crèmes solaires à la {pharmacie} "
                 "jusqu'à fin août. À bientôt !", TemplateCategory.PROMOTIONAL, 1)
ORDER = Template(3, "Commande disponible",
                 "Bonjour {prenom}, votre commande est disponible à la {pharmacie}. "
                 "Bonne journée.", TemplateCategory.TRANSACTIONAL, 1)
TEMPLATES = (REMINDER, PROMO, ORDER)

PHARMACIST = User(1, "pharmacien", "Dr Samira Alaoui",
                  frozenset({Permission.SEND_SMS, Permission.MANAGE_TEMPLATES,
                             Permission.REQUEST_RECHARGE}))
ASSISTANT = User(2, "assistant", "Youssef Bennani", frozenset())

# The first clients are hand-made so that tests can name them.
FIXED_CLIENTS = (
    Client(1, "Fatima Zahra", "El Amrani", "06 12 34 56 78", Decimal("250.00"),
           date(2026, 9, 1)),
    Client(2, "Youssef", "Benali", "0698765432"),
    Client(3, "Khadija", "Benali", "0698765432", Decimal("80.50"), date(2026, 10, 2)),
    Client(4, "Omar", "Tazi", None, Decimal("1200.00"), date(2026, 6, 15)),
    Client(5, "Salma", "Chraibi", "06 12 34 5"),
    Client(6, "Hamza", "Berrada", "0522123456"),
    Client(7, "Imane", "Lahlou", "+212 661-23-45-67", sms_opt_out=True),
    Client(8, "Nadia", "Kettani", "0771234567", Decimal("45.00"), date(2026, 11, 2)),
)
MOBILE_PREFIXES = ("61", "62", "63", "64", "65", "66", "67", "69", "70", "71", "76", "77")
FIRST_NAMES = ("Mohammed", "Amine", "Meryem", "Mehdi", "Sanaa", "Rachid", "Houda", "Anas",
               "Zineb", "Ayoub", "Hajar", "Said", "Latifa", "Driss", "Loubna", "Hélène")
LAST_NAMES = ("Alaoui", "Bennani", "El Idrissi", "Fassi Fihri", "Ouazzani", "Benjelloun",
              "Squalli", "El Mansouri", "Ziani", "Bouzid", "Haddad", "Naciri", "Lefèvre")


def make_clients(n: int, seed: int = 1) -> list[Client]:
    """``n`` clients: the fixed ones, then valid mobiles with a few problems mixed in."""
    rng = random.Random(seed)
    clients = list(FIXED_CLIENTS[:n])
    for i in range(len(clients) + 1, n + 1):
        roll = rng.random()
        prefix = rng.choice(MOBILE_PREFIXES)
        phone: str | None = f"0{prefix}{rng.randrange(10**7):07d}"
        if roll < 0.04:
            phone = None
        elif roll < 0.06:
            phone = "06 12"
        balance = Decimal(rng.randrange(2000, 250000)) / 100 if rng.random() < 0.3 else Decimal(0)
        clients.append(Client(i, rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), phone,
                              balance, date(2026, 8, 1) if balance else None,
                              sms_opt_out=rng.random() < 0.05))
    return clients


def fill_database(db: Database, clients: list[Client], credits: int = 2500,
                  templates: tuple[Template, ...] = TEMPLATES) -> Database:
    db.clients.upsert_many(clients)
    db.templates.apply_remote(templates)
    db.balance.set(credits, datetime(2026, 11, 28, 8, 0, tzinfo=UTC))
    return db


def demo_database(path: Path, n: int = 60, credits: int = 2500) -> Database:
    return fill_database(open_database(path), make_clients(n), credits)
