# Shared by ./run.sh and ./test.sh: installs what TCP Lab needs on Debian 12, then configures
# and builds into build/. Sourced, not run. Every failure says what to do next.

TCPLAB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TCPLAB_BUILD="$TCPLAB_ROOT/build"

# Build tools, Qt 6, QCustomPlot, nlohmann-json (traces), CLI11 (the command lines), yaml-cpp
# (lesson files), libpcap, libnetfilter_queue (the live lab holds every segment in a queue);
# nftables, iptables (the queue's rules) and tcpdump for the live lab and its tests; Xvfb, ImageMagick
# and CJK fonts for looking at the GUI; libcap2-bin for setcap (watch mode); clang and its
# runtimes (libclang-rt-14-dev has libFuzzer and the sanitizers) for test.sh --sanitize --fuzz.
TCPLAB_PACKAGES=(
    build-essential cmake ninja-build pkg-config ccache
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-translations-l10n libgl-dev libqcustomplot-dev nlohmann-json3-dev libcli11-dev
    libyaml-cpp-dev zlib1g-dev libpcap-dev libnetfilter-queue-dev libnfnetlink-dev
    nftables iptables tcpdump iproute2 libcap2-bin xvfb xauth imagemagick fonts-noto-cjk
    clang libclang-rt-14-dev
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

# The sanitizer build (test.sh --sanitize / --fuzz): everything built by clang with ASan + UBSan
# into build-sanitize/, plus the libFuzzer targets. clang because libFuzzer needs it and one
# sanitizer build serves both. "tcplab_build_sanitize fuzz" builds only the fuzz targets.
TCPLAB_SANITIZE_BUILD="$TCPLAB_ROOT/build-sanitize"

tcplab_sanitizer_env() {
    # detect_leaks: LSan is on by default, said for clarity; the suppressions are third-party
    # leaks only (each entry says why). halt_on_error/abort: a finding fails the test.
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    export LSAN_OPTIONS="suppressions=$TCPLAB_ROOT/tests/sanitizers/lsan.supp:print_suppressions=0"
}

tcplab_build_sanitize() {
    local log="$TCPLAB_SANITIZE_BUILD/build.log"
    mkdir -p "$TCPLAB_SANITIZE_BUILD"
    export CCACHE_BASEDIR="$TCPLAB_ROOT" CCACHE_NOHASHDIR=1
    if [ ! -f "$TCPLAB_SANITIZE_BUILD/CMakeCache.txt" ] || [ "$TCPLAB_ROOT/CMakeLists.txt" -nt "$TCPLAB_SANITIZE_BUILD/CMakeCache.txt" ]; then
        say "configuring (build-sanitize/)"
        if ! cmake -S "$TCPLAB_ROOT" -B "$TCPLAB_SANITIZE_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
                -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
                -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DTCPLAB_SANITIZE=ON -DTCPLAB_FUZZ=ON >"$log" 2>&1; then
            grep -E "CMake Error|Could not find|not found" "$log" | head -n 5 >&2
            die "configuring the sanitizer build failed (full log: $log)."
        fi
    fi
    local targets=()
    if [ "${1:-}" = fuzz ]; then
        targets=(--target fuzz_scenario fuzz_jsonl fuzz_dissect fuzz_lesson)
    fi
    say "building with AddressSanitizer + UBSan (build-sanitize/), $(nproc) jobs"
    if ! cmake --build "$TCPLAB_SANITIZE_BUILD" -j"$(nproc)" "${targets[@]}" >>"$log" 2>&1; then
        grep -E "error|Error" "$log" | head -n 10 >&2
        die "the sanitizer build failed (full log: $log)."
    fi
}

# tcplab_fuzz SECONDS: each target for SECONDS on its seeds (tests/fuzz/corpus/NAME, read only)
# and a working corpus kept in build-sanitize/fuzz/NAME; a crash is saved as
# build-sanitize/fuzz/crash-NAME-* and fails. Prints runs and corpus size per target.
# A fuzz target's seed folders: the shipped scenarios and lessons themselves, and the target's
# own corpus under tests/fuzz/corpus (as tests/fuzz/CMakeLists.txt replays them).
tcplab_fuzz_seeds() {
    case "$1" in
    scenario) echo "$TCPLAB_ROOT/resources/scenarios" ;;
    lesson) echo "$TCPLAB_ROOT/resources/lessons $TCPLAB_ROOT/tests/fuzz/corpus/lesson" ;;
    *) echo "$TCPLAB_ROOT/tests/fuzz/corpus/$1" ;;
    esac
}

tcplab_fuzz() {
    local seconds=$1 work="$TCPLAB_SANITIZE_BUILD/fuzz" failed=() report=()
    mkdir -p "$work"
    for name in scenario jsonl dissect lesson; do
        local corpus="$work/$name" log="$work/$name.log"
        mkdir -p "$corpus"
        say "fuzzing $name for ${seconds}s"
        # -timeout: an input slower than 10 s is a failure too (hostile input that is merely
        # slow, issue 11); -rss_limit_mb likewise for memory.
        if "$TCPLAB_SANITIZE_BUILD/bin/fuzz_$name" -max_total_time="$seconds" -timeout=10 \
                -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/crash-$name-" \
                "$corpus" $(tcplab_fuzz_seeds "$name") >"$log" 2>&1; then
            :
        else
            failed+=("$name")
            grep -E "ERROR|runtime error|Test unit written|SUMMARY|fuzz_$name:" "$log" | head -n 8 >&2
        fi
        local runs files bytes
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
        files=$(find "$corpus" -type f | wc -l)
        bytes=$(du -sb "$corpus" | cut -f1)
        report+=("$(printf '%-9s %10s runs   corpus %5s inputs %9s bytes   (seeds %s)' "$name" \
            "${runs:-?}" "$files" "$bytes" "$(find $(tcplab_fuzz_seeds "$name") -type f | wc -l)")")
    done
    say "fuzzing, ${seconds}s per target:"
    printf '  %s\n' "${report[@]}" >&2
    [ ${#failed[@]} -eq 0 ] || die "fuzzing found a crash in: ${failed[*]} (logs and inputs in $work/)"
}
