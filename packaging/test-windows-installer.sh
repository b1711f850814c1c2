#!/usr/bin/env bash
# Test Ziping's Windows installer on Debian 12 under Wine, as a clerk's laptop would run it:
#
#     packaging/test-windows-installer.sh dist/ziping-setup-<version>.exe [OLDER-INSTALLER]
#
# In a fresh Wine prefix (Windows 10, ANSI code page 936 through a private zh_CN locale):
#  1. installs OLDER-INSTALLER (default: the same installer) silently for the user, makes the
#     user's database and a backup in %LOCALAPPDATA%\Ziping, installs INSTALLER over it and checks
#     the data are untouched (an upgrade keeps them);
#  2. checks the per-user install (folder, Start-menu shortcut, HKCU uninstall key, Qt zh_CN
#     translations present, no QtWebEngine);
#  3. runs the installed ziping-cli: selftest, demo, stats --json (byte-equal to the Linux run),
#     export-pdf --form pack (fonts embedded), a bad input (exit 2, one line on stderr);
#  4. starts ziping.exe --demo on Xvfb and saves a screenshot to docs/screenshots/windows-installed.png;
#  5. uninstalls silently: program folder gone, database and backups still there; then installs
#     again and uninstalls with /DELETEDATA=yes: the data are gone.
# The DLLs Wine 8.0 lacks (packaging/wine/*.c) are built here with mingw into this prefix only.
# On success the installer is kept in $ZIPING_CACHE/green/ (build-windows-on-linux.sh --reuse-green;
# .ci/run passes green/last-installer.exe as OLDER-INSTALLER, so CI upgrades over the last build).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${ZIPING_CACHE:-$HOME/.cache/ziping-windows}
[ $# -ge 1 ] && [ -f "$1" ] || { echo "usage: $0 INSTALLER [OLDER-INSTALLER]" >&2; exit 2; }
installer=$(realpath "$1")
older=$(realpath "${2:-$1}")
started=$(date +%s)
source "$ROOT/packaging/wine/wine-env.sh"

say() { printf '[test %3ss] %s\n' "$(($(date +%s) - started))" "$*"; }
fail() { echo "test-windows-installer: FAILED: $*" >&2; exit 1; }

need_apt wine wine64 wine32:i386 gcc-mingw-w64-x86-64-posix xvfb xauth x11-utils x11-apps netpbm \
  locales poppler-utils python3-venv python3-pip

work=$(mktemp -d "${TMPDIR:-/tmp}/ziping-wintest.XXXXXX")
xvfb_pid=""
cleanup() {
  [ -n "${WINEPREFIX:-}" ] && env WINEPREFIX="$WINEPREFIX" wineserver -k 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# --- a Chinese Windows 10 with a screen ----------------------------------------------------------
# Inno Setup builds its (hidden) wizard even when silent, and that needs a display under Wine.
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
sleep 2
if [ ! -d "$CACHE/locale/zh_CN.UTF-8" ]; then
  mkdir -p "$CACHE/locale"
  localedef -i zh_CN -f UTF-8 "$CACHE/locale/zh_CN.UTF-8"
fi
WIN_ENV=(LOCPATH="$CACHE/locale" LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8)
WINE_OVERRIDES="$WINE_OVERRIDES;mscms=n"
say "fresh Wine prefix in $work/prefix"
wine_prefix "$work/prefix"
acp=$(win reg query 'HKLM\System\CurrentControlSet\Control\Nls\CodePage' /v ACP | tr -d '\r' | awk '/ACP/ {print $NF}')
[ "$acp" = 936 ] || fail "the prefix's ANSI code page is $acp, not 936"
install_standins

user=$(id -un)
local_app="$WINEPREFIX/drive_c/users/$user/AppData/Local"
app="$local_app/Programs/Ziping"
data="$local_app/Ziping"
data_win="C:\\users\\$user\\AppData\\Local\\Ziping"
database_win="$data_win\\ziping.sqlite3"
cli() { win "$app/ziping-cli.exe" "$@" | tr -d '\r'; }
setup() { win "$1" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART "/LOG=$(winpath "$work/$2.log")"; }
uninstall() {
  win "$app/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART "$@"
  env WINEPREFIX="$WINEPREFIX" wineserver -w  # the uninstaller finishes in a copy of itself
}

# --- upgrade over an older installation keeps the data -------------------------------------------
say "installing $(basename "$older") (the older version)"
setup "$older" install-older
[ -f "$app/ziping-cli.exe" ] || fail "no $app/ziping-cli.exe after the first install"
mkdir -p "$data"
cli demo --db "$database_win" >/dev/null
cli backup --db "$database_win" >/dev/null
before=$(cd "$data" && find . -type f -exec sha256sum {} + | sort)
[ "$(ls "$data/backups" | wc -l)" -ge 1 ] || fail "no backup in $data/backups"
say "installing $(basename "$installer") over it"
setup "$installer" install
after=$(cd "$data" && find . -type f -exec sha256sum {} + | sort)
[ "$before" = "$after" ] || fail "the upgrade changed the user's data in $data"
say "upgrade kept the user's data ($(echo "$after" | wc -l) files)"

# --- the per-user installation -------------------------------------------------------------------
[ -f "$WINEPREFIX/drive_c/users/$user/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/自评 Ziping.lnk" ] \
  || fail "no Start-menu shortcut"
win reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\{6F1B7C2E-3D4A-4E8B-9C1F-5A2D8E7B4C60}_is1' \
  /v InstallLocation >/dev/null || fail "no per-user uninstall entry in HKCU"
[ -f "$app/_internal/PySide6/translations/qtbase_zh_CN.qm" ] || fail "qtbase_zh_CN.qm is not installed"
[ -z "$(find "$app" -iname '*webengine*')" ] || fail "QtWebEngine is in the bundle"
extra_qm=$(find "$app/_internal/PySide6/translations" -name '*.qm' ! -name '*zh_CN*' | wc -l)
[ "$extra_qm" -eq 0 ] || fail "$extra_qm Qt translations other than zh_CN are installed"
say "installed per user in $app ($(du -sm "$app" | cut -f1) MB)"

# --- the installed command line ------------------------------------------------------------------
say "ziping-cli selftest"
cli selftest | tee "$work/selftest.txt"
grep -q '^自检通过' "$work/selftest.txt" || fail "selftest did not pass"

say "ziping-cli demo / stats --json, compared with Linux"
linux_python="$ROOT/.venv/bin/python"
if [ ! -x "$linux_python" ]; then
  linux_python="$CACHE/linux-venv/bin/python"
  [ -x "$linux_python" ] || python3 -m venv "$CACHE/linux-venv"
  "$linux_python" -m pip install -q --disable-pip-version-check "$ROOT"
fi
(cd "$work" && "$linux_python" -m desktop.cli demo --db "$work/linux.sqlite3" >/dev/null)
(cd "$work" && "$linux_python" -m desktop.cli stats --db "$work/linux.sqlite3" --year 2023 --json) > "$work/linux-stats.json"
cli demo --db 'C:\demo.sqlite3' | tee "$work/demo.txt"
grep -q '^已生成示例数据库' "$work/demo.txt" || fail "demo printed no summary"
cli stats --db 'C:\demo.sqlite3' --year 2023 --json > "$work/windows-stats.json"
cmp "$work/linux-stats.json" "$work/windows-stats.json" || fail "stats --json differs from Linux"
say "stats --json byte-equal to Linux ($(wc -c < "$work/linux-stats.json") bytes)"

say "ziping-cli export-pdf --form pack"
cli export-pdf --db 'C:\demo.sqlite3' --year 2023 --form pack --out 'C:\年度材料.pdf'
pdf="$WINEPREFIX/drive_c/年度材料.pdf"
pdffonts "$pdf" | tee "$work/fonts.txt"
fonts=$(tail -n +3 "$work/fonts.txt")
[ -n "$fonts" ] || fail "the PDF has no fonts"
[ -z "$(echo "$fonts" | awk '$(NF-4) != "yes"')" ] || fail "a font of the PDF is not embedded"
pdftotext "$pdf" "$work/pack.txt"
grep -q '遂宁市船山区信访局' "$work/pack.txt" || fail "the PDF's text lacks the department"

say "a bad input"
set +e
win "$app/ziping-cli.exe" stats --db 'C:\没有这个文件.sqlite3' --year 2023 >"$work/bad.out" 2>"$work/bad.err"
status=$?
set -e
tr -d '\r' < "$work/bad.err" > "$work/bad.txt"
cat "$work/bad.txt"
[ "$status" -eq 2 ] || fail "a missing database gave exit status $status, not 2"
[ "$(wc -l < "$work/bad.txt")" -eq 1 ] && grep -q '^ziping-cli: .*没有这个文件' "$work/bad.txt" \
  || fail "a missing database did not give one line naming the file"

# --- the window, on Xvfb -------------------------------------------------------------------------
say "ziping.exe --demo on Xvfb"
win "$app/ziping.exe" --demo >"$work/window.log" 2>&1 &
for _ in $(seq 1 90); do
  [[ "$(xwininfo -root -tree 2>/dev/null)" == *Ziping* ]] && break
  sleep 2
done
[[ "$(xwininfo -root -tree)" == *Ziping* ]] || { cat "$work/window.log"; fail "the main window did not open"; }
sleep 8  # let the tabs draw
mkdir -p "$ROOT/docs/screenshots"
screenshot="$ROOT/docs/screenshots/windows-installed.png"
xwd -root -silent -display "$display" | xwdtopnm 2>/dev/null | pnmtopng > "$screenshot"
say "screenshot: $screenshot"
env WINEPREFIX="$WINEPREFIX" wineserver -k || true
sleep 2

# --- uninstall keeps the data unless asked -------------------------------------------------------
say "silent uninstall"
uninstall
[ ! -e "$app" ] || fail "the program folder $app is still there: $(find "$app" | head -5)"
[ -f "$data/ziping.sqlite3" ] || fail "the uninstall removed the user's database"
[ "$(ls "$data/backups" | wc -l)" -ge 1 ] || fail "the uninstall removed the user's backups"
say "program folder gone; database and backups kept"
setup "$installer" reinstall
uninstall /DELETEDATA=yes
[ ! -e "$data" ] || fail "/DELETEDATA=yes left $data"
say "uninstall with /DELETEDATA=yes removed $data"

key=$(source_key "$ROOT")
if [ -n "$key" ]; then
  mkdir -p "$CACHE/green/$key"
  cp "$installer" "$CACHE/green/$key/"
fi
mkdir -p "$CACHE/green"
cp "$installer" "$CACHE/green/last-installer.exe"  # the older version for the next run's upgrade test
echo "test-windows-installer: PASSED in $(($(date +%s) - started)) s ($(basename "$installer"))"
