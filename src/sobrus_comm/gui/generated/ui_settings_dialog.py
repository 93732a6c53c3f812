# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QCheckBox,
    QComboBox, QDialog, QDialogButtonBox, QFormLayout,
    QFrame, QGridLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QSpinBox, QSplitter, QTabWidget,
    QTableView, QTimeEdit, QVBoxLayout, QWidget)

from sobrus_comm.gui.widgets.message_preview import MessagePreview
from sobrus_comm.gui.widgets.template_editor import TemplateBodyEditor
from sobrus_comm.gui.widgets.usage_chart import UsageChart

class Ui_SettingsDialog(object):
    def setupUi(self, settingsDialog):
        if not settingsDialog.objectName():
            settingsDialog.setObjectName(u"settingsDialog")
        settingsDialog.resize(1000, 700)
        self.dialogLayout = QVBoxLayout(settingsDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.settingsTabs = QTabWidget(settingsDialog)
        self.settingsTabs.setObjectName(u"settingsTabs")
        self.templatesTab = QWidget()
        self.templatesTab.setObjectName(u"templatesTab")
        self.templatesTabLayout = QVBoxLayout(self.templatesTab)
        self.templatesTabLayout.setObjectName(u"templatesTabLayout")
        self.templatesPermissionLabel = QLabel(self.templatesTab)
        self.templatesPermissionLabel.setObjectName(u"templatesPermissionLabel")
        self.templatesPermissionLabel.setVisible(False)
        self.templatesPermissionLabel.setWordWrap(True)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.templatesPermissionLabel.sizePolicy().hasHeightForWidth())
        self.templatesPermissionLabel.setSizePolicy(sizePolicy)
        self.templatesPermissionLabel.setStyleSheet(u"QLabel { background: #fff4ce; color: #5c4400; border: 1px solid #e6c44f; border-radius: 4px; padding: 6px; }")

        self.templatesTabLayout.addWidget(self.templatesPermissionLabel)

        self.templatesSplitter = QSplitter(self.templatesTab)
        self.templatesSplitter.setObjectName(u"templatesSplitter")
        self.templatesSplitter.setOrientation(Qt.Horizontal)
        self.templatesSplitter.setChildrenCollapsible(False)
        self.templatesListPane = QWidget(self.templatesSplitter)
        self.templatesListPane.setObjectName(u"templatesListPane")
        self.templatesListLayout = QVBoxLayout(self.templatesListPane)
        self.templatesListLayout.setObjectName(u"templatesListLayout")
        self.templatesListLayout.setContentsMargins(0, 0, 4, 0)
        self.templatesList = QListWidget(self.templatesListPane)
        self.templatesList.setObjectName(u"templatesList")
        self.templatesList.setMinimumSize(QSize(200, 0))
        self.templatesList.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.templatesList.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.templatesList.setWordWrap(True)
        self.templatesList.setTextElideMode(Qt.ElideNone)

        self.templatesListLayout.addWidget(self.templatesList)

        self.templateButtonsGrid = QGridLayout()
        self.templateButtonsGrid.setObjectName(u"templateButtonsGrid")
        self.templateNewButton = QPushButton(self.templatesListPane)
        self.templateNewButton.setObjectName(u"templateNewButton")
        self.templateNewButton.setAutoDefault(False)

        self.templateButtonsGrid.addWidget(self.templateNewButton, 0, 0, 1, 1)

        self.templateDuplicateButton = QPushButton(self.templatesListPane)
        self.templateDuplicateButton.setObjectName(u"templateDuplicateButton")
        self.templateDuplicateButton.setAutoDefault(False)

        self.templateButtonsGrid.addWidget(self.templateDuplicateButton, 0, 1, 1, 1)

        self.templateRenameButton = QPushButton(self.templatesListPane)
        self.templateRenameButton.setObjectName(u"templateRenameButton")
        self.templateRenameButton.setAutoDefault(False)

        self.templateButtonsGrid.addWidget(self.templateRenameButton, 1, 0, 1, 1)

        self.templateDeleteButton = QPushButton(self.templatesListPane)
        self.templateDeleteButton.setObjectName(u"templateDeleteButton")
        self.templateDeleteButton.setAutoDefault(False)

        self.templateButtonsGrid.addWidget(self.templateDeleteButton, 1, 1, 1, 1)


        self.templatesListLayout.addLayout(self.templateButtonsGrid)

        self.templatesSplitter.addWidget(self.templatesListPane)
        self.templateFormPane = QWidget(self.templatesSplitter)
        self.templateFormPane.setObjectName(u"templateFormPane")
        self.templateFormLayout = QVBoxLayout(self.templateFormPane)
        self.templateFormLayout.setObjectName(u"templateFormLayout")
        self.templateFormLayout.setContentsMargins(4, 0, 0, 0)
        self.templateConflictFrame = QFrame(self.templateFormPane)
        self.templateConflictFrame.setObjectName(u"templateConflictFrame")
        self.templateConflictFrame.setVisible(False)
        self.templateConflictFrame.setStyleSheet(u"QFrame#templateConflictFrame { background: #fdecea; border: 1px solid #e0a19b; border-radius: 4px; }")
        self.templateConflictLayout = QVBoxLayout(self.templateConflictFrame)
        self.templateConflictLayout.setObjectName(u"templateConflictLayout")
        self.templateConflictLayout.setContentsMargins(8, 6, 8, 6)
        self.templateConflictLabel = QLabel(self.templateConflictFrame)
        self.templateConflictLabel.setObjectName(u"templateConflictLabel")
        self.templateConflictLabel.setWordWrap(True)
        self.templateConflictLabel.setTextFormat(Qt.RichText)

        self.templateConflictLayout.addWidget(self.templateConflictLabel)

        self.templateConflictRemoteText = QPlainTextEdit(self.templateConflictFrame)
        self.templateConflictRemoteText.setObjectName(u"templateConflictRemoteText")
        self.templateConflictRemoteText.setReadOnly(True)
        self.templateConflictRemoteText.setMaximumSize(QSize(16777215, 60))

        self.templateConflictLayout.addWidget(self.templateConflictRemoteText)

        self.templateConflictButtons = QHBoxLayout()
        self.templateConflictButtons.setObjectName(u"templateConflictButtons")
        self.templateConflictSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.templateConflictButtons.addItem(self.templateConflictSpacer)

        self.takeRemoteButton = QPushButton(self.templateConflictFrame)
        self.takeRemoteButton.setObjectName(u"takeRemoteButton")
        self.takeRemoteButton.setAutoDefault(False)

        self.templateConflictButtons.addWidget(self.takeRemoteButton)

        self.keepLocalButton = QPushButton(self.templateConflictFrame)
        self.keepLocalButton.setObjectName(u"keepLocalButton")
        self.keepLocalButton.setAutoDefault(False)

        self.templateConflictButtons.addWidget(self.keepLocalButton)


        self.templateConflictLayout.addLayout(self.templateConflictButtons)


        self.templateFormLayout.addWidget(self.templateConflictFrame)

        self.templateFieldsLayout = QFormLayout()
        self.templateFieldsLayout.setObjectName(u"templateFieldsLayout")
        self.templateNameLabel = QLabel(self.templateFormPane)
        self.templateNameLabel.setObjectName(u"templateNameLabel")

        self.templateFieldsLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.templateNameLabel)

        self.templateNameEdit = QLineEdit(self.templateFormPane)
        self.templateNameEdit.setObjectName(u"templateNameEdit")
        self.templateNameEdit.setMaxLength(100)

        self.templateFieldsLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.templateNameEdit)

        self.templateCategoryLabel = QLabel(self.templateFormPane)
        self.templateCategoryLabel.setObjectName(u"templateCategoryLabel")

        self.templateFieldsLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.templateCategoryLabel)

        self.templateCategoryLayout = QHBoxLayout()
        self.templateCategoryLayout.setObjectName(u"templateCategoryLayout")
        self.templateCategoryCombo = QComboBox(self.templateFormPane)
        self.templateCategoryCombo.setObjectName(u"templateCategoryCombo")

        self.templateCategoryLayout.addWidget(self.templateCategoryCombo)

        self.templateCategoryHint = QLabel(self.templateFormPane)
        self.templateCategoryHint.setObjectName(u"templateCategoryHint")
        self.templateCategoryHint.setWordWrap(True)
        self.templateCategoryHint.setStyleSheet(u"color: #555;")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy1.setHorizontalStretch(1)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.templateCategoryHint.sizePolicy().hasHeightForWidth())
        self.templateCategoryHint.setSizePolicy(sizePolicy1)

        self.templateCategoryLayout.addWidget(self.templateCategoryHint)


        self.templateFieldsLayout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.templateCategoryLayout)


        self.templateFormLayout.addLayout(self.templateFieldsLayout)

        self.templateEditorRow = QHBoxLayout()
        self.templateEditorRow.setSpacing(12)
        self.templateEditorRow.setObjectName(u"templateEditorRow")
        self.templateBodyEditor = TemplateBodyEditor(self.templateFormPane)
        self.templateBodyEditor.setObjectName(u"templateBodyEditor")
        sizePolicy2 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy2.setHorizontalStretch(3)
        sizePolicy2.setVerticalStretch(0)
        sizePolicy2.setHeightForWidth(self.templateBodyEditor.sizePolicy().hasHeightForWidth())
        self.templateBodyEditor.setSizePolicy(sizePolicy2)

        self.templateEditorRow.addWidget(self.templateBodyEditor)

        self.templateMessagePreview = MessagePreview(self.templateFormPane)
        self.templateMessagePreview.setObjectName(u"templateMessagePreview")
        sizePolicy3 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy3.setHorizontalStretch(2)
        sizePolicy3.setVerticalStretch(0)
        sizePolicy3.setHeightForWidth(self.templateMessagePreview.sizePolicy().hasHeightForWidth())
        self.templateMessagePreview.setSizePolicy(sizePolicy3)

        self.templateEditorRow.addWidget(self.templateMessagePreview)


        self.templateFormLayout.addLayout(self.templateEditorRow)

        self.templateFormSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.templateFormLayout.addItem(self.templateFormSpacer)

        self.templateErrorLabel = QLabel(self.templateFormPane)
        self.templateErrorLabel.setObjectName(u"templateErrorLabel")
        self.templateErrorLabel.setVisible(False)
        self.templateErrorLabel.setWordWrap(True)
        self.templateErrorLabel.setStyleSheet(u"color: #a50e0e;")

        self.templateFormLayout.addWidget(self.templateErrorLabel)

        self.templateSaveLayout = QHBoxLayout()
        self.templateSaveLayout.setObjectName(u"templateSaveLayout")
        self.templateStateLabel = QLabel(self.templateFormPane)
        self.templateStateLabel.setObjectName(u"templateStateLabel")
        self.templateStateLabel.setWordWrap(True)
        self.templateStateLabel.setStyleSheet(u"color: #555;")
        sizePolicy1.setHeightForWidth(self.templateStateLabel.sizePolicy().hasHeightForWidth())
        self.templateStateLabel.setSizePolicy(sizePolicy1)

        self.templateSaveLayout.addWidget(self.templateStateLabel)

        self.templateRevertButton = QPushButton(self.templateFormPane)
        self.templateRevertButton.setObjectName(u"templateRevertButton")
        self.templateRevertButton.setAutoDefault(False)

        self.templateSaveLayout.addWidget(self.templateRevertButton)

        self.templateSaveButton = QPushButton(self.templateFormPane)
        self.templateSaveButton.setObjectName(u"templateSaveButton")
        self.templateSaveButton.setAutoDefault(False)

        self.templateSaveLayout.addWidget(self.templateSaveButton)


        self.templateFormLayout.addLayout(self.templateSaveLayout)

        self.templatesSplitter.addWidget(self.templateFormPane)

        self.templatesTabLayout.addWidget(self.templatesSplitter)

        self.templatesTabLayout.setStretch(1, 1)
        self.settingsTabs.addTab(self.templatesTab, "")
        self.balanceTab = QWidget()
        self.balanceTab.setObjectName(u"balanceTab")
        self.balanceTabLayout = QVBoxLayout(self.balanceTab)
        self.balanceTabLayout.setObjectName(u"balanceTabLayout")
        self.smsBalanceTitle = QLabel(self.balanceTab)
        self.smsBalanceTitle.setObjectName(u"smsBalanceTitle")
        self.smsBalanceTitle.setStyleSheet(u"font-weight: bold; font-size: 14px;")

        self.balanceTabLayout.addWidget(self.smsBalanceTitle)

        self.smsBalanceLayout = QHBoxLayout()
        self.smsBalanceLayout.setObjectName(u"smsBalanceLayout")
        self.smsBalanceValue = QLabel(self.balanceTab)
        self.smsBalanceValue.setObjectName(u"smsBalanceValue")
        self.smsBalanceValue.setStyleSheet(u"font-size: 40px; font-weight: bold; color: #0b3d6b;")
        self.smsBalanceValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.smsBalanceLayout.addWidget(self.smsBalanceValue)

        self.smsBalanceUnit = QLabel(self.balanceTab)
        self.smsBalanceUnit.setObjectName(u"smsBalanceUnit")
        self.smsBalanceUnit.setAlignment(Qt.AlignLeading|Qt.AlignLeft|Qt.AlignBottom)
        self.smsBalanceUnit.setStyleSheet(u"font-size: 16px; padding-bottom: 8px;")

        self.smsBalanceLayout.addWidget(self.smsBalanceUnit)

        self.smsBalanceSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.smsBalanceLayout.addItem(self.smsBalanceSpacer)

        self.refreshBalanceButton = QPushButton(self.balanceTab)
        self.refreshBalanceButton.setObjectName(u"refreshBalanceButton")
        self.refreshBalanceButton.setAutoDefault(False)

        self.smsBalanceLayout.addWidget(self.refreshBalanceButton)


        self.balanceTabLayout.addLayout(self.smsBalanceLayout)

        self.smsBalanceUpdatedLabel = QLabel(self.balanceTab)
        self.smsBalanceUpdatedLabel.setObjectName(u"smsBalanceUpdatedLabel")
        self.smsBalanceUpdatedLabel.setStyleSheet(u"color: #555;")

        self.balanceTabLayout.addWidget(self.smsBalanceUpdatedLabel)

        self.lowBalanceWarningLabel = QLabel(self.balanceTab)
        self.lowBalanceWarningLabel.setObjectName(u"lowBalanceWarningLabel")
        self.lowBalanceWarningLabel.setVisible(False)
        self.lowBalanceWarningLabel.setWordWrap(True)
        self.lowBalanceWarningLabel.setStyleSheet(u"QLabel { background: #fdecea; color: #a50e0e; border: 1px solid #e0a19b; border-radius: 4px; padding: 6px; font-weight: bold; }")

        self.balanceTabLayout.addWidget(self.lowBalanceWarningLabel)

        self.lowBalanceLayout = QHBoxLayout()
        self.lowBalanceLayout.setObjectName(u"lowBalanceLayout")
        self.lowBalanceThresholdLabel = QLabel(self.balanceTab)
        self.lowBalanceThresholdLabel.setObjectName(u"lowBalanceThresholdLabel")

        self.lowBalanceLayout.addWidget(self.lowBalanceThresholdLabel)

        self.lowBalanceThresholdSpin = QSpinBox(self.balanceTab)
        self.lowBalanceThresholdSpin.setObjectName(u"lowBalanceThresholdSpin")
        self.lowBalanceThresholdSpin.setMaximum(1000000)
        self.lowBalanceThresholdSpin.setSingleStep(50)

        self.lowBalanceLayout.addWidget(self.lowBalanceThresholdSpin)

        self.lowBalanceHint = QLabel(self.balanceTab)
        self.lowBalanceHint.setObjectName(u"lowBalanceHint")
        self.lowBalanceHint.setStyleSheet(u"color: #555;")

        self.lowBalanceLayout.addWidget(self.lowBalanceHint)

        self.lowBalanceSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.lowBalanceLayout.addItem(self.lowBalanceSpacer)


        self.balanceTabLayout.addLayout(self.lowBalanceLayout)

        self.usageTitle = QLabel(self.balanceTab)
        self.usageTitle.setObjectName(u"usageTitle")
        self.usageTitle.setStyleSheet(u"font-weight: bold; font-size: 14px; margin-top: 10px;")

        self.balanceTabLayout.addWidget(self.usageTitle)

        self.usageChart = UsageChart(self.balanceTab)
        self.usageChart.setObjectName(u"usageChart")
        sizePolicy4 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy4.setHorizontalStretch(0)
        sizePolicy4.setVerticalStretch(1)
        sizePolicy4.setHeightForWidth(self.usageChart.sizePolicy().hasHeightForWidth())
        self.usageChart.setSizePolicy(sizePolicy4)

        self.balanceTabLayout.addWidget(self.usageChart)

        self.usageSummaryLabel = QLabel(self.balanceTab)
        self.usageSummaryLabel.setObjectName(u"usageSummaryLabel")
        self.usageSummaryLabel.setStyleSheet(u"color: #555;")

        self.balanceTabLayout.addWidget(self.usageSummaryLabel)

        self.settingsTabs.addTab(self.balanceTab, "")
        self.rechargeTab = QWidget()
        self.rechargeTab.setObjectName(u"rechargeTab")
        self.rechargeTabLayout = QVBoxLayout(self.rechargeTab)
        self.rechargeTabLayout.setObjectName(u"rechargeTabLayout")
        self.rechargeIntroLabel = QLabel(self.rechargeTab)
        self.rechargeIntroLabel.setObjectName(u"rechargeIntroLabel")
        self.rechargeIntroLabel.setWordWrap(True)

        self.rechargeTabLayout.addWidget(self.rechargeIntroLabel)

        self.rechargeButtonsLayout = QHBoxLayout()
        self.rechargeButtonsLayout.setObjectName(u"rechargeButtonsLayout")
        self.rechargeRequestButton = QPushButton(self.rechargeTab)
        self.rechargeRequestButton.setObjectName(u"rechargeRequestButton")
        self.rechargeRequestButton.setAutoDefault(False)

        self.rechargeButtonsLayout.addWidget(self.rechargeRequestButton)

        self.rechargeButtonsSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.rechargeButtonsLayout.addItem(self.rechargeButtonsSpacer)

        self.rechargeRefreshButton = QPushButton(self.rechargeTab)
        self.rechargeRefreshButton.setObjectName(u"rechargeRefreshButton")
        self.rechargeRefreshButton.setAutoDefault(False)

        self.rechargeButtonsLayout.addWidget(self.rechargeRefreshButton)


        self.rechargeTabLayout.addLayout(self.rechargeButtonsLayout)

        self.rechargeBusyLabel = QLabel(self.rechargeTab)
        self.rechargeBusyLabel.setObjectName(u"rechargeBusyLabel")
        self.rechargeBusyLabel.setVisible(False)
        self.rechargeBusyLabel.setStyleSheet(u"QLabel { background: #e9f2fb; color: #0b3d6b; border: 1px solid #b9d3ec; border-radius: 4px; padding: 6px; }")

        self.rechargeTabLayout.addWidget(self.rechargeBusyLabel)

        self.rechargeNoticeLabel = QLabel(self.rechargeTab)
        self.rechargeNoticeLabel.setObjectName(u"rechargeNoticeLabel")
        self.rechargeNoticeLabel.setVisible(False)
        self.rechargeNoticeLabel.setWordWrap(True)
        self.rechargeNoticeLabel.setStyleSheet(u"QLabel { background: #e6f4ea; color: #0d5e2a; border: 1px solid #9fd3ae; border-radius: 4px; padding: 6px; font-weight: bold; }")

        self.rechargeTabLayout.addWidget(self.rechargeNoticeLabel)

        self.rechargeErrorLabel = QLabel(self.rechargeTab)
        self.rechargeErrorLabel.setObjectName(u"rechargeErrorLabel")
        self.rechargeErrorLabel.setVisible(False)
        self.rechargeErrorLabel.setWordWrap(True)
        self.rechargeErrorLabel.setStyleSheet(u"color: #a50e0e;")

        self.rechargeTabLayout.addWidget(self.rechargeErrorLabel)

        self.rechargeRequestsTable = QTableView(self.rechargeTab)
        self.rechargeRequestsTable.setObjectName(u"rechargeRequestsTable")
        self.rechargeRequestsTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.rechargeRequestsTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.rechargeRequestsTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.rechargeRequestsTable.setAlternatingRowColors(True)
        self.rechargeRequestsTable.horizontalHeader().setStretchLastSection(True)
        self.rechargeRequestsTable.verticalHeader().setVisible(False)

        self.rechargeTabLayout.addWidget(self.rechargeRequestsTable)

        self.rechargeDetailsFrame = QFrame(self.rechargeTab)
        self.rechargeDetailsFrame.setObjectName(u"rechargeDetailsFrame")
        self.rechargeDetailsFrame.setFrameShape(QFrame.StyledPanel)
        self.rechargeDetailsLayout = QVBoxLayout(self.rechargeDetailsFrame)
        self.rechargeDetailsLayout.setObjectName(u"rechargeDetailsLayout")
        self.rechargeStepsLabel = QLabel(self.rechargeDetailsFrame)
        self.rechargeStepsLabel.setObjectName(u"rechargeStepsLabel")
        self.rechargeStepsLabel.setWordWrap(True)
        self.rechargeStepsLabel.setTextFormat(Qt.RichText)

        self.rechargeDetailsLayout.addWidget(self.rechargeStepsLabel)

        self.transferBox = QFrame(self.rechargeDetailsFrame)
        self.transferBox.setObjectName(u"transferBox")
        self.transferBox.setStyleSheet(u"QFrame#transferBox { background: #fff8e6; border: 1px solid #ecd08a; border-radius: 4px; }")
        self.transferBoxLayout = QVBoxLayout(self.transferBox)
        self.transferBoxLayout.setObjectName(u"transferBoxLayout")
        self.transferInstructionsLabel = QLabel(self.transferBox)
        self.transferInstructionsLabel.setObjectName(u"transferInstructionsLabel")
        self.transferInstructionsLabel.setWordWrap(True)
        self.transferInstructionsLabel.setTextFormat(Qt.RichText)

        self.transferBoxLayout.addWidget(self.transferInstructionsLabel)

        self.transferGrid = QGridLayout()
        self.transferGrid.setObjectName(u"transferGrid")
        self.transferGrid.setHorizontalSpacing(12)
        self.transferGrid.setVerticalSpacing(2)
        self.transferHolderTitle = QLabel(self.transferBox)
        self.transferHolderTitle.setObjectName(u"transferHolderTitle")

        self.transferGrid.addWidget(self.transferHolderTitle, 0, 0, 1, 1)

        self.transferHolderValue = QLabel(self.transferBox)
        self.transferHolderValue.setObjectName(u"transferHolderValue")
        self.transferHolderValue.setTextFormat(Qt.PlainText)
        self.transferHolderValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.transferGrid.addWidget(self.transferHolderValue, 0, 1, 1, 1)

        self.transferBankTitle = QLabel(self.transferBox)
        self.transferBankTitle.setObjectName(u"transferBankTitle")

        self.transferGrid.addWidget(self.transferBankTitle, 1, 0, 1, 1)

        self.transferBankValue = QLabel(self.transferBox)
        self.transferBankValue.setObjectName(u"transferBankValue")
        self.transferBankValue.setTextFormat(Qt.PlainText)
        self.transferBankValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.transferGrid.addWidget(self.transferBankValue, 1, 1, 1, 1)

        self.transferRibTitle = QLabel(self.transferBox)
        self.transferRibTitle.setObjectName(u"transferRibTitle")

        self.transferGrid.addWidget(self.transferRibTitle, 2, 0, 1, 1)

        self.transferRibValue = QLabel(self.transferBox)
        self.transferRibValue.setObjectName(u"transferRibValue")
        self.transferRibValue.setTextFormat(Qt.PlainText)
        self.transferRibValue.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.transferRibValue.setStyleSheet(u"font-weight: bold;")

        self.transferGrid.addWidget(self.transferRibValue, 2, 1, 1, 1)

        self.copyRibButton = QPushButton(self.transferBox)
        self.copyRibButton.setObjectName(u"copyRibButton")
        self.copyRibButton.setAutoDefault(False)

        self.transferGrid.addWidget(self.copyRibButton, 2, 2, 1, 1)

        self.transferIbanTitle = QLabel(self.transferBox)
        self.transferIbanTitle.setObjectName(u"transferIbanTitle")

        self.transferGrid.addWidget(self.transferIbanTitle, 3, 0, 1, 1)

        self.transferIbanValue = QLabel(self.transferBox)
        self.transferIbanValue.setObjectName(u"transferIbanValue")
        self.transferIbanValue.setTextFormat(Qt.PlainText)
        self.transferIbanValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.transferGrid.addWidget(self.transferIbanValue, 3, 1, 1, 1)

        self.transferSwiftTitle = QLabel(self.transferBox)
        self.transferSwiftTitle.setObjectName(u"transferSwiftTitle")

        self.transferGrid.addWidget(self.transferSwiftTitle, 4, 0, 1, 1)

        self.transferSwiftValue = QLabel(self.transferBox)
        self.transferSwiftValue.setObjectName(u"transferSwiftValue")
        self.transferSwiftValue.setTextFormat(Qt.PlainText)
        self.transferSwiftValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.transferGrid.addWidget(self.transferSwiftValue, 4, 1, 1, 1)

        self.transferReferenceTitle = QLabel(self.transferBox)
        self.transferReferenceTitle.setObjectName(u"transferReferenceTitle")

        self.transferGrid.addWidget(self.transferReferenceTitle, 5, 0, 1, 1)

        self.transferReferenceValue = QLabel(self.transferBox)
        self.transferReferenceValue.setObjectName(u"transferReferenceValue")
        self.transferReferenceValue.setTextFormat(Qt.PlainText)
        self.transferReferenceValue.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.transferReferenceValue.setStyleSheet(u"font-weight: bold;")

        self.transferGrid.addWidget(self.transferReferenceValue, 5, 1, 1, 1)

        self.copyReferenceButton = QPushButton(self.transferBox)
        self.copyReferenceButton.setObjectName(u"copyReferenceButton")
        self.copyReferenceButton.setAutoDefault(False)

        self.transferGrid.addWidget(self.copyReferenceButton, 5, 2, 1, 1)

        self.transferGridSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.transferGrid.addItem(self.transferGridSpacer, 0, 3, 1, 1)

        self.transferGrid.setColumnStretch(3, 1)

        self.transferBoxLayout.addLayout(self.transferGrid)

        self.transferNextStepLabel = QLabel(self.transferBox)
        self.transferNextStepLabel.setObjectName(u"transferNextStepLabel")
        self.transferNextStepLabel.setWordWrap(True)

        self.transferBoxLayout.addWidget(self.transferNextStepLabel)


        self.rechargeDetailsLayout.addWidget(self.transferBox)

        self.proofLayout = QHBoxLayout()
        self.proofLayout.setObjectName(u"proofLayout")
        self.attachProofButton = QPushButton(self.rechargeDetailsFrame)
        self.attachProofButton.setObjectName(u"attachProofButton")
        self.attachProofButton.setAutoDefault(False)

        self.proofLayout.addWidget(self.attachProofButton)

        self.proofStatusLabel = QLabel(self.rechargeDetailsFrame)
        self.proofStatusLabel.setObjectName(u"proofStatusLabel")
        self.proofStatusLabel.setWordWrap(True)
        sizePolicy1.setHeightForWidth(self.proofStatusLabel.sizePolicy().hasHeightForWidth())
        self.proofStatusLabel.setSizePolicy(sizePolicy1)

        self.proofLayout.addWidget(self.proofStatusLabel)

        self.cancelRechargeButton = QPushButton(self.rechargeDetailsFrame)
        self.cancelRechargeButton.setObjectName(u"cancelRechargeButton")
        self.cancelRechargeButton.setAutoDefault(False)

        self.proofLayout.addWidget(self.cancelRechargeButton)


        self.rechargeDetailsLayout.addLayout(self.proofLayout)


        self.rechargeTabLayout.addWidget(self.rechargeDetailsFrame)

        self.settingsTabs.addTab(self.rechargeTab, "")
        self.accountTab = QWidget()
        self.accountTab.setObjectName(u"accountTab")
        self.accountTabLayout = QVBoxLayout(self.accountTab)
        self.accountTabLayout.setObjectName(u"accountTabLayout")
        self.accountFormLayout = QFormLayout()
        self.accountFormLayout.setObjectName(u"accountFormLayout")
        self.serverLabel = QLabel(self.accountTab)
        self.serverLabel.setObjectName(u"serverLabel")

        self.accountFormLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.serverLabel)

        self.serverValueLabel = QLabel(self.accountTab)
        self.serverValueLabel.setObjectName(u"serverValueLabel")
        self.serverValueLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.accountFormLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.serverValueLabel)

        self.userLabel = QLabel(self.accountTab)
        self.userLabel.setObjectName(u"userLabel")

        self.accountFormLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.userLabel)

        self.userValueLabel = QLabel(self.accountTab)
        self.userValueLabel.setObjectName(u"userValueLabel")

        self.accountFormLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.userValueLabel)

        self.permissionsTitleLabel = QLabel(self.accountTab)
        self.permissionsTitleLabel.setObjectName(u"permissionsTitleLabel")

        self.accountFormLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.permissionsTitleLabel)

        self.permissionsLabel = QLabel(self.accountTab)
        self.permissionsLabel.setObjectName(u"permissionsLabel")
        self.permissionsLabel.setTextFormat(Qt.RichText)

        self.accountFormLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.permissionsLabel)


        self.accountTabLayout.addLayout(self.accountFormLayout)

        self.accountButtonsLayout = QHBoxLayout()
        self.accountButtonsLayout.setObjectName(u"accountButtonsLayout")
        self.switchUserButton = QPushButton(self.accountTab)
        self.switchUserButton.setObjectName(u"switchUserButton")
        self.switchUserButton.setAutoDefault(False)

        self.accountButtonsLayout.addWidget(self.switchUserButton)

        self.logoutButton = QPushButton(self.accountTab)
        self.logoutButton.setObjectName(u"logoutButton")
        self.logoutButton.setAutoDefault(False)

        self.accountButtonsLayout.addWidget(self.logoutButton)

        self.accountButtonsSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.accountButtonsLayout.addItem(self.accountButtonsSpacer)


        self.accountTabLayout.addLayout(self.accountButtonsLayout)

        self.accountHint = QLabel(self.accountTab)
        self.accountHint.setObjectName(u"accountHint")
        self.accountHint.setWordWrap(True)
        self.accountHint.setStyleSheet(u"color: #555;")

        self.accountTabLayout.addWidget(self.accountHint)

        self.accountSpacer = QSpacerItem(10, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.accountTabLayout.addItem(self.accountSpacer)

        self.settingsTabs.addTab(self.accountTab, "")
        self.generalTab = QWidget()
        self.generalTab.setObjectName(u"generalTab")
        self.generalTabLayout = QVBoxLayout(self.generalTab)
        self.generalTabLayout.setObjectName(u"generalTabLayout")
        self.generalFormLayout = QFormLayout()
        self.generalFormLayout.setObjectName(u"generalFormLayout")
        self.pharmacyNameLabel = QLabel(self.generalTab)
        self.pharmacyNameLabel.setObjectName(u"pharmacyNameLabel")

        self.generalFormLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.pharmacyNameLabel)

        self.pharmacyNameLayout = QVBoxLayout()
        self.pharmacyNameLayout.setSpacing(2)
        self.pharmacyNameLayout.setObjectName(u"pharmacyNameLayout")
        self.pharmacyNameEdit = QLineEdit(self.generalTab)
        self.pharmacyNameEdit.setObjectName(u"pharmacyNameEdit")
        self.pharmacyNameEdit.setMaxLength(60)

        self.pharmacyNameLayout.addWidget(self.pharmacyNameEdit)

        self.pharmacyNameHint = QLabel(self.generalTab)
        self.pharmacyNameHint.setObjectName(u"pharmacyNameHint")
        self.pharmacyNameHint.setWordWrap(True)
        self.pharmacyNameHint.setStyleSheet(u"color: #555;")

        self.pharmacyNameLayout.addWidget(self.pharmacyNameHint)


        self.generalFormLayout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.pharmacyNameLayout)

        self.syncIntervalLabel = QLabel(self.generalTab)
        self.syncIntervalLabel.setObjectName(u"syncIntervalLabel")

        self.generalFormLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.syncIntervalLabel)

        self.syncIntervalLayout = QHBoxLayout()
        self.syncIntervalLayout.setObjectName(u"syncIntervalLayout")
        self.syncIntervalSpin = QSpinBox(self.generalTab)
        self.syncIntervalSpin.setObjectName(u"syncIntervalSpin")
        self.syncIntervalSpin.setMinimum(1)
        self.syncIntervalSpin.setMaximum(120)

        self.syncIntervalLayout.addWidget(self.syncIntervalSpin)

        self.syncIntervalSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.syncIntervalLayout.addItem(self.syncIntervalSpacer)


        self.generalFormLayout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.syncIntervalLayout)


        self.generalTabLayout.addLayout(self.generalFormLayout)

        self.quietHoursGroup = QGroupBox(self.generalTab)
        self.quietHoursGroup.setObjectName(u"quietHoursGroup")
        self.quietHoursLayout = QVBoxLayout(self.quietHoursGroup)
        self.quietHoursLayout.setObjectName(u"quietHoursLayout")
        self.quietHoursEnabledCheck = QCheckBox(self.quietHoursGroup)
        self.quietHoursEnabledCheck.setObjectName(u"quietHoursEnabledCheck")

        self.quietHoursLayout.addWidget(self.quietHoursEnabledCheck)

        self.quietTimesLayout = QHBoxLayout()
        self.quietTimesLayout.setObjectName(u"quietTimesLayout")
        self.quietStartLabel = QLabel(self.quietHoursGroup)
        self.quietStartLabel.setObjectName(u"quietStartLabel")

        self.quietTimesLayout.addWidget(self.quietStartLabel)

        self.quietStartEdit = QTimeEdit(self.quietHoursGroup)
        self.quietStartEdit.setObjectName(u"quietStartEdit")

        self.quietTimesLayout.addWidget(self.quietStartEdit)

        self.quietEndLabel = QLabel(self.quietHoursGroup)
        self.quietEndLabel.setObjectName(u"quietEndLabel")

        self.quietTimesLayout.addWidget(self.quietEndLabel)

        self.quietEndEdit = QTimeEdit(self.quietHoursGroup)
        self.quietEndEdit.setObjectName(u"quietEndEdit")

        self.quietTimesLayout.addWidget(self.quietEndEdit)

        self.quietTimesSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.quietTimesLayout.addItem(self.quietTimesSpacer)


        self.quietHoursLayout.addLayout(self.quietTimesLayout)

        self.quietDaysLayout = QHBoxLayout()
        self.quietDaysLayout.setObjectName(u"quietDaysLayout")
        self.quietDaysLabel = QLabel(self.quietHoursGroup)
        self.quietDaysLabel.setObjectName(u"quietDaysLabel")

        self.quietDaysLayout.addWidget(self.quietDaysLabel)

        self.quietDay0 = QCheckBox(self.quietHoursGroup)
        self.quietDay0.setObjectName(u"quietDay0")

        self.quietDaysLayout.addWidget(self.quietDay0)

        self.quietDay1 = QCheckBox(self.quietHoursGroup)
        self.quietDay1.setObjectName(u"quietDay1")

        self.quietDaysLayout.addWidget(self.quietDay1)

        self.quietDay2 = QCheckBox(self.quietHoursGroup)
        self.quietDay2.setObjectName(u"quietDay2")

        self.quietDaysLayout.addWidget(self.quietDay2)

        self.quietDay3 = QCheckBox(self.quietHoursGroup)
        self.quietDay3.setObjectName(u"quietDay3")

        self.quietDaysLayout.addWidget(self.quietDay3)

        self.quietDay4 = QCheckBox(self.quietHoursGroup)
        self.quietDay4.setObjectName(u"quietDay4")

        self.quietDaysLayout.addWidget(self.quietDay4)

        self.quietDay5 = QCheckBox(self.quietHoursGroup)
        self.quietDay5.setObjectName(u"quietDay5")

        self.quietDaysLayout.addWidget(self.quietDay5)

        self.quietDay6 = QCheckBox(self.quietHoursGroup)
        self.quietDay6.setObjectName(u"quietDay6")

        self.quietDaysLayout.addWidget(self.quietDay6)

        self.quietDaysSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.quietDaysLayout.addItem(self.quietDaysSpacer)


        self.quietHoursLayout.addLayout(self.quietDaysLayout)

        self.quietHoursHint = QLabel(self.quietHoursGroup)
        self.quietHoursHint.setObjectName(u"quietHoursHint")
        self.quietHoursHint.setWordWrap(True)
        self.quietHoursHint.setStyleSheet(u"color: #555;")

        self.quietHoursLayout.addWidget(self.quietHoursHint)


        self.generalTabLayout.addWidget(self.quietHoursGroup)

        self.frequencyCapsGroup = QGroupBox(self.generalTab)
        self.frequencyCapsGroup.setObjectName(u"frequencyCapsGroup")
        self.frequencyCapsLayout = QGridLayout(self.frequencyCapsGroup)
        self.frequencyCapsLayout.setObjectName(u"frequencyCapsLayout")
        self.reminderCapLabel = QLabel(self.frequencyCapsGroup)
        self.reminderCapLabel.setObjectName(u"reminderCapLabel")

        self.frequencyCapsLayout.addWidget(self.reminderCapLabel, 0, 0, 1, 1)

        self.reminderCapSpin = QSpinBox(self.frequencyCapsGroup)
        self.reminderCapSpin.setObjectName(u"reminderCapSpin")
        self.reminderCapSpin.setMinimum(0)
        self.reminderCapSpin.setMaximum(20)

        self.frequencyCapsLayout.addWidget(self.reminderCapSpin, 0, 1, 1, 1)

        self.reminderDaysLabel = QLabel(self.frequencyCapsGroup)
        self.reminderDaysLabel.setObjectName(u"reminderDaysLabel")

        self.frequencyCapsLayout.addWidget(self.reminderDaysLabel, 0, 2, 1, 1)

        self.reminderDaysSpin = QSpinBox(self.frequencyCapsGroup)
        self.reminderDaysSpin.setObjectName(u"reminderDaysSpin")
        self.reminderDaysSpin.setMinimum(1)
        self.reminderDaysSpin.setMaximum(365)

        self.frequencyCapsLayout.addWidget(self.reminderDaysSpin, 0, 3, 1, 1)

        self.promotionCapLabel = QLabel(self.frequencyCapsGroup)
        self.promotionCapLabel.setObjectName(u"promotionCapLabel")

        self.frequencyCapsLayout.addWidget(self.promotionCapLabel, 1, 0, 1, 1)

        self.promotionCapSpin = QSpinBox(self.frequencyCapsGroup)
        self.promotionCapSpin.setObjectName(u"promotionCapSpin")
        self.promotionCapSpin.setMinimum(0)
        self.promotionCapSpin.setMaximum(50)

        self.frequencyCapsLayout.addWidget(self.promotionCapSpin, 1, 1, 1, 1)

        self.promotionDaysLabel = QLabel(self.frequencyCapsGroup)
        self.promotionDaysLabel.setObjectName(u"promotionDaysLabel")

        self.frequencyCapsLayout.addWidget(self.promotionDaysLabel, 1, 2, 1, 1)

        self.promotionDaysSpin = QSpinBox(self.frequencyCapsGroup)
        self.promotionDaysSpin.setObjectName(u"promotionDaysSpin")
        self.promotionDaysSpin.setMinimum(1)
        self.promotionDaysSpin.setMaximum(365)

        self.frequencyCapsLayout.addWidget(self.promotionDaysSpin, 1, 3, 1, 1)


        self.generalTabLayout.addWidget(self.frequencyCapsGroup)

        self.generalErrorLabel = QLabel(self.generalTab)
        self.generalErrorLabel.setObjectName(u"generalErrorLabel")
        self.generalErrorLabel.setVisible(False)
        self.generalErrorLabel.setWordWrap(True)
        self.generalErrorLabel.setStyleSheet(u"color: #a50e0e;")

        self.generalTabLayout.addWidget(self.generalErrorLabel)

        self.generalSpacer = QSpacerItem(10, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.generalTabLayout.addItem(self.generalSpacer)

        self.settingsTabs.addTab(self.generalTab, "")

        self.dialogLayout.addWidget(self.settingsTabs)

        self.buttonBox = QDialogButtonBox(settingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Close)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.templateNameLabel.setBuddy(self.templateNameEdit)
        self.templateCategoryLabel.setBuddy(self.templateCategoryCombo)
        self.lowBalanceThresholdLabel.setBuddy(self.lowBalanceThresholdSpin)
        self.pharmacyNameLabel.setBuddy(self.pharmacyNameEdit)
        self.syncIntervalLabel.setBuddy(self.syncIntervalSpin)
        self.quietStartLabel.setBuddy(self.quietStartEdit)
        self.quietEndLabel.setBuddy(self.quietEndEdit)
        self.reminderCapLabel.setBuddy(self.reminderCapSpin)
        self.reminderDaysLabel.setBuddy(self.reminderDaysSpin)
        self.promotionCapLabel.setBuddy(self.promotionCapSpin)
        self.promotionDaysLabel.setBuddy(self.promotionDaysSpin)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.settingsTabs, self.templatesList)
        QWidget.setTabOrder(self.templatesList, self.templateNameEdit)
        QWidget.setTabOrder(self.templateNameEdit, self.templateCategoryCombo)

        self.retranslateUi(settingsDialog)

        self.settingsTabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(settingsDialog)
    # setupUi

    def retranslateUi(self, settingsDialog):
        settingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Param\u00e8tres", None))
        self.templateNewButton.setText(QCoreApplication.translate("SettingsDialog", u"Nouveau", None))
