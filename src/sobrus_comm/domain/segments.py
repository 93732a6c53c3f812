"""SMS length: encoding, segment count and GSM-friendly substitutions.

An SMS is sent in the GSM 03.38 7-bit alphabet when every character belongs to it, else
in UCS-2 (UTF-16 on today's phones). One SMS holds 160 septets or 70 UTF-16 code units;
a longer message is split into segments of 153 septets or 67 units (the rest carries
the concatenation header). The pharmacy pays one credit per segment.

Counting rules, decided here:

* GSM extension characters (``€ [ ] { } ~ ^ \\ |`` and form feed) take two septets
  (escape + character);
* in UCS-2 a character outside the BMP (emoji) takes two code units;
* in a split message an escape sequence or a surrogate pair is never cut in two: when it
  does not fit in what is left of a segment, it starts the next one. Real encoders do
  this; the naive ``ceil(length / 153)`` of some online calculators can under-count by
  one segment when such a pair lands on a boundary, which would under-charge the
  balance check. For text without such pairs both methods agree;
* nor is a user-perceived character (:mod:`~sobrus_comm.domain.graphemes`: a letter with
  its tashkeel, an emoji sequence, a flag, CR LF): it moves whole to the next segment,
  so a vocalised Arabic text can need one part more than its length divided by 67. Only
  a cluster longer than a whole segment (never seen in real text) is cut, at the start
  of a segment of its own and between characters.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sobrus_comm.domain.graphemes import glued_positions

GSM_7 = "GSM-7"
UCS_2 = "UCS-2"

# GSM 03.38 default alphabet, table order (0x1B, the escape, is left out: not a character).
GSM_BASIC_CHARS = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ"
    " !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Reached through the escape: two septets each.
GSM_EXTENSION_CHARS = frozenset("\f^{}\\[~]|€")
GSM_CHARS = GSM_BASIC_CHARS | GSM_EXTENSION_CHARS

GSM_SINGLE_LIMIT = 160
GSM_SEGMENT_LIMIT = 153
UCS2_SINGLE_LIMIT = 70
UCS2_SEGMENT_LIMIT = 67

# Look-alikes for characters that would switch a message to UCS-2 (and roughly halve
# the characters per credit). Suggested to the user, never applied silently.
GSM_SUBSTITUTIONS: Mapping[str, str] = {
    # Quotes and apostrophes (Word and phones "curl" them).
    "’": "'",
    "‘": "'",
    "‚": "'",
    "‛": "'",
    "′": "'",
    "`": "'",
    "´": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "″": '"',
    "«": '"',
    "»": '"',
    "‹": "'",
    "›": "'",
    # French letters missing from the GSM alphabet.
    "â": "a",
    "Â": "A",
    "À": "A",
    "á": "a",
    "Á": "A",
    "ã": "a",
    "Ã": "A",
    "ç": "c",
    "ê": "e",
    "ë": "e",
    "Ê": "E",
    "Ë": "E",
    "È": "E",
    "î": "i",
    "ï": "i",
    "í": "i",
    "Î": "I",
    "Ï": "I",
    "Í": "I",
    "Ì": "I",
    "ô": "o",
    "ó": "o",
    "õ": "o",
    "Ô": "O",
    "Ó": "O",
    "Ò": "O",
    "Õ": "O",
    "û": "u",
    "ú": "u",
    "Û": "U",
    "Ù": "U",
    "Ú": "U",
    "ÿ": "y",
    "Ÿ": "Y",
    "œ": "oe",
    "Œ": "OE",
    # Punctuation.
    "…": "...",
    "–": "-",
    "—": "-",
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "−": "-",
    "•": "-",
    "·": ".",
    "°": "o",
    "\t": " ",
    # Spaces: no-break spaces come from French typography (« 1 234,50 DH »).
    "\u00a0": " ",
    "\u202f": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u2002": " ",
    "\u2003": " ",
    # Invisible characters pasted along with text.
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
}


@dataclass(frozen=True)
class SegmentInfo:
    encoding: str  # GSM_7 or UCS_2
    length: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int  # 0 for an empty text
    per_segment: int  # 160/70 while the text fits in one SMS, 153/67 once it is split
    remaining: int  # what still fits in the current (last) segment
    unicode_chars: tuple[str, ...] = ()  # distinct characters forcing UCS-2, first seen first

    @property
    def is_unicode(self) -> bool:
        return self.encoding == UCS_2


def is_gsm(text: str) -> bool:
    return GSM_CHARS.issuperset(text)


def _split(text: str, unicode: bool, capacity: int, glued: list[int]) -> list[tuple[int, int, int]]:
    """Parts of at most ``capacity`` units (module doc rules): (start, end, units) each.

    Works part by part, not character by character: the end of a part is found by
    arithmetic on the positions of the two-unit characters, then moved back while it
    would fall inside a cluster (``glued``, from :func:`glued_positions`).
    """
    doubles = [m.start() for m in (_ASTRAL if unicode else _GSM_ESCAPED).finditer(text)]
    glue = set(glued)

    def units_before(i: int) -> int:
        return i + bisect.bisect_left(doubles, i)

    parts: list[tuple[int, int, int]] = []
    start, n = 0, len(text)
    while start < n:
        target = units_before(start) + capacity
        low, high = start + 1, min(n, start + capacity)  # the first character always fits
        while low < high:  # the last end whose units fit in the part
            mid = (low + high + 1) // 2
            if units_before(mid) <= target:
                low = mid
            else:
                high = mid - 1
        end = low
        if end < n:
            cut = end
            while cut > start and cut in glue:
                cut -= 1
            end = cut if cut > start else end  # a cluster longer than a part is cut
        parts.append((start, end, units_before(end) - units_before(start)))
        start = end
    return parts


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_GSM_ESCAPED = re.compile("[" + re.escape("".join(sorted(GSM_EXTENSION_CHARS))) + "]")


def _units(text: str, unicode: bool) -> int:
    """UTF-16 code units (UCS-2: a surrogate pair takes two) or septets (GSM-7)."""
    if unicode:
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text) + sum(text.count(c) for c in GSM_EXTENSION_CHARS)


def split_parts(text: str) -> list[str]:
    """The parts a phone receives ``text`` in: one part while it fits in a single SMS."""
    if not text:
        return []
    info = analyze(text)
    if info.segments == 1:
        return [text]
    parts = _split(text, info.is_unicode, info.per_segment, glued_positions(text))
    return [text[a:b] for a, b, _ in parts]


def analyze(text: str) -> SegmentInfo:
    """Encoding, length and number of segments (credits) of one SMS body."""
    if GSM_CHARS.issuperset(text):  # the common case, tested at C speed
        unicode_chars: tuple[str, ...] = ()
    else:
        unicode_chars = tuple(dict.fromkeys(c for c in text if c not in GSM_CHARS))
    if unicode_chars:
        encoding, single, split = UCS_2, UCS2_SINGLE_LIMIT, UCS2_SEGMENT_LIMIT
    else:
        encoding, single, split = GSM_7, GSM_SINGLE_LIMIT, GSM_SEGMENT_LIMIT
    length = _units(text, bool(unicode_chars))
    doubles = length - len(text)  # surrogate pairs or escapes: two units each

    if length <= single:
        segments = 1 if length else 0
        return SegmentInfo(encoding, length, segments, single, single - length, unicode_chars)
    glued = glued_positions(text)
    if doubles or glued:
        parts = _split(text, bool(unicode_chars), split, glued)
        segments, used = len(parts), parts[-1][2]
    else:  # every character is one unit and stands alone: plain arithmetic, no loop
        segments = -(-length // split)
        used = length - (segments - 1) * split
    return SegmentInfo(encoding, length, segments, split, split - used, unicode_chars)


def credits_for(texts: Iterable[str]) -> int:
    """Credits needed to send every text (one per segment)."""
    return sum(analyze(text).segments for text in texts)


def suggest_substitutions(text: str) -> dict[str, str]:
    """Replacements for the characters of ``text`` that force UCS-2 and have a look-alike.

    In order of first appearance; characters without a substitution (Arabic letters, emoji)
    are not listed: :attr:`SegmentInfo.unicode_chars` has them all.
    """
    return {c: GSM_SUBSTITUTIONS[c] for c in dict.fromkeys(text) if c in GSM_SUBSTITUTIONS}


def apply_substitutions(text: str, subs: Mapping[str, str] | None = None) -> str:
    """Replace characters as ``subs`` says (default: every known GSM substitution)."""
    table = GSM_SUBSTITUTIONS if subs is None else subs
    if not table:
        return text
    mapping: dict[str, str | int | None] = dict(table)
    return text.translate(str.maketrans(mapping))
