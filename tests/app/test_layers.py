"""The arrows of docs' architecture, enforced: every import of src/ is read (AST, including
imports inside functions and under ``TYPE_CHECKING``) and checked against the layer rules.

    gui/      -> services/, domain/ (never store/ nor backend/)
    workers/  -> services/, store/, backend/, domain/ (never gui/)
    services/ -> store/, backend/, domain/ (never Qt, gui/ nor workers/)
    store/, backend/ -> domain/ (never Qt, services/, workers/, gui/)
    domain/   -> nothing with I/O, nothing of the app but domain/
    and no import cycle anywhere in src/.

Each rule is also run on a planted violation, so that the test is known to fail.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = "sobrus_comm"

QT = ("PySide6", "shiboken6")
# What domain/ may import: the standard library's pure parts, phonenumbers, and itself.
DOMAIN_ALLOWED = frozenset({
    "__future__", "collections", "dataclasses", "datetime", "decimal", "difflib", "enum",
    "functools", "itertools", "math", "operator", "re", "string", "typing", "unicodedata",
    "abc", "bisect", "fractions", "heapq", "numbers", "textwrap", "types", "uuid",
    "phonenumbers", f"{PACKAGE}.domain",
    "array",  # typed columns in memory (reads and writes files only when handed one)
})


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # the imported module, dotted (``from a import b`` gives a.b when a.b is one)
    line: int


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(source: str, module: str, *, is_package: bool = False,
               known: Iterable[str] = ()) -> Iterator[Import]:
    known_set = set(known)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                yield Import(module, sub if sub in known_set else base, node.lineno)


def project_imports(root: Path = SRC) -> list[Import]:
    files = sorted((root / PACKAGE).rglob("*.py"))
    names = {module_name(f, root): f for f in files}
    found: list[Import] = []
    for name, path in names.items():
        found.extend(imports_of(path.read_text(encoding="utf-8"), name,
                                is_package=path.name == "__init__.py", known=names))
    return found


def _in(target: str, *prefixes: str) -> bool:
    return any(target == p or target.startswith(p + ".") for p in prefixes)


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == PACKAGE else None


def violations(imports: Iterable[Import]) -> list[str]:
    """Every import that points the wrong way, as « module:line -> target (rule) »."""
    pkg = PACKAGE
    bad: list[str] = []
    for imp in dict.fromkeys(imports):  # ``from a import b, c`` may give a twice
        layer, target = _layer(imp.module), imp.target
        rule = None
        if layer == "gui" and _in(target, f"{pkg}.store", f"{pkg}.backend"):
            rule = "gui/ talks to services/, never to store/ or backend/"
        elif layer == "workers" and _in(target, f"{pkg}.gui"):
            rule = "workers/ never import gui/"
        elif layer == "services" and (_in(target, *QT, f"{pkg}.gui", f"{pkg}.workers")):
            rule = "services/ are Qt-free and below the GUI"
        elif layer in ("store", "backend") and _in(
                target, *QT, f"{pkg}.gui", f"{pkg}.workers", f"{pkg}.services"):
            rule = f"{layer}/ is below services/ and Qt-free"
        elif layer == "domain" and not _in(target, *DOMAIN_ALLOWED):
            rule = "domain/ imports nothing with I/O nor other layers"
        if rule:
            bad.append(f"{imp.module}:{imp.line} -> {target} ({rule})")
    return bad


def cycles(imports: Iterable[Import]) -> list[list[str]]:
    """Strongly connected groups of project modules (Tarjan): each one is a circle."""
    graph: dict[str, set[str]] = {}
    for imp in imports:
        if _in(imp.target, PACKAGE) and imp.target != imp.module:
            # A package's __init__ importing its own submodules is not a circle.
            if imp.target.startswith(imp.module + "."):
                continue
            graph.setdefault(imp.module, set()).add(imp.target)
            graph.setdefault(imp.target, set())
    return _strongly_connected(graph)


def _strongly_connected(graph: Mapping[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                group.append(item)
                if item == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


# --- the real source ------------------------------------------------------------------------


GUI_RULE = "gui/ talks to services/"


def test_every_import_points_down_below_the_gui() -> None:
    assert [v for v in violations(project_imports()) if GUI_RULE not in v] == []


def test_the_gui_imports_neither_store_nor_backend() -> None:
    assert [v for v in violations(project_imports()) if GUI_RULE in v] == []


def test_no_import_cycle_in_src() -> None:
    assert cycles(project_imports()) == []


def test_the_scan_sees_the_whole_source() -> None:
    """A scan that reads nothing passes everything: make sure it reads every layer."""
    layers = {_layer(i.module) for i in project_imports()}
    assert {"gui", "workers", "services", "store", "backend", "domain"} <= layers


# --- planted violations: each rule can fail -------------------------------------------------


def _scan(module: str, source: str, known: Iterable[str] = ()) -> list[str]:
    return violations(imports_of(source, module, known=known))


@pytest.mark.parametrize(("module", "source"), [
    ("sobrus_comm.gui.x", "from sobrus_comm.store.db import Database"),
    ("sobrus_comm.gui.x", "def f():\n    from sobrus_comm.backend.api import SobrusApi"),
    ("sobrus_comm.gui.x", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                          "    import sobrus_comm.store"),
    ("sobrus_comm.gui.settings.x", "from ...store import Database"),
    ("sobrus_comm.workers.x", "from sobrus_comm.gui.main_window import MainWindow"),
    ("sobrus_comm.services.x", "from PySide6.QtCore import QObject"),
    ("sobrus_comm.services.x", "from sobrus_comm.workers.task import Task"),
    ("sobrus_comm.store.x", "from sobrus_comm.services.outbox import OutboxService"),
    ("sobrus_comm.backend.x", "import PySide6"),
    ("sobrus_comm.domain.x", "import sqlite3"),
    ("sobrus_comm.domain.x", "import os"),
    ("sobrus_comm.domain.x", "from pathlib import Path"),
    ("sobrus_comm.domain.x", "import requests"),
    ("sobrus_comm.domain.x", "from sobrus_comm.store.outbox import OutboxRow"),
])
def test_a_planted_violation_is_caught(module: str, source: str) -> None:
    assert len(_scan(module, source)) == 1


@pytest.mark.parametrize(("module", "source"), [
    ("sobrus_comm.gui.x", "from sobrus_comm.services.campaigns import CampaignService"),
    ("sobrus_comm.gui.x", "from sobrus_comm.domain.models import Client"),
    ("sobrus_comm.workers.x", "from sobrus_comm.store.db import Database"),
    ("sobrus_comm.services.x", "from sobrus_comm.store.db import Database"),
    ("sobrus_comm.domain.x", "from decimal import Decimal\nimport phonenumbers"),
    ("sobrus_comm.domain.x", "from . import models"),
])
def test_allowed_imports_pass(module: str, source: str) -> None:
    assert _scan(module, source) == []


def test_a_planted_cycle_is_caught() -> None:
    imports = [
        *imports_of("from sobrus_comm.gui import b", "sobrus_comm.gui.a",
                    known={"sobrus_comm.gui.b"}),
        *imports_of("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                    "    from sobrus_comm.gui.a import A", "sobrus_comm.gui.b"),
        *imports_of("import sobrus_comm.gui.a", "sobrus_comm.gui.c"),
    ]
    assert cycles(imports) == [["sobrus_comm.gui.a", "sobrus_comm.gui.b"]]


def test_a_planted_violation_in_a_file_tree_is_caught(tmp_path: Path) -> None:
    """The scan of a source tree (not only of a string) finds what was planted in it."""
    pkg = tmp_path / PACKAGE
    for sub in ("gui", "store"):
        (pkg / sub).mkdir(parents=True)
        (pkg / sub / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "store" / "db.py").write_text("X = 1\n", encoding="utf-8")
    (pkg / "gui" / "w.py").write_text("from sobrus_comm.store import db\n", encoding="utf-8")
    found = violations(project_imports(tmp_path))
    assert found == ["sobrus_comm.gui.w:1 -> sobrus_comm.store.db "
                     "(gui/ talks to services/, never to store/ or backend/)"]