#if QT_CONFIG(tooltip)
        self.templateNewButton.setToolTip(QCoreApplication.translate("SettingsDialog", u"Cr\u00e9er un mod\u00e8le de message", None))
#endif // QT_CONFIG(tooltip)
        self.templateDuplicateButton.setText(QCoreApplication.translate("SettingsDialog", u"Dupliquer", None))
#if QT_CONFIG(tooltip)
        self.templateDuplicateButton.setToolTip(QCoreApplication.translate("SettingsDialog", u"Cr\u00e9er une copie du mod\u00e8le s\u00e9lectionn\u00e9", None))
#endif // QT_CONFIG(tooltip)
        self.templateRenameButton.setText(QCoreApplication.translate("SettingsDialog", u"Renommer", None))
#if QT_CONFIG(tooltip)
        self.templateRenameButton.setToolTip(QCoreApplication.translate("SettingsDialog", u"Modifier le nom du mod\u00e8le s\u00e9lectionn\u00e9 (F2)", None))
#endif // QT_CONFIG(tooltip)
        self.templateDeleteButton.setText(QCoreApplication.translate("SettingsDialog", u"Supprimer", None))
#if QT_CONFIG(tooltip)
        self.templateDeleteButton.setToolTip(QCoreApplication.translate("SettingsDialog", u"Supprimer le mod\u00e8le s\u00e9lectionn\u00e9", None))
