# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'replies_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QDialog,
    QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QTableView, QVBoxLayout,
    QWidget)

class Ui_RepliesDialog(object):
    def setupUi(self, repliesDialog):
        if not repliesDialog.objectName():
            repliesDialog.setObjectName(u"repliesDialog")
        repliesDialog.resize(760, 520)
        self.repliesLayout = QVBoxLayout(repliesDialog)
        self.repliesLayout.setObjectName(u"repliesLayout")
        self.repliesIntro = QLabel(repliesDialog)
        self.repliesIntro.setObjectName(u"repliesIntro")
        self.repliesIntro.setWordWrap(True)

        self.repliesLayout.addWidget(self.repliesIntro)

        self.repliesFilterLayout = QHBoxLayout()
        self.repliesFilterLayout.setObjectName(u"repliesFilterLayout")
        self.unreadOnlyCheck = QCheckBox(repliesDialog)
        self.unreadOnlyCheck.setObjectName(u"unreadOnlyCheck")

        self.repliesFilterLayout.addWidget(self.unreadOnlyCheck)

        self.repliesFilterSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.repliesFilterLayout.addItem(self.repliesFilterSpacer)

        self.repliesCountLabel = QLabel(repliesDialog)
        self.repliesCountLabel.setObjectName(u"repliesCountLabel")
        self.repliesCountLabel.setStyleSheet(u"color: #555;")

        self.repliesFilterLayout.addWidget(self.repliesCountLabel)


        self.repliesLayout.addLayout(self.repliesFilterLayout)

        self.repliesTable = QTableView(repliesDialog)
        self.repliesTable.setObjectName(u"repliesTable")
        self.repliesTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.repliesTable.setAlternatingRowColors(True)
        self.repliesTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.repliesTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.repliesTable.setWordWrap(False)
        self.repliesTable.horizontalHeader().setStretchLastSection(True)
        self.repliesTable.verticalHeader().setVisible(False)

        self.repliesLayout.addWidget(self.repliesTable)

        self.replyConsentLabel = QLabel(repliesDialog)
        self.replyConsentLabel.setObjectName(u"replyConsentLabel")
        self.replyConsentLabel.setWordWrap(True)

        self.repliesLayout.addWidget(self.replyConsentLabel)

        self.repliesActionsLayout = QHBoxLayout()
        self.repliesActionsLayout.setObjectName(u"repliesActionsLayout")
        self.markReadButton = QPushButton(repliesDialog)
        self.markReadButton.setObjectName(u"markReadButton")
        self.markReadButton.setEnabled(False)
        self.markReadButton.setAutoDefault(False)

        self.repliesActionsLayout.addWidget(self.markReadButton)

        self.showInHistoryButton = QPushButton(repliesDialog)
        self.showInHistoryButton.setObjectName(u"showInHistoryButton")
        self.showInHistoryButton.setEnabled(False)
        self.showInHistoryButton.setAutoDefault(False)

        self.repliesActionsLayout.addWidget(self.showInHistoryButton)

        self.grantConsentButton = QPushButton(repliesDialog)
        self.grantConsentButton.setObjectName(u"grantConsentButton")
        self.grantConsentButton.setEnabled(False)
        self.grantConsentButton.setAutoDefault(False)

        self.repliesActionsLayout.addWidget(self.grantConsentButton)

        self.refuseConsentButton = QPushButton(repliesDialog)
        self.refuseConsentButton.setObjectName(u"refuseConsentButton")
        self.refuseConsentButton.setEnabled(False)
        self.refuseConsentButton.setAutoDefault(False)

        self.repliesActionsLayout.addWidget(self.refuseConsentButton)

        self.repliesActionsSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.repliesActionsLayout.addItem(self.repliesActionsSpacer)

        self.importRegisterButton = QPushButton(repliesDialog)
        self.importRegisterButton.setObjectName(u"importRegisterButton")
        self.importRegisterButton.setAutoDefault(False)

        self.repliesActionsLayout.addWidget(self.importRegisterButton)

        self.exportRegisterButton = QPushButton(repliesDialog)
        self.exportRegisterButton.setObjectName(u"exportRegisterButton")
        self.exportRegisterButton.setAutoDefault(False)

        self.repliesActionsLayout.addWidget(self.exportRegisterButton)

        self.closeButton = QPushButton(repliesDialog)
        self.closeButton.setObjectName(u"closeButton")

        self.repliesActionsLayout.addWidget(self.closeButton)


        self.repliesLayout.addLayout(self.repliesActionsLayout)

        self.repliesStatusLabel = QLabel(repliesDialog)
        self.repliesStatusLabel.setObjectName(u"repliesStatusLabel")
        self.repliesStatusLabel.setWordWrap(True)
        self.repliesStatusLabel.setVisible(False)

        self.repliesLayout.addWidget(self.repliesStatusLabel)


        self.retranslateUi(repliesDialog)

        QMetaObject.connectSlotsByName(repliesDialog)
    # setupUi

    def retranslateUi(self, repliesDialog):
        repliesDialog.setWindowTitle(QCoreApplication.translate("RepliesDialog", u"R\u00e9ponses des clients", None))
        self.repliesIntro.setText(QCoreApplication.translate("RepliesDialog", u"Ce que vos clients ont r\u00e9pondu \u00e0 vos SMS. Une r\u00e9ponse \u00ab STOP \u00bb (ou \u00ab Arr\u00eat \u00bb, \u00ab \u062a\u0648\u0642\u0641 \u00bb\u2026) les d\u00e9sinscrit aussit\u00f4t des promotions ; seul un membre de l'\u00e9quipe peut enregistrer un nouvel accord.", None))
        self.unreadOnlyCheck.setText(QCoreApplication.translate("RepliesDialog", u"Non lues seulement", None))
        self.replyConsentLabel.setText(QCoreApplication.translate("RepliesDialog", u"S\u00e9lectionnez une r\u00e9ponse pour voir le consentement du client.", None))
        self.markReadButton.setText(QCoreApplication.translate("RepliesDialog", u"Marquer comme lu", None))
        self.showInHistoryButton.setText(QCoreApplication.translate("RepliesDialog", u"Ses SMS", None))
