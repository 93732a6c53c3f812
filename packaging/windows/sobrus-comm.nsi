; Sobrus Communications — Windows installer (NSIS 3, UTF-8 with BOM for the French texts).
;
; Installs the PyInstaller one-folder bundle for every user of the machine (Program Files),
; adds the Start-menu entry and the desktop shortcut "Sobrus Communications", and registers
; the uninstaller in "Applications et fonctionnalités". The uninstaller keeps the users'
; data (SMS history cache, settings, logs) unless "Données des utilisateurs" is ticked, or
; /PURGE is given on its command line.
;
; Build (see packaging/README.md; packaging/build-windows.ps1 does all of it):
;   makensis /DVERSION=0.1.0 /DBUNDLE_DIR=C:\src\sobrus-comm\dist\SobrusComm packaging\windows\sobrus-comm.nsi
; Optional: /DOUTFILE=path\setup.exe, /DFAST (no compression: only to prove the script).
; Relative paths below are relative to this file (makensis changes to its folder).

Unicode true
ManifestDPIAware true
Target amd64-unicode  ; the bundle is 64-bit: a 64-bit installer sees the real Program Files and registry

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!ifndef VERSION
  !error "VERSION manquant : makensis /DVERSION=x.y.z ..."
!endif
!ifndef BUNDLE_DIR
  !define BUNDLE_DIR "..\..\dist\SobrusComm"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\SobrusComm-${VERSION}-setup.exe"
!endif

!define APP_NAME "Sobrus Communications"
!define COMPANY "Sobrus"
!define EXE_NAME "SobrusComm.exe"
!define UNINSTALLER "Desinstaller.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\SobrusComm"
!define PROFILE_LIST "SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList"
; Where the app keeps each user's data: platformdirs' user_data_dir("SobrusComm", "Sobrus"),
; which also holds the settings, logs and cache on Windows.
!define DATA_PARENT "AppData\Local\Sobrus"
!define DATA_SUBDIR "SobrusComm"
!define ICON "..\..\resources\icons\sobrus-comm.ico"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP_NAME}"
RequestExecutionLevel admin
BrandingText "${COMPANY}"
!ifdef FAST
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1036 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1036 "CompanyName" "${COMPANY}"
VIAddVersionKey /LANG=1036 "FileDescription" "Installation de ${APP_NAME}"
VIAddVersionKey /LANG=1036 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "LegalCopyright" "© ${COMPANY}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "Lancer ${APP_NAME}"
!define MUI_FINISHPAGE_RUN_FUNCTION LaunchAsUser
!define MUI_UNCOMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "French"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APP_NAME} nécessite Windows 64 bits."
    Abort
  ${EndIf}
  SetRegView 64
  ; An update goes where the previous version is.
  ReadRegStr $0 HKLM "${UNINST_KEY}" "InstallLocation"
  ${If} $0 != ""
    StrCpy $INSTDIR $0
  ${EndIf}
FunctionEnd

Function LaunchAsUser
  ; The installer runs elevated: started from here the app would run as administrator and
  ; keep its data in the wrong profile. Explorer starts it with the user's own rights.
  Exec '"$WINDIR\explorer.exe" "$INSTDIR\${EXE_NAME}"'
FunctionEnd

Section "${APP_NAME}" SecMain
  SectionIn RO
  SetShellVarContext all  ; Start menu and desktop of all users: a shared workstation
  ; Program files of an older version go first, so that no stale module shadows a new one.
  ; User data never lives here.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${EXE_NAME}" "" "$INSTDIR\${EXE_NAME}" 0
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${EXE_NAME}" "" "$INSTDIR\${EXE_NAME}" 0

  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${COMPANY}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE_NAME},0"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "un.Programme" SecUnMain
  SectionIn RO
  SetShellVarContext all
  Delete "$DESKTOP\${APP_NAME}.lnk"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE_NAME}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"  ; only if empty: never delete what someone else put there
  DeleteRegKey HKLM "${UNINST_KEY}"
SectionEnd

; Unticked by default: uninstalling (or updating by uninstall + install) keeps every
; user's history, settings and logs. Secrets stay in each user's Credential Manager.
Section /o "un.Données des utilisateurs (historique, réglages, journaux)" SecUnData
  ; Every profile of the machine, not only the administrator running the uninstaller.
  StrCpy $0 0
  ${Do}
    EnumRegKey $1 HKLM "${PROFILE_LIST}" $0
    ${If} $1 == ""
      ${Break}
    ${EndIf}
    ReadRegStr $2 HKLM "${PROFILE_LIST}\$1" "ProfileImagePath"
    ExpandEnvStrings $2 $2
    ${If} $2 != ""
      RMDir /r "$2\${DATA_PARENT}\${DATA_SUBDIR}"
      RMDir "$2\${DATA_PARENT}"  ; only if empty: other Sobrus apps may live there
    ${EndIf}
    IntOp $0 $0 + 1
  ${Loop}
SectionEnd

; After the sections: it refers to their indexes.
Function un.onInit
  SetRegView 64
  ; /PURGE: also delete the users' data (for scripted removal; the page offers the same).
  ${un.GetParameters} $0
  ClearErrors
  ${un.GetOptions} $0 "/PURGE" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${SecUnData} ${SF_SELECTED}
  ${EndIf}
FunctionEnd
