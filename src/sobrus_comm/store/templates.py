"""SMS templates: the server's copies plus the user's local edits waiting to be pushed.

Optimistic concurrency: each row keeps the server ``version`` its local edit started from.
When the server has moved on meanwhile, the row becomes a conflict holding both sides until
the user chooses; nothing is overwritten silently in either direction.

Queries: raw SQL on purpose. Each method is one transition of the local-state machine
(synced → modified → conflict …) whose UPDATEs move several columns at once
(``remote_*`` into place, ``version = remote_version``): written as SQLite runs them, they
read as the transition they are; tests/store/test_templates.py pins each one.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from sobrus_comm.domain.models import Template, TemplateCategory
from sobrus_comm.store._base import Repository
from sobrus_comm.store.timestamps import now_ts


class LocalState(enum.StrEnum):
    SYNCED = "synced"
    CREATED = "created"  # made here, never pushed (negative id)
    MODIFIED = "modified"  # edited here, to push with its base version
    DELETED = "deleted"  # deleted here, to push
    CONFLICT = "conflict"  # edited here and on the server
    DELETE_CONFLICT = "delete_conflict"  # deleted here, edited on the server


@dataclass(frozen=True)
class TemplateConflict:
    """Both sides of a conflict, for the user to choose from."""

    local: Template  # the user's side; ``version`` is the one the edit started from
    remote: Template  # the server's current template
    local_deleted: bool = False  # the user's side is a deletion


@dataclass(frozen=True)
class PendingTemplate:
    """A local change the next push must send."""

    template: Template
    state: LocalState  # CREATED, MODIFIED or DELETED


_COLUMNS = "id, name, body, category, version, body_ar"
_PUSHABLE = (LocalState.CREATED, LocalState.MODIFIED, LocalState.DELETED)
_CONFLICTS = (LocalState.CONFLICT, LocalState.DELETE_CONFLICT)


def _to_template(row: tuple[Any, ...]) -> Template:
    return Template(
        id=row[0], name=row[1], body=row[2], category=TemplateCategory(row[3]), version=row[4],
        body_ar=row[5],
    )


class TemplateRepository(Repository):
    # --- reading ---------------------------------------------------------------------------

    def list_all(self) -> list[Template]:
        """Every template the user can see (local edits included, local deletions not)."""
        with self._db.read() as conn:
            rows = conn.exec_driver_sql(
                f"SELECT {_COLUMNS} FROM templates WHERE local_state NOT IN (?, ?) "
                "ORDER BY name COLLATE NOCASE, id",
                (LocalState.DELETED.value, LocalState.DELETE_CONFLICT.value),
            ).all()
        return [_to_template(tuple(r)) for r in rows]

    def get(self, template_id: int) -> Template | None:
        with self._db.read() as conn:
            row = conn.exec_driver_sql(
                f"SELECT {_COLUMNS} FROM templates WHERE id = ?", (template_id,)
            ).first()
        return _to_template(tuple(row)) if row else None

    def states(self) -> dict[int, LocalState]:
        """The local state of every template that is not plainly in sync."""
        with self._db.read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT id, local_state FROM templates WHERE local_state != ?",
                (LocalState.SYNCED.value,),
            ).all()
        return {r[0]: LocalState(r[1]) for r in rows}

    def pending_push(self) -> list[PendingTemplate]:
        with self._db.read() as conn:
            rows = conn.exec_driver_sql(
                f"SELECT {_COLUMNS}, local_state FROM templates "
                "WHERE local_state IN (?, ?, ?) ORDER BY id",
                tuple(s.value for s in _PUSHABLE),
            ).all()
        return [PendingTemplate(_to_template(tuple(r[:6])), LocalState(r[6])) for r in rows]

    def conflicts(self) -> list[TemplateConflict]:
        with self._db.read() as conn:
            rows = conn.exec_driver_sql(
                f"SELECT {_COLUMNS}, local_state, remote_name, remote_body, remote_category, "
                "remote_version, remote_body_ar FROM templates WHERE local_state IN (?, ?) "
                "ORDER BY id",
                tuple(s.value for s in _CONFLICTS),
            ).all()
        return [self._conflict(tuple(r)) for r in rows]

    @staticmethod
    def _conflict(row: tuple[Any, ...]) -> TemplateConflict:
        local = _to_template(row[:6])
        remote = Template(
            id=row[0], name=row[7], body=row[8], category=TemplateCategory(row[9]),
            version=row[10], body_ar=row[11] or "",
        )
        return TemplateConflict(local, remote, local_deleted=row[6] == LocalState.DELETE_CONFLICT)

    # --- the user's edits ------------------------------------------------------------------

    def create_local(
        self,
        name: str,
        body: str,
        category: TemplateCategory = TemplateCategory.TRANSACTIONAL,
        body_ar: str = "",
    ) -> Template:
        """A new template, kept under a negative id until the server gives it its own."""
        with self._db.write() as tx:
            lowest = tx.exec_driver_sql("SELECT min(min(id), 0) FROM templates").scalar()
            new_id = (lowest or 0) - 1
            tx.exec_driver_sql(
                "INSERT INTO templates (id, name, body, category, version, local_state, "
                "updated_at, body_ar) VALUES (?, ?, ?, ?, 0, ?, ?, ?)",
                (new_id, name, body, str(category), LocalState.CREATED.value, now_ts(),
                 body_ar),
            )
        return Template(id=new_id, name=name, body=body, category=category, version=0,
                        body_ar=body_ar)

    def edit_local(
        self,
        template_id: int,
        *,
        name: str,
        body: str,
        category: TemplateCategory,
        body_ar: str | None = None,
    ) -> Template:
        """Change a template here; the next sync pushes it. KeyError if it does not exist.
        ``body_ar=None`` keeps the Arabic text as it is."""
        with self._db.write() as tx:
            state = self._state(tx, template_id)
            if state in (None, LocalState.DELETED, LocalState.DELETE_CONFLICT):
                raise KeyError(template_id)
            # A conflict stays a conflict: the user has not chosen yet.
            new_state = LocalState.MODIFIED if state == LocalState.SYNCED else state
            tx.exec_driver_sql(
                "UPDATE templates SET name = ?, body = ?, category = ?, local_state = ?, "
                "updated_at = ?, body_ar = COALESCE(?, body_ar) WHERE id = ?",
                (name, body, str(category), new_state.value, now_ts(), body_ar, template_id),
            )
            version, stored_ar = tx.exec_driver_sql(
                "SELECT version, body_ar FROM templates WHERE id = ?", (template_id,)
            ).one()
        return Template(id=template_id, name=name, body=body, category=category, version=version,
                        body_ar=stored_ar)

    def delete_local(self, template_id: int) -> None:
        with self._db.write() as tx:
            state = self._state(tx, template_id)
            if state is None:
                return
            if state == LocalState.CREATED:  # the server never knew it
                tx.exec_driver_sql("DELETE FROM templates WHERE id = ?", (template_id,))
                return
            new_state = (
                LocalState.DELETE_CONFLICT if state == LocalState.CONFLICT else LocalState.DELETED
            )
            tx.exec_driver_sql(
                "UPDATE templates SET local_state = ?, updated_at = ? WHERE id = ?",
                (new_state.value, now_ts(), template_id),
            )

    def resolve_keep_local(self, template_id: int) -> None:
        """Keep the user's side: it will be pushed over the server's current version."""
        with self._db.write() as tx:
            state = self._state(tx, template_id)
            if state not in _CONFLICTS:
                return
            new_state = (
                LocalState.DELETED if state == LocalState.DELETE_CONFLICT else LocalState.MODIFIED
            )
            tx.exec_driver_sql(
                "UPDATE templates SET version = remote_version, local_state = ?, "
                "remote_name = NULL, remote_body = NULL, remote_category = NULL, "
                "remote_version = NULL, remote_body_ar = NULL, updated_at = ? WHERE id = ?",
                (new_state.value, now_ts(), template_id),
            )

    def resolve_take_remote(self, template_id: int) -> None:
        """Drop the user's side and take the server's version."""
        with self._db.write() as tx:
            if self._state(tx, template_id) not in _CONFLICTS:
                return
            tx.exec_driver_sql(
                "UPDATE templates SET name = remote_name, body = remote_body, "
                "category = remote_category, version = remote_version, local_state = ?, "
                "body_ar = COALESCE(remote_body_ar, ''), "
                "remote_name = NULL, remote_body = NULL, remote_category = NULL, "
                "remote_version = NULL, remote_body_ar = NULL, updated_at = ? WHERE id = ?",
                (LocalState.SYNCED.value, now_ts(), template_id),
            )

    # --- what the sync brings back ---------------------------------------------------------

    def apply_remote(
        self, remote: Iterable[Template], *, conn: Connection | None = None
    ) -> list[TemplateConflict]:
        """Take the server's templates; returns the conflicts this created or updated."""
        found: list[TemplateConflict] = []
        with self._db.write(conn) as tx:
            for t in remote:
                assert t.id is not None
                row = tx.exec_driver_sql(
                    f"SELECT {_COLUMNS}, local_state, remote_version FROM templates WHERE id = ?",
                    (t.id,),
                ).first()
                if row is None or row[6] == LocalState.SYNCED:
                    self._put_synced(tx, t)
                    continue
                state = LocalState(row[6])
                if state in _CONFLICTS and row[7] == t.version:
                    continue  # the conflict already holds this server version
                elif state in _CONFLICTS or t.version > row[4]:
                    local = _to_template(tuple(row[:6]))
                    same = ((local.name, local.body, local.category, local.body_ar)
                            == (t.name, t.body, t.category, t.body_ar))
                    if state == LocalState.MODIFIED and same:  # both made the same edit
                        self._put_synced(tx, t)
                        continue
                    deleted = state in (LocalState.DELETED, LocalState.DELETE_CONFLICT)
                    self._store_conflict(tx, t.id, t, deleted=deleted)
                    found.append(TemplateConflict(local, t, local_deleted=deleted))
                # else: the server has not moved since the local edit; the push will send it.
        return found

    def apply_remote_deletions(
        self, ids: Iterable[int], *, conn: Connection | None = None
    ) -> None:
        """Tombstones. A template edited here survives as a new local one, to be pushed."""
        with self._db.write(conn) as tx:
            for template_id in ids:
                state = self._state(tx, template_id)
                if state in (LocalState.MODIFIED, LocalState.CONFLICT):
                    lowest = tx.exec_driver_sql("SELECT min(min(id), 0) FROM templates").scalar()
                    tx.exec_driver_sql(
                        "UPDATE templates SET id = ?, version = 0, local_state = ?, "
                        "remote_name = NULL, remote_body = NULL, remote_category = NULL, "
                        "remote_version = NULL, remote_body_ar = NULL WHERE id = ?",
                        ((lowest or 0) - 1, LocalState.CREATED.value, template_id),
                    )
                elif state is not None:
                    tx.exec_driver_sql("DELETE FROM templates WHERE id = ?", (template_id,))

    def delete_missing(self, seen_ids: Iterable[int], *, conn: Connection | None = None) -> None:
        """After a full pull: templates the server no longer has are treated as tombstones."""
        with self._db.write(conn) as tx:
            seen = set(seen_ids)
            known = tx.exec_driver_sql("SELECT id FROM templates WHERE id > 0").scalars().all()
            self.apply_remote_deletions([i for i in known if i not in seen], conn=tx)

    def mark_pushed(
        self, local_id: int, server: Template | None, *, conn: Connection | None = None
    ) -> None:
        """The push of ``local_id`` succeeded: ``server`` is what the server now holds
        (None after a deletion)."""
        with self._db.write(conn) as tx:
            tx.exec_driver_sql("DELETE FROM templates WHERE id = ?", (local_id,))
            if server is not None:
                self._put_synced(tx, server)

    def mark_conflict(
        self, local_id: int, server: Template, *, conn: Connection | None = None
    ) -> TemplateConflict | None:
        """The push was refused because the server holds ``server`` (a newer version)."""
        with self._db.write(conn) as tx:
            row = tx.exec_driver_sql(
                f"SELECT {_COLUMNS}, local_state FROM templates WHERE id = ?", (local_id,)
            ).first()
            if row is None:
                return None
            deleted = row[6] in (LocalState.DELETED, LocalState.DELETE_CONFLICT)
            self._store_conflict(tx, local_id, server, deleted=deleted)
        return TemplateConflict(_to_template(tuple(row[:6])), server, local_deleted=deleted)

    # --- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _state(tx: Connection, template_id: int) -> LocalState | None:
        value = tx.exec_driver_sql(
            "SELECT local_state FROM templates WHERE id = ?", (template_id,)
        ).scalar()
        return LocalState(value) if value is not None else None

    @staticmethod
    def _put_synced(tx: Connection, t: Template) -> None:
        tx.exec_driver_sql(
            "INSERT INTO templates (id, name, body, category, version, local_state, updated_at, "
            "body_ar) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "name = excluded.name, body = excluded.body, category = excluded.category, "
            "version = excluded.version, local_state = excluded.local_state, "
            "body_ar = excluded.body_ar, remote_body_ar = NULL, "
            "remote_name = NULL, remote_body = NULL, remote_category = NULL, "
            "remote_version = NULL, updated_at = excluded.updated_at",
            (t.id, t.name, t.body, str(t.category), t.version, LocalState.SYNCED.value, now_ts(),
             t.body_ar),
        )

    @staticmethod
    def _store_conflict(
        tx: Connection, template_id: int, remote: Template, *, deleted: bool
    ) -> None:
        state = LocalState.DELETE_CONFLICT if deleted else LocalState.CONFLICT
        tx.exec_driver_sql(
            "UPDATE templates SET local_state = ?, remote_name = ?, remote_body = ?, "
            "remote_category = ?, remote_version = ?, remote_body_ar = ?, updated_at = ? "
            "WHERE id = ?",
            (state.value, remote.name, remote.body, str(remote.category), remote.version,
             remote.body_ar, now_ts(), template_id),
        )
