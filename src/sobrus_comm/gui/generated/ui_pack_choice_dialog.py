# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'pack_choice_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QLabel, QListWidget, QListWidgetItem, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_PackChoiceDialog(object):
    def setupUi(self, packChoiceDialog):
        if not packChoiceDialog.objectName():
            packChoiceDialog.setObjectName(u"packChoiceDialog")
        packChoiceDialog.resize(460, 340)
        self.packLayout = QVBoxLayout(packChoiceDialog)
        self.packLayout.setObjectName(u"packLayout")
        self.packIntroLabel = QLabel(packChoiceDialog)
        self.packIntroLabel.setObjectName(u"packIntroLabel")
        self.packIntroLabel.setWordWrap(True)

        self.packLayout.addWidget(self.packIntroLabel)

        self.packsList = QListWidget(packChoiceDialog)
        self.packsList.setObjectName(u"packsList")
        self.packsList.setAlternatingRowColors(True)

        self.packLayout.addWidget(self.packsList)

        self.packSummaryLabel = QLabel(packChoiceDialog)
        self.packSummaryLabel.setObjectName(u"packSummaryLabel")
        self.packSummaryLabel.setWordWrap(True)
        self.packSummaryLabel.setStyleSheet(u"font-weight: bold;")

        self.packLayout.addWidget(self.packSummaryLabel)

        self.buttonBox = QDialogButtonBox(packChoiceDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.packLayout.addWidget(self.buttonBox)


        self.retranslateUi(packChoiceDialog)

        QMetaObject.connectSlotsByName(packChoiceDialog)
    # setupUi

    def retranslateUi(self, packChoiceDialog):
        packChoiceDialog.setWindowTitle(QCoreApplication.translate("PackChoiceDialog", u"Demander une recharge", None))
        self.packIntroLabel.setText(QCoreApplication.translate("PackChoiceDialog", u"Choisissez le pack de SMS \u00e0 commander. Votre demande est transmise au service commercial Sobrus ; les coordonn\u00e9es bancaires (RIB) et le motif du virement s'affichent d\u00e8s qu'elle est envoy\u00e9e.", None))
    # retranslateUi

