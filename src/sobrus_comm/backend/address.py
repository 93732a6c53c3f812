"""Where the Sobrus API answers: the address the login uses unless told otherwise (under
« Avancé »). Pointing the app at another server by default is a change here only."""

from __future__ import annotations

SOBRUS_SERVER = "https://api.sobrus.com"


def is_custom_server(server: str) -> bool:
    """Another server than Sobrus's own: a test server, or one the support gave."""
    return bool(server.strip()) and server.strip().rstrip("/") != SOBRUS_SERVER