#endif // QT_CONFIG(tooltip)
        self.takeRemoteButton.setText(QCoreApplication.translate("SettingsDialog", u"Prendre la version du serveur", None))
        self.keepLocalButton.setText(QCoreApplication.translate("SettingsDialog", u"Garder ma version", None))
        self.templateNameLabel.setText(QCoreApplication.translate("SettingsDialog", u"Nom du mod\u00e8le :", None))
        self.templateNameEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"Par exemple : Rappel de solde", None))
        self.templateCategoryLabel.setText(QCoreApplication.translate("SettingsDialog", u"Cat\u00e9gorie :", None))
        self.templateRevertButton.setText(QCoreApplication.translate("SettingsDialog", u"Annuler les modifications", None))
        self.templateSaveButton.setText(QCoreApplication.translate("SettingsDialog", u"Sauvegarder", None))
        self.settingsTabs.setTabText(self.settingsTabs.indexOf(self.templatesTab), QCoreApplication.translate("SettingsDialog", u"Mod\u00e8les de message", None))
        self.smsBalanceTitle.setText(QCoreApplication.translate("SettingsDialog", u"Solde SMS restant", None))
        self.smsBalanceValue.setText(QCoreApplication.translate("SettingsDialog", u"\u2014", None))
        self.smsBalanceUnit.setText(QCoreApplication.translate("SettingsDialog", u"cr\u00e9dits SMS", None))
        self.refreshBalanceButton.setText(QCoreApplication.translate("SettingsDialog", u"Actualiser", None))
