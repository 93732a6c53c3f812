"""The « Statut » column as a coloured badge with the French label."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from sobrus_comm.gui.history_model import STATUS_ROLE

# (background, text): readable on white and on the selection colour.
BADGE_COLOURS: dict[str, tuple[str, str]] = {
    "pending": ("#e8eaed", "#3c4043"),
    "queued": ("#e8eaed", "#3c4043"),
    "sent": ("#d2e3fc", "#174ea6"),
    "delivered": ("#ceead6", "#0d652d"),
    "failed": ("#fad2cf", "#a50e0e"),
    "rejected": ("#fad2cf", "#a50e0e"),
    "cancelled": ("#f1f3f4", "#5f6368"),
}


class StatusBadgeDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        # Draw the cell background (selection, alternate rows) without the text.
        self.initStyleOption(option, index)
        text = option.text
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter,
                              option.widget)
        background, foreground = BADGE_COLOURS.get(index.data(STATUS_ROLE) or "",
                                                   ("#e8eaed", "#3c4043"))
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(text) + 16
        height = metrics.height() + 4
        rect = QRectF(option.rect.left() + 6, option.rect.center().y() - height / 2 + 0.5,
                      min(width, option.rect.width() - 8), height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(QColor(foreground))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
