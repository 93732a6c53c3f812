"""The NSIS installer script: compiles strictly, and (under Wine, when present) installs per
machine with both shortcuts, registers its uninstaller, and keeps users' data unless asked.

A stand-in bundle (two small files) keeps these fast; tests/packaging/test_bundle.py compiles
the script against the real Linux bundle.
"""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "windows" / "sobrus-comm.nsi"
MAKENSIS = shutil.which("makensis")
# Debian's wine64 package installs its loader outside PATH.
WINE = shutil.which("wine64") or shutil.which("wine") or (
    "/usr/lib/wine/wine64" if Path("/usr/lib/wine/wine64").exists() else None)

needs_makensis = pytest.mark.skipif(MAKENSIS is None,
                                    reason="makensis not installed (Debian: nsis)")


def compile_installer(bundle: Path, out: Path, *defines: str) -> subprocess.CompletedProcess[str]:
    assert MAKENSIS is not None
    return subprocess.run(
        [MAKENSIS, "-V2", "-WX", "-DVERSION=0.1.0", f"-DBUNDLE_DIR={bundle}",
         f"-DOUTFILE={out}", *defines, str(SCRIPT)],
        capture_output=True, text=True, timeout=300, check=False)


def fake_bundle(folder: Path) -> Path:
    (folder / "_internal").mkdir(parents=True)
    (folder / "SobrusComm.exe").write_bytes(b"MZ stand-in")
    (folder / "_internal" / "base_library.zip").write_bytes(b"stand-in")
    return folder


@needs_makensis
def test_script_compiles_without_a_warning(tmp_path: Path) -> None:
    out = tmp_path / "SobrusComm-test-setup.exe"
    result = compile_installer(fake_bundle(tmp_path / "bundle"), out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes()[:2] == b"MZ"


@needs_makensis
def test_script_refuses_to_build_without_a_version(tmp_path: Path) -> None:
    assert MAKENSIS is not None
    result = subprocess.run([MAKENSIS, "-V2", str(SCRIPT)], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode != 0
    assert "VERSION" in result.stdout + result.stderr


@dataclass
class Wine:
    prefix: Path

    def run(self, *args: str, wait_all: bool = False) -> None:
        env = {**os.environ, "WINEPREFIX": str(self.prefix), "WINEDEBUG": "-all"}
        assert WINE is not None
        subprocess.run([WINE, *args], env=env, capture_output=True, timeout=120, check=False)
        if not wait_all:
            return
        # The uninstaller re-launches itself from %TEMP%: wait for every Wine process.
        server = Path(WINE).with_name("wineserver64")
        server = server if server.exists() else Path(shutil.which("wineserver") or "wineserver")
        subprocess.run([str(server), "-w"], env=env, timeout=120, check=False)

    def reg_query(self, key: str) -> str:
        env = {**os.environ, "WINEPREFIX": str(self.prefix), "WINEDEBUG": "-all"}
        assert WINE is not None
        done = subprocess.run([WINE, "reg", "query", key], env=env, capture_output=True,
                              text=True, timeout=60, check=False)
        return done.stdout if done.returncode == 0 else ""

    @property
    def c(self) -> Path:
        return self.prefix / "drive_c"


@pytest.fixture(scope="module")
def wine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wine]:
    if WINE is None or MAKENSIS is None:
        pytest.skip("Wine or makensis not installed (Debian: wine64, nsis)")
    box = Wine(tmp_path_factory.mktemp("wine") / "prefix")
    box.run("wineboot", "-i")
    yield box


UNINSTALL_KEY = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\SobrusComm"


@pytest.mark.slow
def test_install_then_uninstall_keeps_data_unless_purged(wine: Wine, tmp_path: Path) -> None:
    setup = tmp_path / "SobrusComm-test-setup.exe"
    assert compile_installer(fake_bundle(tmp_path / "bundle"), setup, "-DFAST").returncode == 0
    app_dir = wine.c / "Program Files" / "Sobrus Communications"
    uninstaller = r"C:\Program Files\Sobrus Communications\Desinstaller.exe"

    wine.run(str(setup), "/S")
    assert (app_dir / "SobrusComm.exe").exists()
    # Per machine: the shortcuts are every user's, not the installing administrator's.
    assert (wine.c / "users/Public/Desktop/Sobrus Communications.lnk").exists()
    assert (wine.c / "ProgramData/Microsoft/Windows/Start Menu/Programs"
            / "Sobrus Communications.lnk").exists()
    key = wine.reg_query(UNINSTALL_KEY)
    assert "Desinstaller.exe" in key and "DisplayVersion" in key and "0.1.0" in key

    # An update removes stale program files (never user data).
    stale = app_dir / "_internal" / "stale_module.pyc"
    stale.write_bytes(b"old")
    wine.run(str(setup), "/S")
    assert not stale.exists()

    data = wine.c / "users" / getpass.getuser() / "AppData/Local/Sobrus/SobrusComm"
    (data / "data").mkdir(parents=True)
    (data / "data" / "sobrus-comm.sqlite3").write_bytes(b"history")

    wine.run(uninstaller, "/S", wait_all=True)
    assert not app_dir.exists()
    assert not (wine.c / "users/Public/Desktop/Sobrus Communications.lnk").exists()
    assert wine.reg_query(UNINSTALL_KEY) == ""
    assert (data / "data" / "sobrus-comm.sqlite3").read_bytes() == b"history"

    wine.run(str(setup), "/S")
    wine.run(uninstaller, "/S", "/PURGE", wait_all=True)
    assert not data.exists()
