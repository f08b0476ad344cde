# Shared by ./run.sh and ./test.sh: installs what TCP Lab needs on Debian 12, then configures
# and builds into build/. Sourced, not run. Every failure says what to do next.

TCPLAB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TCPLAB_BUILD="$TCPLAB_ROOT/build"

# Build tools, Qt 6, QCustomPlot, nlohmann-json (traces), CLI11 (the command lines), yaml-cpp
# (lesson files), libpcap; nftables and tcpdump for the live lab and its tests; Xvfb, ImageMagick
# and CJK fonts for looking at the GUI; libcap2-bin for setcap (watch mode).
TCPLAB_PACKAGES=(
    build-essential cmake ninja-build pkg-config ccache
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-translations-l10n libgl-dev libqcustomplot-dev nlohmann-json3-dev libcli11-dev
    libyaml-cpp-dev libpcap-dev
    nftables tcpdump iproute2 libcap2-bin xvfb xauth imagemagick fonts-noto-cjk
)

say() { printf 'tcplab: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

tcplab_install_packages() {
    command -v dpkg-query >/dev/null 2>&1 || die "this setup is for Debian 12 (apt). On another system install the equivalents of: ${TCPLAB_PACKAGES[*]}"
    local missing=()
    for p in "${TCPLAB_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${#missing[@]} Debian packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "need root to install packages; run as root: apt-get install -y ${missing[*]}"
        sudo=(sudo)
    fi
    local log="${TMPDIR:-/tmp}/tcplab-apt.log"
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >"$log" 2>&1; then
        tail -n 5 "$log" >&2
        die "apt-get update failed (full log: $log). Check the network or your apt sources, then run this again."
    fi
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
        tail -n 5 "$log" >&2
        die "apt-get install failed (full log: $log). Fix the error above, then run this again."
    fi
}

tcplab_build() {
    local log="$TCPLAB_BUILD/build.log"
    mkdir -p "$TCPLAB_BUILD"
    # ccache: a second checkout (a fresh clone, CI) reuses what this machine compiled before.
    # Paths are made relative to the checkout so the cache matches across folders.
    export CCACHE_BASEDIR="$TCPLAB_ROOT" CCACHE_NOHASHDIR=1
    if [ ! -f "$TCPLAB_BUILD/CMakeCache.txt" ] || [ "$TCPLAB_ROOT/CMakeLists.txt" -nt "$TCPLAB_BUILD/CMakeCache.txt" ]; then
        say "configuring (build/)"
        if ! cmake -S "$TCPLAB_ROOT" -B "$TCPLAB_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
                -DCMAKE_CXX_COMPILER_LAUNCHER=ccache >"$log" 2>&1; then
            grep -E "CMake Error|Could not find|not found" "$log" | head -n 5 >&2
            die "configuring failed (full log: $log). If a package is missing, run ./run.sh as root once; if the build folder is stale, remove it: rm -rf build"
        fi
    fi
    say "building with $(nproc) jobs"
    if ! cmake --build "$TCPLAB_BUILD" -j"$(nproc)" >>"$log" 2>&1; then
        grep -E "error|Error" "$log" | head -n 10 >&2
        die "the build failed (full log: $log). Please report it with that log."
    fi
}
