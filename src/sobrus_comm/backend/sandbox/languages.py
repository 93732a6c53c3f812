"""Issue 16 in the sandbox: clients' preferred language and Arabic-script names, and the
Arabic text of templates.

The columns are added to the tables after the schema (and to a sandbox file made before
they existed, see :func:`upgrade`). The demo data is derived from each client's name and
id, with no random draw, so that a given ``--seed`` yields the very same pharmacy as
before: clients with a Moroccan name mostly have it in Arabic script too, some of them
prefer Arabic (a few of those only with their Latin name: the app isolates it inside
Arabic text), and two templates have an Arabic text while the promotions have none (their
Arabic readers get the French text).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sobrus_comm.backend.sandbox import db
from sobrus_comm.backend.sandbox.web import Checker

LANGUAGES = ("fr", "ar")
_COLUMNS = {
    "clients": (("preferred_language", "TEXT NOT NULL DEFAULT 'fr'"),
                ("first_name_ar", "TEXT NOT NULL DEFAULT ''"),
                ("last_name_ar", "TEXT NOT NULL DEFAULT ''")),
    "templates": (("body_ar", "TEXT NOT NULL DEFAULT ''"),),
}

FIRST_NAMES_AR = {
    "Mohammed": "محمد", "Fatima Zahra": "فاطمة الزهراء", "Youssef": "يوسف",
    "Khadija": "خديجة", "Amine": "أمين", "Salma": "سلمى", "Hamza": "حمزة", "Imane": "إيمان",
    "Omar": "عمر", "Nadia": "نادية", "Karim": "كريم", "Meryem": "مريم", "Mehdi": "مهدي",
    "Sanaa": "سناء", "Rachid": "رشيد", "Houda": "هدى", "Anas": "أنس", "Zineb": "زينب",
    "Ayoub": "أيوب", "Hajar": "هاجر", "Said": "سعيد", "Latifa": "لطيفة",
    "Abdelkader": "عبد القادر", "Ghizlane": "غزلان", "Othmane": "عثمان", "Asmae": "أسماء",
    "Ilyas": "إلياس", "Soukaina": "سكينة", "Hicham": "هشام", "Naima": "نعيمة",
    "Driss": "إدريس", "Loubna": "لبنى", "Aïcha": "عائشة",
}
LAST_NAMES_AR = {
    "El Amrani": "العمراني", "Benali": "بنعلي", "Alaoui": "العلوي", "Bennani": "بناني",
    "Tazi": "التازي", "El Idrissi": "الإدريسي", "Berrada": "برادة", "Chraibi": "الشرايبي",
    "Fassi Fihri": "الفاسي الفهري", "Ouazzani": "الوزاني", "Lahlou": "لحلو",
    "Benjelloun": "بنجلون", "Squalli": "الصقلي", "Kettani": "الكتاني",
    "El Mansouri": "المنصوري", "Ziani": "الزياني", "Bouzid": "بوزيد", "Haddad": "الحداد",
    "Naciri": "الناصري", "Sebti": "السبتي", "Filali": "الفيلالي", "Cherkaoui": "الشرقاوي",
    "Belkadi": "بلقاضي", "Zaki": "زكي", "Mernissi": "المرنيسي", "Skalli": "السقلي",
    "Rifai": "الرفاعي", "El Fassi": "الفاسي", "Guessous": "كسوس", "Ait Taleb": "آيت الطالب",
}
TEMPLATES_AR = {
    "Rappel de solde":
        "السلام عليكم {prenom}، رصيدكم لدى صيدلية {pharmacie} هو {solde}. "
        "المرجو المرور لتسويته.",
    "Commande disponible":
        "مرحبا {prenom}، طلبيتكم جاهزة في صيدلية {pharmacie}. نهاركم سعيد.",
}


LANGUAGE_FIELDS = ("preferred_language", "first_name_ar", "last_name_ar")


def language_values(check: Checker) -> dict[str, str]:
    """The language fields of a client given to the control API (tests, demo)."""
    values: dict[str, str] = {}
    if "preferred_language" in check.body:
        values["preferred_language"] = check.choice("preferred_language", LANGUAGES)
    for key in ("first_name_ar", "last_name_ar"):
        if key in check.body:
            values[key] = check.text(key, max_len=100, required=False) or ""
    return values


def add_columns(conn: sqlite3.Connection) -> bool:
    """Add the columns a table lacks; True when any was added."""
    added = False
    for table, columns in _COLUMNS.items():
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        for name, spec in columns:
            if name not in have:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {spec}")
                added = True
    return added


def client_language(client_id: int, first: str, last: str) -> tuple[str, str, str]:
    """(preferred_language, first_name_ar, last_name_ar) of a demo client (module doc)."""
    if first not in FIRST_NAMES_AR or last not in LAST_NAMES_AR:
        return "fr", "", ""
    prefers = "ar" if client_id % 5 in (1, 2, 3) else "fr"
    if client_id % 4 == 0:  # the Arabic name was never recorded
        return prefers, "", ""
    return prefers, FIRST_NAMES_AR[first], LAST_NAMES_AR[last]


def seed_languages(conn: sqlite3.Connection, *, bump_rev: bool = False) -> None:
    """Fill the demo languages, names and Arabic texts; ``bump_rev`` makes the changed rows
    come back through an incremental sync (a sandbox upgraded in place)."""
    rows = conn.execute("SELECT id, first_name, last_name FROM clients").fetchall()
    for client_id, first, last in rows:
        values = client_language(client_id, first, last)
        if values == ("fr", "", ""):
            continue
        conn.execute(
            "UPDATE clients SET preferred_language = ?, first_name_ar = ?, last_name_ar = ? "
            "WHERE id = ?", (*values, client_id))
        if bump_rev:
            conn.execute("UPDATE clients SET rev = ?, updated_at = ? WHERE id = ?",
                         (db.next_rev(conn, "clients"), db.now(), client_id))
    for name, body_ar in TEMPLATES_AR.items():
        found = conn.execute("SELECT id FROM templates WHERE name = ? AND body_ar = ''",
                             (name,)).fetchall()
        for (template_id,) in found:
            conn.execute("UPDATE templates SET body_ar = ? WHERE id = ?", (body_ar, template_id))
            if bump_rev:
                conn.execute(
                    "UPDATE templates SET rev = ?, updated_at = ?, version = version + 1 "
                    "WHERE id = ?", (db.next_rev(conn, "templates"), db.now(), template_id))


def upgrade(path: Path) -> None:
    """A sandbox file made before issue 16 gets the columns and the demo data."""
    conn = db.connect(path)
    try:
        with db.write(conn):
            if add_columns(conn):
                seed_languages(conn, bump_rev=True)
    finally:
        conn.close()
