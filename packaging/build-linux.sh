#!/usr/bin/env bash
# Builds the Linux one-folder bundle dist/SobrusComm/ from a clean venv, in one command.
#
#   packaging/build-linux.sh              # build (about 15 s once build/bundle-venv exists)
#   packaging/build-linux.sh --check      # ... then start it offscreen (--screenshot), check
#   packaging/build-linux.sh --installer  # ... then compile the NSIS installer against it
#                                         #     uncompressed (proves the script; needs makensis)
#
# The venv (build/bundle-venv) holds only the app's runtime dependencies (from pyproject.toml)
# and PyInstaller: PyInstaller copies whatever the venv holds, so never the dev .venv.
# It is rebuilt when pyproject.toml or packaging/requirements-build.txt change.
# Exit 77: the build venv could not be set up (no package index): callers may skip.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
VENV=build/bundle-venv
DIST=$(realpath -m "${DIST:-dist}")  # DIST=/elsewhere: e.g. a test's temporary folder
BUNDLE=$DIST/SobrusComm
check=0 installer=0
for arg in "$@"; do
  case $arg in
    --check) check=1 ;;
    --installer) check=1 installer=1 ;;
    *) echo "usage: $0 [--check] [--installer]" >&2; exit 2 ;;
  esac
done

# Several engineers share a checkout: one build at a time (the venv and work folder are shared).
mkdir -p build
exec 9>build/.bundle.lock
flock 9

stamp=$VENV/.installed-$(cat pyproject.toml packaging/requirements-build.txt | sha1sum | cut -c1-12)
if [ ! -f "$stamp" ]; then
  rm -rf "$VENV"
  "$PY" -m venv "$VENV" || exit 77
  "$PY" -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
    > "$VENV/requirements-app.txt"
  if ! "$VENV/bin/python" -m pip install --disable-pip-version-check \
      -r "$VENV/requirements-app.txt" -r packaging/requirements-build.txt > build/pip.log 2>&1; then
    tail -20 build/pip.log >&2
    echo "build venv: pip install failed (no package index?), see build/pip.log" >&2
    exit 77
  fi
  touch "$stamp"
fi

SECONDS=0
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN --distpath "$DIST" \
  --workpath build/pyinstaller packaging/sobrus-comm.spec 2> build/pyinstaller.log \
  || { tail -30 build/pyinstaller.log >&2; exit 1; }
echo "bundle: $BUNDLE ($(du -sm "$BUNDLE" | cut -f1) MB, built in ${SECONDS} s)"

if [ "$check" = 1 ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  QT_QPA_PLATFORM=offscreen timeout 120 "$BUNDLE/SobrusComm" --data-dir "$tmp/data" \
    --screenshot "$tmp/shot.png" || { echo "bundle start failed (exit $?)" >&2; exit 1; }
  [ -s "$tmp/shot.png" ] || { echo "bundle start: no screenshot" >&2; exit 1; }
  echo "bundle start: ok (offscreen, screenshot written)"
fi

if [ "$installer" = 1 ]; then
  version=$("$VENV/bin/python" -c 'import sys; sys.path.insert(0, "src"); import sobrus_comm; print(sobrus_comm.__version__)')
  command -v makensis >/dev/null || { echo "makensis missing: apt-get install -y nsis" >&2; exit 1; }
  # The result holds a Linux bundle, so it is no installer anyone could use: removed at once.
  proof=build/installer-proof-setup.exe
  makensis -V2 -WX -DVERSION="$version" -DBUNDLE_DIR="$BUNDLE" -DFAST \
    -DOUTFILE="$PWD/$proof" packaging/windows/sobrus-comm.nsi
  echo "installer script: compiles with makensis -WX ($(du -sm "$proof" | cut -f1) MB uncompressed)"
  rm -f "$proof"
fi
