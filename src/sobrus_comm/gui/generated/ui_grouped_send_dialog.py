# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'grouped_send_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDialog,
    QDoubleSpinBox, QFrame, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QRadioButton, QSizePolicy, QSpacerItem, QSplitter,
    QTableView, QVBoxLayout, QWidget)

from sobrus_comm.gui.widgets.message_preview import MessagePreview
from sobrus_comm.gui.widgets.template_editor import TemplateBodyEditor

class Ui_GroupedSendDialog(object):
    def setupUi(self, groupedSendDialog):
        if not groupedSendDialog.objectName():
            groupedSendDialog.setObjectName(u"groupedSendDialog")
        groupedSendDialog.resize(1180, 720)
        self.dialogLayout = QVBoxLayout(groupedSendDialog)
        self.dialogLayout.setSpacing(8)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.noticeLabel = QLabel(groupedSendDialog)
        self.noticeLabel.setObjectName(u"noticeLabel")
        self.noticeLabel.setVisible(False)
        self.noticeLabel.setWordWrap(True)
        self.noticeLabel.setTextFormat(Qt.RichText)
        self.noticeLabel.setStyleSheet(u"QLabel { background: #fff4ce; color: #5c4400; border: 1px solid #e6c44f; border-radius: 4px; padding: 6px; }")

        self.dialogLayout.addWidget(self.noticeLabel)

        self.choicesLayout = QHBoxLayout()
        self.choicesLayout.setSpacing(12)
        self.choicesLayout.setObjectName(u"choicesLayout")
        self.communicationTypeLabel = QLabel(groupedSendDialog)
        self.communicationTypeLabel.setObjectName(u"communicationTypeLabel")

        self.choicesLayout.addWidget(self.communicationTypeLabel)

        self.communicationTypeCombo = QComboBox(groupedSendDialog)
        self.communicationTypeCombo.setObjectName(u"communicationTypeCombo")

        self.choicesLayout.addWidget(self.communicationTypeCombo)

        self.objectiveGroup = QGroupBox(groupedSendDialog)
        self.objectiveGroup.setObjectName(u"objectiveGroup")
        self.objectiveLayout = QHBoxLayout(self.objectiveGroup)
        self.objectiveLayout.setObjectName(u"objectiveLayout")
        self.objectiveLayout.setContentsMargins(-1, 4, -1, 4)
        self.objectiveBalanceReminder = QRadioButton(self.objectiveGroup)
        self.objectiveBalanceReminder.setObjectName(u"objectiveBalanceReminder")

        self.objectiveLayout.addWidget(self.objectiveBalanceReminder)

        self.objectiveCustomTemplate = QRadioButton(self.objectiveGroup)
        self.objectiveCustomTemplate.setObjectName(u"objectiveCustomTemplate")
        self.objectiveCustomTemplate.setChecked(True)

        self.objectiveLayout.addWidget(self.objectiveCustomTemplate)


        self.choicesLayout.addWidget(self.objectiveGroup)

        self.templateLabel = QLabel(groupedSendDialog)
        self.templateLabel.setObjectName(u"templateLabel")

        self.choicesLayout.addWidget(self.templateLabel)

        self.templateCombo = QComboBox(groupedSendDialog)
        self.templateCombo.setObjectName(u"templateCombo")
        self.templateCombo.setMinimumSize(QSize(260, 0))
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.templateCombo.sizePolicy().hasHeightForWidth())
        self.templateCombo.setSizePolicy(sizePolicy)

        self.choicesLayout.addWidget(self.templateCombo)


        self.dialogLayout.addLayout(self.choicesLayout)

        self.mainSplitter = QSplitter(groupedSendDialog)
        self.mainSplitter.setObjectName(u"mainSplitter")
        self.mainSplitter.setOrientation(Qt.Horizontal)
        self.mainSplitter.setChildrenCollapsible(False)
        self.recipientsPane = QWidget(self.mainSplitter)
        self.recipientsPane.setObjectName(u"recipientsPane")
        self.recipientsLayout = QVBoxLayout(self.recipientsPane)
        self.recipientsLayout.setObjectName(u"recipientsLayout")
        self.recipientsLayout.setContentsMargins(0, 0, 4, 0)
        self.recipientsTitle = QLabel(self.recipientsPane)
        self.recipientsTitle.setObjectName(u"recipientsTitle")
        self.recipientsTitle.setStyleSheet(u"font-weight: bold; font-size: 14px;")

        self.recipientsLayout.addWidget(self.recipientsTitle)

        self.filterLayout = QHBoxLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.clientSearch = QLineEdit(self.recipientsPane)
        self.clientSearch.setObjectName(u"clientSearch")
        self.clientSearch.setClearButtonEnabled(True)

        self.filterLayout.addWidget(self.clientSearch)

        self.minBalanceLabel = QLabel(self.recipientsPane)
        self.minBalanceLabel.setObjectName(u"minBalanceLabel")

        self.filterLayout.addWidget(self.minBalanceLabel)

        self.minBalanceSpin = QDoubleSpinBox(self.recipientsPane)
        self.minBalanceSpin.setObjectName(u"minBalanceSpin")
        self.minBalanceSpin.setDecimals(2)
        self.minBalanceSpin.setMaximum(1000000.000000000000000)
        self.minBalanceSpin.setSingleStep(50.000000000000000)

        self.filterLayout.addWidget(self.minBalanceSpin)


        self.recipientsLayout.addLayout(self.filterLayout)

        self.checkLayout = QHBoxLayout()
        self.checkLayout.setObjectName(u"checkLayout")
        self.checkAllButton = QPushButton(self.recipientsPane)
        self.checkAllButton.setObjectName(u"checkAllButton")
        self.checkAllButton.setAutoDefault(False)

        self.checkLayout.addWidget(self.checkAllButton)

        self.uncheckAllButton = QPushButton(self.recipientsPane)
        self.uncheckAllButton.setObjectName(u"uncheckAllButton")
        self.uncheckAllButton.setAutoDefault(False)

        self.checkLayout.addWidget(self.uncheckAllButton)

        self.checkSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.checkLayout.addItem(self.checkSpacer)

        self.shownCountLabel = QLabel(self.recipientsPane)
        self.shownCountLabel.setObjectName(u"shownCountLabel")
        self.shownCountLabel.setAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.shownCountLabel.setStyleSheet(u"color: #555;")

        self.checkLayout.addWidget(self.shownCountLabel)


        self.recipientsLayout.addLayout(self.checkLayout)

        self.clientList = QTableView(self.recipientsPane)
        self.clientList.setObjectName(u"clientList")
        self.clientList.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.clientList.setAlternatingRowColors(True)
        self.clientList.setSelectionMode(QAbstractItemView.SingleSelection)
        self.clientList.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.clientList.setWordWrap(False)
        self.clientList.horizontalHeader().setStretchLastSection(True)
        self.clientList.verticalHeader().setVisible(False)

        self.recipientsLayout.addWidget(self.clientList)

        self.consentLayout = QHBoxLayout()
        self.consentLayout.setObjectName(u"consentLayout")
        self.consentLabel = QLabel(self.recipientsPane)
        self.consentLabel.setObjectName(u"consentLabel")
        self.consentLabel.setWordWrap(True)

        self.consentLayout.addWidget(self.consentLabel)

        self.grantConsentButton = QPushButton(self.recipientsPane)
        self.grantConsentButton.setObjectName(u"grantConsentButton")
        self.grantConsentButton.setAutoDefault(False)
        self.grantConsentButton.setEnabled(False)

        self.consentLayout.addWidget(self.grantConsentButton)

        self.refuseConsentButton = QPushButton(self.recipientsPane)
        self.refuseConsentButton.setObjectName(u"refuseConsentButton")
        self.refuseConsentButton.setAutoDefault(False)
        self.refuseConsentButton.setEnabled(False)

        self.consentLayout.addWidget(self.refuseConsentButton)


        self.recipientsLayout.addLayout(self.consentLayout)

        self.selectionCountLabel = QLabel(self.recipientsPane)
        self.selectionCountLabel.setObjectName(u"selectionCountLabel")
        self.selectionCountLabel.setWordWrap(True)
        self.selectionCountLabel.setStyleSheet(u"font-weight: bold; font-size: 13px;")

        self.recipientsLayout.addWidget(self.selectionCountLabel)

        self.mainSplitter.addWidget(self.recipientsPane)
        self.previewPane = QFrame(self.mainSplitter)
        self.previewPane.setObjectName(u"previewPane")
        self.previewPane.setMinimumSize(QSize(380, 0))
        self.previewPane.setFrameShape(QFrame.StyledPanel)
        self.previewLayout = QVBoxLayout(self.previewPane)
        self.previewLayout.setObjectName(u"previewLayout")
        self.previewHeaderLayout = QHBoxLayout()
        self.previewHeaderLayout.setObjectName(u"previewHeaderLayout")
        self.previewTitle = QLabel(self.previewPane)
        self.previewTitle.setObjectName(u"previewTitle")
        self.previewTitle.setStyleSheet(u"font-weight: bold; font-size: 14px;")

        self.previewHeaderLayout.addWidget(self.previewTitle)

        self.previewHeaderSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.previewHeaderLayout.addItem(self.previewHeaderSpacer)

        self.editTemplateButton = QPushButton(self.previewPane)
        self.editTemplateButton.setObjectName(u"editTemplateButton")
        self.editTemplateButton.setAutoDefault(False)

        self.previewHeaderLayout.addWidget(self.editTemplateButton)


        self.previewLayout.addLayout(self.previewHeaderLayout)

        self.templateEditor = QFrame(self.previewPane)
        self.templateEditor.setObjectName(u"templateEditor")
        self.templateEditor.setVisible(False)
        self.templateEditor.setFrameShape(QFrame.NoFrame)
        self.templateEditorLayout = QVBoxLayout(self.templateEditor)
        self.templateEditorLayout.setObjectName(u"templateEditorLayout")
        self.templateEditorLayout.setContentsMargins(0, 0, 0, 0)
        self.templateBodyEditor = TemplateBodyEditor(self.templateEditor)
        self.templateBodyEditor.setObjectName(u"templateBodyEditor")
        self.templateBodyEditor.setMaximumSize(QSize(16777215, 190))

        self.templateEditorLayout.addWidget(self.templateBodyEditor)

        self.templateButtonsLayout = QHBoxLayout()
        self.templateButtonsLayout.setObjectName(u"templateButtonsLayout")
        self.templateButtonsSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.templateButtonsLayout.addItem(self.templateButtonsSpacer)

        self.cancelEditButton = QPushButton(self.templateEditor)
        self.cancelEditButton.setObjectName(u"cancelEditButton")
        self.cancelEditButton.setAutoDefault(False)

        self.templateButtonsLayout.addWidget(self.cancelEditButton)

        self.saveTemplateButton = QPushButton(self.templateEditor)
        self.saveTemplateButton.setObjectName(u"saveTemplateButton")
        self.saveTemplateButton.setAutoDefault(False)

        self.templateButtonsLayout.addWidget(self.saveTemplateButton)


        self.templateEditorLayout.addLayout(self.templateButtonsLayout)


        self.previewLayout.addWidget(self.templateEditor)

        self.messagePreviewPane = MessagePreview(self.previewPane)
        self.messagePreviewPane.setObjectName(u"messagePreviewPane")
        self.messagePreviewPane.setMaximumSize(QSize(16777215, 300))

        self.previewLayout.addWidget(self.messagePreviewPane)

        self.recipientNote = QLabel(self.previewPane)
        self.recipientNote.setObjectName(u"recipientNote")
        self.recipientNote.setVisible(False)
        self.recipientNote.setWordWrap(True)
        self.recipientNote.setStyleSheet(u"color: #a50e0e;")

        self.previewLayout.addWidget(self.recipientNote)

        self.sendCostLabel = QLabel(self.previewPane)
        self.sendCostLabel.setObjectName(u"sendCostLabel")
        self.sendCostLabel.setWordWrap(True)
        self.sendCostLabel.setTextFormat(Qt.RichText)

        self.previewLayout.addWidget(self.sendCostLabel)

        self.previewBottomSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.previewLayout.addItem(self.previewBottomSpacer)

        self.mainSplitter.addWidget(self.previewPane)

        self.dialogLayout.addWidget(self.mainSplitter)

        self.busyLabel = QLabel(groupedSendDialog)
        self.busyLabel.setObjectName(u"busyLabel")
        self.busyLabel.setVisible(False)
        self.busyLabel.setAlignment(Qt.AlignCenter)
        self.busyLabel.setStyleSheet(u"QLabel { background: #e9f2fb; color: #0b3d6b; border: 1px solid #b9d3ec; border-radius: 4px; padding: 6px; font-weight: bold; }")

        self.dialogLayout.addWidget(self.busyLabel)

        self.statusLabel = QLabel(groupedSendDialog)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setVisible(False)
        self.statusLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.statusLabel)

        self.permissionLabel = QLabel(groupedSendDialog)
        self.permissionLabel.setObjectName(u"permissionLabel")
        self.permissionLabel.setVisible(False)
        self.permissionLabel.setWordWrap(True)
        self.permissionLabel.setStyleSheet(u"color: #a50e0e; font-weight: bold;")

        self.dialogLayout.addWidget(self.permissionLabel)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.testSendButton = QPushButton(groupedSendDialog)
        self.testSendButton.setObjectName(u"testSendButton")
        self.testSendButton.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.testSendButton)

        self.buttonsSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsSpacer)

        self.closeButton = QPushButton(groupedSendDialog)
        self.closeButton.setObjectName(u"closeButton")
        self.closeButton.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.closeButton)

        self.scheduleButton = QPushButton(groupedSendDialog)
        self.scheduleButton.setObjectName(u"scheduleButton")
        self.scheduleButton.setAutoDefault(False)

        self.buttonsLayout.addWidget(self.scheduleButton)

        self.sendButton = QPushButton(groupedSendDialog)
        self.sendButton.setObjectName(u"sendButton")
        self.sendButton.setAutoDefault(False)
        self.sendButton.setStyleSheet(u"QPushButton { background: #1c6fb8; color: white; font-weight: bold; padding: 6px 18px; border-radius: 4px; } QPushButton:disabled { background: #9fb7cc; }")

        self.buttonsLayout.addWidget(self.sendButton)


        self.dialogLayout.addLayout(self.buttonsLayout)

        self.dialogLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.communicationTypeLabel.setBuddy(self.communicationTypeCombo)
        self.templateLabel.setBuddy(self.templateCombo)
        self.minBalanceLabel.setBuddy(self.minBalanceSpin)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(groupedSendDialog)

        QMetaObject.connectSlotsByName(groupedSendDialog)
    # setupUi

    def retranslateUi(self, groupedSendDialog):
        groupedSendDialog.setWindowTitle(QCoreApplication.translate("GroupedSendDialog", u"Envoyer une communication group\u00e9e", None))
        self.communicationTypeLabel.setText(QCoreApplication.translate("GroupedSendDialog", u"Type de communication :", None))
