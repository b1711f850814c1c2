# Build Ziping's Windows installer: dist\ziping-setup-<version>.exe.
#
#     powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
#
# Needs Python 3.11+ (64-bit, python.org or `py` launcher) and Inno Setup 6.3+ (iscc.exe).
# Steps: a fresh venv in .venv-build, `pip install .[build]`, PyInstaller with packaging\ziping.spec,
# the frozen programs' self-test (ziping-cli selftest, ziping --selftest), then Inno Setup with
# packaging\ziping.iss. The same steps run in .github/workflows/windows.yml.
param(
    [string]$Python = "py",
    [string]$Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
)
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Invoke-Checked {
    param([string]$Program, [string[]]$Arguments)
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Program $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

if (-not (Test-Path $Iscc)) {
    $Iscc = "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
}
if (-not (Test-Path $Iscc)) { throw "ISCC.exe not found; install Inno Setup 6.3+ or pass -Iscc <path>" }

$Venv = Join-Path $Root ".venv-build"
if (Test-Path $Venv) { Remove-Item -Recurse -Force $Venv }
if ($Python -eq "py") { Invoke-Checked py @("-3", "-m", "venv", $Venv) }
else { Invoke-Checked $Python @("-m", "venv", $Venv) }
$VenvPython = Join-Path $Venv "Scripts\python.exe"
Invoke-Checked $VenvPython @("-m", "pip", "install", "--upgrade", "pip")
Invoke-Checked $VenvPython @("-m", "pip", "install", ".[build]")

Invoke-Checked $VenvPython @("-m", "PyInstaller", "--noconfirm", "--clean", "packaging\ziping.spec")

$Cli = Join-Path $Root "dist\ziping\ziping-cli.exe"
$Gui = Join-Path $Root "dist\ziping\ziping.exe"
Invoke-Checked $Cli @("--version")
Invoke-Checked $Cli @("selftest")
# ziping.exe has no console: wait for it and read its exit status.
$Window = Start-Process -FilePath $Gui -ArgumentList "--selftest" -Wait -PassThru -NoNewWindow
if ($Window.ExitCode -ne 0) { throw "ziping.exe --selftest failed with exit code $($Window.ExitCode)" }

Invoke-Checked $Iscc @("packaging\ziping.iss")
Get-ChildItem (Join-Path $Root "dist\ziping-setup-*.exe") | Format-Table Name, Length
