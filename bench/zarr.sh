#!/usr/bin/env bash
# Zarr benchmark (issue 16): writes and reads a 2 GiB stack through each Zarr compressor, and through a raw Norpix
# .seq and an uncompressed TIFF for comparison, with whole `easimage convert` processes; median of RUNS runs.
#   write: convert the raw .seq input (2048 real DE Celeritas frames of 1024x1024 gray8, as bench/convert.sh,
#          page cache warm) to the output, forced to disk as every easimage output is;
#   read:  convert that output (page cache warm) to a raw .seq in RAM (/dev/shm, not forced), so the figure is
#          the read side's: the "raw .seq (copy)" row is the cost of reading raw frames and copying them.
# Prints throughput (frames/s and MB/s of pixels), size on disk and compression ratio, and the load average.
#   bench/zarr.sh                    # FRAMES=2048 RUNS=3
# Needs: JDK 17+, Maven, ../shared/data/seq, ~6 GB free in bench/out. Run it on an otherwise idle machine.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

W=${W:-1024}; H=${H:-1024}; FRAMES=${FRAMES:-2048}; RUNS=${RUNS:-3}
SHARED=${SHARED:-$ROOT/../shared/data}
CELERITAS="$SHARED/seq/rsciio_de_celeritas_Movie_00785_Top.seq"
[ -f "$CELERITAS" ] || { echo "needs $CELERITAS (../shared/data)"; exit 1; }

build
cd "$ROOT"
# the installed command line (its launcher's JVM defaults: -Xms8m, serial GC, MALLOC_ARENA_MAX=1) with the heap
# these figures were first measured with
JAVA_OPTS="${EASIMAGE_JAVA_OPTS:--Xmx768m}"
EZ=(env EASIMAGE_JAVA_OPTS="$JAVA_OPTS -Deasimage.sync=${SYNC:-true}" "$EZ_BIN")
EZ_READ=(env EASIMAGE_JAVA_OPTS="$JAVA_OPTS -Deasimage.sync=false" "$EZ_BIN")
RAM=${RAM:-/dev/shm}

IN="$BENCH_OUT/convert-$FRAMES.seq"
if [ ! -f "$IN" ]; then
  run_java org.easimage.bench.BuildConvertInput "$CELERITAS" "$IN" "$BENCH_OUT/convert-$FRAMES.gray8" "$W" "$H" \
      "$FRAMES" >&2
fi
rm -f "$BENCH_OUT/convert-$FRAMES.gray8"
cat "$IN" > /dev/null # warm cache
MB=$(echo "$W * $H * $FRAMES / 1000000" | bc -l)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '# %s: %d frames %dx%d gray8 (%.0f MB of pixels), median of %d runs; load average before: %s\n' \
  "$(date -u +%FT%TZ)" "$FRAMES" "$W" "$H" "$MB" "$RUNS" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-26s %10s %10s %10s %10s %11s %7s\n' case "write fr/s" "write MB/s" "read fr/s" "read MB/s" "size MB" ratio

bench() { # name extension [easimage options...]
  local name=$1 ext=$2; shift 2
  local out="$BENCH_OUT/zarr-bench.$ext" back="$RAM/easimage-zarr-bench-back.seq" w=() r=() size=0
  for run in $(seq 1 "$RUNS"); do
    rm -rf "$out" "$back"
    read -r _ t _ < <(measure w "${EZ[@]}" convert --quiet "$@" "$IN" "$out")
    w+=("$t")
    size=$(du -sb "$out" | cut -f1)
    if [ -d "$out" ]; then find "$out" -type f -exec cat {} + > /dev/null; else cat "$out" > /dev/null; fi
    read -r _ t _ < <(measure r "${EZ_READ[@]}" convert --quiet "$out" "$back")
    r+=("$t")
    cmp -s <(tail -c +8193 "$IN" | head -c 1000000) <(tail -c +8193 "$back" | head -c 1000000) \
      || echo "  $name: frames read back differ from the input" >&2
  done
  local wt rt
  wt=$(printf '%s\n' "${w[@]}" | median); rt=$(printf '%s\n' "${r[@]}" | median)
  printf '%-26s %10.1f %10.1f %10.1f %10.1f %11.1f %7.2f   (write %s s, read %s s)\n' "$name" \
    "$(echo "$FRAMES / $wt" | bc -l)" "$(echo "$MB / $wt" | bc -l)" "$(echo "$FRAMES / $rt" | bc -l)" \
    "$(echo "$MB / $rt" | bc -l)" "$(echo "$size / 1000000" | bc -l)" \
    "$(echo "$W * $H * $FRAMES / $size" | bc -l)" "${w[*]}" "${r[*]}"
  rm -rf "$out" "$back"
}

bench "raw .seq (copy)" seq
bench "tiff (none)" tif
bench "zarr v2 none" zarr --zarr none
bench "zarr v2 gzip 1" zarr --zarr gzip
bench "zarr v2 zstd 1" zarr --zarr zstd
bench "zarr v2 blosc-lz4 5" zarr --zarr blosc-lz4
bench "zarr v2 blosc-lz4 bit" zarr --zarr blosc-lz4,shuffle=bit
bench "zarr v2 blosc-zstd 5" zarr --zarr blosc-zstd
bench "zarr v3 blosc-lz4 shard64" zarr --zarr v3,blosc-lz4,shard=64
printf '# load average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
