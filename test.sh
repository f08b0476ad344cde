#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (ctest). Exits non-zero on any failure.
#
#   ./test.sh                          build/ and its ctest suite
#   ./test.sh --sanitize               then the same suite built with ASan + UBSan (clang,
#                                      build-sanitize/); any finding fails its test
#   ./test.sh --fuzz 60s               then each libFuzzer target of tests/fuzz for 60 s
#   ./test.sh --sanitize --fuzz 60s    both (what CI runs)
# Other arguments go to ctest (e.g. -R parser).
set -euo pipefail
source "$(dirname "$0")/scripts/setup.sh"

sanitize=0 fuzz_seconds=0 ctest_args=()
while [ $# -gt 0 ]; do
    case $1 in
    --sanitize) sanitize=1 ;;
    --fuzz | --fuzz=*)
        if [ "$1" = --fuzz ]; then
            [ $# -ge 2 ] || die "--fuzz takes a time per target, e.g. --fuzz 60s"
            t=$2; shift
        else
            t=${1#--fuzz=}
        fi
        case $t in
        *min) fuzz_seconds=$((${t%min} * 60)) ;;
        *s) fuzz_seconds=${t%s} ;;
        *) fuzz_seconds=$t ;;
        esac
        [[ $fuzz_seconds =~ ^[0-9]+$ ]] && [ "$fuzz_seconds" -gt 0 ] ||
            die "--fuzz takes a time per target such as 60s or 2min, not \"$t\""
        ;;
    *) ctest_args+=("$1") ;;
    esac
    shift
done

tcplab_install_packages
tcplab_build
export QT_QPA_PLATFORM=offscreen
(cd "$TCPLAB_BUILD" && ctest --output-on-failure --timeout 300 "${ctest_args[@]}")

if [ "$sanitize" -eq 1 ] || [ "$fuzz_seconds" -gt 0 ]; then
    tcplab_sanitizer_env
    if [ "$sanitize" -eq 1 ]; then
        tcplab_build_sanitize
        say "ctest under AddressSanitizer + UBSan (build-sanitize/)"
        # Slower than build/ (about 2-3x): the per-test timeout grows with it.
        (cd "$TCPLAB_SANITIZE_BUILD" && ctest --output-on-failure --timeout 900 "${ctest_args[@]}")
    else
        tcplab_build_sanitize fuzz
    fi
    [ "$fuzz_seconds" -eq 0 ] || tcplab_fuzz "$fuzz_seconds"
fi
