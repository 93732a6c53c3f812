"""The monthly credit statement printed to a one-page A4 PDF (Qt's own PDF writer).

The page's content is the credit service's HTML; it is laid out at screen resolution and
scaled down when a busy month would not fit, so the accountant always gets one page.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

LAYOUT_DPI = 96  # the HTML's sizes are meant for this
MARGIN_MM = 14


def write_statement_pdf(html: str, path: Path, title: str) -> None:
    """Write ``html`` as one A4 page at ``path``; raises OSError when it cannot be written."""
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Sobrus Communications")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                          QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    to_device = writer.resolution() / LAYOUT_DPI
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    doc.setTextWidth(page.width() / to_device)
    height = doc.size().height()
    fit = min(1.0, (page.height() / to_device) / height) if height > 0 else 1.0
    if fit < 1.0:  # a busy month: lay it out wider, then shrink the whole page to fit
        doc.setTextWidth(page.width() / (to_device * fit))
        fit = min(fit, (page.height() / to_device) / doc.size().height())
    doc.setPageSize(QSizeF(doc.textWidth(), doc.size().height()))
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {path}")
    try:
        painter.scale(to_device * fit, to_device * fit)
        doc.drawContents(painter)
    finally:
        painter.end()
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(f"cannot write {path}")
