"""A real sandbox on loopback and a logged-in client, as for the sender tests."""

from __future__ import annotations

from tests.sync.conftest import api, db_path, sandbox

__all__ = ["api", "db_path", "sandbox"]
