# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'test_send_dialog.ui'
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
from PySide6.QtWidgets import (QApplication, QDialog, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_TestSendDialog(object):
    def setupUi(self, testSendDialog):
        if not testSendDialog.objectName():
            testSendDialog.setObjectName(u"testSendDialog")
        testSendDialog.resize(520, 420)
        self.testSendLayout = QVBoxLayout(testSendDialog)
        self.testSendLayout.setObjectName(u"testSendLayout")
        self.explanationLabel = QLabel(testSendDialog)
        self.explanationLabel.setObjectName(u"explanationLabel")
        self.explanationLabel.setWordWrap(True)

        self.testSendLayout.addWidget(self.explanationLabel)

        self.recipientsForm = QFormLayout()
        self.recipientsForm.setObjectName(u"recipientsForm")
        self.testRecipient1Label = QLabel(testSendDialog)
        self.testRecipient1Label.setObjectName(u"testRecipient1Label")

        self.recipientsForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.testRecipient1Label)

        self.testRecipient1 = QLineEdit(testSendDialog)
        self.testRecipient1.setObjectName(u"testRecipient1")
        self.testRecipient1.setClearButtonEnabled(True)

        self.recipientsForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.testRecipient1)

        self.testRecipient2Label = QLabel(testSendDialog)
        self.testRecipient2Label.setObjectName(u"testRecipient2Label")

        self.recipientsForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.testRecipient2Label)

        self.testRecipient2 = QLineEdit(testSendDialog)
        self.testRecipient2.setObjectName(u"testRecipient2")
        self.testRecipient2.setClearButtonEnabled(True)

        self.recipientsForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.testRecipient2)

        self.testRecipient3Label = QLabel(testSendDialog)
        self.testRecipient3Label.setObjectName(u"testRecipient3Label")

        self.recipientsForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.testRecipient3Label)

        self.testRecipient3 = QLineEdit(testSendDialog)
        self.testRecipient3.setObjectName(u"testRecipient3")
        self.testRecipient3.setClearButtonEnabled(True)

        self.recipientsForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.testRecipient3)


        self.testSendLayout.addLayout(self.recipientsForm)

        self.hintLabel = QLabel(testSendDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setStyleSheet(u"color: #555;")

        self.testSendLayout.addWidget(self.hintLabel)

        self.problemsLabel = QLabel(testSendDialog)
        self.problemsLabel.setObjectName(u"problemsLabel")
        self.problemsLabel.setVisible(False)
        self.problemsLabel.setWordWrap(True)
        self.problemsLabel.setStyleSheet(u"color: #a50e0e;")

        self.testSendLayout.addWidget(self.problemsLabel)

        self.sampleTitle = QLabel(testSendDialog)
        self.sampleTitle.setObjectName(u"sampleTitle")

        self.testSendLayout.addWidget(self.sampleTitle)

        self.samplePreview = QPlainTextEdit(testSendDialog)
        self.samplePreview.setObjectName(u"samplePreview")
        self.samplePreview.setReadOnly(True)
        self.samplePreview.setStyleSheet(u"QPlainTextEdit { background: #e9f2fb; border: 1px solid #b9d3ec; border-radius: 8px; padding: 6px; }")

        self.testSendLayout.addWidget(self.samplePreview)

        self.testButtons = QHBoxLayout()
        self.testButtons.setObjectName(u"testButtons")
        self.testButtonsSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.testButtons.addItem(self.testButtonsSpacer)

        self.cancelButton = QPushButton(testSendDialog)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setAutoDefault(False)

        self.testButtons.addWidget(self.cancelButton)

        self.sendTestButton = QPushButton(testSendDialog)
        self.sendTestButton.setObjectName(u"sendTestButton")

        self.testButtons.addWidget(self.sendTestButton)


        self.testSendLayout.addLayout(self.testButtons)

#if QT_CONFIG(shortcut)
        self.testRecipient1Label.setBuddy(self.testRecipient1)
        self.testRecipient2Label.setBuddy(self.testRecipient2)
        self.testRecipient3Label.setBuddy(self.testRecipient3)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(testSendDialog)

        self.sendTestButton.setDefault(True)


        QMetaObject.connectSlotsByName(testSendDialog)
    # setupUi

    def retranslateUi(self, testSendDialog):
        testSendDialog.setWindowTitle(QCoreApplication.translate("TestSendDialog", u"Envoyer un test", None))
        self.explanationLabel.setText(QCoreApplication.translate("TestSendDialog", u"Conseil : avant un envoi important, testez le message sur un petit groupe de 2 ou 3 personnes (vous-m\u00eame, un coll\u00e8gue) pour valider sa clart\u00e9 et son ton.", None))
        self.testRecipient1Label.setText(QCoreApplication.translate("TestSendDialog", u"Destinataire 1 :", None))
        self.testRecipient1.setPlaceholderText(QCoreApplication.translate("TestSendDialog", u"Num\u00e9ro de mobile ou nom d'un client", None))
        self.testRecipient2Label.setText(QCoreApplication.translate("TestSendDialog", u"Destinataire 2 :", None))
        self.testRecipient2.setPlaceholderText(QCoreApplication.translate("TestSendDialog", u"Facultatif", None))
        self.testRecipient3Label.setText(QCoreApplication.translate("TestSendDialog", u"Destinataire 3 :", None))
        self.testRecipient3.setPlaceholderText(QCoreApplication.translate("TestSendDialog", u"Facultatif", None))
        self.sampleTitle.setText(QCoreApplication.translate("TestSendDialog", u"Message qui sera envoy\u00e9 :", None))
        self.cancelButton.setText(QCoreApplication.translate("TestSendDialog", u"Annuler", None))
        self.sendTestButton.setText(QCoreApplication.translate("TestSendDialog", u"Envoyer le test", None))
    # retranslateUi

