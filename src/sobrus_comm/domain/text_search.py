"""How the history search matches: accent- and case-insensitive words, and phone numbers
typed any way ("0612", "+212 612", "612 34").

Folding uses one ``str.translate`` table and ``casefold``, both running in C, because the
history folds 100k rows and a keystroke must stay under 50 ms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sobrus_comm.domain.phones import phone_search_digits

# Combining marks left by NFKD: "é" → "e" + U+0301, which this removes. Arabic too: the
# tashkeel (vowel marks, shadda, sukun, superscript alef, Quranic marks) and the tatweel
# that stretches a word; NFKD turns أ إ آ into ا plus a hamza or madda mark, and ؤ ئ into
# و ي plus a hamza, so those variants fold to the bare letter here as well.
_COMBINING = re.compile(
    "[\u0300-\u036f\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc"
    "\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]+"
)
# What NFKD does not decompose but a search must treat as the same letter: French
# ligatures, and the Arabic letters people write either way (ة/ه, ى/ي).
_EXTRA = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "’": "'",
                        "‘": "'", "ø": "o", "Ø": "o", "đ": "d", "ł": "l",
                        "ة": "ه", "ى": "ي"})
# Doubled letters are where names get misspelt ("Benani" for "Bennani", "Tazzi"): the search
# compares words with every run of one letter squeezed to a single letter.
_DOUBLED = re.compile(r"([a-z])\1+")
_PHONE_QUERY = re.compile(r"^[\d\s+().\-/]*\d[\d\s+().\-/]*$")


def fold(text: str) -> str:
    """``"Échec Bennani"`` → ``"echec bennani"``: what both haystack and query are compared as.

    Letters of other scripts are kept; Latin accents go, and so do Arabic diacritics and
    letter variants: ``"فَاطِمَة"`` and ``"فاطمه"`` fold alike.
    """
    if text.isascii():
        return text.lower()
    folded = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    if not folded.isascii():
        folded = folded.translate(_EXTRA)
    return folded.casefold()


def search_key(text: str) -> str:
    """Folded, then doubled letters squeezed: ``"Bennani"`` → ``"benani"``."""
    return _DOUBLED.sub(r"\1", fold(text))


@dataclass(frozen=True)
class SearchQuery:
    words: tuple[str, ...] = ()  # search_key()s of the words, all of which must appear
    digits: str = ""  # a phone fragment's digits (see phones.phone_search_digits)

    @property
    def empty(self) -> bool:
        return not self.words and not self.digits

    def narrows(self, previous: SearchQuery) -> bool:
        """True when every row matching self also matches ``previous`` (typing on)."""
        if previous.empty:
            return True
        if previous.digits:
            return bool(self.digits) and previous.digits in self.digits
        return not self.digits and all(
            any(old in new for new in self.words) for old in previous.words
        )


def parse_query(text: str) -> SearchQuery:
    text = text.strip()
    if not text:
        return SearchQuery()
    if _PHONE_QUERY.match(text) and sum(c.isdigit() for c in text) >= 2:
        digits = phone_search_digits(text)
        if digits:
            return SearchQuery(digits=digits)
    return SearchQuery(words=tuple(search_key(text).split()))
