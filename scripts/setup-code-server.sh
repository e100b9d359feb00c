#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 on Node 20) for the end-to-end suite, cached
# OUTSIDE the repository so that later runs reuse it. The project's version of the verified
# recipe ../shared/recipes/code-server-setup.sh: only the npm registry and Debian's packages are
# reachable here, so every GitHub download code-server's install scripts would make is avoided.
# Usage: scripts/setup-code-server.sh [DIR]
#   DIR defaults to ${WIDGET_TIMELINES_CACHE:-$HOME/.cache/widget-timelines}/code-server-4.100.3
# Idempotent: a DIR that holds a finished install (the marker written last) exits at once.
#        scripts/setup-code-server.sh --check [DIR]
#   exits 0 when DIR holds a finished install, 1 when it does not (nothing is installed).
#        scripts/setup-code-server.sh --missing-packages
#   prints, on one line, the Debian packages an install needs that are not installed (an empty
#   line when none is missing), so that a caller (test/preflight.mjs) can install them, or name
#   the command that does, before it starts.
set -euo pipefail

# kerberos (a VS Code server dependency) compiles against gssapi.h; ripgrep replaces the
# binary @vscode/ripgrep would fetch from GitHub; make, g++ and python3 build the native modules
# (argon2, node-pty, kerberos).
missing_packages() {
  local missing=()
  [ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
  command -v rg >/dev/null || missing+=(ripgrep)
  command -v make >/dev/null || missing+=(make)
  command -v g++ >/dev/null || missing+=(g++)
  command -v python3 >/dev/null || missing+=(python3)
  echo "${missing[*]}"
}

MODE=install
case "${1:-}" in
  --missing-packages | --check) MODE=${1#--}; shift ;;
esac

VERSION=4.100.3
DIR=${1:-${WIDGET_TIMELINES_CACHE:-$HOME/.cache/widget-timelines}/code-server-$VERSION}
MARKER="$DIR/.widget-timelines-ready"
ENTRY="$DIR/node_modules/code-server/out/node/entry.js"
ready() { [ -f "$MARKER" ] && [ -f "$ENTRY" ]; }

case "$MODE" in
  missing-packages) missing_packages; exit 0 ;;
  check) ready; exit ;;
esac
if ready; then
  echo "code-server $VERSION ready in $DIR"
  exit 0
fi

read -ra missing <<< "$(missing_packages)"
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-code-server: needs the Debian packages ${missing[*]}; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

export npm_config_yes=true            # node-pty's install script runs `npx node-gyp`
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

rm -f "$MARKER"
mkdir -p "$DIR"
cd "$DIR"
[ -f package.json ] || npm init -y >/dev/null
npm install "code-server@$VERSION" --ignore-scripts
npm rebuild argon2                    # code-server's own native module

cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin      # its install script skips the download when bin/ exists
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm rebuild
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --ignore-scripts && npm rebuild)

cd "$DIR"
# --version may first log that it wrote a default config file (kept inside DIR, not in ~/.config);
# the version line starts with a digit.
version_output=$(XDG_CONFIG_HOME="$DIR/.config" node "$ENTRY" --version)
installed=$(printf '%s\n' "$version_output" | grep -E '^[0-9]' | head -n 1 || true)
case "$installed" in
  "$VERSION"*) ;;
  *) echo "setup-code-server: expected code-server $VERSION, found '$installed'" >&2; exit 1 ;;
esac
# Written last: an interrupted install never looks finished.
echo "$installed" > "$MARKER"
echo "code-server $VERSION ready in $DIR"
