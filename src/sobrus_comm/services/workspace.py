"""The open local cache and the use cases on it: what the GUI gets instead of the store.

The composition root opens a :class:`Workspace` (``AppServices.open_workspace``) and hands
the GUI its services (campaigns, templates) and its :data:`Cache` handle, which widgets
only pass on (to the dialogs' contexts, to the workers): they never query it. The store's
errors the GUI must name come from here too (:class:`StoreError` carries ``message_fr``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sobrus_comm.domain.frequency import FrequencyCaps
from sobrus_comm.domain.history_columns import HistoryColumns
from sobrus_comm.domain.history_row import HistoryRow
from sobrus_comm.domain.models import Client
from sobrus_comm.domain.quiet_hours import QuietHoursRules
from sobrus_comm.services.campaigns import CampaignService
from sobrus_comm.services.consent import ConsentService
from sobrus_comm.services.pharmacy_clock import pharmacy_zone
from sobrus_comm.services.recharge import MonthUsage, monthly_usage
from sobrus_comm.services.schedules import ScheduleService
from sobrus_comm.store.balance import SmsBalance
from sobrus_comm.store.db import Database, open_database
from sobrus_comm.store.errors import DiskFull, StorageIOError, StoreError
from sobrus_comm.store.prefetch import FIRST_PAGE

#: The open cache as the GUI holds it: handed to services and workers, never queried there.
Cache = Database

__all__ = ["Cache", "LocalSnapshot", "SmsBalance", "StoreError", "Workspace", "load_local",
           "open_workspace", "storage_problem_fr", "stored_balance"]


@dataclass(frozen=True)
class LocalSnapshot:
    usage: list[MonthUsage]
    sample_client: Client | None


def load_local(db: Cache, today: date, want_sample: bool) -> LocalSnapshot:
    """The heavy reads (the whole history, every client), for a worker thread."""
    usage = monthly_usage(db.communications.load_history_rows(), today)
    sample = None
    if want_sample:
        # A real client whose record fills every placeholder, so the preview is realistic.
        sample = next((c for c in db.clients.list_all()
                       if c.first_name and c.last_name and c.balance_due > 0
                       and c.balance_due_since is not None), None)
    return LocalSnapshot(usage, sample)


def stored_balance(db: Cache) -> SmsBalance | None:
    """The SMS balance as last synced (one row)."""
    return db.balance.get()


class Workspace:
    """One open cache and the services that work on it."""

    def __init__(self, db: Database,
                 quiet_rules: Callable[[], QuietHoursRules | None] = lambda: None,
                 caps: Callable[[], FrequencyCaps] = FrequencyCaps) -> None:
        self.cache: Cache = db
        self.campaigns = CampaignService(db, quiet_rules)
        self.consent = ConsentService(db)
        # Occurrences in Morocco's time from the shipped tz data; the pharmacy's name is
        # set when a session starts (it fills {pharmacie}). A run obeys consent and the
        # frequency caps like a send from the dialog (caps read when each run is planned).
        self.schedules = ScheduleService(db, self.campaigns, pharmacy_zone(),
                                         quiet_rules=quiet_rules,
                                         consent_rules=self.consent.rules_source(caps))

    @property
    def notice(self) -> str | None:
        """What to tell the user about the file at start (set aside, salvaged), or None."""
        return self.cache.notice

    @property
    def recovered_from(self) -> Path | None:
        return self.cache.recovered_from

    def history_first_page(self) -> tuple[list[HistoryRow], int]:
        """The newest rows (more than a screen) and how many rows the cache holds: quick
        to read, for the window to paint while :meth:`history_rows` reads the rest."""
        history = self.cache.communications
        return history.load_newest_rows(FIRST_PAGE), history.count()

    def history_rows(self) -> HistoryColumns:
        """Every history row, as the compact columns the history window holds."""
        return self.cache.communications.load_history_columns()

    def credits(self) -> int | None:
        """The SMS balance as last synced; None before the first sync."""
        balance = stored_balance(self.cache)
        return balance.credits if balance else None

    def write_problem(self) -> str | None:
        """Why the cache cannot be written (read-only file, full disk), in French, or None.

        Asked at start, before any sync: an unfinished campaign is offered for resumption
        all the same, with this reason.
        """
        try:
            with self.cache.write() as conn:
                # A write statement that changes nothing: a read-only file refuses it.
                conn.exec_driver_sql("UPDATE sync_cursors SET resource = resource WHERE 0")
        except StoreError as exc:
            return storage_problem_fr(exc, self.cache.path)
        return None

    def close(self) -> None:
        self.cache.close()


def open_workspace(path: Path,
                   quiet_rules: Callable[[], QuietHoursRules | None] = lambda: None,
                   caps: Callable[[], FrequencyCaps] = FrequencyCaps) -> Workspace:
    """Open (create, migrate, or set aside and rebuild) the cache; raises StoreError."""
    return Workspace(open_database(path), quiet_rules, caps)


def storage_problem_fr(exc: StoreError, path: Path | None = None) -> str:
    """The plain sentence for a cache that cannot be written: what happened, what to do."""
    where = f" (« {path} »)" if path is not None else ""
    if isinstance(exc, DiskFull):
        return ("Le disque de cet ordinateur est plein : Sobrus Communications ne peut plus "
                f"enregistrer dans sa base locale{where}. Rien n'a été perdu, mais rien de "
                "nouveau n'est enregistré ni envoyé. Libérez de l'espace disque (corbeille, "
                "téléchargements), puis cliquez sur « Synchroniser ».")
    if isinstance(exc, StorageIOError) and "readonly" in exc.detail.lower().replace("-", ""):
        return (f"La base locale{where} est en lecture seule : Sobrus Communications ne peut "
                "rien y enregistrer. Rien n'a été perdu, mais aucun SMS ne peut partir. "
                "Vérifiez les droits d'écriture sur ce fichier et son dossier (ou demandez "
                "à votre informaticien), puis redémarrez l'application.")
    return (f"La base locale{where} ne peut pas être enregistrée : {exc.message_fr} Rien "
            "n'a été perdu. Vérifiez l'espace disque et les droits d'accès, puis redémarrez "
            "l'application.")
