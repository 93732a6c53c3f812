"""The cheaper contract checks still refuse what they refused, every time they see it."""

from __future__ import annotations

import pytest

from sobrus_comm.backend.errors import InvalidResponse
from sobrus_comm.backend.parsing import Obj
from sobrus_comm.domain.models import MessageStatus


@pytest.mark.parametrize("bad", ["2026-11-18T10:00:00+01:00", "2026-02-30T10:00:00Z", "hier"])
def test_a_remembered_bad_timestamp_is_refused_each_time_at_its_own_place(bad: str) -> None:
    for where in ("items[0]", "items[1]"):
        with pytest.raises(InvalidResponse) as caught:
            Obj({"at": bad}, where).timestamp("at")
        assert f"{where}.at" in str(caught.value.detail)


def test_a_remembered_timestamp_is_the_same_instant() -> None:
    first = Obj({"at": "2026-11-18T10:00:00Z"}, "").timestamp("at")
    again = Obj({"at": "2026-11-18t10:00:00z"}, "").timestamp("at")
    assert first == again and first.tzinfo is not None and first.utcoffset().seconds == 0


def test_an_enum_value_is_read_by_lookup_and_an_unknown_one_refused() -> None:
    assert Obj({"s": "sent"}, "").choice("s", MessageStatus) is MessageStatus.SENT
    with pytest.raises(InvalidResponse):
        Obj({"s": "SENT"}, "").choice("s", MessageStatus)


@pytest.mark.parametrize("text", ["\ud800", "caf\udce9"])
def test_a_broken_surrogate_is_still_refused(text: str) -> None:
    with pytest.raises(InvalidResponse):
        Obj({"t": text}, "").text("t")
