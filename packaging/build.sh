#!/usr/bin/env bash
# Build the Steppe desktop bundle with PyInstaller: dist/Steppe/Steppe (one folder).
#
#   bash packaging/build.sh                 build with the current Python environment
#   PYTHON=.venv/bin/python bash packaging/build.sh
#   bash packaging/build.sh --smoke         build, then run `Steppe --smoke` offscreen
#
# Artefacts land in dist/ and build/ at the repository root (both git-ignored).
# See packaging/README.md ("Desktop bundle").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
RUN_SMOKE=0
for arg in "$@"; do
  case "$arg" in
    --smoke) RUN_SMOKE=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

start=$(date +%s)

if ! "$PY" -c 'import PyInstaller, sys; sys.exit(int(PyInstaller.__version__.split(".")[0]) < 6)' 2>/dev/null; then
  echo "== installing PyInstaller"
  "$PY" -m pip install -q "pyinstaller>=6"
fi

# The version lives in pyproject.toml only; the bundle reads it from the installed metadata,
# so (re)install the project when it is missing or its metadata is stale.
want=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
have=$("$PY" -c 'from importlib import metadata as m; print(m.version("steppe"))' 2>/dev/null || true)
if [ "$have" != "$want" ]; then
  echo "== installing the project (steppe ${have:-not installed} -> $want)"
  "$PY" -m pip install -q -e .
fi

echo "== PyInstaller $("$PY" -c 'import PyInstaller; print(PyInstaller.__version__)'), steppe $want"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build" packaging/steppe.spec

bundle="$ROOT/dist/Steppe"
[ -x "$bundle/Steppe" ] || { echo "build.sh: $bundle/Steppe was not built" >&2; exit 1; }
echo "== built $bundle/Steppe in $(( $(date +%s) - start )) s"
echo "== bundle size: $(du -sh "$bundle" | cut -f1)"

if [ "$RUN_SMOKE" -eq 1 ]; then
  echo "== smoke"
  out=$(QT_QPA_PLATFORM=offscreen "$bundle/Steppe" --smoke 2>&1) || { echo "$out"; exit 1; }
  echo "$out"
  # in a bundle, a missing part is a packaging error (a module or file left out)
  if grep -q "absent" <<<"$out"; then
    echo "build.sh: the bundle lacks a part the source tree has (see 'absent' above)" >&2
    exit 1
  fi
fi
