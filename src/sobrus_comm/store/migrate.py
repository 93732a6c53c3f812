"""Runs the Alembic migrations shipped in the package, in code (no alembic.ini at run time).

Start-up is on the critical path of "the window opens instantly": importing Alembic costs
about 0.3 s, so a database already at :data:`HEAD_REVISION` is recognised with one SELECT
and Alembic is only loaded when there is something to upgrade. That one SELECT is raw
SQL on purpose: Alembic's own table, read before anything else is loaded.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Bump with every new revision; tests/store/test_migrations.py checks it against the scripts.
HEAD_REVISION = "0010"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    from sqlalchemy.exc import OperationalError

    try:
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except OperationalError:  # no such table: a brand-new file
        return None


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Upgrade the database on ``connection`` to ``revision`` (the caller commits)."""
    if revision in ("head", HEAD_REVISION) and current_revision(connection) == HEAD_REVISION:
        return
    from alembic import command

    command.upgrade(alembic_config(connection), revision)


def script_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _main(argv: list[str]) -> int:
    """``python -m sobrus_comm.store.migrate revision "message"``: a new empty revision."""
    if len(argv) != 2 or argv[0] != "revision":
        print(__doc__ or "", '\nusage: python -m sobrus_comm.store.migrate revision "message"')
        return 2
    from alembic import command

    command.revision(alembic_config(), message=argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))

