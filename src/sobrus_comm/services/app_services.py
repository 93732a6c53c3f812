"""What the app is made of below the GUI, built once by the composition root (no Qt).

:class:`AppServices` owns the session service, the API factory and (in demo mode) the
local sandbox; :meth:`AppServices.open_workspace` opens the local cache with its use cases
(:class:`~sobrus_comm.services.workspace.Workspace`). The GUI receives this object and asks
it for what it needs; it never builds an API client nor opens the store itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sobrus_comm.domain.frequency import FrequencyCaps
from sobrus_comm.domain.quiet_hours import QuietHoursRules
from sobrus_comm.paths import AppPaths
from sobrus_comm.services.auth import AuthService, CredentialStore, Session
from sobrus_comm.services.recharge import RechargeRequest, RechargeService
from sobrus_comm.services.workspace import Cache, Workspace, open_workspace

if TYPE_CHECKING:
    from sobrus_comm.backend.api import SobrusApi

ApiMaker = Callable[[], "SobrusApi"]


def token_api_factory(server: str, token: str) -> ApiMaker:
    """A factory the workers call in their own thread: one client per thread."""

    def make() -> SobrusApi:
        from sobrus_comm.backend.api import SobrusApi  # requests: not needed to open

        return SobrusApi(server, token)

    return make


def signed_out_api() -> SobrusApi:
    """The factory used while nobody is signed in: every call says so, in French."""
    from sobrus_comm.backend.errors import Unauthorized

    raise Unauthorized()


class AppServices:
    def __init__(self, paths: AppPaths, auth: AuthService | None = None) -> None:
        self.paths = paths
        self.auth = auth if auth is not None else AuthService(CredentialStore())
        self.sandbox: Any = None  # the demo backend, once started

    def open_workspace(self, demo: bool,
                       quiet_rules: Callable[[], QuietHoursRules | None],
                       caps: Callable[[], FrequencyCaps] = FrequencyCaps) -> Workspace:
        """The pharmacy's cache, or the demo's (raises ``StoreError`` when unusable)."""
        return open_workspace(self.paths.cache_database(demo), quiet_rules, caps)

    def api_factory(self, session: Session | None) -> ApiMaker:
        return (token_api_factory(session.server, session.token) if session is not None
                else signed_out_api)

    def start_demo(self) -> Session:
        """Start the local demo backend (once) and sign in to it (run off the GUI thread)."""
        from sobrus_comm.backend.demo import DEMO_PASSWORD, DEMO_USERNAME, start_demo_sandbox

        if self.sandbox is None:
            self.sandbox = start_demo_sandbox(self.paths.demo_dir)
        return self.auth.login(self.sandbox.base_url, DEMO_USERNAME, DEMO_PASSWORD,
                               remember=False, demo=True)

    def refresh_recharges(self, session: Session, cache: Cache) -> list[RechargeRequest]:
        """The recharge requests as Sobrus has them now (run off the GUI thread)."""
        api = self.api_factory(session)()
        try:
            return RechargeService(api, cache).refresh().requests
        finally:
            api.close()

    def stop(self) -> None:
        if self.sandbox is not None:
            self.sandbox.stop()
            self.sandbox = None
