# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'message_preview.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel,
    QPlainTextEdit, QPushButton, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_MessagePreview(object):
    def setupUi(self, messagePreviewPane):
        if not messagePreviewPane.objectName():
            messagePreviewPane.setObjectName(u"messagePreviewPane")
        messagePreviewPane.resize(380, 240)
        self.messagePreviewLayout = QVBoxLayout(messagePreviewPane)
        self.messagePreviewLayout.setObjectName(u"messagePreviewLayout")
        self.messagePreviewLayout.setContentsMargins(0, 0, 0, 0)
        self.previewColumnsLayout = QHBoxLayout()
        self.previewColumnsLayout.setObjectName(u"previewColumnsLayout")
        self.firstPreviewColumn = QVBoxLayout()
        self.firstPreviewColumn.setObjectName(u"firstPreviewColumn")
        self.previewRecipientLabel = QLabel(messagePreviewPane)
        self.previewRecipientLabel.setObjectName(u"previewRecipientLabel")
        self.previewRecipientLabel.setWordWrap(True)
        self.previewRecipientLabel.setStyleSheet(u"color: #555;")

        self.firstPreviewColumn.addWidget(self.previewRecipientLabel)

        self.messagePreview = QPlainTextEdit(messagePreviewPane)
        self.messagePreview.setObjectName(u"messagePreview")
        self.messagePreview.setReadOnly(True)
        self.messagePreview.setStyleSheet(u"QPlainTextEdit { background: #e9f2fb; border: 1px solid #b9d3ec; border-radius: 8px; padding: 6px; font-size: 13px; }")

        self.firstPreviewColumn.addWidget(self.messagePreview)

        self.segmentCounter = QLabel(messagePreviewPane)
        self.segmentCounter.setObjectName(u"segmentCounter")
        self.segmentCounter.setWordWrap(True)

        self.firstPreviewColumn.addWidget(self.segmentCounter)


        self.previewColumnsLayout.addLayout(self.firstPreviewColumn)

        self.secondPreviewColumn = QWidget(messagePreviewPane)
        self.secondPreviewColumn.setObjectName(u"secondPreviewColumn")
        self.secondPreviewColumn.setVisible(False)
        self.secondPreviewLayout = QVBoxLayout(self.secondPreviewColumn)
        self.secondPreviewLayout.setObjectName(u"secondPreviewLayout")
        self.secondPreviewLayout.setContentsMargins(0, 0, 0, 0)
        self.secondRecipientLabel = QLabel(self.secondPreviewColumn)
        self.secondRecipientLabel.setObjectName(u"secondRecipientLabel")
        self.secondRecipientLabel.setWordWrap(True)
        self.secondRecipientLabel.setStyleSheet(u"color: #555;")

        self.secondPreviewLayout.addWidget(self.secondRecipientLabel)

        self.secondMessagePreview = QPlainTextEdit(self.secondPreviewColumn)
        self.secondMessagePreview.setObjectName(u"secondMessagePreview")
        self.secondMessagePreview.setReadOnly(True)
        self.secondMessagePreview.setStyleSheet(u"QPlainTextEdit { background: #e9f2fb; border: 1px solid #b9d3ec; border-radius: 8px; padding: 6px; font-size: 13px; }")

        self.secondPreviewLayout.addWidget(self.secondMessagePreview)

        self.secondSegmentCounter = QLabel(self.secondPreviewColumn)
        self.secondSegmentCounter.setObjectName(u"secondSegmentCounter")
        self.secondSegmentCounter.setWordWrap(True)

        self.secondPreviewLayout.addWidget(self.secondSegmentCounter)


        self.previewColumnsLayout.addWidget(self.secondPreviewColumn)


        self.messagePreviewLayout.addLayout(self.previewColumnsLayout)

        self.unicodeFrame = QFrame(messagePreviewPane)
        self.unicodeFrame.setObjectName(u"unicodeFrame")
        self.unicodeFrame.setVisible(False)
        self.unicodeFrame.setStyleSheet(u"QFrame#unicodeFrame { background: #fff4ce; border: 1px solid #e6c44f; border-radius: 4px; }")
        self.unicodeLayout = QVBoxLayout(self.unicodeFrame)
        self.unicodeLayout.setObjectName(u"unicodeLayout")
        self.unicodeLayout.setContentsMargins(6, 4, 6, 4)
        self.unicodeHint = QLabel(self.unicodeFrame)
        self.unicodeHint.setObjectName(u"unicodeHint")
        self.unicodeHint.setWordWrap(True)

        self.unicodeLayout.addWidget(self.unicodeHint)

        self.replaceUnicodeButton = QPushButton(self.unicodeFrame)
        self.replaceUnicodeButton.setObjectName(u"replaceUnicodeButton")
        self.replaceUnicodeButton.setAutoDefault(False)

        self.unicodeLayout.addWidget(self.replaceUnicodeButton)


        self.messagePreviewLayout.addWidget(self.unicodeFrame)


        self.retranslateUi(messagePreviewPane)

        QMetaObject.connectSlotsByName(messagePreviewPane)
    # setupUi

    def retranslateUi(self, messagePreviewPane):
        self.replaceUnicodeButton.setText(QCoreApplication.translate("MessagePreview", u"Remplacer par des caract\u00e8res simples", None))
        pass
    # retranslateUi

