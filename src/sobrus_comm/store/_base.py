"""What every repository shares: its database, and id lists passed as one JSON parameter.

Repositories write either SQLAlchemy Core expressions on :mod:`store.tables` (the cold,
small tables: balance, cursors) or raw SQL on purpose (the hot paths and SQLite-specific
statements: clients, history, outbox, templates); each module's docstring says which.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Protocol

from sqlalchemy import Connection

from sobrus_comm.store.campaign_marker import CampaignMarker


class Connections(Protocol):
    """What a repository needs of :class:`~sobrus_comm.store.db.Database` (a protocol, so
    that the repositories and the database that holds them do not import each other)."""

    #: Unfinished campaigns noted outside the file, so a lost cache is noticed.
    marker: CampaignMarker

    def read(self) -> AbstractContextManager[Connection]: ...

    def write(self, conn: Connection | None = None) -> AbstractContextManager[Connection]: ...


class Repository:
    def __init__(self, db: Connections) -> None:
        self._db = db


def json_list(values: Iterable[int | str]) -> str:
    """One bound parameter for ``IN (SELECT value FROM json_each(?))``.

    SQLite caps the number of bound variables; a JSON array has no such limit and SQLite
    still builds an index over it for the IN test.
    """
    return json.dumps(list(values))
