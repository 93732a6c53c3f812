"""Which history rows are shown, and in what order: pure Python, column-oriented.

A ``QSortFilterProxyModel`` that filters or sorts 100k rows calls back into Python once per
row or per comparison (seconds per keystroke). Instead, the history keeps its rows as plain
columns here and filters with list comprehensions over pre-folded text, and sorts with
``sorted`` over raw keys (a date sorts as a number, never as French text). The Qt model
only presents ``visible``.

Rows are :class:`~sobrus_comm.domain.history_row.HistoryRow` records, as the cache reads them,
held as compact columns (:class:`~sobrus_comm.domain.history_columns.HistoryColumns`): the
sorts, filters and search read the columns, never a rebuilt row.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, compress, islice
from operator import eq, ge
from typing import Any

from sobrus_comm.domain.history_columns import HistoryColumns
from sobrus_comm.domain.history_haystacks import Haystacks
from sobrus_comm.domain.history_row import HistoryRow
from sobrus_comm.domain.models import STATUS_ORDER, MessageKind, status_label
from sobrus_comm.domain.phones import phone_index_key
from sobrus_comm.domain.text_search import SearchQuery, fold, search_key

# The six columns of the source document, in its order, then what each SMS was sent as.
COL_DATE, COL_MANAGER, COL_TYPE, COL_STATUS, COL_CONTENT, COL_RECIPIENT, COL_KIND = range(7)
COLUMN_TITLES = ("Date de création", "Gestionnaire", "Type", "Statut", "Contenu",
                 "Destinataire", "Nature")
# Sorting by grouping equal values pays from this many rows, when values repeat this much.
_GROUP_FROM = 10_000
_GROUP_RATIO = 8
# Under a search showing at most this fraction of the rows, a sort orders those alone.
_SORT_SHOWN_RATIO = 4
# Sort rank of each kind (the order the filter lists them); unknown kinds sort last.
KIND_ORDER: dict[str | None, int] = {str(kind): rank for rank, kind in enumerate(MessageKind)}

TYPE_LABELS = {"sms": "SMS"}
# The message's sort keys are folded with the search index, in the background: at 1M rows,
# folding them on a header click costs a second. A repeated field's keys are ranks made
# from its codes on the click (one C-level pass), 4 bytes a row, never a list of keys.
_BACKGROUND_KEY_COLUMNS = (COL_CONTENT,)
# The repeated field each column sorts on (the others: the date and the message).
_CODED_KEY_FIELDS = {COL_MANAGER: "initiated_by", COL_TYPE: "type", COL_STATUS: "status",
                     COL_RECIPIENT: "recipient_name", COL_KIND: "kind"}
# What a search reads besides a row's message and number: values shared between rows.
_DAY = "day"
_SHARED_PARTS = (_DAY, "initiated_by", "type", "status", "recipient_name", "failure_reason")
_PHONE_MEMO_MAX = 20_000  # numbers whose search key is kept (a build's memo, then freed)
_CONTENT_MEMO_MAX = 200_000  # distinct message sort keys shared between rows
# Rank of each status code (a plain dict: no enum built per row).
_STATUS_RANK = {str(status): rank for status, rank in STATUS_ORDER.items()}


@dataclass(frozen=True)
class Filters:
    query: SearchQuery = field(default_factory=SearchQuery)
    statuses: frozenset[str] = frozenset()  # empty: every status
    kinds: frozenset[str] = frozenset()  # MessageKind values; empty: every kind
    since: int | None = None  # Unix seconds, inclusive
    until: int | None = None  # Unix seconds, exclusive

    def same_except_query(self, other: Filters) -> bool:
        return (self.statuses, self.kinds, self.since, self.until) == (
            other.statuses, other.kinds, other.since, other.until)


def encode_status_history(steps: Iterable[tuple[str, int]]) -> str | None:
    """A timeline as the cache keeps it: « queued@1700000000;sent@1700000030 ».

    Plain text in the row rather than a table or JSON: the history still loads 100k rows in
    one SELECT, and the GUI decodes it only for the row whose details are shown.
    None when there is nothing to keep (unknown timeline).
    """
    return ";".join(f"{status}@{ts}" for status, ts in steps) or None


def decode_status_history(text: str | None) -> list[tuple[str, int]]:
    """(status, Unix seconds UTC) pairs, oldest first; empty when the row has none."""
    steps = []
    for part in (text or "").split(";"):
        status, _, ts = part.partition("@")
        if status and ts.isdigit():  # skip what cannot be read rather than lose the pane
            steps.append((status, int(ts)))
    return steps


def _local_day(ts: int, cache: dict[int, str]) -> str:
    # Rows share few distinct hours: format each hour once, not each row.
    hour = ts // 3600
    text = cache.get(hour)
    if text is None:
        text = datetime.fromtimestamp(hour * 3600).strftime("%d/%m/%Y")
        cache[hour] = text
    return text


def _part_text(name: str, value: Any) -> str:
    # What the table shows of a shared part, as the search reads it.
    if name == "type":
        return str(TYPE_LABELS.get(value, value))
    if name == "status":
        return status_label(value)
    return str(value or "")


def _non_increasing(keys: Sequence[Any]) -> bool:
    # In C, stopping at the first rise: then a stable sort with reverse=True leaves every
    # row in its place.
    return all(map(ge, keys, islice(keys, 1, None)))


def _reversed_stably(keys: Sequence[Any]) -> list[int]:
    """What a stable ascending sort gives of non-increasing ``keys``: the rows backwards,
    except that rows with equal keys keep their load order."""
    n = len(keys)
    if n == 0 or keys[0] == keys[-1]:  # every key equal (one type, one status)
        return list(range(n))
    order = list(range(n - 1, -1, -1))
    first = last = -2  # the run of equal keys being read: rows first..last+1
    for i in chain(compress(range(n - 1), map(eq, keys, islice(keys, 1, None))), (-2,)):
        if i == last + 1:
            last = i
            continue
        if first >= 0:  # rows first..last+1 sit backwards at n-2-last..n-1-first
            run = order[n - 2 - last:n - first]
            run.reverse()  # the same row numbers, not new ones
            order[n - 2 - last:n - first] = run
        first = last = i
    return order


def _content_key(content: str | None) -> str:
    # A prefix orders messages just as well and folds 100k rows several times faster.
    return fold((content or "")[:40])


class HistoryIndex:
    """The history's rows, the filter and the sort the table shows."""

    def __init__(self, rows: Iterable[HistoryRow] = (), sort_column: int = COL_DATE,
                 descending: bool = True) -> None:
        # Columns given are adopted as they are (a reload built them off the GUI thread).
        self.rows = rows if isinstance(rows, HistoryColumns) else HistoryColumns(rows)
        self._pos_by_id = self.rows.positions()
        # Each row's folded message, built lazily (build_search_step), and its number's
        # key as the table shows it (« 0612… »): rows with the same share one copy.
        self._hay = Haystacks()
        self._numbers = Haystacks(shared=False)
        self._day_cache: dict[int, str] = {}
        # Each row's day as a code into the distinct days (a search matches days once).
        self._day_codes = array("I")
        self._days: list[str] = []
        self._day_code_of: dict[str, int] = {}
        self._part_keys: dict[str, list[str]] = {}  # see _shared_keys
        self._fold_memo: dict[str, str] = {}
        # Message sort keys (a prefix) repeat across rows: one string per distinct key.
        self._content_memo: dict[str, str] = {}
        self._phone_keys: dict[str, str] = {}
        self._keys: dict[int, list[Any]] = {}
        # Text sort keys are folded in the background with the haystacks (first sort fast).
        self._bg_keys: dict[int, list[Any]] = {c: [] for c in _BACKGROUND_KEY_COLUMNS}
        self.sort_column = sort_column
        self.descending = descending
        self._order_stale = False  # rows changed since the last sort (their keys may have)
        self._version = 0
        self._recheck: set[int] = set()  # rows a sync added or changed since the filters
        self.filters = Filters()
        order = self._sorted_order()
        self._order: list[int] | None = order
        self.visible: list[int] = list(order)

    # -- building ------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.rows)

    @property
    def search_ready(self) -> bool:
        return len(self._hay) == len(self.rows)

    def _haystack(self, i: int) -> tuple[str, str]:
        """Row ``i``'s own searched text: its message and its number, keyed.

        The other parts of what a search reads (day, manager, type, status, client, failure)
        repeat across rows: they are matched once per distinct value (:meth:`_parts_with`),
        never copied into a million haystacks. search_key works letter by letter and a
        query word holds no space, so matching part by part equals matching them joined.
        """
        value = self.rows.value
        phone = value("recipient_phone", i) or ""
        key = self._phone_keys.get(phone)
        if key is None:  # one per client, not one per row: computed once
            if len(self._phone_keys) >= _PHONE_MEMO_MAX:
                self._phone_keys.clear()  # numbers that never repeat: a memo of no use
            key = self._phone_keys[phone] = phone_index_key(phone) if phone else ""
        return search_key(value("content", i) or ""), "0" + key if key else ""

    def _day_code(self, i: int) -> int:
        day = _local_day(self.rows.created[i], self._day_cache)
        code = self._day_code_of.get(day)
        if code is None:
            code = self._day_code_of[day] = len(self._days)
            self._days.append(day)
        return code

    def _index_row(self, i: int) -> None:
        """Makes (or makes again, after a sync) row ``i``'s search entries."""
        hay, number = self._haystack(i)
        if i == len(self._hay):
            self._hay.append(hay)
            self._numbers.append(number)
            self._day_codes.append(self._day_code(i))
        else:
            self._hay[i] = hay
            self._numbers[i] = number
            self._day_codes[i] = self._day_code(i)

    def _shared_keys(self, name: str) -> list[str]:
        """The search keys of a shared part's distinct values, by code."""
        keys = self._part_keys.setdefault(name, [])
        values = self._days if name == _DAY else self.rows.coded(name)[1]
        for value in values[len(keys):]:  # values are only ever added (a sync's new ones)
            keys.append(search_key(_part_text(name, value)))
        return keys

    def _parts_with(self, word: str) -> list[tuple[array[int], bytes]]:
        """(codes per row, 1 per code whose value holds ``word``) of each shared part
        some value of which holds it."""
        parts = []
        for name in _SHARED_PARTS:
            table = bytes(word in key for key in self._shared_keys(name))
            if 1 in table:
                codes = self._day_codes if name == _DAY else self.rows.coded(name)[0]
                parts.append((codes, table))
        return parts

    def build_search_step(self, max_rows: int = 10_000) -> bool:
        """Folds the next ``max_rows`` rows for searching; True when every row is ready.

        Called in small steps from a timer so that start-up never waits for it.
        """
        start = len(self._hay)
        background = list(self._bg_keys.items())
        for i in range(start, min(start + max_rows, len(self.rows))):
            self._index_row(i)
            for column, keys in background:
                keys.append(self._key_at(i, column))
        if self.search_ready and self._bg_keys:
            for column, keys in self._bg_keys.items():
                self._keys.setdefault(column, keys)
            self._bg_keys = {}
        if self.search_ready:
            self._free_build_memos()
        return self.search_ready

    def _free_build_memos(self) -> None:
        # Made to build 1M haystacks fast; a sync's few rows do without (about 20 MB).
        self._phone_keys.clear()
        self._day_cache.clear()
        self._hay.forget_shared()
        self._numbers.forget_shared()

    def ensure_search_ready(self) -> None:
        while not self.build_search_step(len(self.rows) or 1):
            pass

    # -- sorting -------------------------------------------------------------------------
    def _key_column(self, column: int) -> list[Any]:
        keys = self._keys.get(column)
        if keys is None:
            self._bg_keys.pop(column, None)  # computed now: the background need not
            keys = self._column_keys(column)
            self._keys[column] = keys
        return keys

    def _folded(self, text: str) -> str:
        # Names and managers repeat across rows: fold each once, share the result (at 1M
        # rows, one string per distinct value instead of one per row).
        key = self._fold_memo.get(text)
        if key is None:
            key = self._fold_memo[text] = fold(text)
        return key

    def _column_keys(self, column: int) -> list[Any]:
        """Every row's key for ``column``; a repeated field's key made once per value."""
        if column == COL_DATE:  # a copy: the index appends to its keys on a sync
            return array("q", self.rows.created)  # type: ignore[return-value]
        field_name = _CODED_KEY_FIELDS.get(column)
        if field_name is None:
            return [self._key_at(i, column) for i in range(len(self.rows))]
        codes, values = self.rows.coded(field_name)
        by_code = [self._value_key(value, column) for value in values]
        # Ranks order the rows as the keys do (equal keys, equal ranks: ties stay stable).
        rank_of = {key: rank for rank, key in enumerate(sorted(set(by_code)))}
        ranks = [rank_of[key] for key in by_code]
        return array("I", map(ranks.__getitem__, codes))  # type: ignore[return-value]

    def _value_key(self, value: Any, column: int) -> Any:
        if column == COL_STATUS:
            return _STATUS_RANK.get(value, len(STATUS_ORDER))
        if column == COL_KIND:
            return KIND_ORDER.get(value, len(KIND_ORDER))
        return self._folded(value or "")

    def _key_at(self, i: int, column: int) -> Any:
        """Row ``i``'s key for ``column``, read from the columns."""
        if column == COL_DATE:
            return self.rows.created[i]
        if column == COL_CONTENT:
            return self._shared_content_key(_content_key(self.rows.value("content", i)))
        return self._value_key(self.rows.value(_CODED_KEY_FIELDS[column], i), column)

    def _shared_content_key(self, key: str) -> str:
        memo = self._content_memo
        shared = memo.get(key)
        if shared is None:
            if len(memo) >= _CONTENT_MEMO_MAX:
                memo.clear()  # keys that never repeat: a memo of no use
            shared = memo[key] = key
        return shared

    def _key(self, row: HistoryRow, column: int) -> Any:
        """The same key, of a whole row."""
        if column == COL_DATE:
            return row.created_at
        if column == COL_CONTENT:
            return _content_key(row.content)
        return self._value_key(getattr(row, _CODED_KEY_FIELDS[column]), column)

    def _sorted_order(self, among: list[int] | None = None) -> list[int]:
        """Every row (or the rows ``among``, in load order) in the current sort order."""
        keys = self._key_column(self.sort_column)
        rows: Sequence[int] = range(len(keys)) if among is None else among
        values = keys if among is None else list(map(keys.__getitem__, among))
        n = len(rows)
        if among is None and _non_increasing(keys):
            # Rows in that order or its reverse already (by date: newest first, as the cache
            # reads them): no million keys held by sorted() (at 1M rows, 40 MB at the peak).
            return list(range(n)) if self.descending else _reversed_stably(keys)
        # Dates and messages hardly repeat: no set of 1M keys built to find that out.
        grouping = n >= _GROUP_FROM and self.sort_column not in (COL_DATE, COL_CONTENT)
        distinct = set(values) if grouping else None
        if distinct is not None and len(distinct) * _GROUP_RATIO <= n:
            # Few distinct values (statuses, kinds, managers, a pharmacy's clients): group
            # the rows by value in one pass and order the groups, instead of comparing 1M
            # keys. Same result as the stable sorted() below, reverse included: each group
            # keeps its load order.
            groups: dict[Any, list[int]] = {k: [] for k in sorted(distinct,
                                                                  reverse=self.descending)}
            appenders = {k: group.append for k, group in groups.items()}
            for i, key in zip(rows, values, strict=True):
                appenders[key](i)
            return list(chain.from_iterable(groups.values()))
        # sorted() stays stable with reverse=True: ties keep their load order (newest first).
        return sorted(rows, key=keys.__getitem__, reverse=self.descending)

    def _full_order(self) -> list[int]:
        if self._order is None:  # a sort under a search ordered the rows shown alone
            self._order = self._sorted_order()
        return self._order

    def is_sorted_by(self, column: int, descending: bool) -> bool:
        """True when the rows are in that order already (nothing changed since)."""
        return ((column, descending) == (self.sort_column, self.descending)
                and not self._order_stale)

    def set_sort(self, column: int, descending: bool) -> None:
        if not 0 <= column < len(COLUMN_TITLES):
            raise ValueError(f"colonne inconnue : {column}")
        if self.is_sorted_by(column, descending):
            return  # Qt's sortByColumn asks twice; at 1M rows each sort costs
        self.sort_column, self.descending = column, descending
        self._version += 1
        self._order_stale = False
        n = len(self.rows)
        if len(self.visible) * _SORT_SHOWN_RATIO <= n:
            # A search shows a part of the rows: sort that part alone (taken in load order,
            # the same as sorting every row then keeping those shown). Every row's order is
            # made when a search needs it. Rows added or changed by a sync since the filters
            # were applied are checked against them again.
            kept = set(self.visible)
            for i in self._recheck:
                (kept.add if self._apply([i], self.filters) else kept.discard)(i)
            self._recheck.clear()
            self._order = None
            self.visible = self._sorted_order(sorted(kept))
            return
        if len(self.visible) == n and not self._recheck:
            # Nothing hidden: no mask to apply, and the old order is dropped first (at 1M
            # rows, its million positions need not live beside the new ones).
            self._order = None
            self.visible = []
            self._order = self._sorted_order()
            self.visible = list(self._order)
            return
        self._order = self._sorted_order()
        # The rows shown, in the new order: a pass over a byte mask rather than a new search
        # (which would read 1M haystacks in a scattered order).
        if len(self.visible) == n:
            shown = bytearray(b"\x01") * n
        else:
            shown = bytearray(n)
            for i in self.visible:
                shown[i] = 1
        for i in self._recheck:
            shown[i] = 1 if self._apply([i], self.filters) else 0
        self._recheck.clear()
        self.visible = list(compress(self._order, map(shown.__getitem__, self._order)))

    # -- filtering -----------------------------------------------------------------------
    def set_filters(self, filters: Filters) -> None:
        self.show(filters, self.filtered(filters, self.filters, self.visible,
                                         self._full_order()))

    def filtered(self, filters: Filters, shown_filters: Filters, shown: list[int],
                 order: list[int]) -> list[int]:
        """The rows ``filters`` shows, given the rows ``shown`` for ``shown_filters`` and
        the current ``order``. Changes nothing but the search build (see
        :meth:`filter_steps` for the same in steps)."""
        if filters.same_except_query(shown_filters) and filters.query.narrows(
                shown_filters.query):
            # Typing one more letter: only the rows shown can still match.
            return self._apply(shown, filters, query_only=True)
        return self._apply(order, filters)

    def filter_steps(self, filters: Filters, shown_filters: Filters, shown: list[int],
                     order: list[int], step: int = 50_000) -> Iterator[list[int] | None]:
        """:meth:`filtered`, ``step`` rows at a time: None after each step, then the rows.

        A search of 1M rows spread over the event loop (a few ms per step) never holds
        typing up; the caller checks :attr:`version` at the end (rows changed meanwhile).
        """
        self.ensure_search_ready()
        narrowing = filters.same_except_query(shown_filters) and filters.query.narrows(
            shown_filters.query)
        base = shown if narrowing else order
        found: list[int] = []
        for start in range(0, len(base), step):
            found.extend(self._apply(base[start:start + step], filters, narrowing))
            yield None
        yield found

    def show(self, filters: Filters, visible: list[int]) -> None:
        """Shows ``visible``, the rows :meth:`filtered` found for ``filters``."""
        self.filters, self.visible = filters, visible
        self._recheck.clear()

    @property
    def order(self) -> list[int]:
        """Every row, in the current sort order (filters not applied)."""
        return self._full_order()

    @property
    def version(self) -> int:
        """Changes whenever rows or their order change: a result computed before is stale."""
        return self._version

    def _apply(self, order: list[int], filters: Filters, query_only: bool = False) -> list[int]:
        rows = self.rows
        candidates = order
        if not query_only:
            for name, wanted in (("status", filters.statuses), ("kind", filters.kinds)):
                if wanted:
                    codes, _ = rows.coded(name)
                    wanted_codes = rows.codes_of(name, wanted)
                    candidates = [i for i in candidates if codes[i] in wanted_codes]
            if filters.since is not None or filters.until is not None:
                lo = filters.since if filters.since is not None else -(2**62)
                hi = filters.until if filters.until is not None else 2**62
                created = rows.created
                candidates = [i for i in candidates if lo <= created[i] < hi]
        query = filters.query
        if query.empty:
            return list(candidates)
        self.ensure_search_ready()
        if query.digits:
            # Past the « 0 » the table shows before a Moroccan number: its key.
            candidates = self._numbers.with_tail(candidates, query.digits, skip=1)
        for word in query.words:
            found = self._hay.with_word(candidates, word, self._parts_with(word))
            if word.isascii() and word.isdigit():  # a number is digits only
                by_number = set(self._numbers.with_word(candidates, word))
                if by_number:
                    by_number.update(found)
                    found = [i for i in candidates if i in by_number]
            candidates = found
        return candidates if candidates is not order else list(candidates)

    def row_of_id(self, comm_id: int) -> HistoryRow | None:
        """The row with this id, visible or not."""
        i = self._pos_by_id.get(comm_id)
        return None if i is None else self.rows[i]

    # -- live updates --------------------------------------------------------------------
    def position_of_id(self, comm_id: int) -> int | None:
        i = self._pos_by_id.get(comm_id)
        if i is None:
            return None
        try:
            return self.visible.index(i)
        except ValueError:
            return None

    def visible_positions(self, row_indexes: Collection[int]) -> list[int]:
        wanted = set(row_indexes)
        return [p for p, i in enumerate(self.visible) if i in wanted]

    def upsert(self, rows: Iterable[HistoryRow]) -> tuple[list[int], list[int]]:
        """Applies rows from a sync: returns (changed row indexes, new row indexes).

        Changed rows keep their place; the caller re-sorts only if it wants to. New rows are
        appended to the columns; :meth:`insert_position` tells where each one shows.
        """
        changed: list[int] = []
        added: list[int] = []
        self._version += 1
        for column in _CODED_KEY_FIELDS:
            # Ranks of a repeated field: made again when asked (a new value has no rank).
            self._keys.pop(column, None)
        for row in rows:
            i = self._pos_by_id.get(row.id)
            if i is None:
                i = len(self.rows)
                self.rows.append(row)  # which files its id in _pos_by_id
                added.append(i)
                self._recheck.add(i)
                for column, keys in self._keys.items():
                    keys.append(self._key_at(i, column))
                if self.search_ready or i < len(self._hay):
                    self._index_row(i)
            else:
                self.rows[i] = row
                changed.append(i)
                self._recheck.add(i)
                self._order_stale = True
                for column, keys in self._keys.items():
                    keys[i] = self._key_at(i, column)
                if i < len(self._hay):
                    self._index_row(i)
                for column, keys in self._bg_keys.items():
                    if i < len(keys):
                        keys[i] = self._key_at(i, column)
        if added and self._order is not None:
            # Each new row where a stable sort puts it (no re-sort of 1M rows per sync).
            for i in added:
                self._order.insert(self._position_in(self._order, i), i)
        return changed, added

    def insert_position(self, i: int) -> int | None:
        """Where new row ``i`` belongs in ``visible`` (None if the filters hide it)."""
        if not self._apply([i], self.filters):
            return None
        return self._position_in(self.visible, i)

    def _position_in(self, order: list[int], i: int) -> int:
        """Where row ``i`` goes in ``order`` (sorted by the current column): after every
        row whose key sorts before it or equals it, as a stable sort of a later row."""
        keys = self._key_column(self.sort_column)
        key = keys[i]
        before: Callable[[int], bool]
        if self.descending:
            def before(j: int) -> bool:
                return bool(keys[j] >= key)
        else:
            def before(j: int) -> bool:
                return bool(keys[j] <= key)
        lo, hi = 0, len(order)
        while lo < hi:  # first position whose row does not sort before the new one
            mid = (lo + hi) // 2
            if before(order[mid]):
                lo = mid + 1
            else:
                hi = mid
        return lo
