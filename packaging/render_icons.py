"""Renders the app icon (resources/icons/sobrus-comm.svg) to PNGs and a Windows .ico.

    .venv/bin/python packaging/render_icons.py        # rewrites resources/icons/*.png, *.ico

Run it after editing the SVG and commit the results: the bundle, the .desktop entry and the
installer use the committed files, so no build needs Qt's SVG renderer at build time.

The .ico is written here rather than with Pillow (not a dependency) or Qt's ICO plugin (which
writes one image only). Sizes up to 48 px are stored as 32-bit BMPs, which every Windows
shell and resource tool reads; 64 px and up as PNG (Windows Vista and later), which keeps the
256 px image small.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
NAME = "sobrus-comm"
SIZES = (16, 24, 32, 48, 64, 128, 256)
BMP_MAX = 48  # larger entries are stored as PNG


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def bmp_entry(image: QImage) -> bytes:
    """An ICO image as a DIB: BITMAPINFOHEADER, BGRA rows bottom-up, then the AND mask."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)  # BGRA bytes in memory
    width, height = image.width(), image.height()
    # Height counts the XOR and AND bitmaps together, as the ICO format requires.
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    row_bytes = width * 4
    pixels = bytes(image.constBits())
    stride = image.bytesPerLine()
    xor = b"".join(pixels[y * stride:y * stride + row_bytes] for y in reversed(range(height)))
    # The alpha channel carries transparency; the 1-bit mask stays all-opaque, padded to 32 bits.
    mask_row = ((width + 31) // 32) * 4
    return header + xor + bytes(mask_row * height)


def ico_bytes(images: dict[int, QImage]) -> bytes:
    entries = [(size, bmp_entry(img) if size <= BMP_MAX else png_bytes(img))
               for size, img in sorted(images.items())]
    out = struct.pack("<HHH", 0, 1, len(entries))  # reserved, type 1 = icon, count
    offset = 6 + 16 * len(entries)
    for size, data in entries:
        dim = 0 if size >= 256 else size  # 0 means 256 in a directory entry
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _, data in entries)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts, paint
    renderer = QSvgRenderer(str(ICONS / f"{NAME}.svg"))
    if not renderer.isValid():
        print(f"invalid SVG: {ICONS / f'{NAME}.svg'}", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in SIZES}
    for size, image in images.items():
        (ICONS / f"{NAME}-{size}.png").write_bytes(png_bytes(image))
    (ICONS / f"{NAME}.ico").write_bytes(ico_bytes(images))
    print(f"wrote {len(images)} PNGs and {NAME}.ico in {ICONS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
