"""``sobrus-comm-sandbox``: serve the backend contract on loopback.

The first stdout line is ``SOBRUS_SANDBOX_URL=http://127.0.0.1:PORT`` (flushed at once),
for scripts and tests that start it with ``--port 0``. Everything else goes to stderr.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from sobrus_comm.backend.sandbox.config import FAULT_KINDS, Knobs
from sobrus_comm.backend.sandbox.seed import SeedOptions
from sobrus_comm.backend.sandbox.server import is_loopback, prepare_database, start

URL_PREFIX = "SOBRUS_SANDBOX_URL="


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="sobrus-comm-sandbox",
        description="Local Sobrus backend (demo, tests, benchmarks). Listens on loopback only.")
    p.add_argument("--host", default="127.0.0.1", help="loopback address (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=0, help="0 = any free port (default)")
    p.add_argument("--db", type=Path, help="SQLite file; created and seeded if needed, "
                   "reused otherwise (default: a temporary file)")
    p.add_argument("--reset", action="store_true", help="re-create and re-seed --db")
    p.add_argument("--seed", type=int, default=1, help="random seed of the data")
    p.add_argument("--clients", type=int, default=200)
    p.add_argument("--history", type=int, default=500, help="past SMS to generate")
    p.add_argument("--credits", type=int, default=2500, help="initial SMS balance")
    p.add_argument("--latency-ms", type=int, default=0)
    p.add_argument("--fail-rate", type=float, default=0.0,
                   help="share of /api requests given an injected fault (0..1)")
    p.add_argument("--fault-kinds", default=",".join(FAULT_KINDS),
                   help=f"comma-separated among {','.join(FAULT_KINDS)}")
    p.add_argument("--fault-phase", default="random", choices=("before", "after", "random"))
    p.add_argument("--timeout-s", type=float, default=20.0,
                   help="how long a 'timeout' fault holds a request")
    p.add_argument("--token-ttl", type=int, default=8 * 3600, help="token lifetime, seconds")
    p.add_argument("--delivery-scale", type=float, default=1.0,
                   help="0 = delivered at once; 1 = a few seconds")
    p.add_argument("--recharge-step", type=float, default=0.0,
                   help="> 0: recharge requests advance by themselves every N seconds")
    p.add_argument("--ledger-gap", type=int, default=0, metavar="N",
                   help="> 0: the balance loses N credits without a ledger movement, so the "
                        "app's Crédits tab shows a discrepancy (demo)")
    p.add_argument("-v", "--verbose", action="store_true", help="log every request")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        stream=sys.stderr, format="%(asctime)s %(name)s %(message)s")
    if not is_loopback(args.host):
        print(f"refused: --host {args.host} is not a loopback address", file=sys.stderr)
        return 2
    knobs = Knobs()
    try:
        knobs.update({
            "latency_ms": args.latency_ms, "fail_rate": args.fail_rate,
            "fault_kinds": [k for k in args.fault_kinds.split(",") if k],
            "fault_phase": args.fault_phase, "timeout_s": args.timeout_s,
            "token_ttl": args.token_ttl, "delivery_scale": args.delivery_scale,
            "recharge_step_s": args.recharge_step,
        })
    except ValueError as exc:
        print(f"invalid option: {exc}", file=sys.stderr)
        return 2
    tmp = None
    db_path = args.db
    if db_path is None:
        tmp = tempfile.TemporaryDirectory(prefix="sobrus-sandbox-")
        db_path = Path(tmp.name) / "sandbox.sqlite3"
    started = time.monotonic()
    created = prepare_database(
        db_path, SeedOptions(args.seed, args.clients, args.history, args.credits),
        reset=args.reset)
    print(f"{'seeded' if created else 'reusing'} {db_path} in "
          f"{time.monotonic() - started:.1f} s", file=sys.stderr)
    running = start(db_path, host=args.host, port=args.port, knobs=knobs, fault_seed=args.seed)
    if args.ledger_gap > 0:
        running.control.ledger_glitch("unrecorded", args.ledger_gap)
    print(f"{URL_PREFIX}{running.base_url}", flush=True)
    print("demo accounts: pharmacien/demo (every permission), assistant/demo (read only); "
          "Ctrl+C to stop", file=sys.stderr)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
