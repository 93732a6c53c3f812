"""Amounts in dirhams: French formatting (« 1 234,50 DH ») and lenient parsing."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from sobrus_comm.domain.french_numbers import NBSP, NNBSP, SPACES, group_thousands

CENT = Decimal("0.01")

_CURRENCY_SUFFIX = re.compile(r"(?:dh|dhs|mad|dirhams?)\.?$", re.IGNORECASE)
_CURRENCY_PREFIX = re.compile(r"^(?:dh|dhs|mad)\.?", re.IGNORECASE)
_GROUPED = re.compile(r"\d{1,3}(?: \d{3})+|\d+", re.ASCII)
_DECIMALS = re.compile(r"\d*", re.ASCII)


class AmountParseError(ValueError):
    """Raised by :func:`parse_dh`; ``str()`` is a French message for the user."""

    def __init__(self, text: str, detail: str = "") -> None:
        self.text = text
        if not text.strip():
            message = "Montant manquant"
        else:
            message = f"Montant invalide : « {text.strip()} »"
            message = f"{message} ({detail})" if detail else message
        super().__init__(message)


def shown_amount(amount: Decimal | int) -> Decimal:
    """The amount exactly as :func:`format_dh` shows it: rounded half-up to the centime.

    Rules about a balance (is anything due? above the threshold?) use this, never the raw
    amount: a balance of 0.004 DH reads « 0,00 DH », and a reminder saying so is wrong.
    """
    value = Decimal(amount)
    if not value.is_finite():
        raise ValueError(f"Montant non fini : {amount}")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def is_due(balance: Decimal | int, threshold: Decimal | int = 0) -> bool:
    """Whether a balance calls for a reminder: what is shown of it is above zero and above
    what is shown of ``threshold`` (so the exclusion message never reads « 10,00 DH
    inférieur ou égal au seuil de 10,00 DH » the other way round)."""
    shown = shown_amount(balance)
    return shown > 0 and shown > shown_amount(threshold)


def format_dh(amount: Decimal | int, *, for_sms: bool = False) -> str:
    """``Decimal("1234.5")`` → ``"1 234,50 DH"``, rounded half-up to the centime.

    For the UI the thousands separator is U+202F and a NBSP precedes « DH », as French
    typography wants. ``for_sms=True`` uses plain spaces only: any no-break space would
    switch the SMS to UCS-2 encoding and roughly double its cost.
    """
    value = shown_amount(amount)
    units, _, cents = f"{abs(value):f}".partition(".")
    thousands, before_unit = (" ", " ") if for_sms else (NNBSP, NBSP)
    sign = "-" if value < 0 else ""  # hyphen-minus: U+2212 is not in the GSM alphabet
    return f"{sign}{group_thousands(units, thousands)},{cents}{before_unit}DH"


def parse_dh(text: str) -> Decimal:
    """Read an amount typed by a user: ``"1234.5"``, ``"1 234,50"``, ``"1 234,50 DH"``…

    Accepts « , » or « . » as decimal separator, spaces (any kind) between thousands, an
    optional « DH »/« MAD » and a leading « - ». When both « , » and « . » appear, the last
    one is the decimal separator (``"1.234,50"`` and ``"1,234.50"`` both give 1234.50).
    More than two decimals is refused rather than guessed: ``"1.234"`` may mean
    1 234 DH or 1,234 DH. The result has exactly two decimals.
    """
    s = "".join(" " if c in SPACES else c for c in text).strip()
    s = _CURRENCY_SUFFIX.sub("", s).strip()
    s = _CURRENCY_PREFIX.sub("", s).strip()
    negative = s.startswith(("-", "\u2212"))
    if negative:
        s = s[1:].strip()
    if not s:
        raise AmountParseError(text, "aucun chiffre")  # e.g. "DH" alone

    if s.count(",") + s.count(".") > 1 and ("," not in s or "." not in s):
        integer_part, decimals = s.replace(",", " ").replace(".", " "), ""  # "1.234.567"
    elif "," in s or "." in s:
        last_sep = max(s.rfind(","), s.rfind("."))
        integer_part, decimals = s[:last_sep], s[last_sep + 1 :]
        # The other separator can only group thousands ("1.234,50", "1,234.50").
        integer_part = integer_part.replace(",", " ").replace(".", " ")
    else:
        integer_part, decimals = s, ""
    integer_part = integer_part.strip() or "0"

    if not _GROUPED.fullmatch(integer_part) or not _DECIMALS.fullmatch(decimals):
        raise AmountParseError(text)
    if len(decimals) > 2:
        raise AmountParseError(text, "deux décimales au maximum")
    value = Decimal(integer_part.replace(" ", "") + "." + (decimals or "0")).quantize(CENT)
    return -value if negative and value else value
