# Builds the Windows bundle and its installer, on Windows (a bundle cannot be cross-built):
#   dist\SobrusComm\SobrusComm.exe          the one-folder windowed bundle
#   dist\SobrusComm-<version>-setup.exe     the installer (NSIS)
#
# Needs: 64-bit Python 3.11+ from python.org (the `py` launcher), NSIS 3 (makensis on PATH or
# in its default folder). From the repository root, in PowerShell:
#   powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
# Like build-linux.sh: a clean venv (build\bundle-venv) with only the app's runtime
# dependencies and the pinned PyInstaller, because PyInstaller copies whatever it finds there.

$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

function Invoke-Checked {
    param([string]$What, [scriptblock]$Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)" }
}

$venv = "build\bundle-venv"
$python = "$venv\Scripts\python.exe"
if (-not (Test-Path $python)) {
    Invoke-Checked "venv" { py -3.11 -m venv $venv }
}
Invoke-Checked "reading pyproject.toml" {
    & $python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" |
        Set-Content -Encoding ascii "$venv\requirements-app.txt"
}
Invoke-Checked "pip install" {
    & $python -m pip install --disable-pip-version-check -r "$venv\requirements-app.txt" -r packaging\requirements-build.txt
}

Invoke-Checked "PyInstaller" {
    & "$venv\Scripts\pyinstaller.exe" --noconfirm --clean --log-level WARN --distpath dist `
        --workpath build\pyinstaller packaging\sobrus-comm.spec
}
$bundle = Join-Path (Get-Location) "dist\SobrusComm"
$size = (Get-ChildItem $bundle -Recurse -File | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("bundle: {0} ({1:N0} MB)" -f $bundle, $size)

# Smoke test: start the bundle offscreen on a throw-away data folder, save a screenshot, exit.
$check = Join-Path $env:TEMP ("sobrus-comm-check-" + [guid]::NewGuid())
$env:QT_QPA_PLATFORM = "offscreen"
try {
    $started = Start-Process -FilePath "$bundle\SobrusComm.exe" -Wait -PassThru `
        -ArgumentList "--data-dir", "`"$check`"", "--screenshot", "`"$check\shot.png`""
} finally {
    Remove-Item Env:QT_QPA_PLATFORM
}
if ($started.ExitCode -ne 0 -or -not (Test-Path "$check\shot.png")) {
    throw "bundle start failed (exit code $($started.ExitCode)); see $check\logs"
}
Remove-Item -Recurse -Force $check
Write-Host "bundle start: ok (offscreen, screenshot written)"

$version = (& $python -c "import sys; sys.path.insert(0, 'src'); import sobrus_comm; print(sobrus_comm.__version__)").Trim()
$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = Join-Path ${env:ProgramFiles(x86)} "NSIS\makensis.exe" }
$setup = Join-Path (Get-Location) "dist\SobrusComm-$version-setup.exe"
Invoke-Checked "makensis" {
    & $makensis /V2 /WX "/DVERSION=$version" "/DBUNDLE_DIR=$bundle" "/DOUTFILE=$setup" `
        packaging\windows\sobrus-comm.nsi
}
Write-Host "installer: $setup"
