"""Everything the settings dialog needs, injected (tests build it on a real SQLite file and
the sandbox; the app on its own cache and API client)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sobrus_comm.domain.models import Client, User
from sobrus_comm.services.preferences import PreferencesService
from sobrus_comm.services.recharge import RechargeApi
from sobrus_comm.services.workspace import Cache

DEFAULT_RECHARGE_POLL_MS = 30_000


def _nothing() -> None:
    """Default for ``forget_credentials``: nothing stored, nothing to remove."""


@dataclass
class SettingsContext:
    db: Cache  # handed to the services (templates, recharge), never queried here
    preferences: PreferencesService
    #: The signed-in user, or None (not signed in: read-only, nothing to buy).
    user: User | None = None
    #: A client of its own (one per thread: the dialog runs its calls one at a time on a
    #: worker thread), or None when offline.
    api: RechargeApi | None = None
    server_url: str = ""
    pharmacy_label: str = ""  # « Al Amal, Casablanca » from /me, shown in « Compte »
    #: Removes the stored credentials from the OS keyring (« Se déconnecter »).
    forget_credentials: Callable[[], None] = _nothing
    #: The client the template preview is shown for; None: one from the cache, or an example.
    sample_client: Client | None = None
    #: How often the recharge requests are asked again while the dialog is open.
    recharge_poll_ms: int = DEFAULT_RECHARGE_POLL_MS
    now: Callable[[], datetime] = field(default=datetime.now)
    #: Credits the scheduled sends will spend in the coming weeks (for the forecast), or None.
    planned_credits: Callable[[], int] | None = None

    @property
    def online(self) -> bool:
        return self.api is not None and self.user is not None
