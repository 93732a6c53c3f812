"""What the sandbox's simulated SMS gateway decides: phone validity, segments, fate.

Phone numbers are parsed with ``phonenumbers`` (region MA), as a real gateway would.
Deterministic failure rules make some numbers always fail, so tests and the demo can
count on them:

- fixed lines (05…): accepted, then ``failed`` / ``not_mobile``;
- mobile numbers ending in ``0000``: accepted, then ``failed`` / ``unreachable``;
- unparseable or invalid numbers: ``rejected`` / ``invalid_phone`` on acceptance, no credit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

FAILURES_FR = {
    "invalid_phone": "Numéro de téléphone invalide",
    "not_mobile": "Numéro non mobile (ligne fixe)",
    "unreachable": "Destinataire injoignable",
    "opted_out": "Le client a refusé les SMS promotionnels",
    "unknown_client": "Client inconnu",
    "cancelled": "Envoi annulé avant sa réception par Sobrus",
}


@dataclass(frozen=True)
class Phone:
    e164: str | None  # None when the number cannot be used
    failure: str | None  # a FAILURES_FR key when the number will not get the SMS


@lru_cache(maxsize=4096)
def check_phone(raw: str | None) -> Phone:
    if not raw or not raw.strip():
        return Phone(None, "invalid_phone")
    try:
        number = phonenumbers.parse(raw, "MA")
    except phonenumbers.NumberParseException:
        return Phone(None, "invalid_phone")
    if not phonenumbers.is_valid_number(number):
        return Phone(None, "invalid_phone")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    kind = phonenumbers.number_type(number)
    if kind == phonenumbers.PhoneNumberType.FIXED_LINE:
        return Phone(e164, "not_mobile")
    if e164.endswith("0000"):
        return Phone(e164, "unreachable")
    return Phone(e164, None)


# GSM 03.38 default alphabet, and its extension table (two septets each).
_GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXT = set("^{}\\[~]|€\f")


def _fallback_segments(text: str) -> int:
    # TODO: drop once sobrus_comm.domain.segments.analyze is everywhere (it is the reference;
    # this copy ignores that an escape sequence is never split across two segments).
    if all(ch in _GSM7 or ch in _GSM7_EXT for ch in text):
        septets = sum(2 if ch in _GSM7_EXT else 1 for ch in text)
        return 1 if septets <= 160 else math.ceil(septets / 153)
    units = len(text.encode("utf-16-le")) // 2
    return 1 if units <= 70 else math.ceil(units / 67)


def _domain_analyzer():  # type: ignore[no-untyped-def]
    try:
        from sobrus_comm.domain import segments
    except ImportError:
        return None
    return getattr(segments, "analyze", None)


_ANALYZE = _domain_analyzer()


@lru_cache(maxsize=65536)
def count_segments(text: str) -> int:
    """Segments billed for ``text`` (GSM-7 160/153, otherwise UCS-2 70/67); at least 1."""
    if _ANALYZE is not None:
        try:
            return max(1, int(_ANALYZE(text).segments))
        except Exception:  # a half-written analyzer must not take the sandbox down
            pass
    return max(1, _fallback_segments(text))
