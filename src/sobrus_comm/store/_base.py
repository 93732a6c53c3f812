"""What every repository shares: its database, and id lists passed as one JSON parameter."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sobrus_comm.store.db import Database


class Repository:
    def __init__(self, db: Database) -> None:
        self._db = db


def json_list(values: Iterable[int | str]) -> str:
    """One bound parameter for ``IN (SELECT value FROM json_each(?))``.

    SQLite caps the number of bound variables; a JSON array has no such limit and SQLite
    still builds an index over it for the IN test.
    """
    return json.dumps(list(values))
