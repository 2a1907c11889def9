#!/usr/bin/env bash
# Issue 5: a chain of 5 transforms in the converter, over 2000 frames of 1280x720 gray8 built from the real DE
# Celeritas frames of ../shared/data/seq. Reports frames/s and CPU use (user+sys seconds / wall seconds; 2.0 =
# both cores busy on a 2-core machine) of `easimage convert` with the chain, with the default thread count and
# with --threads 1, plus the same conversion without transforms (the reader/writer share of the work).
# The output is a raw .seq under $CHAIN_OUT (default /dev/shm when present), so disk speed does not hide the
# transform stage.
#
#   bench/transform-chain.sh            # RUNS=3 FRAMES=2000
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FRAMES=${FRAMES:-2000}; RUNS=${RUNS:-3}
SHARED=${SHARED:-$ROOT/../shared/data}
CELERITAS="$SHARED/seq/rsciio_de_celeritas_Movie_00785_Top.seq"
[ -f "$CELERITAS" ] || { echo "needs $CELERITAS (../shared/data)"; exit 1; }
if [ -z "${CHAIN_OUT:-}" ]; then [ -d /dev/shm ] && CHAIN_OUT=/dev/shm/easimage-chain || CHAIN_OUT="$BENCH_OUT"; fi
mkdir -p "$CHAIN_OUT"

build
export MALLOC_ARENA_MAX=1  # as the ./easimage launcher
# the installed command line with the heap these figures were first measured with
export EASIMAGE_JAVA_OPTS="${EASIMAGE_JAVA_OPTS:--Xmx768m}"
EZ=("$EZ_BIN")

IN="$BENCH_OUT/chain-720p-$FRAMES.seq"
if [ ! -f "$IN" ]; then
  run_java org.easimage.bench.BuildConvertInput "$CELERITAS" "$IN" "$BENCH_OUT/chain-720p-$FRAMES.gray8" 1280 720 "$FRAMES" >&2
  rm -f "$BENCH_OUT/chain-720p-$FRAMES.gray8"
fi
cat "$IN" > /dev/null

CHAIN=(--clahe 2.0:8x8 --gaussian 1.5 --sharpen 0.8:2 --annotate "frame {index} {time}" --colormap viridis)

# run LABEL ARGS... : median wall seconds and CPU use over RUNS conversions
run() {
  local label=$1; shift
  local walls=() cpus=()
  for _ in $(seq "$RUNS"); do
    rm -f "$CHAIN_OUT/out.seq"
    local t
    t=$( { TIMEFORMAT='%R %U %S'; time "${EZ[@]}" convert --quiet --overwrite "$@" "$IN" "$CHAIN_OUT/out.seq" \
          >/dev/null 2>>"$BENCH_OUT/measure.log"; } 2>&1 )
    read -r wall user sys <<<"$t"
    walls+=("$wall"); cpus+=("$(echo "($user + $sys) / $wall" | bc -l)")
  done
  local w c
  w=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  c=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-34s %8.1f s %9.1f fr/s %8.2f cores\n' "$label" "$w" "$(echo "$FRAMES / $w" | bc -l)" "$c"
}

echo "input: $FRAMES frames 1280x720 gray8; chain: ${CHAIN[*]}; $(nproc) cores; median of $RUNS runs"
run "chain of 5, default threads" "${CHAIN[@]}"
run "chain of 5, --threads 1" --threads 1 "${CHAIN[@]}"
run "no transforms (read + write only)"
rm -f "$CHAIN_OUT/out.seq"
