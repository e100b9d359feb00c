#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 on Node 20) for the end-to-end suite, cached
# OUTSIDE the repository so that later runs reuse it. The project's version of the verified
# recipe ../shared/recipes/code-server-setup.sh: only the npm registry and Debian's packages are
# reachable here, so every GitHub download code-server's install scripts would make is avoided.
# Usage: scripts/setup-code-server.sh [DIR]
#   DIR defaults to ${WIDGET_TIMELINES_CACHE:-$HOME/.cache/widget-timelines}/code-server-4.100.3
# Idempotent: a DIR that holds a finished install (the marker written last) exits at once.
set -euo pipefail

VERSION=4.100.3
DIR=${1:-${WIDGET_TIMELINES_CACHE:-$HOME/.cache/widget-timelines}/code-server-$VERSION}
MARKER="$DIR/.widget-timelines-ready"
ENTRY="$DIR/node_modules/code-server/out/node/entry.js"

if [ -f "$MARKER" ] && [ -f "$ENTRY" ]; then
  echo "code-server $VERSION ready in $DIR"
  exit 0
fi

# kerberos (a VS Code server dependency) compiles against gssapi.h; ripgrep replaces the
# binary @vscode/ripgrep would fetch from GitHub.
if ! command -v rg >/dev/null || [ ! -e /usr/include/gssapi/gssapi.h ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-code-server: needs the Debian packages libkrb5-dev and ripgrep; run: sudo apt-get install -y libkrb5-dev ripgrep" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libkrb5-dev ripgrep
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
