"""ui/*.ui are the source of truth: the generated modules must match them exactly."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "src" / "sobrus_comm" / "gui" / "generated"


def _uic() -> str:
    found = shutil.which("pyside6-uic") or str(Path(__import__("sys").executable).parent
                                               / "pyside6-uic")
    return found


@pytest.mark.parametrize("ui_file", sorted((ROOT / "ui").glob("*.ui")), ids=lambda p: p.name)
def test_generated_module_is_up_to_date(ui_file: Path, tmp_path: Path) -> None:
    out = tmp_path / f"ui_{ui_file.stem}.py"
    subprocess.run([_uic(), str(ui_file), "-o", str(out)], check=True, timeout=60)
    committed = GENERATED / out.name
    assert committed.exists(), f"run scripts/compile-ui: {committed.name} is missing"
    assert _code(committed) == _code(out), f"{committed.name} is stale: run scripts/compile-ui"


def _code(path: Path) -> list[str]:
    # The header names the uic version: a Qt upgrade alone must not fail the check.
    return [line for line in path.read_text(encoding="utf-8").splitlines()
            if not line.startswith("## Created by: Qt User Interface Compiler")]
