"""Child process of the kill test: resume every unfinished campaign of a cache.

    SOBRUS_TOKEN=... python -m tests.sync.send_campaign_proc DB_PATH BASE_URL BATCH_SIZE

Prints ``progress DONE TOTAL`` after each batch (flushed), then ``done``. The test kills it
with SIGKILL at random moments and starts it again: it only ever resumes, never re-plans.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.services.outbox import (
    CampaignSender,
    MessageResult,
    OutboxService,
    PauseReason,
    RetryPolicy,
)
from sobrus_comm.store import open_database
from sobrus_comm.store.communications import UpsertResult


class PrintProgress:
    def progress(self, done: int, total: int) -> None:
        print(f"progress {done} {total}", flush=True)

    def results(self, results: Sequence[MessageResult]) -> None:
        pass

    def paused(self, reason: PauseReason) -> None:
        print(f"paused {reason.kind}", flush=True)

    def resumed(self) -> None:
        pass

    def stored(self, history: UpsertResult, credits: int) -> None:
        pass


def main(argv: Sequence[str]) -> int:
    db_path, base_url, batch_size = Path(argv[0]), argv[1], int(argv[2])
    db = open_database(db_path)
    api = SobrusApi(base_url, os.environ["SOBRUS_TOKEN"], timeout=(2.0, 2.0))
    for unfinished in OutboxService(db).unfinished_campaigns():
        CampaignSender(db, api, unfinished.id, batch_size=batch_size,
                       retry=RetryPolicy(initial_s=0.05, max_s=0.2),
                       listener=PrintProgress()).run()
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
