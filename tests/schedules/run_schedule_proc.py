"""Child process of the scheduled-run kill test: run whatever is due in a cache.

    SOBRUS_TOKEN=... python -m tests.schedules.run_schedule_proc DB_PATH BASE_URL NOW_ISO

The clock is ``NOW_ISO`` (aware). Prints ``progress DONE TOTAL`` after each batch (flushed),
``result RESULT`` for each run, then ``done``. The test kills it with SIGKILL in the middle
of a run and starts it again: the run must finish, exactly once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sobrus_comm.backend.api import SobrusApi
from sobrus_comm.services.campaigns import CampaignService
from sobrus_comm.services.outbox import CampaignSender, RetryPolicy
from sobrus_comm.services.pharmacy_clock import pharmacy_zone
from sobrus_comm.services.schedules import ScheduleService
from sobrus_comm.store import open_database
from tests.sync.send_campaign_proc import PrintProgress


def main(argv: Sequence[str]) -> int:
    db_path, base_url, now = Path(argv[0]), argv[1], datetime.fromisoformat(argv[2])
    db = open_database(db_path)
    api = SobrusApi(base_url, os.environ["SOBRUS_TOKEN"], timeout=(2.0, 2.0))
    service = ScheduleService(db, CampaignService(db), pharmacy_zone(),
                              pharmacy_name="Al Amal", now=lambda: now)

    def drain(campaign_id: str):  # type: ignore[no-untyped-def]
        return CampaignSender(db, api, campaign_id, batch_size=2,
                              retry=RetryPolicy(initial_s=0.05, max_s=0.2),
                              listener=PrintProgress()).run()

    for due in service.due().run:
        outcome = service.run(api, due, sender=drain)
        print(f"result {outcome.result}", flush=True)
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
