# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFrame,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QMainWindow, QMenu, QMenuBar, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QStackedWidget,
    QStatusBar, QTableView, QTextBrowser, QToolBar,
    QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, mainWindow):
        if not mainWindow.objectName():
            mainWindow.setObjectName(u"mainWindow")
        mainWindow.resize(1280, 760)
        self.actionGroupedSend = QAction(mainWindow)
        self.actionGroupedSend.setObjectName(u"actionGroupedSend")
        self.actionSchedules = QAction(mainWindow)
        self.actionSchedules.setObjectName(u"actionSchedules")
        self.actionSync = QAction(mainWindow)
        self.actionSync.setObjectName(u"actionSync")
        self.actionExport = QAction(mainWindow)
        self.actionExport.setObjectName(u"actionExport")
        self.actionSettings = QAction(mainWindow)
        self.actionSettings.setObjectName(u"actionSettings")
        self.actionQuit = QAction(mainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
        self.actionAbout = QAction(mainWindow)
        self.actionAbout.setObjectName(u"actionAbout")
        self.centralWidget = QWidget(mainWindow)
        self.centralWidget.setObjectName(u"centralWidget")
        self.centralLayout = QVBoxLayout(self.centralWidget)
        self.centralLayout.setSpacing(8)
        self.centralLayout.setObjectName(u"centralLayout")
        self.demoBanner = QLabel(self.centralWidget)
        self.demoBanner.setObjectName(u"demoBanner")
        self.demoBanner.setVisible(False)
        self.demoBanner.setAlignment(Qt.AlignCenter)
        self.demoBanner.setStyleSheet(u"QLabel { background: #fff4ce; color: #5c4400; border: 1px solid #e6c44f; border-radius: 4px; padding: 6px; font-weight: bold; }")

        self.centralLayout.addWidget(self.demoBanner)

        self.headerLayout = QHBoxLayout()
        self.headerLayout.setObjectName(u"headerLayout")
        self.pageTitle = QLabel(self.centralWidget)
        self.pageTitle.setObjectName(u"pageTitle")
        self.pageTitle.setStyleSheet(u"font-size: 18px; font-weight: bold;")

        self.headerLayout.addWidget(self.pageTitle)

        self.headerSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerLayout.addItem(self.headerSpacer)

        self.schedulesButton = QPushButton(self.centralWidget)
        self.schedulesButton.setObjectName(u"schedulesButton")

        self.headerLayout.addWidget(self.schedulesButton)

        self.repliesButton = QPushButton(self.centralWidget)
        self.repliesButton.setObjectName(u"repliesButton")

        self.headerLayout.addWidget(self.repliesButton)

        self.groupedSendButton = QPushButton(self.centralWidget)
        self.groupedSendButton.setObjectName(u"groupedSendButton")
        self.groupedSendButton.setStyleSheet(u"QPushButton { background: #1c6fb8; color: white; font-weight: bold; padding: 6px 14px; border-radius: 4px; } QPushButton:disabled { background: #9fb7cc; }")

        self.headerLayout.addWidget(self.groupedSendButton)


        self.centralLayout.addLayout(self.headerLayout)

        self.filterLayout = QHBoxLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.historySearch = QLineEdit(self.centralWidget)
        self.historySearch.setObjectName(u"historySearch")
        self.historySearch.setClearButtonEnabled(True)

        self.filterLayout.addWidget(self.historySearch)

        self.statusFilter = QComboBox(self.centralWidget)
        self.statusFilter.setObjectName(u"statusFilter")

        self.filterLayout.addWidget(self.statusFilter)

        self.kindFilter = QComboBox(self.centralWidget)
        self.kindFilter.setObjectName(u"kindFilter")

        self.filterLayout.addWidget(self.kindFilter)

        self.periodFilter = QComboBox(self.centralWidget)
        self.periodFilter.setObjectName(u"periodFilter")

        self.filterLayout.addWidget(self.periodFilter)

        self.historyCountLabel = QLabel(self.centralWidget)
        self.historyCountLabel.setObjectName(u"historyCountLabel")
        self.historyCountLabel.setMinimumSize(QSize(170, 0))
        self.historyCountLabel.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.filterLayout.addWidget(self.historyCountLabel)


        self.centralLayout.addLayout(self.filterLayout)

        self.contentStack = QStackedWidget(self.centralWidget)
        self.contentStack.setObjectName(u"contentStack")
        self.emptyPage = QWidget()
        self.emptyPage.setObjectName(u"emptyPage")
        self.emptyLayout = QVBoxLayout(self.emptyPage)
        self.emptyLayout.setObjectName(u"emptyLayout")
        self.emptyStateLabel = QLabel(self.emptyPage)
        self.emptyStateLabel.setObjectName(u"emptyStateLabel")
        self.emptyStateLabel.setAlignment(Qt.AlignCenter)
        self.emptyStateLabel.setWordWrap(True)
        self.emptyStateLabel.setStyleSheet(u"color: #555; font-size: 14px;")

        self.emptyLayout.addWidget(self.emptyStateLabel)

        self.contentStack.addWidget(self.emptyPage)
        self.historyPage = QWidget()
        self.historyPage.setObjectName(u"historyPage")
        self.historyLayout = QVBoxLayout(self.historyPage)
        self.historyLayout.setObjectName(u"historyLayout")
        self.historyLayout.setContentsMargins(0, 0, 0, 0)
        self.historySplitter = QSplitter(self.historyPage)
        self.historySplitter.setObjectName(u"historySplitter")
        self.historySplitter.setOrientation(Qt.Horizontal)
        self.historySplitter.setChildrenCollapsible(False)
        self.historyTable = QTableView(self.historySplitter)
        self.historyTable.setObjectName(u"historyTable")
        self.historyTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.historyTable.setAlternatingRowColors(True)
        self.historyTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.historyTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.historyTable.setWordWrap(False)
        self.historySplitter.addWidget(self.historyTable)
        self.historyTable.horizontalHeader().setStretchLastSection(True)
        self.historyTable.verticalHeader().setVisible(False)
        self.detailsPane = QFrame(self.historySplitter)
        self.detailsPane.setObjectName(u"detailsPane")
        self.detailsPane.setMinimumSize(QSize(280, 0))
        self.detailsPane.setFrameShape(QFrame.StyledPanel)
        self.detailsLayout = QVBoxLayout(self.detailsPane)
        self.detailsLayout.setObjectName(u"detailsLayout")
        self.detailsTitle = QLabel(self.detailsPane)
        self.detailsTitle.setObjectName(u"detailsTitle")
        self.detailsTitle.setStyleSheet(u"font-weight: bold; font-size: 14px;")

        self.detailsLayout.addWidget(self.detailsTitle)

        self.detailsBody = QTextBrowser(self.detailsPane)
        self.detailsBody.setObjectName(u"detailsBody")
        self.detailsBody.setOpenLinks(False)

        self.detailsLayout.addWidget(self.detailsBody)

        self.detailsConsentLayout = QHBoxLayout()
        self.detailsConsentLayout.setObjectName(u"detailsConsentLayout")
        self.detailsGrantConsentButton = QPushButton(self.detailsPane)
        self.detailsGrantConsentButton.setObjectName(u"detailsGrantConsentButton")
        self.detailsGrantConsentButton.setEnabled(False)

        self.detailsConsentLayout.addWidget(self.detailsGrantConsentButton)

        self.detailsRefuseConsentButton = QPushButton(self.detailsPane)
        self.detailsRefuseConsentButton.setObjectName(u"detailsRefuseConsentButton")
        self.detailsRefuseConsentButton.setEnabled(False)

        self.detailsConsentLayout.addWidget(self.detailsRefuseConsentButton)


        self.detailsLayout.addLayout(self.detailsConsentLayout)

        self.resendButton = QPushButton(self.detailsPane)
        self.resendButton.setObjectName(u"resendButton")
        self.resendButton.setEnabled(False)

        self.detailsLayout.addWidget(self.resendButton)

        self.historySplitter.addWidget(self.detailsPane)

        self.historyLayout.addWidget(self.historySplitter)

        self.contentStack.addWidget(self.historyPage)

        self.centralLayout.addWidget(self.contentStack)

        mainWindow.setCentralWidget(self.centralWidget)
        self.menuBar = QMenuBar(mainWindow)
        self.menuBar.setObjectName(u"menuBar")
        self.menuFile = QMenu(self.menuBar)
        self.menuFile.setObjectName(u"menuFile")
        self.menuCommunications = QMenu(self.menuBar)
        self.menuCommunications.setObjectName(u"menuCommunications")
        self.menuTools = QMenu(self.menuBar)
        self.menuTools.setObjectName(u"menuTools")
        self.menuHelp = QMenu(self.menuBar)
        self.menuHelp.setObjectName(u"menuHelp")
        mainWindow.setMenuBar(self.menuBar)
        self.mainToolBar = QToolBar(mainWindow)
        self.mainToolBar.setObjectName(u"mainToolBar")
        self.mainToolBar.setMovable(False)
        self.mainToolBar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        mainWindow.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.mainToolBar)
        self.statusBar = QStatusBar(mainWindow)
        self.statusBar.setObjectName(u"statusBar")
        mainWindow.setStatusBar(self.statusBar)

        self.menuBar.addAction(self.menuFile.menuAction())
        self.menuBar.addAction(self.menuCommunications.menuAction())
        self.menuBar.addAction(self.menuTools.menuAction())
        self.menuBar.addAction(self.menuHelp.menuAction())
        self.menuFile.addAction(self.actionExport)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionQuit)
        self.menuCommunications.addAction(self.actionGroupedSend)
        self.menuCommunications.addAction(self.actionSchedules)
        self.menuCommunications.addAction(self.actionSync)
        self.menuTools.addAction(self.actionSettings)
        self.menuHelp.addAction(self.actionAbout)
        self.mainToolBar.addAction(self.actionSync)
        self.mainToolBar.addAction(self.actionExport)
        self.mainToolBar.addAction(self.actionSettings)

        self.retranslateUi(mainWindow)

        QMetaObject.connectSlotsByName(mainWindow)
    # setupUi

    def retranslateUi(self, mainWindow):
        mainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"Sobrus Communications", None))
        self.actionGroupedSend.setText(QCoreApplication.translate("MainWindow", u"Envoyer une communication group\u00e9e\u2026", None))
        self.actionSchedules.setText(QCoreApplication.translate("MainWindow", u"Envois programm\u00e9s\u2026", None))
        self.actionSync.setText(QCoreApplication.translate("MainWindow", u"Synchroniser", None))
