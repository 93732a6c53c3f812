"""Who was signed in on this workstation, so that an outage does not sign them out (no Qt).

At the next start the session is checked with the server. When the server cannot be
reached, the user was never signed out: the token is still in the keyring and the account
as the server last described it (name, pharmacy, permissions: nothing secret) is kept in
the settings, so the app opens as that user, « Hors ligne », and lets them prepare a send,
which waits in the outbox until the server answers. A token the server refuses later still
asks for the password (the sync reports it).
"""

from __future__ import annotations

import json

from sobrus_comm.backend.errors import Unavailable
from sobrus_comm.backend.results import CurrentUser as CurrentUser  # re-exported for the GUI
from sobrus_comm.domain.models import User
from sobrus_comm.logging_setup import get_logger
from sobrus_comm.services.auth import AuthService, Session

log = get_logger("auth")


def known_user_json(current: CurrentUser) -> str:
    user = current.user
    return json.dumps({
        "id": user.id, "username": user.username, "display_name": user.display_name,
        "permissions": sorted(user.permissions), "pharmacy_id": current.pharmacy_id,
        "pharmacy_name": current.pharmacy_name, "pharmacy_city": current.pharmacy_city,
    })


def known_user_from_json(text: str) -> CurrentUser | None:
    """None for nothing kept, or for a value this version cannot read."""
    if not text:
        return None
    try:
        data = json.loads(text)
        user = User(int(data["id"]), str(data["username"]), str(data["display_name"]),
                    frozenset(str(p) for p in data["permissions"]))
        city = data.get("pharmacy_city")
        return CurrentUser(user, int(data["pharmacy_id"]), str(data["pharmacy_name"]),
                           str(city) if city is not None else None)
    except (ValueError, KeyError, TypeError):
        log.warning("Compte mémorisé illisible : ignoré")
        return None


def resume_or_known(auth: AuthService, server: str, username: str,
                    known: CurrentUser | None) -> Session | None:
    """:meth:`AuthService.resume`, or, when the server is unreachable, the session as it
    was (the stored token and the account last seen). Unavailable propagates when there is
    no such session to go on with."""
    try:
        return auth.resume(server, username)
    except Unavailable:
        token = auth.store.token(server, username)
        if not token or known is None or known.user.username != username:
            raise
        log.info("Serveur injoignable : session de %s reprise hors ligne", username)
        return Session(server, known, token)
