"""Demo / training mode: the sandbox in a background thread, with a persistent database.

The GUI calls :func:`start_demo_sandbox` with the demo folder (``AppPaths.demo_dir``),
then logs in with :data:`DEMO_USERNAME` / :data:`DEMO_PASSWORD` through the ordinary
``SobrusApi(running.base_url)``. The database is seeded on the first run only; what the
user did in the demo (sends, templates, recharge requests) is still there next time.
"""

from __future__ import annotations

from pathlib import Path

from sobrus_comm.backend.sandbox.seed import (
    ASSISTANT_PASSWORD,
    ASSISTANT_USERNAME,
    PHARMACIST_PASSWORD,
    PHARMACIST_USERNAME,
)
from sobrus_comm.backend.sandbox.server import RunningSandbox, run_in_thread

DEMO_USERNAME = PHARMACIST_USERNAME  # every permission
DEMO_PASSWORD = PHARMACIST_PASSWORD
DEMO_ASSISTANT_USERNAME = ASSISTANT_USERNAME  # may not send SMS nor edit templates
DEMO_ASSISTANT_PASSWORD = ASSISTANT_PASSWORD
DEMO_DB_NAME = "demo-backend.sqlite3"
DEMO_SEED = 2026


def start_demo_sandbox(directory: str | Path, *, clients: int = 300, history: int = 2000,
                       recharge_step_s: float = 20.0) -> RunningSandbox:
    """Serve the demo backend on a free loopback port; ``.base_url``, ``.stop()``.

    ``recharge_step_s``: in the demo nobody plays the sales team, so recharge requests
    advance by themselves (requested → awaiting payment; after a transfer proof is
    attached → payment received → activated, one step every N seconds).
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    # Some clients answer the promotions sent in the demo (« STOP », « merci »…).
    return run_in_thread(folder / DEMO_DB_NAME, seed=DEMO_SEED, clients=clients,
                         history=history, credits=1500, recharge_step_s=recharge_step_s,
                         reply_rate=0.1)


__all__ = [
    "DEMO_ASSISTANT_PASSWORD", "DEMO_ASSISTANT_USERNAME", "DEMO_PASSWORD", "DEMO_USERNAME",
    "RunningSandbox", "start_demo_sandbox",
]
