# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'schedule_editor_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QSizePolicy, QSpacerItem,
    QSpinBox, QTimeEdit, QVBoxLayout, QWidget)

class Ui_ScheduleEditorDialog(object):
    def setupUi(self, scheduleEditorDialog):
        if not scheduleEditorDialog.objectName():
            scheduleEditorDialog.setObjectName(u"scheduleEditorDialog")
        scheduleEditorDialog.resize(520, 480)
        self.scheduleEditorLayout = QVBoxLayout(scheduleEditorDialog)
        self.scheduleEditorLayout.setObjectName(u"scheduleEditorLayout")
        self.scheduleWhatLabel = QLabel(scheduleEditorDialog)
        self.scheduleWhatLabel.setObjectName(u"scheduleWhatLabel")
        self.scheduleWhatLabel.setWordWrap(True)

        self.scheduleEditorLayout.addWidget(self.scheduleWhatLabel)

        self.scheduleForm = QFormLayout()
        self.scheduleForm.setObjectName(u"scheduleForm")
        self.scheduleNameCaption = QLabel(scheduleEditorDialog)
        self.scheduleNameCaption.setObjectName(u"scheduleNameCaption")

        self.scheduleForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.scheduleNameCaption)

        self.scheduleNameEdit = QLineEdit(scheduleEditorDialog)
        self.scheduleNameEdit.setObjectName(u"scheduleNameEdit")
        self.scheduleNameEdit.setMaxLength(100)

        self.scheduleForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.scheduleNameEdit)

        self.frequencyCaption = QLabel(scheduleEditorDialog)
        self.frequencyCaption.setObjectName(u"frequencyCaption")

        self.scheduleForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.frequencyCaption)

        self.frequencyCombo = QComboBox(scheduleEditorDialog)
        self.frequencyCombo.setObjectName(u"frequencyCombo")

        self.scheduleForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.frequencyCombo)

        self.startCaption = QLabel(scheduleEditorDialog)
        self.startCaption.setObjectName(u"startCaption")

        self.scheduleForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.startCaption)

        self.startDateEdit = QDateEdit(scheduleEditorDialog)
        self.startDateEdit.setObjectName(u"startDateEdit")
        self.startDateEdit.setCalendarPopup(True)

        self.scheduleForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.startDateEdit)

        self.weekdayCaption = QLabel(scheduleEditorDialog)
        self.weekdayCaption.setObjectName(u"weekdayCaption")

        self.scheduleForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.weekdayCaption)

        self.weekdayCombo = QComboBox(scheduleEditorDialog)
        self.weekdayCombo.setObjectName(u"weekdayCombo")

        self.scheduleForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.weekdayCombo)

        self.dayOfMonthCaption = QLabel(scheduleEditorDialog)
        self.dayOfMonthCaption.setObjectName(u"dayOfMonthCaption")

        self.scheduleForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.dayOfMonthCaption)

        self.dayOfMonthSpin = QSpinBox(scheduleEditorDialog)
        self.dayOfMonthSpin.setObjectName(u"dayOfMonthSpin")
        self.dayOfMonthSpin.setMinimum(1)
        self.dayOfMonthSpin.setMaximum(31)

        self.scheduleForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.dayOfMonthSpin)

        self.atCaption = QLabel(scheduleEditorDialog)
        self.atCaption.setObjectName(u"atCaption")

        self.scheduleForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.atCaption)

        self.atTimeEdit = QTimeEdit(scheduleEditorDialog)
        self.atTimeEdit.setObjectName(u"atTimeEdit")

        self.scheduleForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.atTimeEdit)

        self.endCaption = QLabel(scheduleEditorDialog)
        self.endCaption.setObjectName(u"endCaption")

        self.scheduleForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.endCaption)

        self.endLayout = QHBoxLayout()
        self.endLayout.setObjectName(u"endLayout")
        self.endCombo = QComboBox(scheduleEditorDialog)
        self.endCombo.setObjectName(u"endCombo")

        self.endLayout.addWidget(self.endCombo)

        self.untilDateEdit = QDateEdit(scheduleEditorDialog)
        self.untilDateEdit.setObjectName(u"untilDateEdit")
        self.untilDateEdit.setCalendarPopup(True)

        self.endLayout.addWidget(self.untilDateEdit)

        self.countSpin = QSpinBox(scheduleEditorDialog)
        self.countSpin.setObjectName(u"countSpin")
        self.countSpin.setMinimum(1)
        self.countSpin.setMaximum(999)

        self.endLayout.addWidget(self.countSpin)


        self.scheduleForm.setLayout(6, QFormLayout.ItemRole.FieldRole, self.endLayout)

        self.recipientsCaption = QLabel(scheduleEditorDialog)
        self.recipientsCaption.setObjectName(u"recipientsCaption")

        self.scheduleForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.recipientsCaption)

        self.recipientsLabel = QLabel(scheduleEditorDialog)
        self.recipientsLabel.setObjectName(u"recipientsLabel")
        self.recipientsLabel.setWordWrap(True)

        self.scheduleForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.recipientsLabel)


        self.scheduleEditorLayout.addLayout(self.scheduleForm)

        self.ruleSummaryLabel = QLabel(scheduleEditorDialog)
        self.ruleSummaryLabel.setObjectName(u"ruleSummaryLabel")
        self.ruleSummaryLabel.setWordWrap(True)
        self.ruleSummaryLabel.setStyleSheet(u"font-weight: bold;")

        self.scheduleEditorLayout.addWidget(self.ruleSummaryLabel)

        self.scheduleNoteLabel = QLabel(scheduleEditorDialog)
        self.scheduleNoteLabel.setObjectName(u"scheduleNoteLabel")
        self.scheduleNoteLabel.setWordWrap(True)

        self.scheduleEditorLayout.addWidget(self.scheduleNoteLabel)

        self.scheduleErrorLabel = QLabel(scheduleEditorDialog)
        self.scheduleErrorLabel.setObjectName(u"scheduleErrorLabel")
        self.scheduleErrorLabel.setWordWrap(True)
        self.scheduleErrorLabel.setStyleSheet(u"color: #b00020;")

        self.scheduleEditorLayout.addWidget(self.scheduleErrorLabel)

        self.scheduleSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.scheduleEditorLayout.addItem(self.scheduleSpacer)

        self.buttonBox = QDialogButtonBox(scheduleEditorDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.scheduleEditorLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.scheduleNameCaption.setBuddy(self.scheduleNameEdit)
        self.frequencyCaption.setBuddy(self.frequencyCombo)
        self.startCaption.setBuddy(self.startDateEdit)
        self.weekdayCaption.setBuddy(self.weekdayCombo)
        self.dayOfMonthCaption.setBuddy(self.dayOfMonthSpin)
        self.atCaption.setBuddy(self.atTimeEdit)
        self.endCaption.setBuddy(self.endCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(scheduleEditorDialog)

        QMetaObject.connectSlotsByName(scheduleEditorDialog)
    # setupUi

    def retranslateUi(self, scheduleEditorDialog):
        scheduleEditorDialog.setWindowTitle(QCoreApplication.translate("ScheduleEditorDialog", u"Programmer l'envoi", None))
        self.scheduleNameCaption.setText(QCoreApplication.translate("ScheduleEditorDialog", u"Nom :", None))
        self.frequencyCaption.setText(QCoreApplication.translate("ScheduleEditorDialog", u"Fr\u00e9quence :", None))
        self.startCaption.setText(QCoreApplication.translate("ScheduleEditorDialog", u"Le (ou \u00e0 partir du) :", None))
        self.startDateEdit.setDisplayFormat(QCoreApplication.translate("ScheduleEditorDialog", u"dd/MM/yyyy", None))
        self.weekdayCaption.setText(QCoreApplication.translate("ScheduleEditorDialog", u"Jour de la semaine :", None))
        self.dayOfMonthCaption.setText(QCoreApplication.translate("ScheduleEditorDialog", u"Jour du mois :", None))
        self.atCaption.setText(QCoreApplication.translate("ScheduleEditorDialog", u"\u00c0 :", None))
        self.atTimeEdit.setDisplayFormat(QCoreApplication.translate("ScheduleEditorDialog", u"HH:mm", None))
        self.endCaption.setText(QCoreApplication.translate("ScheduleEditorDialog", u"Fin :", None))
        self.untilDateEdit.setDisplayFormat(QCoreApplication.translate("ScheduleEditorDialog", u"dd/MM/yyyy", None))
        self.countSpin.setSuffix(QCoreApplication.translate("ScheduleEditorDialog", u" fois", None))
        self.recipientsCaption.setText(QCoreApplication.translate("ScheduleEditorDialog", u"Destinataires :", None))
        self.scheduleNoteLabel.setText(QCoreApplication.translate("ScheduleEditorDialog", u"Au moment de l'envoi, les soldes, les num\u00e9ros et les d\u00e9sabonnements sont relus depuis Sobrus : un client qui a r\u00e9gl\u00e9 entre-temps ne re\u00e7oit rien. Si les cr\u00e9dits ne suffisent pas, rien n'est envoy\u00e9 et l'envoi programm\u00e9 se met en pause.", None))
    # retranslateUi

