"""The app icon files (PNG sizes, the Windows .ico) and the Linux desktop entry."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from sobrus_comm.gui.icons import ICON_SIZES, app_icon, icon_dir

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "resources" / "linux" / "sobrus-comm.desktop"


def test_svg_source_is_valid(qapp: QApplication) -> None:
    assert QSvgRenderer(str(icon_dir() / "sobrus-comm.svg")).isValid()


@pytest.mark.parametrize("size", ICON_SIZES)
def test_png_has_its_size_and_transparent_corners(qapp: QApplication, size: int) -> None:
    image = QImage(str(icon_dir() / f"sobrus-comm-{size}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    assert image.pixelColor(size - 1, 0).alpha() == 0  # a bubble, not a square tile
    assert image.pixelColor(size // 2, size // 2).alpha() == 255


def test_ico_holds_every_size_readable_by_qt(qapp: QApplication) -> None:
    path = icon_dir() / "sobrus-comm.ico"
    reserved, kind, count = struct.unpack("<HHH", path.read_bytes()[:6])
    assert (reserved, kind, count) == (0, 1, len(ICON_SIZES))
    reader = QImageReader(str(path))
    sizes = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        sizes.append(image.width())
    assert sorted(sizes) == sorted(ICON_SIZES)


def test_app_icon_offers_every_size(qapp: QApplication) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} == set(ICON_SIZES)
    assert icon.pixmap(QSize(16, 16)).width() == 16


def test_desktop_entry_launches_the_app_with_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name"] == "Sobrus Communications"
    assert section["Exec"] == "sobrus-comm"  # the gui-script of pyproject.toml
    assert section["Icon"] == "sobrus-comm"
    assert section["Terminal"] == "false"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate not installed (Debian: desktop-file-utils)")
def test_desktop_entry_passes_the_freedesktop_validator() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
