#!/usr/bin/env bash
# Adds "Sobrus Communications" to the current user's application menu (Linux).
#
#   packaging/install-linux-desktop.sh                    # launches `sobrus-comm` from PATH
#   packaging/install-linux-desktop.sh /opt/SobrusComm    # launches that bundle's executable
#
# Installs resources/linux/sobrus-comm.desktop and the icons (SVG + PNGs) under
# ${XDG_DATA_HOME:-~/.local/share}, following the freedesktop icon-theme layout.
set -euo pipefail
cd "$(dirname "$0")/.."

data=${XDG_DATA_HOME:-$HOME/.local/share}
exec_line=sobrus-comm
if [ $# -ge 1 ]; then
  bundle=$(cd "$1" && pwd)
  [ -x "$bundle/SobrusComm" ] || { echo "no SobrusComm executable in $bundle" >&2; exit 1; }
  exec_line="\"$bundle/SobrusComm\""
fi

for size in 16 24 32 48 64 128 256; do
  install -Dm644 "resources/icons/sobrus-comm-$size.png" \
    "$data/icons/hicolor/${size}x${size}/apps/sobrus-comm.png"
done
install -Dm644 resources/icons/sobrus-comm.svg "$data/icons/hicolor/scalable/apps/sobrus-comm.svg"
mkdir -p "$data/applications"
sed "s|^Exec=.*|Exec=$exec_line|" resources/linux/sobrus-comm.desktop \
  > "$data/applications/sobrus-comm.desktop"
# Menus pick the new entry up by themselves; these only speed it up where available.
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q "$data/icons/hicolor" 2>/dev/null || true
echo "installed: $data/applications/sobrus-comm.desktop (Exec=$exec_line)"
