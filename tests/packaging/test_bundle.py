"""The Linux bundle, built from a clean venv by packaging/build-linux.sh, starts offscreen.

About 25 s here once build/bundle-venv exists, 45 s from nothing (pip's cache warm).
Skipped when the build venv cannot be set up (no package index); any other failure fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from tests.packaging.test_installer import compile_installer, needs_makensis

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NO_PACKAGE_INDEX = 77  # build-linux.sh: the venv could not be set up


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    dist = tmp_path_factory.mktemp("dist")
    result = subprocess.run([str(ROOT / "packaging" / "build-linux.sh")], cwd=ROOT,
                            env={**os.environ, "DIST": str(dist)}, capture_output=True,
                            text=True, timeout=900, check=False)
    if result.returncode == NO_PACKAGE_INDEX:
        pytest.skip(f"bundle venv could not be set up: {result.stderr.strip()[-300:]}")
    assert result.returncode == 0, result.stdout + result.stderr
    yield dist / "SobrusComm"
    shutil.rmtree(dist, ignore_errors=True)  # 140 MB: pytest keeps its last temp folders


def _run(bundle: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle / "SobrusComm"), *args], capture_output=True, text=True,
                          timeout=timeout, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_bundle_starts_offscreen_and_paints_the_main_window(bundle: Path, tmp_path: Path,
                                                            qapp: QApplication) -> None:
    shot = tmp_path / "shot.png"
    # A fresh data folder: the first start also runs the migrations from the bundle.
    result = _run(bundle, "--data-dir", str(tmp_path / "data"), "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert image.width() >= 800 and image.height() >= 500
    colours = {image.pixel(x, y) for x in range(0, image.width(), 9)
               for y in range(0, image.height(), 9)}
    assert len(colours) > 10  # not a blank canvas
    log_text = (tmp_path / "data" / "logs" / "sobrus-comm.log").read_text(encoding="utf-8")
    assert "Traceback" not in log_text


def test_bundle_runs_the_demo_backend_it_carries(bundle: Path, tmp_path: Path) -> None:
    # Demo mode serves the sandbox (Flask) from inside the bundle and syncs from it.
    shot = tmp_path / "demo.png"
    result = _run(bundle, "--demo", "--data-dir", str(tmp_path / "data"), "--screenshot",
                  str(shot))
    assert result.returncode == 0, result.stderr
    assert shot.stat().st_size > 0


def test_bundle_reports_its_version(bundle: Path) -> None:
    result = _run(bundle, "--version", timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith("Sobrus Communications ")


def test_bundle_holds_what_the_app_reads_and_nothing_it_does_not(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert (internal / "resources" / "icons" / "sobrus-comm-256.png").is_file()
    assert list((internal / "ui").glob("*.ui"))
    assert list((internal / "sobrus_comm" / "store" / "migrations" / "versions").glob("*.py"))
    translations = {p.name for p in (internal / "PySide6" / "Qt" / "translations").glob("*.qm")}
    assert "qtbase_fr.qm" in translations  # standard buttons read « Annuler »
    assert all(name.endswith("_fr.qm") for name in translations)
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert (plugins / "platforms" / "libqxcb.so").exists()
    assert (plugins / "platforms" / "libqoffscreen.so").exists()
    assert not (plugins / "platformthemes" / "libqgtk3.so").exists()
    assert not (plugins / "tls").exists()
    for unwanted in ("pytest", "hypothesis", "_pytest", "tkinter", "libcairo.so.2"):
        assert not (internal / unwanted).exists(), unwanted
    assert not (internal / "resources" / "openapi.yaml").exists()


@needs_makensis
def test_installer_script_compiles_against_the_real_bundle(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "SobrusComm-proof-setup.exe"
    result = compile_installer(bundle, out, "-DFAST")
    assert result.returncode == 0, result.stdout + result.stderr
    # Uncompressed, so at least as big as the bundle's Python library.
    libpython = next((bundle / "_internal").glob("libpython3*.so*"))
    assert out.stat().st_size > libpython.stat().st_size
    out.unlink()