#if QT_CONFIG(tooltip)
        self.communicationTypeCombo.setToolTip(QCoreApplication.translate("GroupedSendDialog", u"Le SMS est le seul type de communication disponible pour l'instant.", None))
#endif // QT_CONFIG(tooltip)
        self.objectiveGroup.setTitle(QCoreApplication.translate("GroupedSendDialog", u"Objectif", None))
        self.objectiveBalanceReminder.setText(QCoreApplication.translate("GroupedSendDialog", u"Rappel de solde client", None))
#if QT_CONFIG(tooltip)
        self.objectiveBalanceReminder.setToolTip(QCoreApplication.translate("GroupedSendDialog", u"Relancer les clients ayant des paiements en attente", None))
#endif // QT_CONFIG(tooltip)
        self.objectiveCustomTemplate.setText(QCoreApplication.translate("GroupedSendDialog", u"Mod\u00e8le personnalis\u00e9", None))
#if QT_CONFIG(tooltip)
        self.objectiveCustomTemplate.setToolTip(QCoreApplication.translate("GroupedSendDialog", u"Envoyer un message sp\u00e9cifique, par exemple une promotion", None))
#endif // QT_CONFIG(tooltip)
        self.templateLabel.setText(QCoreApplication.translate("GroupedSendDialog", u"Mod\u00e8le :", None))