#if QT_CONFIG(tooltip)
        self.refreshBalanceButton.setToolTip(QCoreApplication.translate("SettingsDialog", u"Demander le solde au serveur Sobrus", None))
#endif // QT_CONFIG(tooltip)
        self.lowBalanceThresholdLabel.setText(QCoreApplication.translate("SettingsDialog", u"Alerte de solde bas en dessous de :", None))
        self.lowBalanceThresholdSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" cr\u00e9dits", None))
#if QT_CONFIG(tooltip)
        self.lowBalanceThresholdSpin.setToolTip(QCoreApplication.translate("SettingsDialog", u"Sous ce seuil, la barre d'\u00e9tat de la fen\u00eatre principale affiche un avertissement.", None))
#endif // QT_CONFIG(tooltip)
        self.lowBalanceHint.setText(QCoreApplication.translate("SettingsDialog", u"(un avertissement s'affiche dans la barre d'\u00e9tat)", None))
        self.usageTitle.setText(QCoreApplication.translate("SettingsDialog", u"Cr\u00e9dits utilis\u00e9s par mois (12 derniers mois)", None))
        self.settingsTabs.setTabText(self.settingsTabs.indexOf(self.balanceTab), QCoreApplication.translate("SettingsDialog", u"Solde SMS", None))
        self.rechargeIntroLabel.setText(QCoreApplication.translate("SettingsDialog", u"Les cr\u00e9dits SMS s'ach\u00e8tent par packs aupr\u00e8s du service commercial Sobrus : choisissez un pack, payez-le par virement bancaire puis joignez ici l'avis de virement. Le pack est activ\u00e9 d\u00e8s que le paiement est re\u00e7u.", None))
        self.rechargeRequestButton.setText(QCoreApplication.translate("SettingsDialog", u"Demander une recharge", None))
        self.rechargeRefreshButton.setText(QCoreApplication.translate("SettingsDialog", u"Actualiser", None))
