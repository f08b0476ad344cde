#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (ctest). Exits non-zero on any failure.
set -euo pipefail
source "$(dirname "$0")/scripts/setup.sh"
tcplab_install_packages
tcplab_build
cd "$TCPLAB_BUILD"
export QT_QPA_PLATFORM=offscreen
ctest --output-on-failure --timeout 300 "$@"
