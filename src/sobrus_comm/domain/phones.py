"""Phone numbers: normalisation to E.164, display, and search keys.

Numbers are typed by hand in Sobrus, so the same mobile shows up as ``0612345678``,
``06 12 34 56 78``, ``+212 6 12 34 56 78``, ``00212612345678`` or ``212612345678``.
All of them normalise to ``+212612345678``. Accepted input, decided here:

* national form with the trunk ``0`` (``06…``/``07…``), or without it (``612345678``:
  spreadsheets drop leading zeros);
* international form with ``+`` or ``00``, for Morocco and for foreign mobiles;
* ``212…`` without ``+`` (12 digits): a Moroccan national number has only 9 significant
  digits, so a leading ``212`` can only be the country code;
* separators: spaces (including no-break ones), ``.``, ``-``, ``/``, parentheses.

Anything with letters is refused: ``phonenumbers`` would read them as keypad letters and
turn a note such as « (fils) » into digits, i.e. an SMS to a stranger.

Only mobiles can receive SMS: Moroccan 05 numbers are fixed lines and are refused with
:attr:`PhoneProblem.NOT_MOBILE`. Countries whose plan cannot tell mobiles from fixed lines
(USA, Canada…) are accepted.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

DEFAULT_REGION = "MA"
MOROCCO_COUNTRY_CODE = 212

# Unicode \d on purpose: Arabic-Indic digits are normalised by phonenumbers.
_ALLOWED_CHARS = re.compile(r"[\d\s+().\-/]+")
_NON_DIGITS = re.compile(r"\D+")

_SMS_CAPABLE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})

# Words shown in « Pas un numéro de mobile (fixe) : … ».
_TYPE_LABELS_FR = {
    PhoneNumberType.FIXED_LINE: "fixe",
    PhoneNumberType.TOLL_FREE: "numéro vert",
    PhoneNumberType.PREMIUM_RATE: "numéro surtaxé",
    PhoneNumberType.SHARED_COST: "numéro à coût partagé",
    PhoneNumberType.VOIP: "VoIP",
    PhoneNumberType.PERSONAL_NUMBER: "numéro personnel",
    PhoneNumberType.PAGER: "bipeur",
    PhoneNumberType.UAN: "numéro d’accès unique",
    PhoneNumberType.VOICEMAIL: "messagerie vocale",
}

_MAX_RAW_SHOWN = 30  # keep error messages readable when a whole note was pasted in the field


class PhoneProblem(enum.StrEnum):
    MISSING = "missing"
    INVALID = "invalid"
    NOT_MOBILE = "not_mobile"


@dataclass(frozen=True)
class PhoneCheck:
    """Outcome of :func:`normalize_phone`: either ``e164`` or a ``problem``."""

    raw: str | None
    e164: str | None
    problem: PhoneProblem | None = None
    # Set for NOT_MOBILE only, e.g. "fixe": says *why* the number cannot get an SMS.
    kind_fr: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None and self.e164 is not None

    @property
    def reason_fr(self) -> str:
        """Why the number is refused, in French; empty string when it is fine."""
        if self.problem is None:
            return ""
        if self.problem is PhoneProblem.MISSING:
            return "Numéro manquant"
        if self.problem is PhoneProblem.NOT_MOBILE and self.e164 is not None:
            kind = self.kind_fr or "non mobile"
            return f"Pas un numéro de mobile ({kind}) : {format_phone_display(self.e164)}"
        return f"Numéro invalide : « {_shorten(self.raw or '')} »"


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _MAX_RAW_SHOWN:
        return text
    return text[: _MAX_RAW_SHOWN - 1] + "…"


@lru_cache(maxsize=65536)  # pure and ~25 µs a call: plans are rebuilt at every tick in the dialog
def normalize_phone(raw: str | None, region: str = DEFAULT_REGION) -> PhoneCheck:
    """Normalise a phone number as typed by the pharmacy to E.164, or say why it cannot be."""
    text = (raw or "").strip()
    if not text:
        return PhoneCheck(raw=raw, e164=None, problem=PhoneProblem.MISSING)
    if not _ALLOWED_CHARS.fullmatch(text):
        return PhoneCheck(raw=raw, e164=None, problem=PhoneProblem.INVALID)
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return PhoneCheck(raw=raw, e164=None, problem=PhoneProblem.INVALID)
    # number_type() is UNKNOWN exactly when is_valid_number() is False; calling both would
    # match the number against the region's patterns twice, the bulk of the cost here.
    number_type = phonenumbers.number_type(number)
    if number_type == PhoneNumberType.UNKNOWN:
        return PhoneCheck(raw=raw, e164=None, problem=PhoneProblem.INVALID)
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if number_type not in _SMS_CAPABLE_TYPES:
        return PhoneCheck(
            raw=raw,
            e164=e164,
            problem=PhoneProblem.NOT_MOBILE,
            kind_fr=_TYPE_LABELS_FR.get(number_type),
        )
    return PhoneCheck(raw=raw, e164=e164)


def format_phone_display(e164: str) -> str:
    """``+212612345678`` → ``06 12 34 56 78``; foreign numbers in international format.

    Never raises: a value that does not parse is shown as stored.
    """
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    # By country code, not region: +212 is shared with Western Sahara (region "EH").
    if number.country_code == MOROCCO_COUNTRY_CODE:
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


# Search: the pair below lets a typed fragment match stored numbers with a plain substring
# test, `phone_search_digits(typed) in phone_index_key(stored_e164)`, which a store can do
# in SQL (`LIKE '%' || digits || '%'` on a column holding the key).
#
# * Moroccan numbers are indexed by their 9 significant digits ("612345678"), and the
#   search text loses its "+212"/"00212"/"212" country code and trunk "0", so "0612",
#   "+212 612", "612 34", "00212 6 12" and "5678" all find +212612345678.
# * Foreign numbers are indexed with their country code ("33612345678"), so "+33 6 12"
#   and "0033 612" find +33612345678; "06 12" finds it too, like it finds the Moroccan one.


def phone_search_digits(text: str) -> str:
    """Digits to look for in :func:`phone_index_key` values; ``""`` if there are none.

    An empty result means "the text holds no phone fragment": callers should not filter on
    phone numbers then (a substring test with ``""`` would match everything).
    """
    return _strip_prefixes(text)


def phone_index_key(e164: str) -> str:
    """Digits stored for searching: ``+212612345678`` → ``612345678``, ``+33…`` → ``33…``.

    Meant for E.164 values; a number stored as typed (``0612345678``) gets the same key.
    """
    return _strip_prefixes(e164)


def _strip_prefixes(text: str) -> str:
    digits = _NON_DIGITS.sub("", text)
    if not digits.isascii():  # Arabic-Indic or full-width digits: keys are ASCII
        digits = "".join(str(int(c)) for c in digits)
    international = text.lstrip().startswith("+")
    if digits.startswith("00"):
        digits = digits[2:]
        international = True
    if digits.startswith("212"):
        digits = digits[3:]
    elif international:
        return digits  # a foreign country code: foreign keys keep theirs
    if digits.startswith("0"):
        digits = digits[1:]  # trunk prefix, also in "+212 (0)6 12…"
    return digits
