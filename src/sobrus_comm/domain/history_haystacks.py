"""The history's search texts: every row's folded haystack as UTF-8 in one buffer.

A million ``str`` haystacks cost their text plus about 57 bytes each (object header and the
list's pointer); one ``bytearray`` with two offset arrays costs the text plus 8 bytes a
row. Rows with the same text (a grouped send's message, a client's number) share one copy
of it while the haystacks are built. A word is looked for in row ``i`` with
``buffer.find(word, start, end)``, bounded to that row, so a match never spans two rows.
UTF-8 keeps the rule of ``str``: an encoded word matches only at a character boundary, so
``word in text`` and a bounded byte search agree (and Arabic text does not widen the whole
buffer, as it would widen one ``str``).

Pure Python, no I/O.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence

_SHARED_MAX = 20_000  # distinct texts remembered for sharing (then the memo starts again)


class Haystacks:
    """One folded text per row, appended in row order; a row can be replaced (a sync)."""

    __slots__ = ("_shared", "_spans", "buffer", "sizes", "starts")

    def __init__(self, texts: Iterable[str] = (), shared: bool = True) -> None:
        self.buffer = bytearray()
        # 4-byte offsets: a buffer of 4 GiB would be 40 times a decade of history.
        self.starts = array("I")
        self.sizes = array("I")
        self._spans: dict[str, tuple[int, int]] = {}  # text -> its copy (while building)
        # Short texts (a number) cost less than their entry in the memo: never shared.
        self._shared = shared
        for text in texts:
            self.append(text)

    def __len__(self) -> int:
        return len(self.starts)

    def _span(self, text: str) -> tuple[int, int]:
        span = self._spans.get(text)
        if span is None:
            data = text.encode()
            span = (len(self.buffer), len(data))
            self.buffer += data
            if not self._shared:
                return span
            if len(self._spans) >= _SHARED_MAX:
                self._spans.clear()  # texts that hardly repeat: a memo of no use
            self._spans[text] = span
        return span

    def append(self, text: str) -> None:
        start, size = self._span(text)
        self.starts.append(start)
        self.sizes.append(size)

    def __setitem__(self, i: int, text: str) -> None:
        # An old copy stays unused in the buffer: cheaper than moving every later row.
        self.starts[i], self.sizes[i] = self._span(text)

    def __getitem__(self, i: int) -> str:
        start = self.starts[i]
        return self.buffer[start:start + self.sizes[i]].decode()

    def forget_shared(self) -> None:
        """Drops the memo of texts (built once, the rows' spans stay shared)."""
        self._spans = {}

    def with_word(self, rows: Iterable[int], word: str,
                  parts: Sequence[tuple[Sequence[int], bytes]] = ()) -> list[int]:
        """The rows of ``rows`` (kept in their order) whose text contains ``word``, or
        that one of ``parts`` marks: (a code per row, 1 per code that matches).

        Parts are what rows share (a client's name, a status): matched once per value by
        the caller, then read here by code.
        """
        find, starts, sizes, needle = self.buffer.find, self.starts, self.sizes, word.encode()
        if not parts:
            return [i for i in rows if find(needle, starts[i], starts[i] + sizes[i]) >= 0]
        if len(parts) == 1:
            ((codes, table),) = parts
            return [i for i in rows
                    if table[codes[i]] or find(needle, starts[i], starts[i] + sizes[i]) >= 0]
        return [i for i in rows if any(table[codes[i]] for codes, table in parts)
                or find(needle, starts[i], starts[i] + sizes[i]) >= 0]

    def with_tail(self, rows: Iterable[int], digits: str, skip: int = 0) -> list[int]:
        """The rows whose text, past its first ``skip`` bytes, contains ``digits``."""
        find, starts, sizes, needle = self.buffer.find, self.starts, self.sizes, digits.encode()
        return [i for i in rows if find(needle, starts[i] + skip, starts[i] + sizes[i]) >= 0]
