"""Expected failures of the local database, each with a message in French for the user.

These are environment errors (disk full, file locked by another program, corrupt file), not
bugs: the GUI shows ``message`` and carries on; anything else is a real crash.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError

from sobrus_comm.domain.errors import UserFacingError


class StoreError(UserFacingError):
    """A database problem the user can understand and act upon.

    ``message`` (per class) is the French sentence; ``message_fr``, from the shared base,
    is the same, so the GUI shows store and backend errors alike.
    """

    message = "Erreur de la base de données locale."

    def __init__(self, detail: str = "") -> None:
        super().__init__(self.message)
        self.detail = detail  # sqlite's own words, for the log


class DiskFull(StoreError):
    message = (
        "Le disque est plein : impossible d’enregistrer dans la base locale. "
        "Libérez de l’espace puis réessayez (rien n’a été perdu)."
    )


class DatabaseLocked(StoreError):
    message = (
        "La base locale est verrouillée par un autre programme. "
        "Fermez les autres fenêtres de Sobrus Communications puis réessayez."
    )


class StorageIOError(StoreError):
    message = "Erreur de lecture ou d’écriture sur le disque de la base locale."


class DatabaseCorrupt(StoreError):
    message = "La base locale est endommagée."


class DatabaseUnavailable(StoreError):
    """The file could neither be opened nor set aside and rebuilt: the app cannot start."""

    message = (
        "Impossible d’ouvrir ou de recréer la base locale. Vérifiez les droits "
        "d’accès au dossier de données et l’espace disque."
    )


def classify(exc: BaseException) -> StoreError | None:
    """The typed error for a sqlite3 failure, or None when it is not an environment error."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(orig, sqlite3.Error):
        return None
    text = str(orig).lower()
    code = getattr(orig, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL or "disk is full" in text:
        return DiskFull(str(orig))
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return DatabaseLocked(str(orig))
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or (
        # A garbled header (format version bytes) reads as an unknown format.
        "malformed" in text or "not a database" in text or "unsupported file format" in text
    ):
        return DatabaseCorrupt(str(orig))
    if code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY) or (
        "disk i/o" in text or "unable to open" in text or "readonly" in text
    ):
        return StorageIOError(str(orig))
    return None


@contextmanager
def typed_errors() -> Iterator[None]:
    """Re-raise sqlite environment failures as :class:`StoreError` subclasses."""
    try:
        yield
    except (DBAPIError, sqlite3.Error) as exc:
        typed = classify(exc)
        if typed is None:
            raise
        raise typed from exc
