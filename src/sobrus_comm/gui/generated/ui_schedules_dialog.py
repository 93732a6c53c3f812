# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'schedules_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QTableView,
    QVBoxLayout, QWidget)

class Ui_SchedulesDialog(object):
    def setupUi(self, schedulesDialog):
        if not schedulesDialog.objectName():
            schedulesDialog.setObjectName(u"schedulesDialog")
        schedulesDialog.resize(1000, 460)
        self.schedulesLayout = QVBoxLayout(schedulesDialog)
        self.schedulesLayout.setObjectName(u"schedulesLayout")
        self.schedulesIntroLabel = QLabel(schedulesDialog)
        self.schedulesIntroLabel.setObjectName(u"schedulesIntroLabel")
        self.schedulesIntroLabel.setWordWrap(True)

        self.schedulesLayout.addWidget(self.schedulesIntroLabel)

        self.creditWarningLabel = QLabel(schedulesDialog)
        self.creditWarningLabel.setObjectName(u"creditWarningLabel")
        self.creditWarningLabel.setWordWrap(True)
        self.creditWarningLabel.setOpenExternalLinks(False)
        self.creditWarningLabel.setStyleSheet(u"color: #8a4b00; font-weight: bold;")

        self.schedulesLayout.addWidget(self.creditWarningLabel)

        self.schedulesTable = QTableView(schedulesDialog)
        self.schedulesTable.setObjectName(u"schedulesTable")
        self.schedulesTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.schedulesTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.schedulesTable.setAlternatingRowColors(True)
        self.schedulesTable.setWordWrap(False)

        self.schedulesLayout.addWidget(self.schedulesTable)

        self.scheduleDetailLabel = QLabel(schedulesDialog)
        self.scheduleDetailLabel.setObjectName(u"scheduleDetailLabel")
        self.scheduleDetailLabel.setWordWrap(True)

        self.schedulesLayout.addWidget(self.scheduleDetailLabel)

        self.scheduleButtons = QHBoxLayout()
        self.scheduleButtons.setObjectName(u"scheduleButtons")
        self.editButton = QPushButton(schedulesDialog)
        self.editButton.setObjectName(u"editButton")

        self.scheduleButtons.addWidget(self.editButton)

        self.pauseButton = QPushButton(schedulesDialog)
        self.pauseButton.setObjectName(u"pauseButton")

        self.scheduleButtons.addWidget(self.pauseButton)

        self.runNowButton = QPushButton(schedulesDialog)
        self.runNowButton.setObjectName(u"runNowButton")

        self.scheduleButtons.addWidget(self.runNowButton)

        self.deleteButton = QPushButton(schedulesDialog)
        self.deleteButton.setObjectName(u"deleteButton")

        self.scheduleButtons.addWidget(self.deleteButton)

        self.scheduleButtonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.scheduleButtons.addItem(self.scheduleButtonsSpacer)

        self.buttonBox = QDialogButtonBox(schedulesDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Close)

        self.scheduleButtons.addWidget(self.buttonBox)


        self.schedulesLayout.addLayout(self.scheduleButtons)


        self.retranslateUi(schedulesDialog)

        QMetaObject.connectSlotsByName(schedulesDialog)
    # setupUi

    def retranslateUi(self, schedulesDialog):
        schedulesDialog.setWindowTitle(QCoreApplication.translate("SchedulesDialog", u"Envois programm\u00e9s", None))
        self.schedulesIntroLabel.setText(QCoreApplication.translate("SchedulesDialog", u"Les envois programm\u00e9s partent d'un des postes ouverts de la pharmacie, une seule fois chacun. Pour en cr\u00e9er un : \u00ab Communication group\u00e9e \u00bb, puis \u00ab Programmer\u2026 \u00bb.", None))
        self.editButton.setText(QCoreApplication.translate("SchedulesDialog", u"Modifier\u2026", None))
        self.pauseButton.setText(QCoreApplication.translate("SchedulesDialog", u"Mettre en pause", None))
        self.runNowButton.setText(QCoreApplication.translate("SchedulesDialog", u"Ex\u00e9cuter maintenant", None))
        self.deleteButton.setText(QCoreApplication.translate("SchedulesDialog", u"Supprimer", None))
    # retranslateUi

