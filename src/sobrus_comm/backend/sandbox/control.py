"""A small client for the sandbox-only /sandbox endpoints (tests, benchmarks, demo tools)."""

from __future__ import annotations

from typing import Any

import requests


class SandboxControl:
    """Drives a running sandbox from the outside: knobs, balance, sales team, inspection.

    Plain ``requests`` calls, separate from the app's client, so a test never depends on
    the code it checks.
    """

    def __init__(self, base_url: str, timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = requests.request(method, f"{self.base_url}/sandbox{path}",
                                    timeout=self.timeout, **kwargs)
        response.raise_for_status()
        return response.json()

    def configure(self, **knobs: Any) -> dict[str, Any]:
        """E.g. ``configure(fail_rate=0.3, fault_kinds=["503"], timeout_s=1)``."""
        return self._call("POST", "/config", json=knobs)  # type: ignore[no-any-return]

    def config(self) -> dict[str, Any]:
        return self._call("GET", "/config")  # type: ignore[no-any-return]

    def stats(self) -> dict[str, int]:
        """Injected fault counters (``faults``, ``faults_before``, ``faults_after``, …)."""
        return self._call("GET", "/stats")  # type: ignore[no-any-return]

    def set_balance(self, credits: int) -> None:
        self._call("PUT", "/balance", json={"credits": credits})

    def sent(self, *, campaign_id: str | None = None,
             client_message_ids: list[str] | None = None) -> dict[str, Any]:
        """``{"count": n, "items": [{client_message_id, phone, content, receipts, ...}]}``."""
        params: dict[str, Any] = {}
        if campaign_id:
            params["campaign_id"] = campaign_id
        if client_message_ids:
            params["client_message_id"] = client_message_ids
        return self._call("GET", "/sent", params=params)  # type: ignore[no-any-return]

    def reply(self, client_id: int | None, text: str) -> dict[str, Any]:
        """That client answers the pharmacy's number (« Arrêt », « merci »)."""
        return self._call(  # type: ignore[no-any-return]
            "POST", "/replies", json={"client_id": client_id, "text": text})

    def expire_tokens(self, username: str | None = None) -> int:
        body = {"username": username} if username else {}
        return int(self._call("POST", "/tokens/expire", json=body)["expired"])

    def advance_recharge(self, request_id: int, status: str | None = None) -> dict[str, Any]:
        body = {"status": status} if status else {}
        return self._call(  # type: ignore[no-any-return]
            "POST", f"/recharge-requests/{request_id}/advance", json=body)

    def create_client(self, **fields: Any) -> dict[str, Any]:
        return self._call("POST", "/clients", json=fields)  # type: ignore[no-any-return]

    def update_client(self, client_id: int, **fields: Any) -> dict[str, Any]:
        return self._call("PATCH", f"/clients/{client_id}", json=fields)  # type: ignore[no-any-return]

    def delete_client(self, client_id: int) -> dict[str, Any]:
        return self._call("DELETE", f"/clients/{client_id}")  # type: ignore[no-any-return]

    def ledger_glitch(self, kind: str = "unrecorded", credits: int = 3) -> dict[str, Any]:
        """Make the credit ledger disagree with the balance (see ``/sandbox/ledger/glitch``)."""
        return self._call(  # type: ignore[no-any-return]
            "POST", "/ledger/glitch", json={"kind": kind, "credits": credits})
