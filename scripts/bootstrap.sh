# Sourced by scripts/serve, scripts/build and scripts/test: make .venv and install the pinned
# requirements, only when they changed since the last install.
# usage: bootstrap requirements.txt | requirements-test.txt
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NO_MKDOCS_2_WARNING=1   # the end-of-life notice is covered in the README

bootstrap() {
  local requirements="$1"
  local python="${PYTHON:-python3}"
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "error: Python 3.11 or newer is needed (found: $("$python" --version 2>&1))." >&2
    echo "       Set PYTHON=/path/to/python3.11 to choose another interpreter." >&2
    exit 1
  fi
  if [ ! -x .venv/bin/python ]; then
    echo "Creating .venv with $("$python" --version) ..."
    "$python" -m venv .venv
  fi
  # The stamp holds a hash of every requirements file, since the test file includes the other.
  local stamp=".venv/.installed-${requirements%.txt}"
  local wanted
  wanted=$(cat requirements*.txt | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "Installing pinned packages from $requirements ..."
    .venv/bin/python -m pip install --disable-pip-version-check -q -r "$requirements"
    echo "$wanted" > "$stamp"
  fi
}
