"""User-perceived characters (grapheme clusters), so that an SMS part never ends inside one.

A letter with its tashkeel (« بِّ »: a letter and two marks), an emoji with a skin tone,
a family emoji joined by ZWJ, a flag (two regional indicators) or a keycap show as one
character; a phone that cuts the message between its pieces shows a broken letter or two
emoji. :func:`clusters` splits text the way Unicode's extended grapheme clusters do
(UAX #29), for the rules that matter to SMS text:

* CR LF is one cluster; other controls (Cc, Zl, Zp, and Cf except the joiners and the
  Arabic prepended marks) stand alone;
* combining marks (Mn, Me), spacing marks (Mc), ZWNJ, ZWJ, variation selectors, emoji
  skin tones and tag characters attach to what precedes them;
* Arabic prepended concatenation marks (U+0600–U+0605, U+06DD, U+0890, U+0891, U+08E2)
  and U+070F attach to what follows them;
* a ZWJ between two pictographs joins them (emoji sequences); regional indicators pair up.

Not covered, deliberately: Hangul syllable sequences (L/V/T jamo) and Indic conjuncts
(Unicode 15.1); the standard library's :mod:`unicodedata` has no grapheme property, so
"pictograph" is approximated by category So and the emoji blocks (which also holds emoji
newer than this Python's Unicode tables).
"""

from __future__ import annotations

import unicodedata

ZWJ = "\u200d"
_EXTEND_CATEGORIES = frozenset({"Mn", "Me", "Mc"})
_PREPEND = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2")
_CONTROL_CATEGORIES = frozenset({"Cc", "Zl", "Zp", "Cf", "Cs"})


def _is_regional_indicator(c: str) -> bool:
    return "\U0001f1e6" <= c <= "\U0001f1ff"


def _is_extend(c: str) -> bool:
    return (
        unicodedata.category(c) in _EXTEND_CATEGORIES
        or c in ("\u200c", ZWJ)
        or "\U0001f3fb" <= c <= "\U0001f3ff"  # skin tones (category Sk)
        or "\U000e0020" <= c <= "\U000e007f"  # tags (subdivision flags)
    )


def _is_control(c: str) -> bool:
    return (
        unicodedata.category(c) in _CONTROL_CATEGORIES
        and c not in _PREPEND
        and not _is_extend(c)
    )


def _is_pictograph(c: str) -> bool:
    return unicodedata.category(c) == "So" or "\U0001f000" <= c <= "\U0001fbff"


def _joins(cluster: str, c: str) -> bool:
    """Whether ``c`` continues ``cluster`` (no boundary between them)."""
    last = cluster[-1]
    if last == "\r":
        return c == "\n"
    if _is_control(last) or _is_control(c):
        return False
    if last in _PREPEND or _is_extend(c):
        return True
    if last == ZWJ and _is_pictograph(c):
        # A pictograph, its extends (skin tone, VS16…), ZWJ, then a pictograph: one emoji.
        i = len(cluster) - 1
        while i and _is_extend(cluster[i - 1]):
            i -= 1
        return i > 0 and _is_pictograph(cluster[i - 1])
    if _is_regional_indicator(last) and _is_regional_indicator(c):
        # Indicators pair from the start of a run: a cluster holding one takes a second.
        return sum(_is_regional_indicator(ch) for ch in cluster) == 1
    return False


def clusters(text: str) -> list[str]:
    """``text`` cut into user-perceived characters; ``"".join(clusters(t)) == t``."""
    out: list[str] = []
    for c in text:
        if out and _joins(out[-1], c):
            out[-1] += c
        else:
            out.append(c)
    return out


def has_multi_char_clusters(text: str) -> bool:
    """Whether any cluster of ``text`` holds more than one character (cheap when none)."""
    return "\r\n" in text or any(
        _is_extend(c) or c in _PREPEND or _is_regional_indicator(c)
        for c in text if not c.isascii()
    )
