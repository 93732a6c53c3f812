"""The history's status timelines held as steps: a status code and a few seconds each.

A timeline is cached as text, « queued@1700000000;sent@1700000030 » (see
``history_view.encode_status_history``): about 40 bytes a row, and 8 more for its offsets.
Here each step is one byte for its status (a handful of distinct ones) and the seconds since
the step before it (since the row's creation for the first), in an array as narrow as those
numbers allow: a row costs about 12 bytes. Every text comes back exactly as given: one that
the steps would not give back (another form, leading zeros, too many statuses) is kept
aside as it is, as None is.

Pure Python, no I/O.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import accumulate, compress
from operator import add, sub

from sobrus_comm.domain.narrow_arrays import fitted

_NONE, _ASIDE = 255, 254  # a row's count of steps, for None and for a text kept aside
_MAX_STEPS = 253
_MAX_STATUSES = 256  # status codes are bytes
_DELTA_MAX = 2**63 - 1  # seconds between steps fit in 8 bytes (a text beyond is kept aside)


class Timelines:
    """One status timeline per row, appended in row order; a row can be replaced (a sync)."""

    __slots__ = ("_code_of", "counts", "deltas", "firsts", "others", "statuses", "steps")

    def __init__(self) -> None:
        self.firsts = array("I")  # row -> its first step
        self.counts = bytearray()  # row -> its number of steps, or _NONE / _ASIDE
        self.steps = bytearray()  # step -> its status code
        self.deltas = array("b")  # step -> seconds since the step before it
        self.others: dict[int, str] = {}  # row -> a text not held as steps
        self.statuses: list[str] = []
        self._code_of: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.counts)

    def _code(self, status: str) -> int | None:
        code = self._code_of.get(status)
        if code is None and len(self.statuses) < _MAX_STATUSES:
            code = self._code_of[status] = len(self.statuses)
            self.statuses.append(status)
        return code

    def extend(self, texts: Sequence[str | None], bases: Sequence[int]) -> None:
        """Appends rows' timelines; ``bases`` are the rows' creation times (Unix seconds)."""
        if not self._extend_all(texts, bases):  # some text not of the usual form
            for text, base in zip(texts, bases, strict=True):
                self.set(len(self.counts), text, base)

    def _extend_all(self, texts: Sequence[str | None], bases: Sequence[int]) -> bool:
        # The whole chunk in a few C-level passes (row by row took 2.4 us a row here, this
        # about 1.7); False, having changed nothing but the status codes, if any text is
        # not of the form the steps give back.
        present = list(map(bool, texts))
        held: list[str] = list(compress(texts, present))  # type: ignore[arg-type]
        joined = ";".join(held)
        if not joined.isascii() or "@0" in joined:  # rare: 0 seconds, leading zeros
            return False
        tokens = joined.replace("@", ";").split(";") if held else []
        statuses, stamps = tokens[0::2], tokens[1::2]
        # Each step « status@digits », nothing else: the steps give the chunk back.
        if ("" in statuses or not all(map(str.isdigit, stamps))
                or ";".join(map(add, statuses, map("@".__add__, stamps))) != joined):
            return False
        times = list(map(int, stamps))
        # Each row's count of steps (None's and ""'s as stored, but no step in the chunk).
        counts = [_NONE if text is None else text.count(";") + 1 if text else 0
                  for text in texts]
        if max(compress(counts, present), default=0) > _MAX_STEPS:
            return False
        codes = list(map(self._code_of.get, statuses))
        if None in codes:  # a status not seen before
            codes = list(map(self._code, statuses))
            if None in codes:
                return False
        firsts = list(accumulate(map(int.__mul__, counts[:-1], present), initial=0))
        before = [0, *times[:-1]]
        for at, base in zip(compress(firsts, present), compress(bases, present), strict=True):
            before[at] = base  # a row's first step counts from the row's creation
        deltas = list(map(sub, times, before))
        if deltas and not (min(deltas) >= -_DELTA_MAX and max(deltas) <= _DELTA_MAX):
            return False
        start = len(self.steps)
        if deltas:
            self.deltas = fitted(self.deltas, min(deltas), max(deltas))
        self.deltas.extend(deltas)
        self.steps.extend(codes)  # type: ignore[arg-type]  # None was ruled out
        # A row without steps points anywhere: its count says there is nothing to read.
        self.firsts.extend(map(start.__add__, firsts))
        self.counts.extend(counts)
        return True

    def _parse(self, text: str, base: int) -> tuple[list[int], list[int]] | None:
        """(status codes, deltas) of ``text``'s steps; None if they would not give it back."""
        if not text:
            return [], []
        if not text.isascii():
            return None
        codes, deltas = [], []
        before = base
        for part in text.split(";"):
            status, _, stamp = part.partition("@")
            if not (status and stamp.isdigit()) or str(int(stamp)) != stamp:
                return None
            code = self._code(status)
            at = int(stamp)
            if code is None or not -_DELTA_MAX <= at - before <= _DELTA_MAX:
                return None
            codes.append(code)
            deltas.append(at - before)
            before = at
        return (codes, deltas) if len(codes) <= _MAX_STEPS else None

    def set(self, i: int, text: str | None, base: int) -> None:
        """Row ``i``'s timeline (a new row when ``i`` is the count of rows). A replaced
        row's old steps stay unused: cheaper than moving every later row's."""
        if i == len(self.counts):
            self.firsts.append(0)
            self.counts.append(_NONE)
        self.others.pop(i, None)
        parsed = None if text is None else self._parse(text, base)
        if parsed is None:
            self.firsts[i] = 0
            if text is None:
                self.counts[i] = _NONE
            else:
                self.counts[i] = _ASIDE
                self.others[i] = text
            return
        codes, deltas = parsed
        if deltas:
            self.deltas = fitted(self.deltas, min(deltas), max(deltas))
        self.firsts[i] = len(self.steps)
        self.counts[i] = len(codes)
        self.steps.extend(codes)
        self.deltas.extend(deltas)

    def get(self, i: int, base: int) -> str | None:
        """Row ``i``'s timeline, exactly as given; ``base`` is the row's creation time."""
        count = self.counts[i]
        if count == _NONE:
            return None
        if count == _ASIDE:
            return self.others[i]
        first = self.firsts[i]
        statuses, steps, deltas = self.statuses, self.steps, self.deltas
        parts = []
        at = base
        for k in range(first, first + count):
            at += deltas[k]
            parts.append(f"{statuses[steps[k]]}@{at}")
        return ";".join(parts)
