"""The history's search texts: every row's folded haystack as UTF-8 in one buffer.

A million ``str`` haystacks cost their text plus about 57 bytes each (object header and the
list's pointer); one ``bytearray`` with two offset arrays costs the text plus 16 bytes a
row. A word is looked for in row ``i`` with ``buffer.find(word, start, end)``, bounded to
that row, so a match never spans two rows. UTF-8 keeps the rule of ``str``: an encoded word
matches only at a character boundary, so ``word in text`` and a bounded byte search agree
(and Arabic text does not widen the whole buffer, as it would widen one ``str``).

Pure Python, no I/O.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence


class Haystacks:
    """One folded text per row, appended in row order; a row can be replaced (a sync)."""

    __slots__ = ("buffer", "ends", "starts")

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self.buffer = bytearray()
        self.starts = array("q")
        self.ends = array("q")
        for text in texts:
            self.append(text)

    def __len__(self) -> int:
        return len(self.starts)

    def append(self, text: str) -> None:
        start = len(self.buffer)
        self.buffer += text.encode()
        self.starts.append(start)
        self.ends.append(len(self.buffer))

    def __setitem__(self, i: int, text: str) -> None:
        # The old bytes stay unused in the buffer: cheaper than moving every later row.
        start = len(self.buffer)
        self.buffer += text.encode()
        self.starts[i] = start
        self.ends[i] = len(self.buffer)

    def __getitem__(self, i: int) -> str:
        return self.buffer[self.starts[i]:self.ends[i]].decode()

    def with_word(self, rows: Iterable[int], word: str,
                  parts: Sequence[tuple[Sequence[int], bytes]] = ()) -> list[int]:
        """The rows of ``rows`` (kept in their order) whose text contains ``word``, or
        that one of ``parts`` marks: (a code per row, 1 per code that matches).

        Parts are what rows share (a client's name, a status): matched once per value by
        the caller, then read here by code.
        """
        find, starts, ends, needle = self.buffer.find, self.starts, self.ends, word.encode()
        if not parts:
            return [i for i in rows if find(needle, starts[i], ends[i]) >= 0]
        if len(parts) == 1:
            ((codes, table),) = parts
            return [i for i in rows
                    if table[codes[i]] or find(needle, starts[i], ends[i]) >= 0]
        return [i for i in rows if any(table[codes[i]] for codes, table in parts)
                or find(needle, starts[i], ends[i]) >= 0]

    def with_tail(self, rows: Iterable[int], digits: str, tails: array[int]) -> list[int]:
        """The rows whose last ``tails[i]`` bytes (an ASCII phone key) contain ``digits``."""
        find, ends, needle = self.buffer.find, self.ends, digits.encode()
        return [i for i in rows if find(needle, ends[i] - tails[i], ends[i]) >= 0]
