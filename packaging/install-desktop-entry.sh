#!/usr/bin/env bash
# Install (or remove) Steppe's desktop entry, icons and MIME type for the current user, so that
# Steppe appears in the application menu and *.steppe files open with it.
#
#   bash packaging/install-desktop-entry.sh                 Exec = dist/Steppe/Steppe (absolute)
#   bash packaging/install-desktop-entry.sh /opt/Steppe/Steppe
#   bash packaging/install-desktop-entry.sh --uninstall
#
# Files go under ${XDG_DATA_HOME:-~/.local/share}: applications/, icons/hicolor/, mime/packages/,
# metainfo/. Nothing outside the user's home is touched.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
APP_ID="io.github.steppe.Steppe"
SIZES="16 24 32 48 64 128 256 512"

DESKTOP_DEST="$DATA/applications/$APP_ID.desktop"
MIME_DEST="$DATA/mime/packages/$APP_ID.xml"
META_DEST="$DATA/metainfo/$APP_ID.metainfo.xml"
SVG_DEST="$DATA/icons/hicolor/scalable/apps/steppe.svg"

refresh() {
  if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$DATA/mime" >/dev/null 2>&1 || echo "note: update-mime-database failed" >&2
  else
    echo "note: update-mime-database not found (package shared-mime-info); *.steppe is not associated yet" >&2
  fi
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$DATA/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$DESKTOP_DEST" "$MIME_DEST" "$META_DEST" "$SVG_DEST"
  for n in $SIZES; do rm -f "$DATA/icons/hicolor/${n}x${n}/apps/steppe.png"; done
  [ -d "$DATA/mime" ] && refresh
  echo "Steppe's desktop entry, icons and MIME type removed from $DATA"
  exit 0
fi
case "${1:-}" in -h|--help) sed -n '2,10p' "$0"; exit 0 ;; esac

EXE="${1:-$ROOT/dist/Steppe/Steppe}"
[ -x "$EXE" ] || { echo "install-desktop-entry.sh: $EXE is not an executable; build it first: bash packaging/build.sh" >&2; exit 1; }
EXE="$(cd "$(dirname "$EXE")" && pwd)/$(basename "$EXE")"

# Prefer the copies inside the bundle (dist/Steppe/share), else the repository's.
SHARE="$(dirname "$EXE")/share"
if [ -f "$SHARE/applications/$APP_ID.desktop" ]; then
  DESKTOP_SRC="$SHARE/applications/$APP_ID.desktop"
  MIME_SRC="$SHARE/mime/packages/steppe-mime.xml"
  META_SRC="$SHARE/metainfo/$APP_ID.metainfo.xml"
  ICONS_SRC="$SHARE/icons/hicolor"
  SVG_SRC="$SHARE/icons/hicolor/scalable/apps/steppe.svg"
else
  DESKTOP_SRC="$ROOT/packaging/linux/$APP_ID.desktop"
  MIME_SRC="$ROOT/packaging/linux/steppe-mime.xml"
  META_SRC="$ROOT/packaging/linux/$APP_ID.metainfo.xml"
  ICONS_SRC="$ROOT/resources/icons/hicolor"
  SVG_SRC="$ROOT/resources/icons/steppe.svg"
fi

# Exec/TryExec: the absolute path, quoted as the Desktop Entry spec asks when it has a space
# or a reserved character (inside quotes, " ` $ and \ are escaped with a backslash).
exec_arg="$EXE"
if [[ "$EXE" =~ [[:space:]\"\'\`\$\\\<\>\~\|\&\;\*\?\#\(\)] ]]; then
  esc=${EXE//\\/\\\\}; esc=${esc//\"/\\\"}; esc=${esc//\`/\\\`}; esc=${esc//\$/\\\$}
  exec_arg="\"$esc\""
  # a string value in a .desktop file escapes backslashes once more
  exec_arg=${exec_arg//\\/\\\\}
fi
exec_arg=${exec_arg//%/%%}  # a literal % in a field code position

mkdir -p "$(dirname "$DESKTOP_DEST")"
tmp="$(mktemp)"
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    Exec=*) printf 'Exec=%s %%f\n' "$exec_arg" ;;
    TryExec=*) printf 'TryExec=%s\n' "$EXE" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$DESKTOP_SRC" > "$tmp"
install -Dm644 "$tmp" "$DESKTOP_DEST"
rm -f "$tmp"

for n in $SIZES; do
  install -Dm644 "$ICONS_SRC/${n}x${n}/apps/steppe.png" "$DATA/icons/hicolor/${n}x${n}/apps/steppe.png"
done
install -Dm644 "$SVG_SRC" "$SVG_DEST"
install -Dm644 "$MIME_SRC" "$MIME_DEST"
install -Dm644 "$META_SRC" "$META_DEST"
refresh

if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$DESKTOP_DEST" || true
fi
echo "Steppe installed for ${USER:-$(id -un)}: $DESKTOP_DEST (Exec=$EXE)"
echo "Remove with: bash packaging/install-desktop-entry.sh --uninstall"
