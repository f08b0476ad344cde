#!/usr/bin/env bash
# Installs what is missing, builds, and starts TCP Lab with the given arguments:
#   ./run.sh                               the main window with the handshake-and-close scenario
#   ./run.sh resources/scenarios/close-wait.tcplab
#   ./run.sh --lang zh_CN
set -euo pipefail
source "$(dirname "$0")/scripts/setup.sh"
tcplab_install_packages
tcplab_build
app="$TCPLAB_BUILD/bin/tcplab"
if [ ! -x "$app" ]; then
    say "the desktop app is not built yet; starting the command line instead"
    app="$TCPLAB_BUILD/bin/tcplab-cli"
fi
if [ "$(basename "$app")" = tcplab ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    die "no display: run this from a desktop session, or try the command line: build/bin/tcplab-cli --help"
fi
exec "$app" "$@"
