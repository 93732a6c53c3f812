"""The real entry point, started as a pharmacist's shortcut would, offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "sobrus_comm", "--data-dir", str(tmp_path / "data"), *args],
        capture_output=True, text=True, timeout=60, env=env, check=False,
    )


def test_screenshot_writes_a_real_png_of_the_main_window(tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    result = _run(["--screenshot", str(shot)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes()[:8] == PNG_MAGIC
    image = QImage(str(shot))
    assert not image.isNull()
    assert image.width() >= 800 and image.height() >= 500
    # Not a blank canvas: a rendered window has many distinct colours.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 10
    # Everything landed under --data-dir, including the log.
    log_text = (tmp_path / "data" / "logs" / "sobrus-comm.log").read_text(encoding="utf-8")
    assert "Démarrage de Sobrus Communications" in log_text


def test_version_prints_without_starting_qt(tmp_path: Path) -> None:
    result = _run(["--version"], tmp_path)
    assert result.returncode == 0
    assert "Sobrus Communications 0.1.0" in result.stdout


def test_demo_screenshot_shows_the_synced_history(tmp_path: Path) -> None:
    shot = tmp_path / "demo.png"
    result = _run(["--demo", "--screenshot", str(shot)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert not QImage(str(shot)).isNull()
    log_text = (tmp_path / "data" / "logs" / "sobrus-comm.log").read_text(encoding="utf-8")
    assert "Connexion de pharmacien" in log_text
    assert "sync done" in log_text
    # The demo's backend and cache live apart from a real pharmacy's cache.
    assert (tmp_path / "data" / "data" / "demo" / "demo-cache.sqlite3").exists()
    assert not (tmp_path / "data" / "data" / "sobrus-comm.sqlite3").exists()