#if QT_CONFIG(tooltip)
        self.showInHistoryButton.setToolTip(QCoreApplication.translate("RepliesDialog", u"Filtrer l'historique sur ce client (par son num\u00e9ro)", None))
#endif // QT_CONFIG(tooltip)
        self.grantConsentButton.setText(QCoreApplication.translate("RepliesDialog", u"Accepte les promotions", None))
#if QT_CONFIG(tooltip)
        self.grantConsentButton.setToolTip(QCoreApplication.translate("RepliesDialog", u"Le client a donn\u00e9 son accord (au comptoir) : enregistr\u00e9 avec votre nom et la date", None))
#endif // QT_CONFIG(tooltip)
        self.refuseConsentButton.setText(QCoreApplication.translate("RepliesDialog", u"Refuse", None))
        self.importRegisterButton.setText(QCoreApplication.translate("RepliesDialog", u"Importer un registre\u2026", None))
#if QT_CONFIG(tooltip)
        self.importRegisterButton.setToolTip(QCoreApplication.translate("RepliesDialog", u"Un registre papier saisi dans Excel (CSV) : colonnes \u00ab Client n\u00b0 \u00bb et \u00ab Consentement \u00bb (accord\u00e9 ou refus\u00e9), \u00ab Date \u00bb et \u00ab Note \u00bb si vous les avez", None))
#endif // QT_CONFIG(tooltip)
        self.exportRegisterButton.setText(QCoreApplication.translate("RepliesDialog", u"Exporter le registre\u2026", None))
#if QT_CONFIG(tooltip)
        self.exportRegisterButton.setToolTip(QCoreApplication.translate("RepliesDialog", u"Tous les consentements et leurs preuves (date, membre de l'\u00e9quipe, canal, r\u00e9ponse), en CSV pour Excel", None))
#endif // QT_CONFIG(tooltip)
        self.closeButton.setText(QCoreApplication.translate("RepliesDialog", u"Fermer", None))
    # retranslateUi

