#!/usr/bin/env bash
# Seq against Go, side by side: skynet, pingpong, fanout, blocked.
#
# Builds the Rust examples and the Go peers (benches/peers), then runs each benchmark
# RUNS times, alternating Seq and Go, and prints per benchmark the median wall time each
# program reports (its BENCH line), the median peak RSS (/usr/bin/time -v), and the
# ratio Seq / Go. Every run's check value must match Go's.
#
# The benchmark `echo` (not run by default: about 5 minutes with its defaults) is a TCP
# echo server under load instead: for each connection count it starts the Seq server
# (example echo_server, Seq source examples/seq/echo-server.seq) and the Go one
# (benches/peers/echo.go) alternately RUNS times, waits for their `LISTENING <port>`, runs
# the load generator (examples/load.rs) against each and reads the server's peak RSS
# (VmHWM in /proc/<pid>/status) before killing it. It prints the median round trips per
# second (higher is better), the ratio Seq / Go of those, the median peak RSS and whether
# every round trip of every run came back right: benches/compare.sh echo
#
# Usage: benches/compare.sh [benchmark ...]     (default: skynet pingpong fanout blocked)
# Environment:
#   RUNS=5                 runs per program and benchmark
#   SIZE=                  size argument passed to every program (default: theirs, 1m)
#   SEQ_WORKERS, SEQ_STACK_SIZE   passed through to the Seq programs
#   RUST_PACKAGE, RUST_EXAMPLE_PREFIX   which Rust examples to run (see below)
# and for echo:
#   CONNS="1000 10000"     concurrent connections, one table row each
#   ROUNDS=100             round trips per connection
#   SIZE_BYTES=64          bytes per request (and echo)
#   DROP=0                 extra connections that misbehave meanwhile (load --drop)
#   LOAD_THREADS=1         threads of the load generator (the box is shared with the server)
#   Each side and the load generator need about one file descriptor per connection: the
#   soft limit is raised to the hard one (ulimit -Hn), which only root can raise.
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
CONNS=${CONNS:-1000 10000}
ROUNDS=${ROUNDS:-100}
SIZE_BYTES=${SIZE_BYTES:-64}
DROP=${DROP:-0}
LOAD_THREADS=${LOAD_THREADS:-1}

