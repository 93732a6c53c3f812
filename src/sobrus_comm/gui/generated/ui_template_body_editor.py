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
    QVBoxLayout, QWidget)

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

        self.templateBodyEdit = QPlainTextEdit(templateBodyEditor)
        self.templateBodyEdit.setObjectName(u"templateBodyEdit")
        self.templateBodyEdit.setTabChangesFocus(True)

        self.bodyEditorLayout.addWidget(self.templateBodyEdit)

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

        QMetaObject.connectSlotsByName(templateBodyEditor)
    # setupUi

    def retranslateUi(self, templateBodyEditor):
        self.templateBodyLabel.setText(QCoreApplication.translate("TemplateBodyEditor", u"Texte du mod\u00e8le (les champs entre accolades sont remplis pour chaque client) :", None))
        self.templateBodyEdit.setPlaceholderText(QCoreApplication.translate("TemplateBodyEditor", u"Bonjour {prenom}, \u2026", None))
#if QT_CONFIG(tooltip)
        self.placeholderCombo.setToolTip(QCoreApplication.translate("TemplateBodyEditor", u"Champ \u00e0 ins\u00e9rer \u00e0 l'emplacement du curseur", None))
#endif // QT_CONFIG(tooltip)
        self.insertPlaceholderButton.setText(QCoreApplication.translate("TemplateBodyEditor", u"Ins\u00e9rer le champ", None))
        pass
    # retranslateUi