#if QT_CONFIG(tooltip)
        self.templateCombo.setToolTip(QCoreApplication.translate("GroupedSendDialog", u"Les mod\u00e8les de message configur\u00e9s dans Param\u00e8tres", None))
#endif // QT_CONFIG(tooltip)
        self.recipientsTitle.setText(QCoreApplication.translate("GroupedSendDialog", u"Destinataires", None))
        self.clientSearch.setPlaceholderText(QCoreApplication.translate("GroupedSendDialog", u"Rechercher un client (nom ou num\u00e9ro)\u2026", None))
        self.minBalanceLabel.setText(QCoreApplication.translate("GroupedSendDialog", u"Solde d\u00fb sup\u00e9rieur \u00e0 :", None))
        self.minBalanceSpin.setSuffix(QCoreApplication.translate("GroupedSendDialog", u" DH", None))
#if QT_CONFIG(tooltip)
        self.minBalanceSpin.setToolTip(QCoreApplication.translate("GroupedSendDialog", u"Ne relancer que les clients dont le solde d\u00fb d\u00e9passe ce montant", None))
#endif // QT_CONFIG(tooltip)
        self.checkAllButton.setText(QCoreApplication.translate("GroupedSendDialog", u"Tout cocher", None))
#if QT_CONFIG(tooltip)
        self.checkAllButton.setToolTip(QCoreApplication.translate("GroupedSendDialog", u"Cocher les clients affich\u00e9s (ceux que la recherche laisse voir)", None))
