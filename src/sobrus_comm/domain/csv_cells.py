"""Cells of the CSV files a user opens in a spreadsheet: what every exporter writes.

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` is read by Excel and LibreOffice
as a formula (``=HYPERLINK(…)``, ``+33 6 12…``, ``-2+3``), and one starting with a tab or a
carriage return can be turned into one when pasted ("CSV injection"). Client names, message
bodies and foreign numbers come from outside, so every cell goes through :func:`safe_cell`:
such a cell gets a leading apostrophe, which makes the spreadsheet show text, and the rest
of the text is kept as it was.

Leading spaces and invisible characters do not make a cell safe (some spreadsheets trim
them before reading a formula), so the check looks past them. Full-width signs (``＝``,
``＋``…) count too: spreadsheets with an East-Asian input method read them as formulas.

The file format itself (UTF-8 with a BOM, ``;`` between fields: what Excel set to French
opens as is, ``,`` being the decimal mark) is here too, so that every export agrees.
"""

from __future__ import annotations

from collections.abc import Iterable

CSV_ENCODING = "utf-8-sig"  # with a BOM, or Excel reads the accents as Windows-1252
CSV_DELIMITER = ";"

FORMULA_TRIGGERS = frozenset("=+-@\t\r" + "＝＋－＠")
_NEUTRALISER = "'"
# Skipped when looking for the first meaningful character (a formula behind them still runs).
_LEADING_IGNORED = " \n\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff"


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula (see the module doc)."""
    if not text:
        return False
    if text[0] in FORMULA_TRIGGERS:
        return True
    rest = text.lstrip(_LEADING_IGNORED)
    return rest[:1] in FORMULA_TRIGGERS


def safe_cell(value: object) -> str:
    """The text of one cell, neutralised when it could run as a formula.

    ``None`` is an empty cell; other values are written as ``str(value)``.
    """
    text = "" if value is None else str(value)
    return _NEUTRALISER + text if is_formula_like(text) else text


def safe_row(values: Iterable[object]) -> list[str]:
    return [safe_cell(v) for v in values]
