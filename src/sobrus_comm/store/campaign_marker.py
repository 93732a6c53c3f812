"""A small file beside the cache that says which campaigns are unfinished.

The outbox lives only in the cache. When the cache comes back empty (truncated to zero
bytes, replaced) or older than it was (its WAL file lost while the app was closed), the
cache itself cannot tell that a campaign was running. This file can: it is written when a
campaign is enqueued and rewritten when one ends, and holds per campaign its id, label,
message count and creation time; never a phone number or a message text.

Best effort: a marker that cannot be written is logged, it never stops a send.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger("sobrus_comm.store")

MARKER_SUFFIX = ".campaigns.json"


_LOCKS: dict[Path, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def _lock_for(path: Path) -> threading.Lock:
    """One lock per marker file in this process, whichever Database object writes it."""
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(path.resolve(), threading.Lock())


@dataclass(frozen=True)
class MarkedCampaign:
    id: str
    label: str
    total: int
    created_at: int  # Unix seconds, UTC


class CampaignMarker:
    """The unfinished campaigns of one cache file, kept in ``<cache>.campaigns.json``."""

    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + MARKER_SUFFIX)
        self._lock = _lock_for(self.path)  # the GUI enqueues while the sender finishes

    def read(self) -> dict[str, MarkedCampaign]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return {c["id"]: MarkedCampaign(str(c["id"]), str(c.get("label", "")),
                                            int(c["total"]), int(c.get("created_at", 0)))
                    for c in raw.get("campaigns", [])}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            log.warning("campaign marker %s unreadable (%s): ignored", self.path, exc)
            return {}

    def add(self, *campaigns: MarkedCampaign) -> None:
        with self._lock:
            marked = self.read()
            marked.update((c.id, c) for c in campaigns)
            self._write(marked)

    def remove(self, *campaign_ids: str) -> None:
        with self._lock:
            marked = self.read()
            if not any(i in marked for i in campaign_ids):
                return
            for campaign_id in campaign_ids:
                marked.pop(campaign_id, None)
            self._write(marked)

    def _write(self, marked: dict[str, MarkedCampaign]) -> None:
        try:
            if not marked:
                self.path.unlink(missing_ok=True)
                return
            tmp = self.path.with_name(self.path.name + ".tmp")
            payload = {"campaigns": [asdict(c) for c in marked.values()]}
            with open(tmp, "w", encoding="utf-8") as out:
                json.dump(payload, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)  # whole or not at all, even on a power cut
        except OSError as exc:
            log.warning("campaign marker %s not written (%s)", self.path, exc)