#endif // QT_CONFIG(tooltip)
        self.uncheckAllButton.setText(QCoreApplication.translate("GroupedSendDialog", u"Tout d\u00e9cocher", None))
#if QT_CONFIG(tooltip)
        self.uncheckAllButton.setToolTip(QCoreApplication.translate("GroupedSendDialog", u"D\u00e9cocher les clients affich\u00e9s (ceux que la recherche laisse voir)", None))
#endif // QT_CONFIG(tooltip)
        self.consentLabel.setText(QCoreApplication.translate("GroupedSendDialog", u"Consentement aux promotions : s\u00e9lectionnez un client", None))
        self.grantConsentButton.setText(QCoreApplication.translate("GroupedSendDialog", u"Accepte les promotions", None))
#if QT_CONFIG(tooltip)
        self.grantConsentButton.setToolTip(QCoreApplication.translate("GroupedSendDialog", u"Le client vient de donner son accord (au comptoir) : enregistr\u00e9 avec votre nom et la date", None))
#endif // QT_CONFIG(tooltip)
        self.refuseConsentButton.setText(QCoreApplication.translate("GroupedSendDialog", u"Refuse", None))
#if QT_CONFIG(tooltip)
        self.refuseConsentButton.setToolTip(QCoreApplication.translate("GroupedSendDialog", u"Le client refuse les SMS promotionnels : enregistr\u00e9 avec votre nom et la date", None))
