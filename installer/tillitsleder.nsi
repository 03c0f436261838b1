; Tillitsleder: the per-user Windows installer (NSIS 3, Unicode, no administrator rights).
;
; Built by `python installer/build.py --windows-installer`, which passes these defines (all required):
;   APP_NAME     Tillitsleder                 (tillitsleder/__init__.py APP_NAME)
;   APP_VERSION  0.1.0                        (tillitsleder/__init__.py __version__)
;   PAYLOAD      the bundle folder            (PyInstaller's dist/tillitsleder, or a test payload)
;   EXE_NAME     tillitsleder.exe             (the program inside PAYLOAD)
;   OUTFILE      where the installer goes
;   DATA_FOLDER  Tillitsleder                 (the data folder's name under %LOCALAPPDATA%: storage/locations.py)
;   COMPRESSOR   optional: none, zlib or lzma instead of solid LZMA (the tests use none)
;   TARGET       optional: amd64-unicode where this NSIS has the 64-bit stubs (Debian's does; the official
;                Windows build has x86-unicode only, which is the default and runs on 64-bit Windows as well)
;
; What it does: copies PAYLOAD to $LOCALAPPDATA\Programs\Tillitsleder, adds a Start-menu shortcut and (a
; component, off by default) a desktop shortcut, lists the program under "Open with" for .sqlite3 files
; (Applications\<exe> and .sqlite3\OpenWithProgids under HKCU\Software\Classes: the default program for the
; extension is left alone), and registers the uninstaller under HKCU. `/S` installs silently with the default
; components; `/D=C:\other\folder` (last on the command line) installs elsewhere.
;
; The uninstaller removes exactly what was installed (the program folder's _internal and the program, the
; shortcuts, the registry keys) and never the user's data: the databases, their backups folder and the logs
; in %LOCALAPPDATA%\Tillitsleder stay, and an interactive uninstall says where they are.

Unicode true
!ifdef TARGET
  Target ${TARGET}
!endif
ManifestDPIAware true
RequestExecutionLevel user
!ifndef COMPRESSOR
  SetCompressor /SOLID lzma
!else if "${COMPRESSOR}" == "none"
  SetCompress off  ; the tests: a payload packed in seconds
!else
  SetCompressor ${COMPRESSOR}
!endif

!ifndef APP_NAME
  !error "APP_NAME is not defined: build with installer/build.py --windows-installer"
!endif
!ifndef APP_VERSION
  !error "APP_VERSION is not defined: build with installer/build.py --windows-installer"
!endif
!ifndef PAYLOAD
  !error "PAYLOAD is not defined: build with installer/build.py --windows-installer"
!endif
!ifndef EXE_NAME
  !error "EXE_NAME is not defined: build with installer/build.py --windows-installer"
!endif
!ifndef OUTFILE
  !error "OUTFILE is not defined: build with installer/build.py --windows-installer"
!endif
!ifndef DATA_FOLDER
  !error "DATA_FOLDER is not defined: build with installer/build.py --windows-installer"
!endif

!define PUBLISHER "Tillitsleder"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_NAME}"
!define PROGID "Tillitsleder.Database"
!define CLASSES "Software\Classes"
!define UNINSTALLER "uninstall.exe"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

Name "${APP_NAME} ${APP_VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
BrandingText "${APP_NAME} ${APP_VERSION}"
VIProductVersion "${APP_VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} installer"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "EUPL-1.2"

; --- pages -------------------------------------------------------------------------------------------------

!define MUI_ABORTWARNING
!define MUI_LANGDLL_REGISTRY_ROOT "HKCU"
!define MUI_LANGDLL_REGISTRY_KEY "Software\${APP_NAME}\Installer"
!define MUI_LANGDLL_REGISTRY_VALUENAME "Language"
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE_NAME}"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default (silent installs, and Windows in a language not listed).
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Norwegian"
!insertmacro MUI_LANGUAGE "NorwegianNynorsk"
!insertmacro MUI_LANGUAGE "Swedish"
!insertmacro MUI_LANGUAGE "Danish"
!insertmacro MUI_RESERVEFILE_LANGDLL

; --- strings of our own, in every language above -------------------------------------------------------------

LangString SecProgram ${LANG_ENGLISH} "${APP_NAME} (program and Start menu)"
LangString SecProgram ${LANG_NORWEGIAN} "${APP_NAME} (program og Start-meny)"
LangString SecProgram ${LANG_NORWEGIANNYNORSK} "${APP_NAME} (program og Start-meny)"
LangString SecProgram ${LANG_SWEDISH} "${APP_NAME} (program och Start-meny)"
LangString SecProgram ${LANG_DANISH} "${APP_NAME} (program og Start-menu)"

LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString SecDesktop ${LANG_NORWEGIAN} "Snarvei på skrivebordet"
LangString SecDesktop ${LANG_NORWEGIANNYNORSK} "Snarveg på skrivebordet"
LangString SecDesktop ${LANG_SWEDISH} "Genväg på skrivbordet"
LangString SecDesktop ${LANG_DANISH} "Genvej på skrivebordet"

