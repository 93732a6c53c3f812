"""The Sobrus API: the HTTP client (one adapter) and the sandbox server (no Qt)."""