#endif // QT_CONFIG(tooltip)
        self.previewTitle.setText(QCoreApplication.translate("GroupedSendDialog", u"Aper\u00e7u du message", None))
        self.editTemplateButton.setText(QCoreApplication.translate("GroupedSendDialog", u"Modifier mod\u00e8le", None))
        self.cancelEditButton.setText(QCoreApplication.translate("GroupedSendDialog", u"Annuler la modification", None))
        self.saveTemplateButton.setText(QCoreApplication.translate("GroupedSendDialog", u"Sauvegarder", None))
        self.testSendButton.setText(QCoreApplication.translate("GroupedSendDialog", u"Envoyer un test\u2026", None))
#if QT_CONFIG(tooltip)
        self.testSendButton.setToolTip(QCoreApplication.translate("GroupedSendDialog", u"Conseil : avant un envoi important, testez le message sur 2 ou 3 personnes.", None))
#endif // QT_CONFIG(tooltip)
        self.closeButton.setText(QCoreApplication.translate("GroupedSendDialog", u"Fermer", None))
        self.scheduleButton.setText(QCoreApplication.translate("GroupedSendDialog", u"Programmer\u2026", None))
#if QT_CONFIG(tooltip)
        self.scheduleButton.setToolTip(QCoreApplication.translate("GroupedSendDialog", u"Envoyer plus tard, une fois ou chaque semaine / chaque mois : le message est pr\u00e9par\u00e9 au moment de l'envoi, avec les soldes du jour.", None))
#endif // QT_CONFIG(tooltip)
        self.sendButton.setText(QCoreApplication.translate("GroupedSendDialog", u"Envoyer", None))
    # retranslateUi

