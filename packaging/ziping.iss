; Inno Setup 6 script: Ziping's Windows installer, built from PyInstaller's dist\ziping folder.
;
;     iscc packaging\ziping.iss        (packaging\build-windows.ps1 runs it after PyInstaller)
;
; Installs for the current user only, without administrator rights, into
; %LOCALAPPDATA%\Programs\Ziping. The user's data (%LOCALAPPDATA%\Ziping: the database, its
; backups) and settings (HKCU\Software\Ziping) are not the program's files: the uninstaller
; removes only what the installer put into the program folder.
; Keep AppVersion equal to desktop/__init__.py's __version__ (tests/test_packaging.py checks it).

#define AppVersion "0.1.0"
#define AppName "自评 Ziping"

#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or later is needed (UTF-8 script and licence file without BOM)
#endif
#if !FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
  #error ChineseSimplified.isl is missing from the Inno Setup Languages folder (see docs/packaging.md)
#endif
#if !FileExists(SourcePath + "..\dist\ziping\ziping.exe")
  #error dist\ziping\ziping.exe not found: run PyInstaller first (packaging\build-windows.ps1)
#endif

[Setup]
AppId={{6F1B7C2E-3D4A-4E8B-9C1F-5A2D8E7B4C60}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Ziping developers
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\Ziping
DisableDirPage=auto
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
LicenseFile=..\resources\fonts\LICENSE-wqy-microhei.txt
SetupIconFile=..\resources\icons\ziping.ico
UninstallDisplayIcon={app}\ziping.exe
UninstallDisplayName={#AppName}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=ziping-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\ziping\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\ziping.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\ziping.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\ziping.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
