#!/usr/bin/env bash
# What forcing outputs to the device (fsync before publishing, the README's durability guarantee) costs: the same
# `easimage convert` with the default and with -Deasimage.sync=false, in turn, median of RUNS, on
#   - a raw .seq copy of 1 GiB (the case where fsync weighs most: no encoding, only writing),
#   - FFV1 .mkv of the same frames,
#   - 1000 numbered PNG files (one fsync per file).
# Prints seconds for both and the ratio synced/unsynced. Run on the disk you care about (BENCH_OUT).
#
#   bench/fsync.sh
#   RUNS=5 BENCH_OUT=/data/tmp bench/fsync.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS=${RUNS:-3}

build
cd "$ROOT"
SRC="$BENCH_OUT/fsync-src.seq"
[ -f "$SRC" ] || "$EZ_BIN" convert --quiet synthetic:1024x1024:gray8:1024 "$SRC"
cat "$SRC" > /dev/null

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

bench() { # label output [convert args...]
  local label=$1 out=$2; shift 2
  local on=() off=()
  for r in $(seq 1 "$RUNS"); do
    for mode in on off; do
      case "$out" in *%*) rm -rf "$(dirname "$out")" ;; *) rm -rf "$out" ;; esac
      mkdir -p "$(dirname "$out")"; sync
      local opts=""; [ "$mode" = off ] && opts="-Deasimage.sync=false"
      read -r _ t _ < <(EASIMAGE_JAVA_OPTS="$opts" measure "$mode" "$EZ_BIN" convert --quiet "$@" "$out")
      if [ "$mode" = on ]; then on+=("$t"); else off+=("$t"); fi
    done
  done
  local a b
  a=$(printf '%s\n' "${on[@]}" | median); b=$(printf '%s\n' "${off[@]}" | median)
  printf '%-28s synced %7.2f s   not synced %7.2f s   ratio %.3f\n' "$label" "$a" "$b" "$(echo "$a / $b" | bc -l)"
}

echo "fsync cost, $RUNS runs each, median; outputs in $BENCH_OUT" >&2
bench "raw .seq, 1 GiB" "$BENCH_OUT/fsync-out.seq" "$SRC"
bench "FFV1 .mkv, 1024 frames" "$BENCH_OUT/fsync-out.mkv" "$SRC"
bench "1000 PNG files" "$BENCH_OUT/fsync-png/f_%05d.png" --range 0:1000 "$SRC"