#if QT_CONFIG(tooltip)
        self.rechargeRefreshButton.setToolTip(QCoreApplication.translate("SettingsDialog", u"Demander au serveur o\u00f9 en sont vos demandes", None))
#endif // QT_CONFIG(tooltip)
        self.transferHolderTitle.setText(QCoreApplication.translate("SettingsDialog", u"B\u00e9n\u00e9ficiaire :", None))
        self.transferBankTitle.setText(QCoreApplication.translate("SettingsDialog", u"Banque :", None))
        self.transferRibTitle.setText(QCoreApplication.translate("SettingsDialog", u"RIB :", None))
        self.copyRibButton.setText(QCoreApplication.translate("SettingsDialog", u"Copier", None))
#if QT_CONFIG(tooltip)
        self.copyRibButton.setToolTip(QCoreApplication.translate("SettingsDialog", u"Copier le RIB (24 chiffres, sans espaces) pour le coller dans votre banque en ligne", None))
#endif // QT_CONFIG(tooltip)
        self.transferIbanTitle.setText(QCoreApplication.translate("SettingsDialog", u"IBAN :", None))
        self.transferSwiftTitle.setText(QCoreApplication.translate("SettingsDialog", u"Code SWIFT :", None))
        self.transferReferenceTitle.setText(QCoreApplication.translate("SettingsDialog", u"Motif du virement :", None))
        self.copyReferenceButton.setText(QCoreApplication.translate("SettingsDialog", u"Copier", None))
