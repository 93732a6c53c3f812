# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'login_dialog.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QDialog, QFormLayout,
    QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QToolButton, QVBoxLayout,
    QWidget)

class Ui_LoginDialog(object):
    def setupUi(self, loginDialog):
        if not loginDialog.objectName():
            loginDialog.setObjectName(u"loginDialog")
        loginDialog.resize(460, 260)
        loginDialog.setModal(True)
        self.mainLayout = QVBoxLayout(loginDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.titleLabel = QLabel(loginDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setStyleSheet(u"font-size: 15px; font-weight: bold;")

        self.mainLayout.addWidget(self.titleLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.usernameLabel = QLabel(loginDialog)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.usernameLabel)

        self.usernameEdit = QLineEdit(loginDialog)
        self.usernameEdit.setObjectName(u"usernameEdit")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.usernameEdit)

        self.passwordLabel = QLabel(loginDialog)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(loginDialog)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.Password)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.passwordEdit)

        self.rememberCheck = QCheckBox(loginDialog)
        self.rememberCheck.setObjectName(u"rememberCheck")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.rememberCheck)


        self.mainLayout.addLayout(self.formLayout)

        self.advancedToggle = QToolButton(loginDialog)
        self.advancedToggle.setObjectName(u"advancedToggle")
        self.advancedToggle.setCheckable(True)
        self.advancedToggle.setAutoRaise(True)
        self.advancedToggle.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.advancedToggle.setArrowType(Qt.RightArrow)

        self.mainLayout.addWidget(self.advancedToggle)

        self.advancedPane = QWidget(loginDialog)
        self.advancedPane.setObjectName(u"advancedPane")
        self.advancedPane.setVisible(False)
        self.advancedLayout = QFormLayout(self.advancedPane)
        self.advancedLayout.setObjectName(u"advancedLayout")
        self.advancedLayout.setContentsMargins(0, 0, 0, 0)
        self.serverLabel = QLabel(self.advancedPane)
        self.serverLabel.setObjectName(u"serverLabel")

        self.advancedLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.serverLabel)

        self.serverEdit = QLineEdit(self.advancedPane)
        self.serverEdit.setObjectName(u"serverEdit")

        self.advancedLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.serverEdit)


        self.mainLayout.addWidget(self.advancedPane)

        self.errorLabel = QLabel(loginDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setVisible(False)
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setStyleSheet(u"color: #a50e0e; background: #fce8e6; border-radius: 4px; padding: 6px;")

        self.mainLayout.addWidget(self.errorLabel)

        self.verticalSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.demoButton = QPushButton(loginDialog)
        self.demoButton.setObjectName(u"demoButton")
        self.demoButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.demoButton)

        self.buttonSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonLayout.addItem(self.buttonSpacer)

        self.cancelButton = QPushButton(loginDialog)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setAutoDefault(False)

        self.buttonLayout.addWidget(self.cancelButton)

        self.loginButton = QPushButton(loginDialog)
        self.loginButton.setObjectName(u"loginButton")

        self.buttonLayout.addWidget(self.loginButton)


        self.mainLayout.addLayout(self.buttonLayout)

#if QT_CONFIG(shortcut)
        self.usernameLabel.setBuddy(self.usernameEdit)
        self.passwordLabel.setBuddy(self.passwordEdit)
        self.serverLabel.setBuddy(self.serverEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.usernameEdit, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.rememberCheck)
        QWidget.setTabOrder(self.rememberCheck, self.loginButton)
        QWidget.setTabOrder(self.loginButton, self.advancedToggle)
        QWidget.setTabOrder(self.advancedToggle, self.serverEdit)

        self.retranslateUi(loginDialog)

        self.loginButton.setDefault(True)


        QMetaObject.connectSlotsByName(loginDialog)
    # setupUi

    def retranslateUi(self, loginDialog):
        loginDialog.setWindowTitle(QCoreApplication.translate("LoginDialog", u"Connexion \u00e0 Sobrus", None))
        self.titleLabel.setText(QCoreApplication.translate("LoginDialog", u"Connectez-vous avec vos identifiants Sobrus", None))
        self.usernameLabel.setText(QCoreApplication.translate("LoginDialog", u"Identifiant :", None))
        self.passwordLabel.setText(QCoreApplication.translate("LoginDialog", u"Mot de passe :", None))
        self.rememberCheck.setText(QCoreApplication.translate("LoginDialog", u"Se souvenir de moi", None))
#if QT_CONFIG(tooltip)
        self.rememberCheck.setToolTip(QCoreApplication.translate("LoginDialog", u"Le mot de passe est gard\u00e9 dans le trousseau s\u00e9curis\u00e9 de Windows, jamais en clair. D\u00e9cochez sur un poste partag\u00e9.", None))
#endif // QT_CONFIG(tooltip)
        self.advancedToggle.setText(QCoreApplication.translate("LoginDialog", u"Avanc\u00e9", None))
#if QT_CONFIG(tooltip)
        self.advancedToggle.setToolTip(QCoreApplication.translate("LoginDialog", u"Adresse du serveur : \u00e0 changer seulement si le support Sobrus vous le demande", None))
#endif // QT_CONFIG(tooltip)
        self.serverLabel.setText(QCoreApplication.translate("LoginDialog", u"Serveur :", None))
        self.serverEdit.setPlaceholderText(QCoreApplication.translate("LoginDialog", u"https://api.sobrus.com", None))
        self.demoButton.setText(QCoreApplication.translate("LoginDialog", u"D\u00e9couvrir en mode d\u00e9monstration", None))
        self.cancelButton.setText(QCoreApplication.translate("LoginDialog", u"Annuler", None))
        self.loginButton.setText(QCoreApplication.translate("LoginDialog", u"Se connecter", None))
    # retranslateUi

