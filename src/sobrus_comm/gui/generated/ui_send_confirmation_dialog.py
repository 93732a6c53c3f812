# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'send_confirmation_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QFrame,
    QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QTableView, QVBoxLayout,
    QWidget)

class Ui_SendConfirmationDialog(object):
    def setupUi(self, sendConfirmationDialog):
        if not sendConfirmationDialog.objectName():
            sendConfirmationDialog.setObjectName(u"sendConfirmationDialog")
        sendConfirmationDialog.resize(740, 620)
        self.confirmationLayout = QVBoxLayout(sendConfirmationDialog)
        self.confirmationLayout.setSpacing(8)
        self.confirmationLayout.setObjectName(u"confirmationLayout")
        self.headlineLabel = QLabel(sendConfirmationDialog)
        self.headlineLabel.setObjectName(u"headlineLabel")

        self.confirmationLayout.addWidget(self.headlineLabel)

        self.recipientCountLabel = QLabel(sendConfirmationDialog)
        self.recipientCountLabel.setObjectName(u"recipientCountLabel")
        self.recipientCountLabel.setStyleSheet(u"font-size: 28px; font-weight: bold; color: #0b3d6b;")

        self.confirmationLayout.addWidget(self.recipientCountLabel)

        self.scopeLabel = QLabel(sendConfirmationDialog)
        self.scopeLabel.setObjectName(u"scopeLabel")
        self.scopeLabel.setWordWrap(True)
        self.scopeLabel.setTextFormat(Qt.RichText)
        self.scopeLabel.setStyleSheet(u"font-size: 14px;")

        self.confirmationLayout.addWidget(self.scopeLabel)

        self.templateSummaryLabel = QLabel(sendConfirmationDialog)
        self.templateSummaryLabel.setObjectName(u"templateSummaryLabel")
        self.templateSummaryLabel.setWordWrap(True)
        self.templateSummaryLabel.setTextFormat(Qt.RichText)

        self.confirmationLayout.addWidget(self.templateSummaryLabel)

        self.creditsLabel = QLabel(sendConfirmationDialog)
        self.creditsLabel.setObjectName(u"creditsLabel")
        self.creditsLabel.setWordWrap(True)
        self.creditsLabel.setTextFormat(Qt.RichText)
        self.creditsLabel.setStyleSheet(u"font-size: 14px;")

        self.confirmationLayout.addWidget(self.creditsLabel)

        self.warningsLabel = QLabel(sendConfirmationDialog)
        self.warningsLabel.setObjectName(u"warningsLabel")
        self.warningsLabel.setVisible(False)
        self.warningsLabel.setWordWrap(True)
        self.warningsLabel.setTextFormat(Qt.RichText)
        self.warningsLabel.setStyleSheet(u"QLabel { background: #fff4ce; color: #5c4400; border: 1px solid #e6c44f; border-radius: 4px; padding: 6px; }")

        self.confirmationLayout.addWidget(self.warningsLabel)

        self.exclusionsTitle = QLabel(sendConfirmationDialog)
        self.exclusionsTitle.setObjectName(u"exclusionsTitle")
        self.exclusionsTitle.setWordWrap(True)
        self.exclusionsTitle.setTextFormat(Qt.RichText)

        self.confirmationLayout.addWidget(self.exclusionsTitle)

        self.exclusionsTable = QTableView(sendConfirmationDialog)
        self.exclusionsTable.setObjectName(u"exclusionsTable")
        self.exclusionsTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.exclusionsTable.setAlternatingRowColors(True)
        self.exclusionsTable.setSelectionMode(QAbstractItemView.NoSelection)
        self.exclusionsTable.setWordWrap(False)
        self.exclusionsTable.horizontalHeader().setStretchLastSection(True)
        self.exclusionsTable.verticalHeader().setVisible(False)

        self.confirmationLayout.addWidget(self.exclusionsTable)

        self.overrideCapsButton = QPushButton(sendConfirmationDialog)
        self.overrideCapsButton.setObjectName(u"overrideCapsButton")
        self.overrideCapsButton.setVisible(False)

        self.confirmationLayout.addWidget(self.overrideCapsButton)

        self.blockedFrame = QFrame(sendConfirmationDialog)
        self.blockedFrame.setObjectName(u"blockedFrame")
        self.blockedFrame.setVisible(False)
        self.blockedFrame.setStyleSheet(u"QFrame#blockedFrame { background: #fce8e6; border: 1px solid #e8a09a; border-radius: 4px; }")
        self.blockedLayout = QHBoxLayout(self.blockedFrame)
        self.blockedLayout.setObjectName(u"blockedLayout")
        self.blockedLabel = QLabel(self.blockedFrame)
        self.blockedLabel.setObjectName(u"blockedLabel")
        self.blockedLabel.setWordWrap(True)
        self.blockedLabel.setTextFormat(Qt.RichText)
        self.blockedLabel.setStyleSheet(u"color: #a50e0e;")

        self.blockedLayout.addWidget(self.blockedLabel)

        self.requestRechargeButton = QPushButton(self.blockedFrame)
        self.requestRechargeButton.setObjectName(u"requestRechargeButton")
        self.requestRechargeButton.setAutoDefault(False)

        self.blockedLayout.addWidget(self.requestRechargeButton)


        self.confirmationLayout.addWidget(self.blockedFrame)

        self.confirmationButtons = QHBoxLayout()
        self.confirmationButtons.setObjectName(u"confirmationButtons")
        self.confirmationSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.confirmationButtons.addItem(self.confirmationSpacer)

        self.cancelButton = QPushButton(sendConfirmationDialog)
        self.cancelButton.setObjectName(u"cancelButton")

        self.confirmationButtons.addWidget(self.cancelButton)

        self.confirmButton = QPushButton(sendConfirmationDialog)
        self.confirmButton.setObjectName(u"confirmButton")
        self.confirmButton.setAutoDefault(False)
        self.confirmButton.setStyleSheet(u"QPushButton { background: #1c6fb8; color: white; font-weight: bold; padding: 6px 18px; border-radius: 4px; }")

        self.confirmationButtons.addWidget(self.confirmButton)


        self.confirmationLayout.addLayout(self.confirmationButtons)


        self.retranslateUi(sendConfirmationDialog)

        self.cancelButton.setDefault(True)


        QMetaObject.connectSlotsByName(sendConfirmationDialog)
    # setupUi

    def retranslateUi(self, sendConfirmationDialog):
        sendConfirmationDialog.setWindowTitle(QCoreApplication.translate("SendConfirmationDialog", u"Confirmer l'envoi", None))
        self.headlineLabel.setText(QCoreApplication.translate("SendConfirmationDialog", u"Vous allez envoyer :", None))
#if QT_CONFIG(tooltip)
        self.overrideCapsButton.setToolTip(QCoreApplication.translate("SendConfirmationDialog", u"D\u00e9rogation pour cet envoi seulement : elle est enregistr\u00e9e avec l'envoi.", None))
#endif // QT_CONFIG(tooltip)
        self.requestRechargeButton.setText(QCoreApplication.translate("SendConfirmationDialog", u"Demander une recharge", None))
        self.cancelButton.setText(QCoreApplication.translate("SendConfirmationDialog", u"Annuler", None))
        self.confirmButton.setText(QCoreApplication.translate("SendConfirmationDialog", u"Confirmer l'envoi", None))
    # retranslateUi