#if QT_CONFIG(tooltip)
        self.copyReferenceButton.setToolTip(QCoreApplication.translate("SettingsDialog", u"Copier le motif \u00e0 indiquer dans le libell\u00e9 du virement", None))
#endif // QT_CONFIG(tooltip)
        self.attachProofButton.setText(QCoreApplication.translate("SettingsDialog", u"Joindre l'avis de virement\u2026", None))
#if QT_CONFIG(tooltip)
        self.attachProofButton.setToolTip(QCoreApplication.translate("SettingsDialog", u"PDF, JPG ou PNG, 5 Mo au maximum", None))
#endif // QT_CONFIG(tooltip)
        self.cancelRechargeButton.setText(QCoreApplication.translate("SettingsDialog", u"Annuler la demande", None))
#if QT_CONFIG(tooltip)
        self.cancelRechargeButton.setToolTip(QCoreApplication.translate("SettingsDialog", u"Annuler cette demande tant qu'elle n'est pas pay\u00e9e", None))
#endif // QT_CONFIG(tooltip)
        self.settingsTabs.setTabText(self.settingsTabs.indexOf(self.rechargeTab), QCoreApplication.translate("SettingsDialog", u"Recharge", None))
        self.serverLabel.setText(QCoreApplication.translate("SettingsDialog", u"Serveur :", None))
        self.userLabel.setText(QCoreApplication.translate("SettingsDialog", u"Utilisateur :", None))
        self.permissionsTitleLabel.setText(QCoreApplication.translate("SettingsDialog", u"Autorisations :", None))
        self.switchUserButton.setText(QCoreApplication.translate("SettingsDialog", u"Changer d'utilisateur", None))
