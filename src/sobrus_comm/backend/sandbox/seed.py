"""Realistic, deterministic sandbox data: same ``--seed``, same pharmacy.

Moroccan and French names; MA numbers typed the way counters type them (spaces, dashes,
+212), some missing or invalid, a few fixed lines, a few that always fail, two families
sharing one phone; balances due on a share of clients; some opted out; two staff
accounts; SMS packs; and a history of grouped sends over the last ~90 days.
Everything is inserted with ``executemany`` in one transaction: 10k clients and 100k
history rows take a few seconds.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sobrus_comm.backend.sandbox import consent, db, languages, ledger
from sobrus_comm.backend.sandbox.schedules import seed_demo_schedules
from sobrus_comm.backend.sandbox.sms import FAILURES_FR, check_phone, count_segments

PHARMACY_NAME = "Al Amal"  # as in « votre solde à la pharmacie {pharmacie} »
PHARMACY_CITY = "Casablanca"

# Demo / test accounts. The demo credentials are re-exported by sobrus_comm.backend.demo.
PHARMACIST_USERNAME = "pharmacien"
PHARMACIST_PASSWORD = "demo"
PHARMACIST_NAME = "Dr Samira Alaoui"
ASSISTANT_USERNAME = "assistant"
ASSISTANT_PASSWORD = "demo"
ASSISTANT_NAME = "Youssef Bennani"
ALL_PERMISSIONS = ("send_sms", "manage_templates", "request_recharge")

BALANCE_REMINDER = (
    "Bonjour {prenom}, votre solde à la pharmacie {pharmacie} est de {solde}. "
    "Merci de passer le régler."
)
TEMPLATES = (
    ("Rappel de solde", BALANCE_REMINDER, "transactional"),
    ("Promotion crèmes solaires",
     "Bonjour {prenom}, -20% sur toutes les crèmes solaires à la pharmacie {pharmacie} "
     "jusqu'à fin août. À bientôt !", "promotional"),
    ("Commande disponible",
     "Bonjour {prenom}, votre commande est disponible à la pharmacie {pharmacie}. Bonne journée.",
     "transactional"),
    ("Vaccination antigrippale",
     "La campagne de vaccination antigrippale a commencé à la pharmacie {pharmacie}. "
     "Sur rendez-vous, sans frais de dossier. Répondez STOP pour ne plus recevoir nos offres.",
     "promotional"),
)
PACKS = (
    (1, "Pack 500 SMS", 500, "250.00"),
    (2, "Pack 1 000 SMS", 1000, "450.00"),
    (3, "Pack 5 000 SMS", 5000, "2000.00"),
    (4, "Pack 10 000 SMS", 10000, "3500.00"),
)

FIRST_NAMES = (
    "Mohammed", "Fatima Zahra", "Youssef", "Khadija", "Amine", "Salma", "Hamza", "Imane",
    "Omar", "Nadia", "Karim", "Meryem", "Mehdi", "Sanaa", "Rachid", "Houda", "Anas", "Zineb",
    "Ayoub", "Hajar", "Said", "Latifa", "Abdelkader", "Ghizlane", "Othmane", "Asmae",
    "Ilyas", "Soukaina", "Hicham", "Naima", "Driss", "Loubna", "Jean", "Marie", "Pierre",
    "Sophie", "Nicolas", "Camille", "Julien", "Claire", "Aïcha", "Hélène", "Noémie",
)
LAST_NAMES = (
    "El Amrani", "Benali", "Alaoui", "Bennani", "Tazi", "El Idrissi", "Berrada", "Chraibi",
    "Fassi Fihri", "Ouazzani", "Lahlou", "Benjelloun", "Squalli", "Kettani", "El Mansouri",
    "Ziani", "Bouzid", "Haddad", "Naciri", "Sebti", "Filali", "Cherkaoui", "Belkadi",
    "Zaki", "Mernissi", "Skalli", "Rifai", "El Fassi", "Guessous", "Ait Taleb", "Dupont",
    "Martin", "Bernard", "Moreau", "Lefèvre", "Garcia",
)
MOBILE_PREFIXES = ("61", "62", "63", "64", "65", "66", "67", "69", "70", "71", "76", "77")
FIXED_PREFIXES = ("522", "523", "537", "535", "524")
INVALID_PHONES = ("06 12 34 5", "0612", "06XX123456", "0012345", "123", "06 85 12 34 56",
                  "+33 6 12 34 56 78 90", "pas de tel")


@dataclass(frozen=True)
class SeedOptions:
    seed: int = 1
    clients: int = 200
    history: int = 500
    credits: int = 2500


@dataclass
class _Client:
    id: int
    first_name: str
    last_name: str
    phone: str | None
    balance_due: Decimal
    balance_since: str | None
    opt_out: bool


def hash_password(password: str, salt: bytes) -> bytes:
    # Few iterations: demo accounts on loopback, and logins must stay fast in tests.
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 10_000)


def _typed_mobile(rng: random.Random, digits: str) -> str:
    """A mobile number as a counter assistant might have typed it."""
    style = rng.random()
    if style < 0.45:
        return f"0{digits[0]} {digits[1:3]} {digits[3:5]} {digits[5:7]} {digits[7:9]}"
    if style < 0.75:
        return f"0{digits}"
    if style < 0.9:
        return f"+212{digits}"
    if style < 0.96:
        return f"+212 {digits[0]}{digits[1:3]}-{digits[3:5]}-{digits[5:7]}-{digits[7:9]}"
    return f"00212{digits}"


def _phone(rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.06:
        return None if rng.random() < 0.7 else ""
    if roll < 0.10:
        return rng.choice(INVALID_PHONES)
    if roll < 0.13:
        prefix = rng.choice(FIXED_PREFIXES)
        return f"0{prefix}{rng.randrange(100000, 999999)}"
    digits = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}"
    if roll < 0.145:
        digits = digits[:5] + "0000"  # always fails: unreachable
    return _typed_mobile(rng, digits)


def _fmt_dh(amount: Decimal) -> str:
    units, _, cents = f"{amount:.2f}".partition(".")
    groups: list[str] = []
    while len(units) > 3:
        groups.insert(0, units[-3:])
        units = units[:-3]
    groups.insert(0, units)
    return f"{' '.join(groups)},{cents} DH"


def _render(body: str, client: _Client) -> str:
    return (body.replace("{prenom}", client.first_name)
            .replace("{nom}", client.last_name)
            .replace("{pharmacie}", PHARMACY_NAME)
            .replace("{solde}", _fmt_dh(client.balance_due)))


def seed(conn: sqlite3.Connection, options: SeedOptions, *, now: float | None = None) -> None:
    """Fill a freshly created database (see :func:`db.create`)."""
    rng = random.Random(options.seed)
    t_now = db.now() if now is None else now
    with db.write(conn):
        languages.add_columns(conn)
        _users(conn, rng)
        clients = _clients(conn, rng, options.clients, t_now)
        _templates(conn, t_now)
        conn.executemany("INSERT INTO packs (id, name, credits, price) VALUES (?, ?, ?, ?)",
                         PACKS)
        conn.execute("INSERT INTO balance (id, credits, updated_at) VALUES (1, ?, ?)",
                     (options.credits, t_now))
        _history(conn, rng, clients, options.history, t_now)
        _recharge_history(conn, t_now)
        ledger.seed_history(conn, t_now)
        languages.seed_languages(conn)
        seed_demo_schedules(conn, t_now)  # « Envois programmés »: two, none due
        consent.seed(conn, rng, t_now)
        conn.executemany(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            [("pharmacy_name", PHARMACY_NAME), ("pharmacy_city", PHARMACY_CITY),
             ("seed", str(options.seed)), ("seeded", "1")],
        )


def _users(conn: sqlite3.Connection, rng: random.Random) -> None:
    rows = []
    for uid, username, password, name, perms in (
        (1, PHARMACIST_USERNAME, PHARMACIST_PASSWORD, PHARMACIST_NAME, ALL_PERMISSIONS),
        (2, ASSISTANT_USERNAME, ASSISTANT_PASSWORD, ASSISTANT_NAME, ()),
    ):
        salt = rng.randbytes(16)
        rows.append((uid, username, name, salt, hash_password(password, salt), " ".join(perms)))
    conn.executemany(
        "INSERT INTO users (id, username, display_name, password_salt, password_hash, "
        "permissions) VALUES (?, ?, ?, ?, ?, ?)", rows)


def _unused_name(first: str, last: str, used: set[tuple[str, str]]) -> tuple[str, str]:
    """The drawn name, or the next free last name for that first name: the demo list showed
    the same person three times in a row. No extra draw, so the rest of the data is as it was."""
    start = LAST_NAMES.index(last)
    for step in range(len(LAST_NAMES)):
        candidate = (first, LAST_NAMES[(start + step) % len(LAST_NAMES)])
        if candidate not in used:
            used.add(candidate)
            return candidate
    return first, last  # more clients than names: homonyms, as in a real base


def _clients(conn: sqlite3.Connection, rng: random.Random, count: int,
             t_now: float) -> list[_Client]:
    clients: list[_Client] = []
    rows = []
    used: set[tuple[str, str]] = set()
    for i in range(1, count + 1):
        first, last = _unused_name(rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), used)
        phone = _phone(rng)
        balance, since = Decimal("0.00"), None
        if rng.random() < 0.3:
            balance = Decimal(rng.randrange(2000, 250000)) / 100
            since = (datetime.fromtimestamp(t_now, UTC).date()
                     - timedelta(days=rng.randrange(3, 240))).isoformat()
        opt_out = rng.random() < 0.08
        clients.append(_Client(i, first, last, phone, balance, since, opt_out))
    # Two families share one number (spouses, a parent and a child).
    for a, b in ((2, 3), (10, 11)):
        if b <= len(clients) and clients[a - 1].phone:
            clients[b - 1].phone = clients[a - 1].phone
            clients[b - 1].last_name = clients[a - 1].last_name
    stamps = sorted(t_now - rng.uniform(3600, 365 * 86400) for _ in clients)
    order = list(range(len(clients)))
    rng.shuffle(order)  # updated_at order is not id order, as in a real base
    # A few clients were deleted in Sobrus: the incremental list shows them as tombstones.
    deleted = set(rng.sample(range(len(clients)), len(clients) // 100))
    for rev, (idx, stamp) in enumerate(zip(order, stamps, strict=True), start=1):
        c = clients[idx]
        rows.append((c.id, c.first_name, c.last_name, c.phone, f"{c.balance_due:.2f}",
                     c.balance_since, int(c.opt_out), stamp,
                     stamp if idx in deleted else None, rev))
    conn.executemany(
        "INSERT INTO clients (id, first_name, last_name, phone, balance_due, balance_due_since, "
        "sms_opt_out, updated_at, deleted_at, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return [c for i, c in enumerate(clients) if i not in deleted]


def _templates(conn: sqlite3.Connection, t_now: float) -> None:
    rows = [(i, name, body, category, 1, t_now - 86400 * (120 - 10 * i), None, i)
            for i, (name, body, category) in enumerate(TEMPLATES, start=1)]
    conn.executemany(
        "INSERT INTO templates (id, name, body, category, version, updated_at, deleted_at, rev) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _history(conn: sqlite3.Connection, rng: random.Random, clients: list[_Client],
             count: int, t_now: float) -> None:
    reachable = [c for c in clients if check_phone(c.phone).e164]
    if not reachable or count <= 0:
        return
    with_balance = [c for c in reachable if c.balance_due > 0] or reachable
    promo_ok = [c for c in reachable if not c.opt_out] or reachable
    rows: list[tuple[object, ...]] = []
    while len(rows) < count:
        template = rng.choice(TEMPLATES)
        pool = (with_balance if template[1] is BALANCE_REMINDER
                else promo_ok if template[2] == "promotional" else reachable)
        size = min(count - len(rows), rng.choice((1, 1, 2, 3, 8, 15, 30, 60, 120)))
        is_test = size <= 3 and rng.random() < 0.3
        start = t_now - rng.uniform(600, 90 * 86400)
        campaign = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        for k, client in enumerate(rng.sample(pool, min(size, len(pool)))):
            rows.append((*_history_row(rng, client, template, campaign, start + k * 0.2,
                                       is_test), _kind(template, campaign, size, is_test)))
    rows.sort(key=lambda r: float(r[4]))  # type: ignore[arg-type]  # updated_at: revs follow time
    conn.executemany(
        "INSERT INTO communications (client_message_id, campaign_id, category, created_at, "
        "updated_at, initiated_by, status, failure_code, failure_reason, content, client_id, "
        "recipient_name, recipient_phone, segments, credits, is_test, sent_at, final_at, "
        "final_status, kind, next_change_at, receipts, rev) "
        "VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?)",
        [(*row, rev) for rev, row in enumerate(rows, start=1)],
    )


def _kind(template: tuple[str, str, str], campaign: str, size: int, is_test: bool) -> str:
    # From the campaign id rather than the generator: the seeded data stays as it was.
    if is_test:
        return "test"
    bucket = int(campaign[-2:], 16) % 16
    if bucket == 0:
        return "scheduled"
    if bucket == 1 and size == 1:
        return "resend"
    return "balance_reminder" if template[1] is BALANCE_REMINDER else "custom_template"


def _history_row(rng: random.Random, client: _Client, template: tuple[str, str, str],
                 campaign: str, created: float, is_test: bool) -> tuple[object, ...]:
    content = _render(template[1], client)
    segments = count_segments(content)
    phone = check_phone(client.phone)
    sent = created + rng.uniform(1, 20)
    sent_at: float | None = sent
    final_at = sent + rng.uniform(2, 120)
    failure = phone.failure
    roll = rng.random()
    if failure is None and roll < 0.03:
        failure = "unreachable"
    if failure is not None:
        status = "failed"
    elif roll < 0.06:
        status, final_at = "sent", sent  # no delivery report ever came
    elif roll < 0.07:
        status, final_at, sent_at = "cancelled", created + 1, None
    else:
        status = "delivered"
    credits = 0 if status == "cancelled" else segments
    return (str(uuid.UUID(int=rng.getrandbits(128), version=4)), campaign, template[2], created,
            final_at, status, failure, FAILURES_FR.get(failure or ""), content, client.id,
            f"{client.first_name} {client.last_name}", phone.e164, segments, credits,
            int(is_test), sent_at, final_at, status)


def _recharge_history(conn: sqlite3.Connection, t_now: float) -> None:
    created = t_now - 62 * 86400
    activated = created + 3 * 86400
    conn.execute(
        "INSERT INTO recharge_requests (pack_id, status, note, requested_by, created_at, "
        "updated_at, status_since, activated_at, proof_filename, proof_content_type, proof_size, "
        "proof_uploaded_at, proof_data, rev) VALUES (2, 'activated', NULL, 1, ?, ?, ?, ?, "
        "'virement-attijariwafa.pdf', 'application/pdf', 9, ?, ?, 1)",
        (created, activated, activated, activated, created + 86400, b"%PDF-1.4\n"),
    )
