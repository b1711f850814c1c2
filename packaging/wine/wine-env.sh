# Shell functions shared by packaging/build-windows-on-linux.sh and test-windows-installer.sh
# (sourced, not run). What each works around is in ../../docs/packaging.md, "Windows on Linux".

# Install the Debian packages named (wine32:i386 adds the i386 architecture) when any is missing.
need_apt() {
  local missing=() package run=""
  for package in "$@"; do
    [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" == *"ok installed"* ]] || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || run="sudo"
  if [[ " ${missing[*]}" == *:i386* ]] && [[ "$(dpkg --print-foreign-architectures)" != *i386* ]]; then
    $run dpkg --add-architecture i386
  fi
  echo "apt: installing ${missing[*]}"
  $run apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $run apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The Windows path of a Linux path (Wine maps / to Z:).
winpath() {
  local path
  path=$(realpath -m "$1")
  printf 'Z:%s' "${path//\//\\}"
}

WINE_OVERRIDES="mscoree=;mshtml=;winemenubuilder.exe=d;winedbg.exe=d;wbemprox=d"
# Extra VAR=value settings for the Windows programs started by `win` (the test sets its locale).
WIN_ENV=()

# Run a Windows program under Wine in $WINEPREFIX with a clean environment: Wine hands the Linux
# environment (PIP_*, PYTHON*, ...) to Windows programs. Standard input /dev/null, output and
# errors through pipes: Python 3.13 under Wine 8.0 cannot start on plain files as its streams.
win() {
  env -i HOME="$HOME" USER="$(id -un)" PATH=/usr/bin:/bin WINEPREFIX="$WINEPREFIX" WINEDEBUG=-all \
    WINEDLLOVERRIDES="$WINE_OVERRIDES" ${DISPLAY:+DISPLAY="$DISPLAY"} "${WIN_ENV[@]}" \
    /usr/bin/wine "$@" </dev/null 2> >(cat >&2) | cat
}

# Use (and make, Windows 10, on first use) the Wine prefix at $1.
wine_prefix() {
  export WINEPREFIX=$1
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    mkdir -p "$WINEPREFIX"
    win wineboot -i >/dev/null
    win reg add 'HKCU\Software\Wine' /v Version /d win10 /f >/dev/null
  fi
}

# A key for the sources the Windows build is made from (empty when the checkout has changes that
# are not committed, so an uncommitted change is never taken for a built one).
source_key() {
  local root=$1 trees=(packaging pyproject.toml setup.py MANIFEST.in desktop resources forms)
  git -C "$root" rev-parse HEAD >/dev/null 2>&1 || return 0
  [ -z "$(git -C "$root" status --porcelain -- "${trees[@]}")" ] || return 0
  git -C "$root" ls-tree -r HEAD -- "${trees[@]}" | sha256sum | cut -c1-16
}

# Build the stand-ins for the DLLs Windows 10 has and Wine 8.0 lacks (packaging/wine/*.c) into the
# prefix's system32: the test rig's, never the program's (PyInstaller leaves system32 DLLs out, and
# the build checks that none of them reached the bundle).
STANDINS=(bcryptprimitives icuuc mscms)
install_standins() {
  local dll libs
  for dll in "${STANDINS[@]}"; do
    libs=""; [ "$dll" = bcryptprimitives ] && libs="-ladvapi32"
    # shellcheck disable=SC2086
    x86_64-w64-mingw32-gcc -shared -O2 -s -o "$WINEPREFIX/drive_c/windows/system32/$dll.dll" \
      "$(dirname "${BASH_SOURCE[0]}")/$dll.c" $libs
  done
}