#if QT_CONFIG(tooltip)
        self.switchUserButton.setToolTip(QCoreApplication.translate("SettingsDialog", u"Poste partag\u00e9 : un autre membre de l'\u00e9quipe se connecte avec son propre compte", None))
#endif // QT_CONFIG(tooltip)
        self.logoutButton.setText(QCoreApplication.translate("SettingsDialog", u"Se d\u00e9connecter", None))
#if QT_CONFIG(tooltip)
        self.logoutButton.setToolTip(QCoreApplication.translate("SettingsDialog", u"Efface l'identifiant et le mot de passe enregistr\u00e9s sur ce poste", None))
#endif // QT_CONFIG(tooltip)
        self.accountHint.setText(QCoreApplication.translate("SettingsDialog", u"\u00ab Se d\u00e9connecter \u00bb efface de ce poste les identifiants enregistr\u00e9s. \u00ab Changer d'utilisateur \u00bb permet \u00e0 un coll\u00e8gue de se connecter avec son propre compte : les envois sont alors enregistr\u00e9s \u00e0 son nom.", None))
        self.settingsTabs.setTabText(self.settingsTabs.indexOf(self.accountTab), QCoreApplication.translate("SettingsDialog", u"Compte", None))
        self.pharmacyNameLabel.setText(QCoreApplication.translate("SettingsDialog", u"Nom de la pharmacie :", None))
        self.pharmacyNameEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"Par exemple : Al Amal", None))
