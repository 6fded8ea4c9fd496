# Shared by run.sh and test.sh: install what the repository needs, from its own files only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf '\033[1m==>\033[0m %s\n' "$*"; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root to run: $* (install it, or run this script as root)." >&2; return 1; fi
}

need_tools() {
  for tool in dotnet node npm; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed; PBudget needs the .NET 10 SDK and Node 20." >&2; exit 1; }
  done
}

# Azurite and GOV.UK Frontend, pinned by package-lock.json; skipped when node_modules was installed from the same lock.
install_node_packages() {
  local stamp="$ROOT/node_modules/.installed-from-lock" hash
  hash=$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
    say "Installing Azurite and GOV.UK Frontend (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$hash" >"$stamp"
  fi
}

# Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium; it never downloads a browser).
install_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    say "Installing Chromium from Debian's packages"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
  fi
}
