#!/usr/bin/env bash
# Seq against Go, side by side: skynet, pingpong, fanout, blocked.
#
# Builds the Rust examples and the Go peers (benches/peers), then runs each benchmark
# RUNS times, alternating Seq and Go, and prints per benchmark the median wall time each
# program reports (its BENCH line), the median peak RSS (/usr/bin/time -v), and the
# ratio Seq / Go. Every run's check value must match Go's.
#
# Usage: benches/compare.sh [benchmark ...]     (default: skynet pingpong fanout blocked)
# Environment:
#   RUNS=5                 runs per program and benchmark
#   SIZE=                  size argument passed to every program (default: theirs, 1m)
#   SEQ_WORKERS, SEQ_STACK_SIZE   passed through to the Seq programs
#   RUST_PACKAGE, RUST_EXAMPLE_PREFIX   which Rust examples to run (see below)
# Needs: cargo, go (Debian: apt-get install -y golang-go), /usr/bin/time (package
# `time`; without it RSS is not reported).
set -euo pipefail

# The Rust side: `cargo build --release -p $RUST_PACKAGE --example $RUST_EXAMPLE_PREFIX<bench>`.
# By default the programs written in Seq (`examples/<bench>.rs`); RUST_EXAMPLE_PREFIX=hand_
# runs the same programs written by hand on seq-runtime (`examples/hand_<bench>.rs`).
RUST_PACKAGE=${RUST_PACKAGE:-seq-suite}
RUST_EXAMPLE_PREFIX=${RUST_EXAMPLE_PREFIX:-}
RUNS=${RUNS:-5}
SIZE=${SIZE:-}

cd "$(dirname "$0")/.."
BENCHES=("$@")
[ ${#BENCHES[@]} -gt 0 ] || BENCHES=(skynet pingpong fanout blocked)

have_go=1
if ! command -v go >/dev/null 2>&1; then
    have_go=0
    echo "compare.sh: 'go' is not on PATH, so only the Seq side runs." >&2
    echo "            Install Go (Debian: apt-get install -y golang-go) for the ratios." >&2
fi
have_time=1
if [ ! -x /usr/bin/time ]; then
    have_time=0
    echo "compare.sh: /usr/bin/time is missing (Debian package 'time'): no RSS figures." >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Build everything first, so that no build runs between timed runs.
declare -A seq_bin go_bin
for b in "${BENCHES[@]}"; do
    ex="${RUST_EXAMPLE_PREFIX}${b}"
    exe=$(cargo build --release -q -p "$RUST_PACKAGE" --example "$ex" --message-format=json \
        | grep -o '"executable":"[^"]*"' | tail -1 | cut -d'"' -f4)
    [ -x "$exe" ] || { echo "compare.sh: could not build example $ex of $RUST_PACKAGE" >&2; exit 1; }
    seq_bin[$b]=$exe
    if [ $have_go = 1 ]; then
        go build -o "$work/$b" "benches/peers/$b.go" benches/peers/common.go
        go_bin[$b]=$work/$b
    fi
done

# run PROGRAM -> prints "ms check rss_kb" (rss_kb is - without /usr/bin/time)
run() {
    local out line rss=-
    if [ $have_time = 1 ]; then
        out=$(/usr/bin/time -v "$1" $SIZE 2>"$work/time.txt")
        rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
    else
        out=$("$1" $SIZE)
    fi
    line=$(grep '^BENCH:' <<<"$out" | tail -1)
    [ -n "$line" ] || { echo "compare.sh: $1 printed no BENCH line" >&2; exit 1; }
    # BENCH:<bench>:<what>-<size>:<check>:<ms>
    echo "$(cut -d: -f5 <<<"$line") $(cut -d: -f4 <<<"$line") $rss"
}

median() { sort -n | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

printf '%-10s %10s %10s %8s %12s %12s  %s\n' benchmark "seq ms" "go ms" ratio "seq RSS MB" "go RSS MB" check
for b in "${BENCHES[@]}"; do
    : >"$work/seq.txt"
    : >"$work/go.txt"
    for ((i = 0; i < RUNS; i++)); do
        run "${seq_bin[$b]}" >>"$work/seq.txt"
        [ $have_go = 1 ] && run "${go_bin[$b]}" >>"$work/go.txt"
    done
    seq_ms=$(cut -d' ' -f1 "$work/seq.txt" | median)
    seq_rss=$(cut -d' ' -f3 "$work/seq.txt" | median)
    check=$(cut -d' ' -f2 "$work/seq.txt" | sort -u | tr '\n' ' ')
    go_ms=- go_rss=- ratio=- verdict=$check
    if [ $have_go = 1 ]; then
        go_ms=$(cut -d' ' -f1 "$work/go.txt" | median)
        go_rss=$(cut -d' ' -f3 "$work/go.txt" | median)
        go_check=$(cut -d' ' -f2 "$work/go.txt" | sort -u | tr '\n' ' ')
        ratio=$(awk -v s="$seq_ms" -v g="$go_ms" 'BEGIN {printf "%.2f", (g > 0 ? s / g : 0)}')
        [ "$check" = "$go_check" ] && verdict="$check(same as Go)" || verdict="MISMATCH seq=$check go=$go_check"
    fi
    mb() { [ "$1" = - ] && echo - || awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
    printf '%-10s %10s %10s %8s %12s %12s  %s\n' "$b" "$seq_ms" "$go_ms" "$ratio" \
        "$(mb "$seq_rss")" "$(mb "$go_rss")" "$verdict"
    echo "  seq runs (ms): $(cut -d' ' -f1 "$work/seq.txt" | tr '\n' ' ')"
    [ $have_go = 1 ] && echo "  go runs (ms):  $(cut -d' ' -f1 "$work/go.txt" | tr '\n' ' ')"
done
