# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'credits_view.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QListWidget, QListWidgetItem,
    QPushButton, QSizePolicy, QSpacerItem, QTableView,
    QVBoxLayout, QWidget)

class Ui_CreditsView(object):
    def setupUi(self, CreditsView):
        if not CreditsView.objectName():
            CreditsView.setObjectName(u"CreditsView")
        CreditsView.resize(820, 560)
        self.creditsLayout = QVBoxLayout(CreditsView)
        self.creditsLayout.setObjectName(u"creditsLayout")
        self.reconciliationLabel = QLabel(CreditsView)
        self.reconciliationLabel.setObjectName(u"reconciliationLabel")
        self.reconciliationLabel.setWordWrap(True)

        self.creditsLayout.addWidget(self.reconciliationLabel)

        self.discrepancyList = QListWidget(CreditsView)
        self.discrepancyList.setObjectName(u"discrepancyList")
        self.discrepancyList.setVisible(False)

        self.creditsLayout.addWidget(self.discrepancyList)

        self.forecastLabel = QLabel(CreditsView)
        self.forecastLabel.setObjectName(u"forecastLabel")
        self.forecastLabel.setWordWrap(True)
        self.forecastLabel.setOpenExternalLinks(False)

        self.creditsLayout.addWidget(self.forecastLabel)

        self.creditsFilterLayout = QHBoxLayout()
        self.creditsFilterLayout.setObjectName(u"creditsFilterLayout")
        self.monthFilterLabel = QLabel(CreditsView)
        self.monthFilterLabel.setObjectName(u"monthFilterLabel")

        self.creditsFilterLayout.addWidget(self.monthFilterLabel)

        self.monthCombo = QComboBox(CreditsView)
        self.monthCombo.setObjectName(u"monthCombo")
        self.monthCombo.setMinimumContentsLength(14)

        self.creditsFilterLayout.addWidget(self.monthCombo)

        self.campaignFilterLabel = QLabel(CreditsView)
        self.campaignFilterLabel.setObjectName(u"campaignFilterLabel")

        self.creditsFilterLayout.addWidget(self.campaignFilterLabel)

        self.campaignCombo = QComboBox(CreditsView)
        self.campaignCombo.setObjectName(u"campaignCombo")
        self.campaignCombo.setMinimumContentsLength(24)
        self.campaignCombo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)

        self.creditsFilterLayout.addWidget(self.campaignCombo)

        self.creditsFilterSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.creditsFilterLayout.addItem(self.creditsFilterSpacer)

        self.exportCsvButton = QPushButton(CreditsView)
        self.exportCsvButton.setObjectName(u"exportCsvButton")
        self.exportCsvButton.setAutoDefault(False)

        self.creditsFilterLayout.addWidget(self.exportCsvButton)

        self.exportPdfButton = QPushButton(CreditsView)
        self.exportPdfButton.setObjectName(u"exportPdfButton")
        self.exportPdfButton.setAutoDefault(False)

        self.creditsFilterLayout.addWidget(self.exportPdfButton)


        self.creditsLayout.addLayout(self.creditsFilterLayout)

        self.movementsTable = QTableView(CreditsView)
        self.movementsTable.setObjectName(u"movementsTable")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(3)
        sizePolicy.setHeightForWidth(self.movementsTable.sizePolicy().hasHeightForWidth())
        self.movementsTable.setSizePolicy(sizePolicy)
        self.movementsTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.movementsTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.movementsTable.setAlternatingRowColors(True)
        self.movementsTable.horizontalHeader().setStretchLastSection(False)
        self.movementsTable.verticalHeader().setVisible(False)

        self.creditsLayout.addWidget(self.movementsTable)

        self.campaignCostsTitle = QLabel(CreditsView)
        self.campaignCostsTitle.setObjectName(u"campaignCostsTitle")
        self.campaignCostsTitle.setStyleSheet(u"font-weight: bold;")

        self.creditsLayout.addWidget(self.campaignCostsTitle)

        self.campaignCostsTable = QTableView(CreditsView)
        self.campaignCostsTable.setObjectName(u"campaignCostsTable")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(2)
        sizePolicy1.setHeightForWidth(self.campaignCostsTable.sizePolicy().hasHeightForWidth())
        self.campaignCostsTable.setSizePolicy(sizePolicy1)
        self.campaignCostsTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.campaignCostsTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.campaignCostsTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.campaignCostsTable.setAlternatingRowColors(True)
        self.campaignCostsTable.verticalHeader().setVisible(False)

        self.creditsLayout.addWidget(self.campaignCostsTable)

        self.creditsStatusLabel = QLabel(CreditsView)
        self.creditsStatusLabel.setObjectName(u"creditsStatusLabel")
        self.creditsStatusLabel.setWordWrap(True)
        self.creditsStatusLabel.setStyleSheet(u"color: #555;")

        self.creditsLayout.addWidget(self.creditsStatusLabel)

#if QT_CONFIG(shortcut)
        self.monthFilterLabel.setBuddy(self.monthCombo)
        self.campaignFilterLabel.setBuddy(self.campaignCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CreditsView)

        QMetaObject.connectSlotsByName(CreditsView)
    # setupUi

    def retranslateUi(self, CreditsView):
        self.reconciliationLabel.setText(QCoreApplication.translate("CreditsView", u"V\u00e9rification des cr\u00e9dits\u2026", None))
#if QT_CONFIG(tooltip)
        self.discrepancyList.setToolTip(QCoreApplication.translate("CreditsView", u"Chaque \u00e9cart entre les mouvements, le solde et les SMS envoy\u00e9s. Cliquez pour voir le d\u00e9tail.", None))
#endif // QT_CONFIG(tooltip)
        self.monthFilterLabel.setText(QCoreApplication.translate("CreditsView", u"Mois :", None))
        self.campaignFilterLabel.setText(QCoreApplication.translate("CreditsView", u"Envoi :", None))
        self.exportCsvButton.setText(QCoreApplication.translate("CreditsView", u"Relev\u00e9 CSV\u2026", None))
#if QT_CONFIG(tooltip)
        self.exportCsvButton.setToolTip(QCoreApplication.translate("CreditsView", u"Enregistrer le relev\u00e9 du mois choisi pour Excel", None))
#endif // QT_CONFIG(tooltip)
        self.exportPdfButton.setText(QCoreApplication.translate("CreditsView", u"Relev\u00e9 PDF\u2026", None))
#if QT_CONFIG(tooltip)
        self.exportPdfButton.setToolTip(QCoreApplication.translate("CreditsView", u"Enregistrer le relev\u00e9 du mois choisi sur une page PDF, pour le comptable", None))
#endif // QT_CONFIG(tooltip)
        self.campaignCostsTitle.setText(QCoreApplication.translate("CreditsView", u"Par envoi group\u00e9 : d\u00e9compt\u00e9s, rembours\u00e9s, co\u00fbt net", None))
#if QT_CONFIG(tooltip)
        self.campaignCostsTable.setToolTip(QCoreApplication.translate("CreditsView", u"Double-cliquez sur un envoi pour n'afficher que ses mouvements", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

