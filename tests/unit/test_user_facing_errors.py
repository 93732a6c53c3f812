"""One user-facing error base: store and backend errors alike carry ``message_fr``."""

from __future__ import annotations

import pytest

from sobrus_comm.backend import errors as backend
from sobrus_comm.domain.errors import UserFacingError
from sobrus_comm.store import errors as store


@pytest.mark.parametrize("error", [
    store.StoreError("sqlite: boom"), store.DiskFull("disk is full"),
    store.DatabaseLocked(), store.DatabaseCorrupt("malformed"),
    backend.ApiError(), backend.Unavailable(code="timeout"),
    backend.InvalidResponse(detail="x"), backend.InsufficientCredits(4, 1),
    backend.Forbidden(permission="send_sms"),
])
def test_every_expected_error_is_user_facing_and_french(error: UserFacingError) -> None:
    assert isinstance(error, UserFacingError)
    assert error.message_fr and str(error) == error.message_fr
    assert "sqlite" not in error.message_fr and "boom" not in error.message_fr


def test_the_store_keeps_its_names_and_its_detail_for_the_log() -> None:
    full = store.DiskFull("database or disk is full")
    assert full.message == full.message_fr and full.detail == "database or disk is full"
    with pytest.raises(UserFacingError):
        raise full