#if QT_CONFIG(tooltip)
        self.pharmacyNameEdit.setToolTip(QCoreApplication.translate("SettingsDialog", u"Remplace le champ {pharmacie} dans les messages", None))
#endif // QT_CONFIG(tooltip)
        self.pharmacyNameHint.setText(QCoreApplication.translate("SettingsDialog", u"Utilis\u00e9 par le champ {pharmacie} des messages, par exemple \u00ab votre solde \u00e0 la pharmacie {pharmacie} \u00bb.", None))
        self.syncIntervalLabel.setText(QCoreApplication.translate("SettingsDialog", u"Synchronisation :", None))
        self.syncIntervalSpin.setPrefix(QCoreApplication.translate("SettingsDialog", u"toutes les ", None))
        self.syncIntervalSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" min", None))
        self.quietHoursGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"Heures calmes pour les promotions", None))
        self.quietHoursEnabledCheck.setText(QCoreApplication.translate("SettingsDialog", u"Ne pas envoyer de promotions pendant les heures calmes", None))
        self.quietStartLabel.setText(QCoreApplication.translate("SettingsDialog", u"Le soir \u00e0 partir de", None))
        self.quietStartEdit.setDisplayFormat(QCoreApplication.translate("SettingsDialog", u"HH:mm", None))
        self.quietEndLabel.setText(QCoreApplication.translate("SettingsDialog", u"jusqu'au lendemain", None))
        self.quietEndEdit.setDisplayFormat(QCoreApplication.translate("SettingsDialog", u"HH:mm", None))
        self.quietDaysLabel.setText(QCoreApplication.translate("SettingsDialog", u"Toute la journ\u00e9e le :", None))
        self.quietDay0.setText(QCoreApplication.translate("SettingsDialog", u"lun.", None))
        self.quietDay1.setText(QCoreApplication.translate("SettingsDialog", u"mar.", None))
        self.quietDay2.setText(QCoreApplication.translate("SettingsDialog", u"mer.", None))
        self.quietDay3.setText(QCoreApplication.translate("SettingsDialog", u"jeu.", None))
        self.quietDay4.setText(QCoreApplication.translate("SettingsDialog", u"ven.", None))
        self.quietDay5.setText(QCoreApplication.translate("SettingsDialog", u"sam.", None))
        self.quietDay6.setText(QCoreApplication.translate("SettingsDialog", u"dim.", None))
        self.frequencyCapsGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"Fr\u00e9quence des SMS par client (tous les postes)", None))
        self.reminderCapLabel.setText(QCoreApplication.translate("SettingsDialog", u"Rappels de solde : au plus", None))
        self.reminderCapSpin.setSpecialValueText(QCoreApplication.translate("SettingsDialog", u"sans limite", None))
        self.reminderDaysLabel.setText(QCoreApplication.translate("SettingsDialog", u"par p\u00e9riode de", None))
        self.reminderDaysSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" jours", None))
        self.promotionCapLabel.setText(QCoreApplication.translate("SettingsDialog", u"Promotions : au plus", None))
        self.promotionCapSpin.setSpecialValueText(QCoreApplication.translate("SettingsDialog", u"sans limite", None))
        self.promotionDaysLabel.setText(QCoreApplication.translate("SettingsDialog", u"par p\u00e9riode de", None))
        self.promotionDaysSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" jours", None))
        self.settingsTabs.setTabText(self.settingsTabs.indexOf(self.generalTab), QCoreApplication.translate("SettingsDialog", u"G\u00e9n\u00e9ral", None))
    # retranslateUi