cd "$(dirname "$0")/.."
BENCHES=("$@")
[ ${#BENCHES[@]} -gt 0 ] || BENCHES=(skynet pingpong fanout blocked)
# echo has a table of its own (bench_echo below); the others share the first one.
want_echo=0
rest=()
for b in "${BENCHES[@]}"; do
    if [ "$b" = echo ]; then want_echo=1; else rest+=("$b"); fi
done
BENCHES=(${rest[@]+"${rest[@]}"})

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
for b in "${BENCHES[@]+"${BENCHES[@]}"}"; do
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

# echo: the Seq server, the Go server and the load generator.
if [ $want_echo = 1 ]; then
    ex="${RUST_EXAMPLE_PREFIX}echo_server"
    if ! out=$(cargo build --release -q -p "$RUST_PACKAGE" --example "$ex" --message-format=json \
        2>"$work/build.err"); then
        if grep -q "no example target named" "$work/build.err"; then
            echo "compare.sh: there is no Seq echo server to measure: $RUST_PACKAGE has no" \
                "example '$ex' (examples/$ex.rs running examples/seq/echo-server.seq)." >&2
        else
            cat "$work/build.err" >&2
            echo "compare.sh: could not build example $ex of $RUST_PACKAGE" >&2
        fi
        exit 1
    fi
    seq_bin[echo]=$(grep -o '"executable":"[^"]*"' <<<"$out" | tail -1 | cut -d'"' -f4)
    load_bin=$(cargo build --release -q -p seq-suite --example load --message-format=json \
        | grep -o '"executable":"[^"]*"' | tail -1 | cut -d'"' -f4)
    [ -x "${seq_bin[echo]}" ] && [ -x "$load_bin" ] ||
        { echo "compare.sh: could not build the echo server or the load generator" >&2; exit 1; }
    if [ $have_go = 1 ]; then
        go build -o "$work/echo" benches/peers/echo.go benches/peers/common.go
        go_bin[echo]=$work/echo
    fi
fi

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

mb() { [ "$1" = - ] && echo - || awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

[ ${#BENCHES[@]} -eq 0 ] ||
    printf '%-10s %10s %10s %8s %12s %12s  %s\n' benchmark "seq ms" "go ms" ratio "seq RSS MB" "go RSS MB" check
for b in "${BENCHES[@]+"${BENCHES[@]}"}"; do
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
    printf '%-10s %10s %10s %8s %12s %12s  %s\n' "$b" "$seq_ms" "$go_ms" "$ratio" \
        "$(mb "$seq_rss")" "$(mb "$go_rss")" "$verdict"
    echo "  seq runs (ms): $(cut -d' ' -f1 "$work/seq.txt" | tr '\n' ' ')"
    [ $have_go = 1 ] && echo "  go runs (ms):  $(cut -d' ' -f1 "$work/go.txt" | tr '\n' ' ')"
done

# echo_run SERVER CONNS -> prints "rps p99us ok|FAIL rss_kb": starts SERVER on a free port,
# loads it with CONNS connections, reads its peak RSS, kills it.
echo_run() {
    local pid port= line rc=0 rss alive=1 w
    # Emptied here: the background shell truncating it may come after the first look.
    : >"$work/server.out"
    "$1" 0 >"$work/server.out" 2>"$work/server.err" &
    pid=$!
    for ((w = 0; w < 200; w++)); do
        port=$(sed -n 's/^LISTENING \([0-9][0-9]*\).*/\1/p' "$work/server.out")
        [ -n "$port" ] || ! kill -0 "$pid" 2>/dev/null && break
        sleep 0.05
    done
    if [ -z "$port" ]; then
        kill "$pid" 2>/dev/null || true
        echo "compare.sh: $1 printed no 'LISTENING <port>' line within 10 s; its stderr:" >&2
        cat "$work/server.err" >&2
        exit 1
    fi
    "$load_bin" --addr "127.0.0.1:$port" --conns "$2" --rounds "$ROUNDS" --size "$SIZE_BYTES" \
        --drop "$DROP" --threads "$LOAD_THREADS" >"$work/load.out" 2>"$work/load.err" || rc=$?
    rss=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null || true)
    kill -0 "$pid" 2>/dev/null || alive=0
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    line=$(grep '^LOAD:' "$work/load.out" | tail -1 || true)
    field() { tr ':' '\n' <<<"$line" | sed -n "s/^$1=//p"; }
    if [ $rc != 0 ] || [ $alive = 0 ] || [ -z "$line" ]; then
        {
            echo "compare.sh: FAILED run of $1 with $2 connections (load exit $rc, server" \
                "$([ $alive = 1 ] && echo alive || echo DEAD)):"
            tail -n 5 "$work/load.out" "$work/load.err" "$work/server.err"
        } >&2
        rc=FAIL
    else
        rc=ok
    fi
    echo "$(field rps | grep . || echo 0) $(field p99us | grep . || echo -) $rc ${rss:--}"
}

# rss_median FILE: the median of the RSS column of echo_run lines, empty if none.
rss_median() { cut -d' ' -f4 "$1" | { grep -v '^-$' || true; } | median; }

bench_echo() {
    local conns side verdict seq_rps go_rps seq_rss go_rss
    # The servers inherit this: as many descriptors as the hard limit allows.
    ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    for conns in $CONNS; do
        if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((conns + DROP + 200)) ]; then
            echo "compare.sh: $conns connections need about $((conns + DROP + 200)) file" \
                "descriptors per process, but ulimit -Hn is $(ulimit -Hn) (only root can raise it)." >&2
        fi
    done
    echo
    echo "echo: $ROUNDS round trips of $SIZE_BYTES bytes per connection, drop=$DROP," \
        "load generator threads=$LOAD_THREADS, $RUNS runs each"
    printf '%-7s %9s %9s %7s %11s %10s %8s  %s\n' conns "seq rps" "go rps" seq/go \
        "seq RSS MB" "go RSS MB" "RSS s/g" "round trips"
    for conns in $CONNS; do
        : >"$work/seq.txt"
        : >"$work/go.txt"
        for ((i = 0; i < RUNS; i++)); do
            echo_run "${seq_bin[echo]}" "$conns" >>"$work/seq.txt"
            [ $have_go = 1 ] && echo_run "${go_bin[echo]}" "$conns" >>"$work/go.txt"
        done
        ! grep -qs ' FAIL ' "$work/seq.txt" "$work/go.txt" || echo_failed=1
        seq_rps=$(cut -d' ' -f1 "$work/seq.txt" | median)
        seq_rss=$(rss_median "$work/seq.txt")
        go_rps=- go_rss=- ratio=- rss_ratio=-
        verdict="seq: $(grep -c ' ok ' "$work/seq.txt" || true)/$RUNS runs ok"
        if [ $have_go = 1 ]; then
            go_rps=$(cut -d' ' -f1 "$work/go.txt" | median)
            go_rss=$(rss_median "$work/go.txt")
            ratio=$(awk -v s="$seq_rps" -v g="$go_rps" 'BEGIN {printf "%.2f", (g > 0 ? s / g : 0)}')
            rss_ratio=$(awk -v s="${seq_rss:-0}" -v g="${go_rss:-0}" \
                'BEGIN {printf "%.2f", (g > 0 ? s / g : 0)}')
            verdict="$verdict, go: $(grep -c ' ok ' "$work/go.txt" || true)/$RUNS runs ok"
        fi
        printf '%-7s %9s %9s %7s %11s %10s %8s  %s\n' "$conns" "$seq_rps" "$go_rps" "$ratio" \
            "$(mb "${seq_rss:--}")" "$(mb "${go_rss:--}")" "$rss_ratio" "$verdict"
        for side in seq go; do
            [ -s "$work/$side.txt" ] &&
                echo "  $side runs (rps/p99 us): $(awk '{printf "%s/%s ", $1, $2}' "$work/$side.txt")"
        done
    done
}

echo_failed=0
[ $want_echo = 0 ] || bench_echo
# A wrong or missing echo fails the script (after the table).
[ $echo_failed = 0 ] || { echo "compare.sh: some echo runs FAILED (see above)" >&2; exit 1; }
