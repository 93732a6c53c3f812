# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'template_body_editor.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QHBoxLayout, QLabel,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTabWidget, QVBoxLayout, QWidget)

class Ui_TemplateBodyEditor(object):
    def setupUi(self, templateBodyEditor):
        if not templateBodyEditor.objectName():
            templateBodyEditor.setObjectName(u"templateBodyEditor")
        templateBodyEditor.resize(420, 220)
        self.bodyEditorLayout = QVBoxLayout(templateBodyEditor)
        self.bodyEditorLayout.setObjectName(u"bodyEditorLayout")
        self.bodyEditorLayout.setContentsMargins(0, 0, 0, 0)
        self.templateBodyLabel = QLabel(templateBodyEditor)
        self.templateBodyLabel.setObjectName(u"templateBodyLabel")
        self.templateBodyLabel.setWordWrap(True)

        self.bodyEditorLayout.addWidget(self.templateBodyLabel)

        self.templateLanguageTabs = QTabWidget(templateBodyEditor)
        self.templateLanguageTabs.setObjectName(u"templateLanguageTabs")
        self.templateLanguageTabs.setDocumentMode(True)
        self.frenchTextPage = QWidget()
        self.frenchTextPage.setObjectName(u"frenchTextPage")
        self.frenchTextLayout = QVBoxLayout(self.frenchTextPage)
        self.frenchTextLayout.setObjectName(u"frenchTextLayout")
        self.frenchTextLayout.setContentsMargins(0, 0, 0, 0)
        self.templateBodyEdit = QPlainTextEdit(self.frenchTextPage)
        self.templateBodyEdit.setObjectName(u"templateBodyEdit")
        self.templateBodyEdit.setTabChangesFocus(True)

        self.frenchTextLayout.addWidget(self.templateBodyEdit)

        self.templateLanguageTabs.addTab(self.frenchTextPage, "")
        self.arabicTextPage = QWidget()
        self.arabicTextPage.setObjectName(u"arabicTextPage")
        self.arabicTextLayout = QVBoxLayout(self.arabicTextPage)
        self.arabicTextLayout.setObjectName(u"arabicTextLayout")
        self.arabicTextLayout.setContentsMargins(0, 0, 0, 0)
        self.templateBodyArEdit = QPlainTextEdit(self.arabicTextPage)
        self.templateBodyArEdit.setObjectName(u"templateBodyArEdit")
        self.templateBodyArEdit.setLayoutDirection(Qt.RightToLeft)
        self.templateBodyArEdit.setTabChangesFocus(True)

        self.arabicTextLayout.addWidget(self.templateBodyArEdit)

        self.templateLanguageTabs.addTab(self.arabicTextPage, "")

        self.bodyEditorLayout.addWidget(self.templateLanguageTabs)

        self.placeholderLayout = QHBoxLayout()
        self.placeholderLayout.setObjectName(u"placeholderLayout")
        self.placeholderCombo = QComboBox(templateBodyEditor)
        self.placeholderCombo.setObjectName(u"placeholderCombo")

        self.placeholderLayout.addWidget(self.placeholderCombo)

        self.insertPlaceholderButton = QPushButton(templateBodyEditor)
        self.insertPlaceholderButton.setObjectName(u"insertPlaceholderButton")
        self.insertPlaceholderButton.setAutoDefault(False)

        self.placeholderLayout.addWidget(self.insertPlaceholderButton)

        self.placeholderSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.placeholderLayout.addItem(self.placeholderSpacer)


        self.bodyEditorLayout.addLayout(self.placeholderLayout)

        self.templateProblemsLabel = QLabel(templateBodyEditor)
        self.templateProblemsLabel.setObjectName(u"templateProblemsLabel")
        self.templateProblemsLabel.setVisible(False)
        self.templateProblemsLabel.setWordWrap(True)
        self.templateProblemsLabel.setStyleSheet(u"color: #a50e0e;")

        self.bodyEditorLayout.addWidget(self.templateProblemsLabel)

#if QT_CONFIG(shortcut)
        self.templateBodyLabel.setBuddy(self.templateBodyEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(templateBodyEditor)

        self.templateLanguageTabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(templateBodyEditor)
    # setupUi

    def retranslateUi(self, templateBodyEditor):
        self.templateBodyLabel.setText(QCoreApplication.translate("TemplateBodyEditor", u"Texte du mod\u00e8le (les champs entre accolades sont remplis pour chaque client) :", None))
#if QT_CONFIG(tooltip)
        self.templateLanguageTabs.setToolTip(QCoreApplication.translate("TemplateBodyEditor", u"Chaque client re\u00e7oit le texte de sa langue ; sans texte arabe, les clients qui lisent l'arabe re\u00e7oivent le texte fran\u00e7ais.", None))
#endif // QT_CONFIG(tooltip)
        self.templateBodyEdit.setPlaceholderText(QCoreApplication.translate("TemplateBodyEditor", u"Bonjour {prenom}, \u2026", None))
        self.templateLanguageTabs.setTabText(self.templateLanguageTabs.indexOf(self.frenchTextPage), QCoreApplication.translate("TemplateBodyEditor", u"Fran\u00e7ais", None))
#if QT_CONFIG(tooltip)
        self.templateBodyArEdit.setToolTip(QCoreApplication.translate("TemplateBodyEditor", u"Texte pour les clients qui lisent l'arabe. Vide : ils re\u00e7oivent le texte fran\u00e7ais.", None))
#endif // QT_CONFIG(tooltip)
        self.templateBodyArEdit.setPlaceholderText(QCoreApplication.translate("TemplateBodyEditor", u"\u0645\u0631\u062d\u0628\u0627 {prenom}\u060c \u2026  (vide : le texte fran\u00e7ais est envoy\u00e9)", None))
        self.templateLanguageTabs.setTabText(self.templateLanguageTabs.indexOf(self.arabicTextPage), QCoreApplication.translate("TemplateBodyEditor", u"Arabe (facultatif)", None))
#if QT_CONFIG(tooltip)
        self.placeholderCombo.setToolTip(QCoreApplication.translate("TemplateBodyEditor", u"Champ \u00e0 ins\u00e9rer \u00e0 l'emplacement du curseur", None))
#endif // QT_CONFIG(tooltip)
        self.insertPlaceholderButton.setText(QCoreApplication.translate("TemplateBodyEditor", u"Ins\u00e9rer le champ", None))
        pass
    # retranslateUi

