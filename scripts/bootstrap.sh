# Sourced by scripts/serve, scripts/build and scripts/test: make .venv and install the locked
# requirements (exact versions, hash-checked), only when a lock file changed since the last install.
# usage: bootstrap build | test
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NO_MKDOCS_2_WARNING=1   # the end-of-life notice is covered in the README

bootstrap() {
  local kind="$1" python="${PYTHON:-python3}"
  local locks=(requirements.txt)
  [ "$kind" = test ] && locks+=(requirements-zensical.txt requirements-test.txt)
  if ! command -v "$python" >/dev/null 2>&1; then
    echo "error: no $python on the PATH. Install Python 3.11 or newer (Debian/Ubuntu:" >&2
    echo "       apt-get install python3 python3-venv), or set PYTHON=/path/to/python3." >&2
    exit 1
  fi
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "error: Python 3.11 or newer is needed; $python is $("$python" --version 2>&1)." >&2
    echo "       Install a newer one, or set PYTHON=/path/to/python3.11 (or newer)." >&2
    exit 1
  fi
  if [ ! -x .venv/bin/python ]; then
    echo "Creating .venv with $("$python" --version) ..."
    if ! "$python" -m venv .venv; then
      echo "error: $python cannot create a virtual environment." >&2
      echo "       On Debian/Ubuntu: apt-get install python3-venv" >&2
      rm -rf .venv
      exit 1
    fi
  fi
  local stamp=".venv/.installed-$kind" wanted
  wanted=$(cat "${locks[@]}" | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "Installing the locked packages (${locks[*]}) ..."
    local args=()
    for lock in "${locks[@]}"; do args+=(-r "$lock"); done
    .venv/bin/python -m pip install --disable-pip-version-check -q --require-hashes "${args[@]}"
    echo "$wanted" > "$stamp"
  fi
}
