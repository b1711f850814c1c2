; Inno Setup 6 script: Ziping's Windows installer, built from PyInstaller's dist\ziping folder.
;
;     iscc packaging\ziping.iss        (packaging\build-windows.ps1 runs it after PyInstaller)
;
; Installs for the current user only, without administrator rights, into
; %LOCALAPPDATA%\Programs\Ziping. The user's data (%LOCALAPPDATA%\Ziping: the database, its
; backups) and settings (HKCU\Software\Ziping) are not the program's files: the uninstaller
; removes only the program folder, unless the user ticks the box that also deletes the data (a
; silent uninstall only with /DELETEDATA=yes). An upgrade installs over the old version (same AppId) and never
; touches the data; it first empties _internal\ so no file of the old version is left behind.
; The Chinese pages come from packaging\inno\ChineseSimplified.isl (Inno Setup's translation,
; kept here because Inno Setup 6.4's distribution lacks it).
; Keep AppVersion equal to desktop/__init__.py's __version__ (tests/test_packaging.py checks it).

#define AppVersion "0.1.0"
#define AppName "自评 Ziping"

#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or later is needed (UTF-8 script and licence file without BOM)
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
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
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
Name: "chinesesimplified"; MessagesFile: "inno\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\ziping\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\ziping.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\ziping.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\ziping.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[CustomMessages]
chinesesimplified.DeleteDataTitle=卸载自评
chinesesimplified.DeleteDataText=程序文件将被删除。数据库、备份和窗口设置默认保留，以后重新安装可以继续使用。
chinesesimplified.DeleteDataBox=同时删除数据库、全部备份和设置（%1，无法恢复）
english.DeleteDataTitle=Uninstall Ziping
english.DeleteDataText=The program files will be removed. The database, its backups and the window settings are kept by default, for a later installation.
english.DeleteDataBox=Also delete the database, all backups and the settings (%1, cannot be undone)

[Code]
var
  DeleteUserData: Boolean;

function UserDataFolder(): String;
begin
  Result := ExpandConstant('{localappdata}\Ziping');
end;

{ Asked before anything is removed. A silent uninstall keeps the data unless run with
  /DELETEDATA=yes (packaging/test-windows-installer.sh checks both). }
function InitializeUninstall(): Boolean;
var
  Form: TSetupForm;
  Note: TNewStaticText;
  Box: TNewCheckBox;
  OkButton, CancelButton: TNewButton;
begin
  Result := True;
  DeleteUserData := ExpandConstant('{param:DELETEDATA|no}') = 'yes';
  if UninstallSilent() then
    Exit;
  Form := CreateCustomForm();
  try
    Form.ClientWidth := ScaleX(460);
    Form.ClientHeight := ScaleY(150);
    Form.Position := poScreenCenter;
    Form.Caption := CustomMessage('DeleteDataTitle');
    Note := TNewStaticText.Create(Form);
    Note.Parent := Form;
    Note.AutoSize := False;
    Note.WordWrap := True;
    Note.SetBounds(ScaleX(12), ScaleY(12), Form.ClientWidth - ScaleX(24), ScaleY(40));
    Note.Caption := CustomMessage('DeleteDataText');
    Box := TNewCheckBox.Create(Form);
    Box.Parent := Form;
    Box.SetBounds(ScaleX(12), ScaleY(60), Form.ClientWidth - ScaleX(24), ScaleY(20));
    Box.Caption := FmtMessage(CustomMessage('DeleteDataBox'), [UserDataFolder()]);
    Box.Checked := False;
    OkButton := TNewButton.Create(Form);
    OkButton.Parent := Form;
    OkButton.SetBounds(Form.ClientWidth - ScaleX(180), Form.ClientHeight - ScaleY(36), ScaleX(80), ScaleY(24));
    OkButton.Caption := SetupMessage(msgButtonOK);
    OkButton.ModalResult := mrOk;
    OkButton.Default := True;
    CancelButton := TNewButton.Create(Form);
    CancelButton.Parent := Form;
    CancelButton.SetBounds(Form.ClientWidth - ScaleX(92), Form.ClientHeight - ScaleY(36), ScaleX(80), ScaleY(24));
    CancelButton.Caption := SetupMessage(msgButtonCancel);
    CancelButton.ModalResult := mrCancel;
    CancelButton.Cancel := True;
    Result := Form.ShowModal() = mrOk;
    DeleteUserData := Result and Box.Checked;
  finally
    Form.Free();
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DeleteUserData then
  begin
    DelTree(UserDataFolder(), True, True, True);
    RegDeleteKeyIncludingSubkeys(HKCU, 'Software\Ziping');
  end;
end;