#if QT_CONFIG(tooltip)
        self.actionSync.setToolTip(QCoreApplication.translate("MainWindow", u"R\u00e9cup\u00e9rer les derni\u00e8res donn\u00e9es de Sobrus (F5)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(shortcut)
        self.actionSync.setShortcut(QCoreApplication.translate("MainWindow", u"F5", None))
#endif // QT_CONFIG(shortcut)
        self.actionExport.setText(QCoreApplication.translate("MainWindow", u"Exporter\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionExport.setToolTip(QCoreApplication.translate("MainWindow", u"Exporter les communications affich\u00e9es en CSV (Excel)", None))
#endif // QT_CONFIG(tooltip)
        self.actionSettings.setText(QCoreApplication.translate("MainWindow", u"Param\u00e8tres", None))
#if QT_CONFIG(tooltip)
        self.actionSettings.setToolTip(QCoreApplication.translate("MainWindow", u"Mod\u00e8les de message, solde SMS, recharge, compte", None))
#endif // QT_CONFIG(tooltip)
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"Quitter", None))
#if QT_CONFIG(shortcut)
        self.actionQuit.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Q", None))
#endif // QT_CONFIG(shortcut)
        self.actionAbout.setText(QCoreApplication.translate("MainWindow", u"\u00c0 propos de Sobrus Communications", None))
        self.demoBanner.setText(QCoreApplication.translate("MainWindow", u"Mode d\u00e9monstration \u2014 aucun SMS r\u00e9el n'est envoy\u00e9", None))
        self.pageTitle.setText(QCoreApplication.translate("MainWindow", u"Historique des communications", None))
        self.schedulesButton.setText(QCoreApplication.translate("MainWindow", u"Envois programm\u00e9s", None))
#if QT_CONFIG(tooltip)
        self.schedulesButton.setToolTip(QCoreApplication.translate("MainWindow", u"Rappels et promotions programm\u00e9s : prochain envoi, dernier r\u00e9sultat, pause, modification", None))
#endif // QT_CONFIG(tooltip)
        self.repliesButton.setText(QCoreApplication.translate("MainWindow", u"R\u00e9ponses des clients", None))
#if QT_CONFIG(tooltip)
        self.repliesButton.setToolTip(QCoreApplication.translate("MainWindow", u"Ce que vos clients ont r\u00e9pondu (STOP, merci\u2026) et leur consentement aux promotions", None))
#endif // QT_CONFIG(tooltip)
        self.groupedSendButton.setText(QCoreApplication.translate("MainWindow", u"Envoyer une communication group\u00e9e", None))
#if QT_CONFIG(tooltip)
        self.groupedSendButton.setToolTip(QCoreApplication.translate("MainWindow", u"Envoyer un m\u00eame SMS \u00e0 plusieurs clients (rappel de solde ou mod\u00e8le personnalis\u00e9)", None))
#endif // QT_CONFIG(tooltip)
        self.historySearch.setPlaceholderText(QCoreApplication.translate("MainWindow", u"Rechercher\u2026", None))
#if QT_CONFIG(tooltip)
        self.historySearch.setToolTip(QCoreApplication.translate("MainWindow", u"Recherche dans toutes les colonnes : nom, num\u00e9ro, contenu, statut\u2026 (Ctrl+F)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.statusFilter.setToolTip(QCoreApplication.translate("MainWindow", u"Filtrer par statut", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.kindFilter.setToolTip(QCoreApplication.translate("MainWindow", u"Filtrer par nature d'envoi (rappel de solde, mod\u00e8le, test, renvoi, envoi programm\u00e9)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.periodFilter.setToolTip(QCoreApplication.translate("MainWindow", u"Filtrer par p\u00e9riode", None))
#endif // QT_CONFIG(tooltip)
        self.detailsTitle.setText(QCoreApplication.translate("MainWindow", u"D\u00e9tails", None))
        self.detailsGrantConsentButton.setText(QCoreApplication.translate("MainWindow", u"Accepte les promotions", None))
#if QT_CONFIG(tooltip)
        self.detailsGrantConsentButton.setToolTip(QCoreApplication.translate("MainWindow", u"Le client de ce SMS accepte les SMS promotionnels : enregistr\u00e9 avec votre nom et la date", None))
#endif // QT_CONFIG(tooltip)
        self.detailsRefuseConsentButton.setText(QCoreApplication.translate("MainWindow", u"Refuse", None))
#if QT_CONFIG(tooltip)
        self.detailsRefuseConsentButton.setToolTip(QCoreApplication.translate("MainWindow", u"Le client de ce SMS refuse les SMS promotionnels : enregistr\u00e9 avec votre nom et la date", None))
#endif // QT_CONFIG(tooltip)
        self.resendButton.setText(QCoreApplication.translate("MainWindow", u"Renvoyer ce SMS", None))
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"&Fichier", None))
        self.menuCommunications.setTitle(QCoreApplication.translate("MainWindow", u"&Communications", None))
        self.menuTools.setTitle(QCoreApplication.translate("MainWindow", u"&Outils", None))
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"&Aide", None))
        self.mainToolBar.setWindowTitle(QCoreApplication.translate("MainWindow", u"Barre d'outils", None))
    # retranslateUi

