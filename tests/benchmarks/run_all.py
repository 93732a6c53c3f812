"""Runs every benchmark of the project and prints one line per figure: ``name value unit``.

    .venv/bin/python tests/benchmarks/run_all.py            # all of them
    .venv/bin/python tests/benchmarks/run_all.py sync       # modules whose name has "sync"

A benchmark is a module ``tests/benchmarks/bench_*.py`` exposing
``run() -> list[tuple[str, float, str]]``. Add yours there: it is found by its name.
Each module runs in its own interpreter, so one module's imports, threads, Qt application
or peak memory never bend another's figures, and a crash is reported as such.

Every run starts with ``bare_qt_start_s`` (module ``bare_qt``), whatever is selected: the
budgets are for a machine where it is 0.13 s, so each figure is judged after scaling by
``bare_qt_start_s / 0.13`` (printed as ``scale_vs_reference``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PACKAGE = "tests.benchmarks"


def discover(filters: list[str]) -> list[str]:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if filters:
        names = [n for n in names if any(f in n for f in filters)]
    return [f"{PACKAGE}.{n}" for n in names]


def run_module(module: str) -> list[tuple[str, float, str]]:
    """Import ``module`` in a fresh interpreter, call its ``run()``, return the figures."""
    with tempfile.TemporaryDirectory(prefix="sobrus-bench-") as tmp:
        out = Path(tmp) / "figures.json"
        child = (
            "import importlib, json, sys\n"
            f"figures = importlib.import_module({module!r}).run()\n"
            f"open({str(out)!r}, 'w').write(json.dumps([list(f) for f in figures]))\n"
        )
        done = subprocess.run([sys.executable, "-c", child], cwd=ROOT, check=False)
        if done.returncode != 0 or not out.exists():
            raise RuntimeError(f"{module} failed (exit code {done.returncode})")
        return [(str(n), float(v), str(u)) for n, v, u in json.loads(out.read_text())]


def _format(value: float) -> str:
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"


BARE_QT = f"{PACKAGE}.bare_qt"


def main(argv: list[str]) -> int:
    modules = discover(argv)
    if not modules:
        print("no benchmark module found", file=sys.stderr)
        return 2
    modules.insert(0, BARE_QT)
    failures = 0
    for module in modules:
        try:
            figures = run_module(module)
        except RuntimeError as exc:
            print(f"# {exc}", file=sys.stderr)
            failures += 1
            continue
        for name, value, unit in figures:
            print(f"{name} {_format(value)} {unit}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
