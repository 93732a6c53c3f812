"""Signing in, staying signed in, signing out (no Qt).

Secrets (the session token, and the password only when « Se souvenir de moi » is ticked)
live only in the OS keyring, keyed by server and user. Where no keyring exists (a headless
Linux box), the session is kept in memory for this run and the user is told so: secrets are
never written anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

from sobrus_comm.backend.address import SOBRUS_SERVER as SOBRUS_SERVER  # re-exported for the GUI
from sobrus_comm.backend.address import is_custom_server as is_custom_server
from sobrus_comm.backend.errors import ApiError as ApiError  # re-exported for the GUI
from sobrus_comm.backend.errors import Unauthorized
from sobrus_comm.backend.errors import Unavailable as Unavailable  # re-exported for the GUI
from sobrus_comm.backend.results import CurrentUser
from sobrus_comm.logging_setup import get_logger

if TYPE_CHECKING:
    from sobrus_comm.backend.api import SobrusApi

log = get_logger("auth")

KEYRING_SERVICE_PREFIX = "Sobrus Communications"
NO_KEYRING_FR = (
    "Aucun trousseau sécurisé n'est disponible sur ce poste : la connexion ne sera pas "
    "mémorisée après la fermeture de l'application (rien n'est écrit en clair)."
)

ApiFactory = Callable[[str, str | None], "SobrusApi"]


def default_api_factory(server: str, token: str | None) -> SobrusApi:
    # Imported here: requests is not needed to show the window from the cache.
    from sobrus_comm.backend.api import SobrusApi

    return SobrusApi(server, token)


@dataclass(frozen=True)
class Session:
    """Who is signed in, where. The token stays out of reprs and logs."""

    server: str
    current: CurrentUser
    token: str = field(repr=False)
    demo: bool = False

    @property
    def username(self) -> str:
        return self.current.user.username


class CredentialStore:
    """The keyring, and an in-memory fallback for this run when there is none."""

    def __init__(self) -> None:
        self._memory: dict[tuple[str, str], str] = {}
        self.available = True

    @staticmethod
    def _service(server: str) -> str:
        return f"{KEYRING_SERVICE_PREFIX} — {server}"

    def _set(self, server: str, key: str, value: str) -> None:
        self._memory[(server, key)] = value
        if not self.available:
            return
        try:
            keyring.set_password(self._service(server), key, value)
        except KeyringError as exc:
            log.warning("Trousseau indisponible (%s) : session gardée en mémoire",
                        type(exc).__name__)
            self.available = False

    def _get(self, server: str, key: str) -> str | None:
        if (server, key) in self._memory:
            return self._memory[(server, key)]
        if not self.available:
            return None
        try:
            return keyring.get_password(self._service(server), key)
        except KeyringError as exc:
            log.warning("Trousseau illisible (%s)", type(exc).__name__)
            self.available = False
            return None

    def _delete(self, server: str, key: str) -> None:
        self._memory.pop((server, key), None)
        if not self.available:
            return
        try:
            keyring.delete_password(self._service(server), key)
        except PasswordDeleteError:
            pass  # nothing stored: nothing to remove
        except KeyringError as exc:
            log.warning("Trousseau inaccessible (%s)", type(exc).__name__)

    def save(self, server: str, username: str, token: str, password: str | None) -> None:
        self._set(server, f"{username}:token", token)
        if password is not None:
            self._set(server, f"{username}:password", password)
        else:
            self._delete(server, f"{username}:password")

    def token(self, server: str, username: str) -> str | None:
        return self._get(server, f"{username}:token")

    def password(self, server: str, username: str) -> str | None:
        return self._get(server, f"{username}:password")

    def forget(self, server: str, username: str) -> None:
        """« Se déconnecter »: nothing of this user stays on the workstation."""
        self._delete(server, f"{username}:token")
        self._delete(server, f"{username}:password")


class AuthService:
    def __init__(self, store: CredentialStore,
                 api_factory: ApiFactory = default_api_factory) -> None:
        self.store = store
        self.api_factory = api_factory

    def login(self, server: str, username: str, password: str, *, remember: bool,
              demo: bool = False) -> Session:
        """Raises the backend's typed errors (wrong password, unreachable, …)."""
        api = self.api_factory(server, None)
        try:
            result = api.login(username, password)
        finally:
            api.close()
        self.store.save(api.base_url, username, result.token, password if remember else None)
        log.info("Connexion de %s", username)
        return Session(api.base_url, result.current, result.token, demo)

    def resume(self, server: str, username: str, *, demo: bool = False) -> Session | None:
        """The stored session, checked with the server; renewed with a remembered password.

        None when the user must type their password. Network errors propagate: the caller
        opens read-only from the cache and tries again later.
        """
        token = self.store.token(server, username)
        if token:
            api = self.api_factory(server, token)
            try:
                return Session(api.base_url, api.me(), token, demo)
            except Unauthorized:
                log.info("Session expirée pour %s", username)
            finally:
                api.close()
        password = self.store.password(server, username)
        if password:
            try:
                return self.login(server, username, password, remember=True, demo=demo)
            except Unauthorized:
                self.store.forget(server, username)  # the password changed elsewhere
        return None

    def logout(self, session: Session) -> None:
        api = self.api_factory(session.server, session.token)
        try:
            api.logout()
        except Exception as exc:  # best effort: offline logout still forgets locally
            log.info("Déconnexion hors ligne (%s)", type(exc).__name__)
        finally:
            api.close()
            self.store.forget(session.server, session.username)


def check_server_address(server: str) -> None:
    """Raise an ``ApiError`` (French ``message_fr``) when ``server`` is no usable address
    (plain http is for loopback only). requests is imported on first use."""
    from sobrus_comm.backend.api import check_base_url

    check_base_url(server)
