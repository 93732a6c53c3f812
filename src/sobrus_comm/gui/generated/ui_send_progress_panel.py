# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'send_progress_panel.ui'
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
    QPlainTextEdit, QProgressBar, QPushButton, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_SendProgressPanel(object):
    def setupUi(self, sendProgressPanel):
        if not sendProgressPanel.objectName():
            sendProgressPanel.setObjectName(u"sendProgressPanel")
        sendProgressPanel.resize(760, 150)
        sendProgressPanel.setMinimumSize(QSize(560, 0))
        sendProgressPanel.setFrameShape(QFrame.StyledPanel)
        self.progressLayout = QVBoxLayout(sendProgressPanel)
        self.progressLayout.setSpacing(6)
        self.progressLayout.setObjectName(u"progressLayout")
        self.progressTitle = QLabel(sendProgressPanel)
        self.progressTitle.setObjectName(u"progressTitle")
        self.progressTitle.setWordWrap(True)
        self.progressTitle.setStyleSheet(u"font-weight: bold;")

        self.progressLayout.addWidget(self.progressTitle)

        self.progressHeader = QHBoxLayout()
        self.progressHeader.setObjectName(u"progressHeader")
        self.progressBar = QProgressBar(sendProgressPanel)
        self.progressBar.setObjectName(u"progressBar")
        self.progressBar.setValue(0)

        self.progressHeader.addWidget(self.progressBar)

        self.requestRechargeButton = QPushButton(sendProgressPanel)
        self.requestRechargeButton.setObjectName(u"requestRechargeButton")
        self.requestRechargeButton.setVisible(False)

        self.progressHeader.addWidget(self.requestRechargeButton)

        self.resumeButton = QPushButton(sendProgressPanel)
        self.resumeButton.setObjectName(u"resumeButton")
        self.resumeButton.setVisible(False)

        self.progressHeader.addWidget(self.resumeButton)

        self.cancelSendButton = QPushButton(sendProgressPanel)
        self.cancelSendButton.setObjectName(u"cancelSendButton")

        self.progressHeader.addWidget(self.cancelSendButton)

        self.closePanelButton = QPushButton(sendProgressPanel)
        self.closePanelButton.setObjectName(u"closePanelButton")
        self.closePanelButton.setVisible(False)

        self.progressHeader.addWidget(self.closePanelButton)


        self.progressLayout.addLayout(self.progressHeader)

        self.progressStatus = QLabel(sendProgressPanel)
        self.progressStatus.setObjectName(u"progressStatus")
        self.progressStatus.setWordWrap(True)
        self.progressStatus.setTextFormat(Qt.RichText)

        self.progressLayout.addWidget(self.progressStatus)

        self.failuresList = QPlainTextEdit(sendProgressPanel)
        self.failuresList.setObjectName(u"failuresList")
        self.failuresList.setVisible(False)
        self.failuresList.setReadOnly(True)
        self.failuresList.setMaximumSize(QSize(16777215, 110))

        self.progressLayout.addWidget(self.failuresList)


        self.retranslateUi(sendProgressPanel)

        QMetaObject.connectSlotsByName(sendProgressPanel)
    # setupUi

    def retranslateUi(self, sendProgressPanel):
        self.progressBar.setFormat(QCoreApplication.translate("SendProgressPanel", u"%v / %m", None))
        self.requestRechargeButton.setText(QCoreApplication.translate("SendProgressPanel", u"Demander une recharge", None))
        self.resumeButton.setText(QCoreApplication.translate("SendProgressPanel", u"Reprendre l'envoi", None))
        self.cancelSendButton.setText(QCoreApplication.translate("SendProgressPanel", u"Annuler l'envoi", None))
#if QT_CONFIG(tooltip)
        self.cancelSendButton.setToolTip(QCoreApplication.translate("SendProgressPanel", u"Les SMS pas encore partis ne seront pas envoy\u00e9s ; ceux d\u00e9j\u00e0 envoy\u00e9s ne peuvent pas \u00eatre rappel\u00e9s.", None))
#endif // QT_CONFIG(tooltip)
        self.closePanelButton.setText(QCoreApplication.translate("SendProgressPanel", u"Fermer", None))
        pass
    # retranslateUi

