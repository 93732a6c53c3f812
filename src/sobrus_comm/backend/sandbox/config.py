"""The sandbox's runtime knobs, changed from the command line or ``POST /sandbox/config``."""

from __future__ import annotations

import dataclasses
import random
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FAULT_KINDS = ("500", "503", "timeout", "drop")
FAULT_PHASES = ("before", "after", "random")
MALFORMATIONS = ("html", "garbage", "missing_fields", "wrong_types", "wrong_content_type",
                 "empty")


@dataclass
class Knobs:
    """Everything tests and the demo may turn at runtime (all optional in the JSON)."""

    latency_ms: int = 0  # added to every /api request
    fail_rate: float = 0.0  # share of /api requests that get a fault
    fail_next: int = 0  # the next N matching requests get a fault, whatever fail_rate says
    fault_kinds: tuple[str, ...] = FAULT_KINDS
    fault_phase: str = "random"  # before processing (nothing recorded), after, or either
    fault_paths: tuple[str, ...] = ("/api/",)  # path prefixes exposed to faults/malformations
    timeout_s: float = 20.0  # how long a "timeout" fault holds the request (> client timeout)
    retry_after: int | None = 1  # Retry-After of injected 503s (None: no header)
    malform: str | None = None  # replace matching successful responses by this breakage
    token_ttl: int = 8 * 3600  # lifetime of new tokens, seconds
    delivery_scale: float = 1.0  # 0: delivered at once; 1: a few seconds; 10: slow network
    recharge_step_s: float = 0.0  # > 0: the "sales team" advances requests by itself
    reply_rate: float = 0.0  # share of accepted promotions the client answers (demo)
    # Clients served with an unpaired surrogate in their first name (a broken emoji,
    # "\ud800" in the JSON): one record that the client must set aside, not choke on.
    unreadable_client_ids: tuple[int, ...] = ()

    def update(self, changes: dict[str, Any]) -> None:
        """Apply a partial update; raises ValueError on unknown keys or bad values."""
        fields = {f.name: f for f in dataclasses.fields(self)}
        staged = dataclasses.replace(self)
        for key, value in changes.items():
            if key not in fields:
                raise ValueError(f"unknown knob: {key}")
            if key in ("fault_kinds", "fault_paths"):
                if isinstance(value, str) or not isinstance(value, list | tuple):
                    raise ValueError(f"{key} must be a list")
                value = tuple(str(v) for v in value)
            if key == "unreadable_client_ids":
                if isinstance(value, str) or not isinstance(value, list | tuple) or not all(
                        isinstance(v, int) and not isinstance(v, bool) for v in value):
                    raise ValueError(f"{key} must be a list of client ids")
                value = tuple(value)
            setattr(staged, key, value)
        staged._check()
        for key in changes:
            setattr(self, key, getattr(staged, key))

    def _check(self) -> None:
        def number(name: str, lo: float, hi: float, kind: type = float) -> None:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"{name} must be a number")
            if not lo <= value <= hi:
                raise ValueError(f"{name} must be between {lo} and {hi}")
            setattr(self, name, kind(value))

        number("latency_ms", 0, 60_000, int)
        number("fail_rate", 0.0, 1.0)
        number("fail_next", 0, 1_000_000, int)
        number("timeout_s", 0.0, 600.0)
        number("token_ttl", 1, 10 * 365 * 86400, int)
        number("delivery_scale", 0.0, 1000.0)
        number("recharge_step_s", 0.0, 86400.0)
        number("reply_rate", 0.0, 1.0)
        if self.retry_after is not None:
            number("retry_after", 0, 3600, int)
        if not self.fault_kinds or any(k not in FAULT_KINDS for k in self.fault_kinds):
            raise ValueError(f"fault_kinds must be a non-empty subset of {FAULT_KINDS}")
        if self.fault_phase not in FAULT_PHASES:
            raise ValueError(f"fault_phase must be one of {FAULT_PHASES}")
        if self.malform is not None and self.malform not in MALFORMATIONS:
            raise ValueError(f"malform must be null or one of {MALFORMATIONS}")

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["fault_kinds"] = list(self.fault_kinds)
        data["fault_paths"] = list(self.fault_paths)
        data["unreadable_client_ids"] = list(self.unreadable_client_ids)
        return data


@dataclass
class SandboxState:
    """What the running server shares between request threads."""

    db_path: Path
    knobs: Knobs = field(default_factory=Knobs)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)
    rng: random.Random = field(default_factory=random.Random)
    stats: dict[str, int] = field(default_factory=dict)  # injected faults, by phase and kind

    def count(self, *keys: str) -> None:
        """Add one to each counter; call with ``lock`` held."""
        for key in keys:
            self.stats[key] = self.stats.get(key, 0) + 1

    def snapshot(self) -> Knobs:
        with self.lock:
            return dataclasses.replace(self.knobs)

    def configure(self, changes: dict[str, Any]) -> Knobs:
        with self.lock:
            self.knobs.update(changes)
            return dataclasses.replace(self.knobs)

    def sleep(self, seconds: float) -> None:
        """Sleep, but wake up at once when the server stops (tests must not hang)."""
        if seconds > 0:
            self.stopping.wait(seconds)
