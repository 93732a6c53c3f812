"""The one base of every error the user is meant to read.

Expected environment failures (backend down, disk full, an unreadable answer…) derive from
:class:`UserFacingError` and carry ``message_fr``: a French sentence that says what
happened and what to do, shown as is. Anything else is a bug and gets a crash report.

It lives in ``domain`` because every layer may import the domain: the store's and the
backend's errors share it without one of them importing the other.
"""

from __future__ import annotations

from typing import ClassVar


class UserFacingError(Exception):
    """An expected failure; show ``message_fr`` (``str(exc)`` is the same sentence)."""

    default_message_fr: ClassVar[str] = (
        "Une erreur est survenue. Réessayez ; si le problème persiste, contactez le support."
    )

    def __init__(self, message_fr: str | None = None) -> None:
        self.message_fr: str = message_fr or self.default_message_fr
        super().__init__(self.message_fr)

    def __str__(self) -> str:
        return self.message_fr
