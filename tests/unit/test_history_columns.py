"""The history's compact columns give back exactly the rows they were given."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sobrus_comm.domain.history_columns import HistoryColumns
from sobrus_comm.domain.history_row import HistoryRow
from tests.history.rows import make_rows

_text = st.text(max_size=30)
_maybe_text = st.none() | _text
_int = st.integers(min_value=-(2**62), max_value=2**62)
_rows = st.builds(
    HistoryRow, id=_int, client_message_id=_text, created_at=_int,
    updated_at=st.none() | _int, initiated_by=_text, type=st.sampled_from(["sms"]),
    status=st.sampled_from(["queued", "sent", "failed"]), content=_text,
    recipient_name=_text, recipient_phone=_maybe_text, client_id=st.none() | _int,
    failure_reason=_maybe_text, segments=st.integers(1, 10), campaign_id=_maybe_text,
    is_test=st.integers(0, 1), status_history=_maybe_text, kind=_maybe_text,
)


@given(st.lists(_rows, max_size=20), st.lists(_rows, max_size=5))
def test_rows_come_back_as_given_appended_and_replaced(rows, later) -> None:
    columns = HistoryColumns(rows)
    assert list(columns) == rows and len(columns) == len(rows)
    for row in later:
        columns.append(row)
    assert list(columns) == rows + later
    if rows and later:
        columns[0] = later[0]
        assert columns[0] == later[0] and list(columns[1:]) == (rows + later)[1:]


def test_columns_read_without_rebuilding_rows() -> None:
    rows = make_rows(50)
    columns = HistoryColumns(rows)
    assert list(columns.ids) == [r.id for r in rows]
    assert list(columns.created) == [r.created_at for r in rows]
    codes, values = columns.coded("status")
    assert [values[c] for c in codes] == [r.status for r in rows]
    assert [columns.value("failure_reason", i) for i in range(50)] == [
        r.failure_reason for r in rows]
    assert columns.codes_of("status", {"failed", "unknown"}) == {values.index("failed")}
    assert columns == rows and columns[-1] == rows[-1]


@given(st.lists(st.integers(-(2**40), 2**40), unique=True, max_size=30),
       st.lists(st.integers(-(2**40), 2**40), max_size=10))
def test_id_positions_answer_as_a_dict(ids, asked) -> None:
    from array import array

    from sobrus_comm.domain.history_columns import IdPositions

    positions = IdPositions(array("q", ids))
    expected = {id_: i for i, id_ in enumerate(ids)}
    for id_ in [*ids, *asked]:
        assert positions.get(id_) == expected.get(id_)
        assert (id_ in positions) == (id_ in expected)
    for id_ in asked:  # rows a sync adds
        if id_ not in expected:
            positions[id_] = expected[id_] = len(expected)
    assert all(positions[id_] == i for id_, i in expected.items())
    assert len(positions) == len(expected)


def test_positions_follow_the_rows_appended_after_they_are_made() -> None:
    rows = make_rows(30)
    columns = HistoryColumns(rows[:20])
    positions = columns.positions()
    columns.extend(rows[20:])
    assert columns.positions() is positions
    assert [positions.get(r.id) for r in rows] == list(range(30))


def test_a_message_many_rows_repeat_is_held_once() -> None:
    rows = [r._replace(content="Promo : -20 % sur les solaires") for r in make_rows(300)]
    columns = HistoryColumns(rows)
    assert columns == rows
    assert len(columns._texts["content"].blob) == len(rows[0].content.encode())
    changed = rows[5]._replace(content="Autre message")
    columns[5] = changed
    assert columns[5] == changed and columns[6] == rows[6]


@given(st.lists(st.uuids().map(str) | st.uuids().map(lambda u: str(u).upper()) | st.none()
                | st.text(max_size=40), max_size=20))
def test_client_message_ids_come_back_exactly(ids: list[str | None]) -> None:
    # UUIDs held as 16 bytes; anything else (upper case, None, another form) as given.
    rows = [r._replace(client_message_id=cid) for r, cid in zip(make_rows(len(ids)), ids,
                                                                  strict=True)]
    columns = HistoryColumns(rows)
    assert [columns.value("client_message_id", i) for i in range(len(ids))] == ids
    if ids:
        columns[0] = rows[0]._replace(client_message_id="00000000-0000-4000-8000-00000000002a")
        assert columns[0].client_message_id == "00000000-0000-4000-8000-00000000002a"
        assert list(columns)[1:] == rows[1:]


def test_a_chunk_of_uuids_is_packed_whole_and_odd_ones_still_come_back() -> None:
    rows = make_rows(40)
    columns = HistoryColumns(rows)
    assert len(columns._texts["client_message_id"].blob) == 16 * 40  # none kept aside
    assert columns._texts["client_message_id"].others == {}
    # Two ids that together read as two UUIDs, but neither is one alone.
    first, second = "abcdef01-2345-4678-9abc-def012345678", rows[1].client_message_id
    odd = [rows[0]._replace(client_message_id=first + second[0]),
           rows[1]._replace(client_message_id=second[1:]),
           rows[2]._replace(client_message_id=first.upper()),
           rows[3]._replace(client_message_id=first.replace("-", " ", 1) + "0")]
    columns = HistoryColumns(odd)
    assert columns == odd
    assert len(columns._texts["client_message_id"].others) == 4


# -- narrow columns: numbers, codes and timelines in as few bytes as their values allow ----
_status = st.text(st.characters(blacklist_characters=";@"), min_size=1, max_size=12)
_stamp = st.integers(0, 2**45)
_timeline = st.lists(st.tuples(_status, _stamp), max_size=6).map(
    lambda steps: ";".join(f"{s}@{t}" for s, t in steps))
# Texts the steps would not give back: leading zeros, Arabic digits, a missing « @ »...
_odd_timeline = st.sampled_from(["", "queued@0017", "sent@١٧٠٠", "queued", "@12", "a@1;",
                                 "a@1@2", ";", "queued@-5", "x@1;;y@2"]) | st.text(
    alphabet="qs@;0123456789é", max_size=20)


@given(st.lists(st.tuples(st.none() | _timeline | _odd_timeline,
                          st.integers(-(2**62), 2**62)), max_size=30),
       st.lists(st.tuples(st.none() | _timeline | _odd_timeline,
                          st.integers(-(2**62), 2**62)), max_size=5))
def test_timelines_come_back_exactly(given_rows, later) -> None:
    def rows_of(pairs, first_id):
        return [r._replace(status_history=text, created_at=created)
                for r, (text, created) in zip(make_rows(len(pairs), seed=first_id), pairs,
                                              strict=True)]
    rows, more = rows_of(given_rows, 1), rows_of(later, 2)
    columns = HistoryColumns(rows)
    for row in more:
        columns.append(row)
    everything = rows + more
    assert [columns.text("status_history", i) for i in range(len(everything))] == [
        r.status_history for r in everything]
    if rows and more:
        columns[0] = more[0]
        assert columns[0] == more[0] and list(columns)[1:] == everything[1:]


def test_timelines_of_the_usual_form_are_held_as_steps() -> None:
    rows = make_rows(500)
    odd = rows[7]._replace(status_history="queued@01700000000")
    columns = HistoryColumns([*rows[:7], odd, *rows[8:]])
    timelines = columns._timelines
    assert timelines.others == {7: "queued@01700000000"}  # the one odd text kept aside
    assert columns[7] == odd and list(columns)[8:] == rows[8:]
    # A step in 1 byte of status and 1 of seconds (no delay here beyond two minutes).
    assert timelines.deltas.itemsize == 1 and len(timelines.statuses) <= 6
    late = rows[3]._replace(status_history=f"queued@{rows[3].created_at};"
                                           f"delivered@{rows[3].created_at + 90_000}")
    columns[3] = late  # a day later: the seconds widen, every other row reads the same
    assert columns[3] == late and timelines.deltas.itemsize == 4
    assert list(columns)[8:] == rows[8:]


@given(st.lists(st.none() | st.integers(-(2**63) + 1, 2**63 - 1), min_size=1, max_size=40),
       st.integers(0, 39))
def test_numbers_widen_as_their_values_need(values, cut) -> None:
    rows = [r._replace(client_id=v) for r, v in zip(make_rows(len(values)), values,
                                                     strict=True)]
    columns = HistoryColumns(rows[:cut])
    columns.extend(rows[cut:])  # widened at a later chunk: Nones stay None
    assert [columns.value("client_id", i) for i in range(len(values))] == values
    columns[0] = rows[0]._replace(client_id=2**62)
    assert columns.value("client_id", 0) == 2**62 and columns[1:] == rows[1:]


def test_numbers_take_the_bytes_their_values_need() -> None:
    rows = make_rows(100)
    columns = HistoryColumns(rows)
    # Dates until 2038 and ids in 4 bytes, an SMS's parts and a test flag in 1.
    assert {name: a.itemsize for name, a in columns._ints.items()} == {
        "id": 1, "created_at": 4, "updated_at": 4, "client_id": 2, "segments": 1,
        "is_test": 1}
    assert columns.ids.typecode == "b" and columns.positions().get(100) == 99
    far = rows[0]._replace(id=2**40, created_at=2**40)
    columns.append(far)  # an id past 4 bytes: the ids and their positions widen
    assert columns[100] == far and columns.positions().get(2**40) == 100
    assert columns.positions().get(100) == 99 and columns == [*rows, far]


def test_codes_widen_past_256_then_65536_values() -> None:
    base = make_rows(1)[0]
    names = [f"Client {i}" for i in range(70_000)]
    columns = HistoryColumns([base._replace(id=1, recipient_name="Premier")])
    codes, _ = columns.coded("recipient_name")
    assert codes.itemsize == 1
    columns.extend(base._replace(id=i + 2, recipient_name=name)
                   for i, name in enumerate(names[:300]))
    assert columns.coded("recipient_name")[0].itemsize == 2  # read again: a new array
    columns.extend(base._replace(id=i + 2, recipient_name=name)
                   for i, name in enumerate(names[300:], start=300))
    codes, values = columns.coded("recipient_name")
    assert codes.itemsize == 4
    assert [values[c] for c in codes] == ["Premier", *names]
    columns[0] = base._replace(id=1, recipient_name="Nouveau nom")
    assert columns.value("recipient_name", 0) == "Nouveau nom"
    assert columns.value("recipient_name", 70_000) == names[-1]


def test_text_sizes_widen_for_longer_texts() -> None:
    rows = make_rows(20)
    columns = HistoryColumns(rows)
    phones, contents = columns._texts["recipient_phone"], columns._texts["content"]
    assert phones.sizes.itemsize == 1 and contents.sizes.itemsize == 1  # < 128 bytes
    long_sms = "Très long rappel. " * 20  # 360 bytes in UTF-8
    letter = "é" * 20_000  # 40 000 bytes
    columns.extend([rows[0]._replace(id=100, content=long_sms, recipient_phone=None)])
    assert contents.sizes.itemsize == 2 and phones.sizes.itemsize == 1
    columns[3] = rows[3]._replace(content=letter)
    assert contents.sizes.itemsize == 4
    assert columns[3].content == letter and columns[20].content == long_sms
    assert columns[20].recipient_phone is None and columns[:3] == rows[:3]
    assert columns[4:20] == rows[4:]
