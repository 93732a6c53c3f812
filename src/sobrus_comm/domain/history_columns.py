"""The history's rows held as compact columns: a decade of SMS in a few hundred bytes each.

A :class:`HistoryRow` tuple with its own strings and ints costs about 650 bytes; 1M of them
is most of the history's memory. Here each field is one column: numbers in an ``array``,
values that repeat (managers, statuses, clients, campaigns) as small codes into one list of
distinct values, the texts of each row (message, number) as UTF-8 in one ``bytearray``,
client message ids as 16 bytes and timelines as steps (``history_timelines``). Numbers and
codes sit in arrays as narrow as their values allow (``narrow_arrays``). A row is rebuilt
as a :class:`HistoryRow` only when it is asked for (the rows on screen, the details pane):
the index sorts and filters on the columns.

Pure Python, no I/O. The object is a read-mostly sequence of rows: ``columns[i]``,
``len(columns)``, iteration, plus :meth:`append` and item assignment for live updates.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, islice
from operator import itemgetter
from typing import Any, cast, overload

from sobrus_comm.domain.history_row import HISTORY_FIELDS, HistoryRow
from sobrus_comm.domain.history_timelines import Timelines
from sobrus_comm.domain.narrow_arrays import fitted, missing

_INT_FIELDS = ("id", "created_at", "updated_at", "client_id", "segments", "is_test")
_CODED_FIELDS = ("initiated_by", "type", "status", "recipient_name", "failure_reason",
                 "campaign_id", "kind")
# The number is a text, not a code: it repeats per client in a pharmacy, but a code costs
# a dict entry per distinct value, and a million distinct numbers would cost more than this.
_TEXT_FIELDS = ("client_message_id", "content", "recipient_phone")
_TIMELINE = "status_history"
if sorted((*_INT_FIELDS, *_CODED_FIELDS, *_TEXT_FIELDS, _TIMELINE)) != sorted(HISTORY_FIELDS):
    raise ImportError("HistoryRow changed: give each new field its column here")
_POS = {name: HISTORY_FIELDS.index(name) for name in HISTORY_FIELDS}
_SHARED_TEXTS = ("content",)  # texts that repeat across rows: one copy of each
_SHARED_MAX = 20_000  # distinct texts remembered for sharing (a few MB)
_CHUNK = 5_000  # rows converted at a time
_RECENT_MAX = 4096  # rows rebuilt lately (a paint asks for each cell's row several times)
_first, _second = itemgetter(0), itemgetter(1)


def _none(numbers: array[int]) -> int:
    return missing(numbers.typecode)


class _Coded:
    """A column of values that repeat: one code per row into ``values``, in 1 byte while
    there are at most 256 values, then 2, then 4 (``codes`` is then another array)."""

    __slots__ = ("_code_of", "codes", "values")

    def __init__(self) -> None:
        self.codes = array("B")
        self.values: list[Any] = []
        self._code_of: dict[Any, int] = {}

    def code(self, value: Any) -> int:
        code = self._code_of.get(value)
        if code is None:
            code = self._code_of[value] = len(self.values)
            self.values.append(value)
        return code

    def codes_of(self, wanted: Iterable[Any]) -> set[int]:
        """The codes of those of ``wanted`` that some row has."""
        return {c for v in wanted if (c := self._code_of.get(v)) is not None}

    def extend(self, values: Iterable[Any]) -> None:
        # Coded first: an array cannot be widened halfway through its own extend. Values
        # seen before (nearly all) are looked up in C, without a call per row.
        values = tuple(values)
        known = list(map(self._code_of.get, values))
        codes = list(map(self.code, values)) if None in known else cast(list[int], known)
        self.codes = fitted(self.codes, 0, len(self.values) - 1)
        self.codes.extend(codes)

    def set(self, i: int, value: Any) -> None:
        code = self.code(value)
        self.codes = fitted(self.codes, 0, code)
        self.codes[i] = code


class _Texts:
    """A column of texts, each row's UTF-8 bytes one after the other in one buffer."""

    __slots__ = ("_spans", "blob", "sizes", "starts")

    def __init__(self, shared: bool = False) -> None:
        self.blob = bytearray()
        # 4-byte offsets: a column of 4 GiB would be a thousand times a decade's messages.
        self.starts = array("I")
        self.sizes = array("b")  # -1: None; widened for longer texts (narrow_arrays)
        # Texts many rows repeat (a grouped send's message): rows with the same text point
        # at one copy, for the last _SHARED_MAX distinct texts read.
        self._spans: dict[str | None, tuple[int, int]] | None = {} if shared else None

    def extend(self, texts: Iterable[str | None]) -> None:
        if self._spans is not None:
            # Texts read before (nearly all, when rows repeat them) looked up in C.
            texts = tuple(texts)
            known = list(map(self._spans.get, texts))
            spans = list(map(self._span, texts)) if None in known else cast(
                list[tuple[int, int]], known)
            starts, sizes = list(map(_first, spans)), list(map(_second, spans))
        else:
            data = [b"" if t is None else t.encode() for t in texts]
            sizes = [-1 if t is None else len(d) for t, d in zip(texts, data, strict=True)]
            starts = list(accumulate(map(len, data[:-1]), initial=len(self.blob)))
            self.blob += b"".join(data)
        if sizes:
            self.sizes = fitted(self.sizes, -1, max(sizes))
        self.starts.extend(starts)
        self.sizes.extend(sizes)

    def _span(self, text: str | None) -> tuple[int, int]:
        assert self._spans is not None
        span = self._spans.get(text) if text is not None else None
        if span is None:
            span = self.encode(text)
            if text is not None:
                if len(self._spans) >= _SHARED_MAX:
                    self._spans.clear()  # texts that hardly repeat: a memo of no use
                self._spans[text] = span
        return span

    def encode(self, text: str | None) -> tuple[int, int]:
        if text is None:
            return len(self.blob), -1
        data = text.encode()
        start = len(self.blob)
        self.blob += data
        return start, len(data)

    def set(self, i: int, text: str | None) -> None:
        start, size = self.encode(text)
        self.sizes = fitted(self.sizes, -1, size)
        self.starts[i], self.sizes[i] = start, size

    def get(self, i: int) -> str | None:
        size = self.sizes[i]
        if size < 0:
            return None
        start = self.starts[i]
        return self.blob[start:start + size].decode()


