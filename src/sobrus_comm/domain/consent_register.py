"""Reading a paper register of consents typed into a spreadsheet (CSV), as evidence.

Columns are found by their title (case and accents ignored): « Client n° » (the Sobrus
client number) and « Consentement » (accordé / oui, refusé / non) are required; « Date »
(jj/mm/aaaa), « Note » and « Enregistré par » are kept when present. Our own export reads
back as is. A line that cannot be read is reported with its number and why; nothing is
guessed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sobrus_comm.domain.consent import ConsentState

_STATES = {
    "accorde": ConsentState.GRANTED, "oui": ConsentState.GRANTED, "granted": ConsentState.GRANTED,
    "refuse": ConsentState.REFUSED, "non": ConsentState.REFUSED, "refused": ConsentState.REFUSED,
}


@dataclass(frozen=True)
class RegisterLine:
    line: int  # 1-based, the header being line 1
    client_id: int
    state: ConsentState
    day: date | None
    staff: str
    note: str


@dataclass(frozen=True)
class RegisterProblem:
    line: int
    reason_fr: str

    def __str__(self) -> str:
        return f"ligne {self.line} : {self.reason_fr}"


class RegisterFormatError(ValueError):
    """The file is not a register (``str()`` says why, in French)."""


def _key(title: str) -> str:
    folded = unicodedata.normalize("NFKD", title.casefold())
    return "".join(c for c in folded if c.isalnum())


def _column(header: Sequence[str], *names: str) -> int | None:
    keys = [_key(h) for h in header]
    for name in names:
        if name in keys:
            return keys.index(name)
    return None


def _day(text: str) -> date | None:
    text = text.strip()
    for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_register(rows: Sequence[Sequence[str]]
                   ) -> tuple[list[RegisterLine], list[RegisterProblem]]:
    if not rows:
        raise RegisterFormatError("Le fichier est vide.")
    header = rows[0]
    c_client = _column(header, "clientn", "clientno", "numeroclient", "client")
    c_state = _column(header, "consentement", "promotions")
    if c_client is None or c_state is None:
        raise RegisterFormatError(
            "Colonnes « Client n° » et « Consentement » introuvables sur la première ligne.")
    c_date, c_note = _column(header, "date"), _column(header, "note")
    c_staff = _column(header, "enregistrepar", "personnel")
    lines: list[RegisterLine] = []
    problems: list[RegisterProblem] = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(col: int | None, row: Sequence[str] = row) -> str:
            return row[col].strip() if col is not None and col < len(row) else ""

        raw_id = cell(c_client).lstrip("'")  # our export guards some cells with a quote
        if not raw_id.isdigit():
            problems.append(RegisterProblem(n, f"numéro de client illisible (« {raw_id} »)"))
            continue
        state = _STATES.get(_key(cell(c_state)))
        if state is None:
            problems.append(RegisterProblem(
                n, f"consentement « {cell(c_state)} » : attendu « accordé » ou « refusé »"))
            continue
        try:
            day = _day(cell(c_date)) if cell(c_date) else None
        except ValueError:
            problems.append(RegisterProblem(n, f"date « {cell(c_date)} » : attendu jj/mm/aaaa"))
            continue
        lines.append(RegisterLine(n, int(raw_id), state, day, cell(c_staff).lstrip("'"),
                                  cell(c_note).lstrip("'")))
    return lines, problems