LangString RunNow ${LANG_ENGLISH} "Start ${APP_NAME} now"
LangString RunNow ${LANG_NORWEGIAN} "Start ${APP_NAME} nå"
LangString RunNow ${LANG_NORWEGIANNYNORSK} "Start ${APP_NAME} no"
LangString RunNow ${LANG_SWEDISH} "Starta ${APP_NAME} nu"
LangString RunNow ${LANG_DANISH} "Start ${APP_NAME} nu"

LangString OpenWith ${LANG_ENGLISH} "${APP_NAME} database"
LangString OpenWith ${LANG_NORWEGIAN} "${APP_NAME}-database"
LangString OpenWith ${LANG_NORWEGIANNYNORSK} "${APP_NAME}-database"
LangString OpenWith ${LANG_SWEDISH} "${APP_NAME}-databas"
LangString OpenWith ${LANG_DANISH} "${APP_NAME}-database"

LangString DataKept ${LANG_ENGLISH} "${APP_NAME} has been removed from this computer.$\r$\n$\r$\nYour databases, their backups and the logs have not been deleted. They are in:$\r$\n$LOCALAPPDATA\${DATA_FOLDER}$\r$\n$\r$\nDelete that folder yourself if you no longer need them."
LangString DataKept ${LANG_NORWEGIAN} "${APP_NAME} er fjernet fra denne datamaskinen.$\r$\n$\r$\nDatabasene dine, sikkerhetskopiene av dem og loggene er ikke slettet. De ligger i:$\r$\n$LOCALAPPDATA\${DATA_FOLDER}$\r$\n$\r$\nSlett den mappen selv hvis du ikke lenger trenger dem."
LangString DataKept ${LANG_NORWEGIANNYNORSK} "${APP_NAME} er fjerna frå denne datamaskina.$\r$\n$\r$\nDatabasane dine, tryggingskopiane av dei og loggane er ikkje sletta. Dei ligg i:$\r$\n$LOCALAPPDATA\${DATA_FOLDER}$\r$\n$\r$\nSlett den mappa sjølv om du ikkje lenger treng dei."
LangString DataKept ${LANG_SWEDISH} "${APP_NAME} har tagits bort från den här datorn.$\r$\n$\r$\nDina databaser, deras säkerhetskopior och loggarna har inte raderats. De finns i:$\r$\n$LOCALAPPDATA\${DATA_FOLDER}$\r$\n$\r$\nRadera mappen själv om du inte längre behöver dem."
LangString DataKept ${LANG_DANISH} "${APP_NAME} er fjernet fra denne computer.$\r$\n$\r$\nDine databaser, sikkerhedskopierne af dem og logfilerne er ikke slettet. De ligger i:$\r$\n$LOCALAPPDATA\${DATA_FOLDER}$\r$\n$\r$\nSlet selv mappen, hvis du ikke længere har brug for dem."

; --- installing --------------------------------------------------------------------------------------------

Function .onInit
  SetShellVarContext current
  !insertmacro MUI_LANGDLL_DISPLAY  ; the language chooser (not shown with /S)
FunctionEnd

Section "!$(SecProgram)" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program's own files completely: nothing of an older version is left behind.
  RMDir /r "$INSTDIR\_internal"
  File /r "${PAYLOAD}\*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${EXE_NAME}" "" "$INSTDIR\${EXE_NAME}" 0

  ; "Open with" for .sqlite3 (databases and their backups): offered, never made the default.
  WriteRegStr HKCU "${CLASSES}\Applications\${EXE_NAME}" "FriendlyAppName" "${APP_NAME}"
  WriteRegStr HKCU "${CLASSES}\Applications\${EXE_NAME}\SupportedTypes" ".sqlite3" ""
  WriteRegStr HKCU "${CLASSES}\Applications\${EXE_NAME}\shell\open\command" "" '"$INSTDIR\${EXE_NAME}" --db "%1"'
  WriteRegStr HKCU "${CLASSES}\${PROGID}" "" "$(OpenWith)"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\DefaultIcon" "" "$INSTDIR\${EXE_NAME},0"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE_NAME}" --db "%1"'
  WriteRegStr HKCU "${CLASSES}\.sqlite3\OpenWithProgids" "${PROGID}" ""

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${APP_VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE_NAME},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"

  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; file associations changed
SectionEnd

Section /o "$(SecDesktop)" SecDesktop
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${EXE_NAME}" "" "$INSTDIR\${EXE_NAME}" 0
SectionEnd

; --- uninstalling ------------------------------------------------------------------------------------------

Function un.onInit
  SetShellVarContext current
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "Uninstall"
  ; Only what the installer put there: a folder chosen with /D may hold other things, and the user's data
  ; (%LOCALAPPDATA%\${DATA_FOLDER}) is never touched.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE_NAME}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"

  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"

  DeleteRegValue HKCU "${CLASSES}\.sqlite3\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "${CLASSES}\.sqlite3\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "${CLASSES}\.sqlite3"
  DeleteRegKey HKCU "${CLASSES}\${PROGID}"
  DeleteRegKey HKCU "${CLASSES}\Applications\${EXE_NAME}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${APP_NAME}\Installer"
  DeleteRegKey /ifempty HKCU "Software\${APP_NAME}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  MessageBox MB_OK|MB_ICONINFORMATION "$(DataKept)" /SD IDOK  ; silent (/S): nothing shown
SectionEnd
