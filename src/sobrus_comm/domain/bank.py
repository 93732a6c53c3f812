"""Moroccan bank account numbers: the RIB (24 digits) and its IBAN, to check and to read.

A RIB is bank (3) + city (3) + account (16) + key (2) digits. The IBAN is « MA », two
check digits (ISO 13616, mod 97) and the RIB; for a RIB whose key is right they are
always « 64 », hence the familiar « MA64… ».
"""

from __future__ import annotations

import re

from sobrus_comm.domain.french_numbers import NBSP

_RIB = re.compile(r"[0-9]{24}", re.ASCII)  # ASCII: str.isdigit() would accept « ٣ »
RIB_GROUPS = (3, 3, 16, 2)


def is_rib(text: str) -> bool:
    return _RIB.fullmatch(text) is not None


def iban_from_rib(rib: str) -> str:
    """``"190780…85"`` → ``"MA64190780…85"``: the check digits computed, not assumed."""
    if not is_rib(rib):
        raise ValueError("RIB de 24 chiffres attendu")
    # ISO 13616: BBAN + country (letters as 10..35) + "00", mod 97, subtracted from 98.
    digits = rib + "".join(str(ord(c) - 55) for c in "MA") + "00"
    return f"MA{98 - int(digits) % 97:02d}{rib}"


def format_rib(rib: str, sep: str = NBSP) -> str:
    """``"011780…34"`` → ``"011 780 0000123456789012 34"``, as printed on a RIB.

    No-break spaces by default so that a wrapping label never splits the number.
    """
    parts, start = [], 0
    for size in RIB_GROUPS:
        parts.append(rib[start : start + size])
        start += size
    return sep.join(parts)


def format_iban(iban: str, sep: str = NBSP) -> str:
    """Groups of four, the IBAN's printed form (« MA64 0117 8000 … »)."""
    return sep.join(iban[i : i + 4] for i in range(0, len(iban), 4))
