"""Use cases: login, sync, planning a grouped send, recharge requests (no Qt)."""
