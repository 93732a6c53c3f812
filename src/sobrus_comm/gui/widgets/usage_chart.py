"""Credits used per month, as small bars drawn with QPainter (QtCharts is not in Essentials)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.services.recharge import MonthUsage

BAR = QColor("#5b8fc7")
BAR_CURRENT = QColor("#1f5fa6")
AXIS = QColor("#b0b0b0")
TEXT = QColor("#444444")
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_SIDE = 18, 20, 6


def _credits_fr(n: int) -> str:
    return f"{format_count(n)} crédit{'s' if n > 1 else ''}"


class UsageChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._usage: list[MonthUsage] = []
        self.setMinimumSize(320, 140)

    def set_usage(self, usage: Sequence[MonthUsage]) -> None:
        self._usage = list(usage)
        total = sum(u.credits for u in self._usage)
        self.setAccessibleDescription(
            "; ".join(f"{u.label_fr} {u.year} : {_credits_fr(u.credits)}" for u in self._usage)
            + f". Total : {_credits_fr(total)}.")
        self.update()

    def usage(self) -> list[MonthUsage]:
        return list(self._usage)

    def sizeHint(self) -> QSize:
        return QSize(520, 170)

    def _bar_rects(self) -> list[QRectF]:
        n = len(self._usage)
        if not n:
            return []
        peak = max(u.credits for u in self._usage) or 1
        width = (self.width() - 2 * MARGIN_SIDE) / n
        base = self.height() - MARGIN_BOTTOM
        usable = base - MARGIN_TOP
        rects = []
        for i, u in enumerate(self._usage):
            h = usable * u.credits / peak
            x = MARGIN_SIDE + i * width + width * 0.15
            rects.append(QRectF(x, base - h, width * 0.7, h))
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = self.height() - MARGIN_BOTTOM
        painter.setPen(AXIS)
        painter.drawLine(MARGIN_SIDE, base, self.width() - MARGIN_SIDE, base)
        if not any(u.credits for u in self._usage):
            painter.setPen(TEXT)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "Aucun SMS envoyé sur les 12 derniers mois")
            painter.end()
            return
        small = painter.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1.5))
        painter.setFont(small)
        last = len(self._usage) - 1
        for i, (u, rect) in enumerate(zip(self._usage, self._bar_rects(), strict=True)):
            painter.fillRect(rect, BAR_CURRENT if i == last else BAR)
            painter.setPen(TEXT)
            column = QRectF(rect.x() - rect.width() * 0.3, 0, rect.width() * 1.6, 0)
            label = QRectF(column.x(), base + 2, column.width(), MARGIN_BOTTOM - 2)
            painter.drawText(label, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             u.label_fr)
            if u.credits:
                value = QRectF(column.x(), rect.top() - 16, column.width(), 15)
                painter.drawText(value, Qt.AlignmentFlag.AlignHCenter
                                 | Qt.AlignmentFlag.AlignBottom, format_count(u.credits))
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            x = event.pos().x()
            for u, rect in zip(self._usage, self._bar_rects(), strict=True):
                if rect.left() - 4 <= x <= rect.right() + 4:
                    QToolTip.showText(event.globalPos(),
                                      f"{u.label_fr} {u.year} : {_credits_fr(u.credits)}", self)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)
