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

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

ZWJ = "\u200d"
_EXTEND_CATEGORIES = frozenset({"Mn", "Me", "Mc"})
_PREPEND = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2")
_CONTROL_CATEGORIES = frozenset({"Cc", "Zl", "Zp", "Cf", "Cs"})

# What a character does at a cluster boundary.
OTHER, CR, LF, CONTROL, PREPEND, EXTEND, JOINER, REGIONAL, PICTOGRAPH = range(9)


@lru_cache(maxsize=8192)  # a text uses few distinct characters: classify each once
def boundary_kind(c: str) -> int:
    """What ``c`` does at a cluster boundary: one of OTHER, CR, LF, CONTROL… above."""
    if c == "\r":
        return CR
    if c == "\n":
        return LF
    if c == ZWJ:
        return JOINER
    if c in _PREPEND:
        return PREPEND
    category = unicodedata.category(c)
    if (category in _EXTEND_CATEGORIES or c == "\u200c"
            or "\U0001f3fb" <= c <= "\U0001f3ff"  # skin tones (category Sk)
            or "\U000e0020" <= c <= "\U000e007f"):  # tags (subdivision flags)
        return EXTEND
    if category in _CONTROL_CATEGORIES:
        return CONTROL
    if "\U0001f1e6" <= c <= "\U0001f1ff":
        return REGIONAL
    if category == "So" or "\U0001f000" <= c <= "\U0001fbff":
        return PICTOGRAPH
    return OTHER


_CRLF = re.compile("\r\n")


def glued_positions(text: str) -> list[int]:
    """The indices ``j`` where no cluster boundary lies between ``text[j-1]`` and
    ``text[j]``, in order.

    Each rule of the module doc is one regular expression over the characters of its
    kind that ``text`` holds, so the work runs at C speed, even on a fully vocalised
    text where every other character is a mark.
    """
    glued = {m.start() + 1 for m in _CRLF.finditer(text)}
    if text.isascii():  # the only glue ASCII has
        return sorted(glued)
    kinds = {c: boundary_kind(c) for c in set(text)}

    def present(*wanted: int) -> str:
        chars = "".join(re.escape(c) for c, kind in kinds.items() if kind in wanted)
        return f"[{chars}]" if chars else ""

    alone, extend, marks = present(CR, LF, CONTROL), present(EXTEND, JOINER), present(EXTEND)
    not_after_alone = f"(?<!{alone})" if alone else ""
    not_before_alone = f"(?!{alone})" if alone else ""
    if extend:  # marks, ZWNJ and ZWJ attach to what precedes them, unless a control
        glued.update(m.start() for m in re.finditer(not_after_alone + extend, text))
    if prepend := present(PREPEND):  # Arabic number signs attach to what follows
        glued.update(m.end() for m in re.finditer(prepend + not_before_alone, text))
    pictograph = present(PICTOGRAPH)
    if pictograph and "\u200d" in kinds:  # pictograph, its marks, ZWJ × pictograph
        sequence = f"{pictograph}{marks + '*' if marks else ''}\u200d(?={pictograph})"
        glued.update(m.end() for m in re.finditer(sequence, text))
    if regional := present(REGIONAL):  # indicators pair up from the start of their run
        for m in re.finditer(regional + "+", text):
            glued.update(range(m.start() + 1, m.end(), 2))
    glued.discard(0)
    glued.discard(len(text))
    return sorted(glued)


def cluster_lengths(text: str) -> list[int]:
    """How many characters each user-perceived character of ``text`` holds, in order."""
    glued = set(glued_positions(text))
    cuts = [j for j in range(1, len(text)) if j not in glued] if glued else range(1, len(text))
    bounds = [0, *cuts, len(text)] if text else [0]
    return [end - start for start, end in pairwise(bounds)]


def clusters(text: str) -> list[str]:
    """``text`` cut into user-perceived characters; ``"".join(clusters(t)) == t``."""
    out, start = [], 0
    for length in cluster_lengths(text):
        out.append(text[start : start + length])
        start += length
    return out
