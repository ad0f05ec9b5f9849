# Shared by scripts/start and scripts/test: a project virtualenv with the project installed.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Se necesita Python 3.11 o posterior (se encontró: $("$PYTHON" --version 2>&1))." >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".${EXTRAS:-}"
.venv/bin/python -m server precompress >/dev/null  # once per install; later runs find them done
# the project's bytecode written now, so no server start compiles it (even where the environment
# forbids writing it at import, PYTHONDONTWRITEBYTECODE)
.venv/bin/python -m compileall -q -j 0 -x '/\.(venv|git)/' . >/dev/null
