#!/usr/bin/env bash
# The bad-input corpus (issue 11): every file here must be refused by tcplab-cli with exit
# status 2, a message that contains each line of FILE.expect (the file:line[:column] it names),
# and no output file. Usage: check.sh TCPLAB-CLI
#
#   scenario/*.tcplab        tcplab-cli check FILE; tcplab-cli export FILE --out OUT.svg
#   trace/*.jsonl            tcplab-cli export FILE --out OUT.svg
#   lesson/*.lesson.yaml     tcplab-cli lessons check FILE
#
# FILE.COMMAND.pending (COMMAND: check, export or lessons) marks a known defect another change
# fixes (its text says which): reported, not failed, until it passes; then the stale marker fails.
set -uo pipefail
cli=$(realpath "${1:?usage: check.sh TCPLAB-CLI}")
here=$(cd "$(dirname "$0")" && pwd)
export QT_QPA_PLATFORM=offscreen
out=$(mktemp -d)
msgfile=$(mktemp)
trap 'rm -rf "$out" "$msgfile"' EXIT
failed=0 passed=0 pending=0

# run FILE COMMAND...: one refusal, judged.
run() {
    local file=$1; shift
    local name=${file#"$here"/} why=""
    rm -rf "${out:?}"/*
    local msg status
    (cd "$out" && timeout 60 "$cli" "$@" >/dev/null 2>"$msgfile")
    status=$?
    msg=$(tr -d '\000' <"$msgfile") # a NUL byte echoed raw is item 10's; bash cannot hold it
    [ "$status" -eq 2 ] || why="exit status $status, not 2"
    if [ -z "$why" ]; then
        while IFS= read -r want; do
            [ -n "$want" ] || continue
            grep -qF -- "$want" <<<"$msg" || { why="the message lacks \"$want\""; break; }
        done <"$file.expect"
    fi
    if [ -z "$why" ] && [ -n "$(ls -A "$out")" ]; then
        why="it wrote $(ls -A "$out" | tr '\n' ' ')"
    fi
    local what="$name: tcplab-cli $(printf '%s ' "$@" | sed "s|$here/||g; s|$out/||g")"
    local pending_file="$file.$1.pending"
    if [ -f "$pending_file" ]; then
        if [ -z "$why" ]; then
            echo "FAIL  $what: passes now; remove ${pending_file#"$here"/}"; failed=$((failed + 1))
        else
            echo "KNOWN $what: $why ($(head -n 1 "$pending_file"))"; pending=$((pending + 1))
        fi
    elif [ -n "$why" ]; then
        echo "FAIL  $what: $why"
        printf '      said: %s\n' "$(head -c 400 <<<"$msg")"
        failed=$((failed + 1))
    else
        passed=$((passed + 1))
    fi
}

for f in "$here"/scenario/*.tcplab; do
    [ -f "$f.expect" ] || { echo "FAIL  ${f#"$here"/}: no .expect file"; failed=$((failed + 1)); continue; }
    run "$f" check "$f"
    run "$f" export "$f" --view sequence --out "$out/out.svg"
done
for f in "$here"/trace/*.jsonl; do
    [ -f "$f.expect" ] || { echo "FAIL  ${f#"$here"/}: no .expect file"; failed=$((failed + 1)); continue; }
    run "$f" export "$f" --view sequence --out "$out/out.svg"
done
for f in "$here"/lesson/*.lesson.yaml; do
    [ -f "$f.expect" ] || { echo "FAIL  ${f#"$here"/}: no .expect file"; failed=$((failed + 1)); continue; }
    run "$f" lessons check "$f"
done
echo "bad input: $passed refusals as expected, $pending known defects pending, $failed failed"
[ "$failed" -eq 0 ]
