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
