"""Each client in their language: French or Arabic messages, and how Arabic text is written.

Rules, decided here:

* a client prefers French (the default) or Arabic; a template has a French text and an
  optional Arabic one. A client who prefers Arabic gets the Arabic text when there is one,
  else the French text (a *fallback*, counted by the send plan);
* names inside Arabic text: the client's Arabic-script name when the record has one, else
  the Latin one. Latin text inside a right-to-left sentence is wrapped in a Unicode bidi
  isolate (LRI … PDI, or FSI … PDI for free text such as the pharmacy's name), so that a
  name ending in a dot or a hyphen, or followed by a number, cannot drag its neighbours out
  of order on the phone. Values already in Arabic script need no isolate;
* amounts in Arabic text use Western digits (0-9, what Moroccan banks, operators and
  shop tickets print, and what every phone shows), the French grouping « 1 250,00 » with
  no-break spaces in an LRI isolate (plain spaces would let the bidi algorithm swap the
  groups and the phone wrap them apart) and « درهم » instead of « DH »; dates stay
  « 15/01/2025 » (a slash between digits keeps them one run).

The isolate marks are inserted at render time only: a template typed with them is still
refused (:mod:`~sobrus_comm.domain.invisible_chars`). Each mark is one UTF-16 code unit
and is counted in the message's length, parts and credits like any character.
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal

from sobrus_comm.domain.money import format_dh

LRI = "\u2066"  # left-to-right isolate
RLI = "\u2067"  # right-to-left isolate
FSI = "\u2068"  # first-strong isolate: direction taken from the text itself
PDI = "\u2069"  # pop directional isolate
ISOLATE_MARKS = frozenset(LRI + RLI + FSI + PDI)
DIRHAM_AR = "درهم"

# Arabic letters (not digits or punctuation): what makes a value "Arabic script".
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06fc\u0750-\u077f"
                            "\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc]")


class Language(enum.StrEnum):
    FRENCH = "fr"
    ARABIC = "ar"


LANGUAGE_LABELS: dict[Language, str] = {Language.FRENCH: "français", Language.ARABIC: "arabe"}


def parse_language(value: str | None) -> Language:
    """A stored or received language code; anything unknown reads as French (the default)."""
    try:
        return Language(value or Language.FRENCH)
    except ValueError:
        return Language.FRENCH


def has_arabic(text: str) -> bool:
    return _ARABIC_LETTER.search(text) is not None


def isolate_ltr(value: str) -> str:
    """``value`` as an LTR island in an Arabic sentence (nothing to wrap when empty)."""
    return f"{LRI}{value}{PDI}" if value else ""


def isolate_auto(value: str) -> str:
    """Free text of unknown direction: as is when Arabic script, else in an FSI isolate."""
    if not value or has_arabic(value):
        return value
    return f"{FSI}{value}{PDI}"


NNBSP = "\u202f"  # narrow no-break space: French thousands separator
NBSP = "\u00a0"


def format_dh_ar(amount: Decimal | int) -> str:
    """``Decimal("1250")`` → ``"⁦1 250,00⁩ درهم"`` (module doc: Western digits, isolated).

    No-break spaces (an Arabic SMS is UCS-2 anyway: they cost what a space costs), so that
    a phone never wraps « 1 » and « 250,00 » or the amount and « درهم » apart."""
    digits = format_dh(amount, for_sms=True).removesuffix(" DH").replace(" ", NNBSP)
    return f"{isolate_ltr(digits)}{NBSP}{DIRHAM_AR}"


def strip_isolates(text: str) -> str:
    """``text`` without the marks the app inserted (to compare or show plain text)."""
    return "".join(c for c in text if c not in ISOLATE_MARKS)


def choose_language(preferred: Language, has_arabic_text: bool) -> tuple[Language, bool]:
    """The language a client's message is written in, and whether that is a fallback."""
    if preferred == Language.ARABIC and not has_arabic_text:
        return Language.FRENCH, True
    return preferred, False