class _Uuids:
    """A column of client message ids: a UUID's 16 bytes a row instead of its 36 letters
    and two offsets. A value that is not a lowercase UUID (None, an id of another form)
    is kept aside as it is: every value comes back exactly as given."""

    __slots__ = ("blob", "others")

    def __init__(self) -> None:
        self.blob = bytearray()
        self.others: dict[int, str | None] = {}  # row -> a value not held as 16 bytes

    def _packed(self, text: str | None) -> bytes | None:
        if text is None or len(text) != 36:
            return None
        try:
            data = bytes.fromhex(text.replace("-", ""))
        except ValueError:
            return None
        return data if len(data) == 16 and _uuid_text(data) == text else None

    def extend(self, texts: Iterable[str | None]) -> None:
        texts = tuple(texts)
        data = self._packed_all(texts)
        if data is not None:
            self.blob += data
            return
        for text in texts:  # some id of another form: one by one
            self.set(len(self.blob) // 16, text)

    @staticmethod
    def _packed_all(texts: tuple[str | None, ...]) -> bytes | None:
        """The 16 bytes of each of ``texts`` if every one is a lowercase UUID, in a few
        C-level passes over the chunk (a call per row costs seconds at 1M rows)."""
        n = len(texts)
        if None in texts or set(map(len, texts)) - {36}:  # type: ignore[arg-type]
            return None
        joined = "".join(texts)  # type: ignore[arg-type]  # None was ruled out
        if any(joined[at::36] != "-" * n for at in (8, 13, 18, 23)):
            return None
        digits = joined.replace("-", "")
        if len(digits) != 32 * n:  # a dash elsewhere too
            return None
        try:
            data = bytes.fromhex(digits)
        except ValueError:
            return None
        # Lowercase hex only, and no blank that fromhex would have skipped.
        return data if data.hex() == digits else None

    def set(self, i: int, text: str | None) -> None:
        data = self._packed(text)
        if data is None:
            self.others[i] = text
            data = bytes(16)
        else:
            self.others.pop(i, None)
        if i * 16 == len(self.blob):
            self.blob += data
        else:
            self.blob[i * 16:i * 16 + 16] = data

    def get(self, i: int) -> str | None:
        if i in self.others:
            return self.others[i]
        return _uuid_text(self.blob[i * 16:i * 16 + 16])


def _uuid_text(data: bytes | bytearray) -> str:
    h = data.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class IdPositions:
    """Where each id is among the rows: ids sorted in one array, their rows in another.

    A dict of a million ids costs about 100 MB; these two arrays 16 MB, for a binary search
    per lookup (the details pane, a sync's few rows). Implements the ``get``,
    ``[id]`` and ``[id] = row`` a dict would.
    """

    def __init__(self, ids: array[int]) -> None:
        order = sorted(range(len(ids)), key=ids.__getitem__)
        self._ids = array(ids.typecode, map(ids.__getitem__, order))
        self._rows = array("I", order)

    def get(self, comm_id: int, default: int | None = None) -> int | None:
        at = bisect_left(self._ids, comm_id)
        if at < len(self._ids) and self._ids[at] == comm_id:
            return self._rows[at]
        return default

    def __getitem__(self, comm_id: int) -> int:
        row = self.get(comm_id)
        if row is None:
            raise KeyError(comm_id)
        return row

    def __contains__(self, comm_id: object) -> bool:
        return isinstance(comm_id, int) and self.get(comm_id) is not None

    def __setitem__(self, comm_id: int, row: int) -> None:
        at = bisect_left(self._ids, comm_id)
        if at < len(self._ids) and self._ids[at] == comm_id:
            self._rows[at] = row
        else:
            self._ids = fitted(self._ids, comm_id, comm_id)
            self._ids.insert(at, comm_id)
            self._rows.insert(at, row)

    def __len__(self) -> int:
        return len(self._ids)


class HistoryColumns(Sequence[HistoryRow]):
    """Every history row, column by column; reads as a sequence of :class:`HistoryRow`."""

    def __init__(self, rows: Iterable[HistoryRow] = ()) -> None:
        # Each starts in 1 byte a value and widens as values need (None: _none).
        self._ints = {name: array("b") for name in _INT_FIELDS}
        self._coded = {name: _Coded() for name in _CODED_FIELDS}
        self._texts: dict[str, _Texts | _Uuids] = {
            name: _Uuids() if name == "client_message_id" else
            _Texts(shared=name in _SHARED_TEXTS) for name in _TEXT_FIELDS}
        self._timelines = Timelines()
        self._recent: dict[int, HistoryRow] = {}
        self._positions: IdPositions | None = None
        self.extend(rows)

    # -- columns the index reads directly ---------------------------------------------------
    @property
    def ids(self) -> array[int]:
        return self._ints["id"]

    @property
    def created(self) -> array[int]:
        return self._ints["created_at"]

    def positions(self) -> IdPositions:
        """Where each id is (made once, then kept up to date by :meth:`append`). The
        thread that reads a whole history asks for it, so that the GUI thread does not
        sort a million ids when it shows them."""
        if self._positions is None:
            self._positions = IdPositions(self.ids)
        return self._positions

    def coded(self, name: str) -> tuple[array[int], list[Any]]:
        """(codes per row, the distinct values) of a repeated field, e.g. ``"status"``."""
        column = self._coded[name]
        return column.codes, column.values

    def codes_of(self, name: str, wanted: Iterable[Any]) -> set[int]:
        return self._coded[name].codes_of(wanted)

    def text(self, name: str, i: int) -> str | None:
        """Row ``i``'s ``"content"``, ``"client_message_id"`` or ``"status_history"``."""
        if name == _TIMELINE:
            return self._timelines.get(i, self._base(i))
        return self._texts[name].get(i)

    def _base(self, i: int) -> int:
        # What a row's timeline counts from: its creation (0 for a row without one).
        created = self.created[i]
        return 0 if created == _none(self.created) else created

    def value(self, name: str, i: int) -> Any:
        """Row ``i``'s field ``name``, without rebuilding the whole row."""
        if name in self._coded:
            column = self._coded[name]
            return column.values[column.codes[i]]
        if name in self._texts or name == _TIMELINE:
            return self.text(name, i)
        numbers = self._ints[name]
        number = numbers[i]
        return None if number == _none(numbers) else number

    # -- the sequence of rows -------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._ints["id"])

    @overload
    def __getitem__(self, i: int) -> HistoryRow: ...
    @overload
    def __getitem__(self, i: slice) -> list[HistoryRow]: ...
    def __getitem__(self, i: int | slice) -> HistoryRow | list[HistoryRow]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        row = self._recent.get(i)
        if row is None:
            if not 0 <= i < len(self):
                raise IndexError(i)
            if len(self._recent) >= _RECENT_MAX:
                self._recent.clear()
            row = self._recent[i] = self._build(i)
        return row

    def __iter__(self) -> Iterator[HistoryRow]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of the same rows, in the same order (a list of rows too)."""
        if not isinstance(other, HistoryColumns | list | tuple):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other,
                                                                      strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable

    def _build(self, i: int) -> HistoryRow:
        values: list[Any] = [None] * len(HISTORY_FIELDS)
        for name, numbers in self._ints.items():
            number = numbers[i]
            values[_POS[name]] = None if number == _none(numbers) else number
        for name, column in self._coded.items():
            values[_POS[name]] = column.values[column.codes[i]]
        for name, texts in self._texts.items():
            values[_POS[name]] = texts.get(i)
        values[_POS[_TIMELINE]] = self.text(_TIMELINE, i)
        return HistoryRow(*values)

    # -- changes --------------------------------------------------------------------------
    def extend(self, rows: Iterable[HistoryRow]) -> None:
        # Column by column, a chunk at a time: each column is one C-level extend, not one
        # Python call per field per row (a million rows load several times faster).
        iterator = iter(rows)
        while chunk := list(islice(iterator, _CHUNK)):
            start = len(self)
            self._extend_chunk(chunk)
            if self._positions is not None:
                for i in range(start, len(self)):
                    self._positions[self.ids[i]] = i

    def _extend_chunk(self, chunk: Sequence[tuple[Any, ...]]) -> None:
        fields = list(zip(*chunk, strict=True))
        for name in self._ints:
            self._extend_ints(name, fields[_POS[name]])
        for name, column in self._coded.items():
            column.extend(fields[_POS[name]])
        for name, texts in self._texts.items():
            texts.extend(fields[_POS[name]])
        created = fields[_POS["created_at"]]
        if None in created:
            created = tuple(0 if v is None else v for v in created)
        self._timelines.extend(fields[_POS[_TIMELINE]], created)

    def _extend_ints(self, name: str, values: Sequence[Any]) -> None:
        has_none = None in values
        given = [v for v in values if v is not None] if has_none else values
        if given:  # widened first if a value does not fit (and None's value moves)
            self._ints[name] = fitted(self._ints[name], int(min(given)), int(max(given)))
        numbers = self._ints[name]
        if has_none:
            none = _none(numbers)
            numbers.extend(none if v is None else int(v) for v in values)
        else:
            numbers.extend(map(int, values))

    def append(self, row: HistoryRow) -> None:
        self.extend((row,))

    def __setitem__(self, i: int, row: HistoryRow) -> None:
        """Row ``i`` changed (a sync): its old texts stay unused in the buffer, which
        costs less than moving every later row."""
        self._recent.pop(i, None)
        fields: tuple[Any, ...] = row
        for name in self._ints:
            value = fields[_POS[name]]
            if value is not None:
                self._ints[name] = fitted(self._ints[name], int(value), int(value))
            numbers = self._ints[name]
            numbers[i] = _none(numbers) if value is None else int(value)
        for name, column in self._coded.items():
            column.set(i, fields[_POS[name]])
        for name, texts in self._texts.items():
            texts.set(i, fields[_POS[name]])
        self._timelines.set(i, fields[_POS[_TIMELINE]], fields[_POS["created_at"]] or 0)
