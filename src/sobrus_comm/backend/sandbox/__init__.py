"""The sandbox: a real HTTP server on loopback serving the backend contract.

Used by the demo/training mode, the integration tests and the benchmarks. Start it with
``sobrus-comm-sandbox`` or, from Python, :func:`sobrus_comm.backend.sandbox.server.run_in_thread`.
"""

from __future__ import annotations
