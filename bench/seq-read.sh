#!/usr/bin/env bash
# Norpix .seq read throughput versus `cat FILE > /dev/null` (warm page cache), and random-access latency.
# Builds (once, reused) a raw 8-bit and a raw 16-bit 1024x1024 .seq of >= 1 GB each with easimage's own SeqWriter,
# from the real frames of ../shared/data/seq tiled to camera size. Env: BENCH_OUT (data dir), RUNS (default 5),
# SIZE_MB (default 1100), SHARED_DATA (default ../shared/data next to the repository).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS="${RUNS:-5}"
SIZE_MB="${SIZE_MB:-1100}"
DATA="${SHARED_DATA:-$ROOT/../shared/data}"
build

gen() { # gen SOURCE OUT
  if [ ! -s "$2" ]; then
    run_java org.easimage.bench.SeqBenchGenerate "$1" "$2" 1024 "$SIZE_MB"
  fi
}
gen "$DATA/seq/pims_sample_norpix6.seq" "$BENCH_OUT/bench8.seq"
gen "$DATA/seq/rsciio_de_celeritas_Movie_00785_Top.seq" "$BENCH_OUT/bench16.seq"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A CAT JAVA RND REUSE
for f in bench8 bench16; do
  file="$BENCH_OUT/$f.seq"
  cat "$file" > /dev/null # warm the page cache
  times=()
  for _ in $(seq "$RUNS"); do
    s=$(date +%s.%N); cat "$file" > /dev/null; e=$(date +%s.%N)
    times+=("$(echo "$e - $s" | bc -l)")
  done
  CAT[$f]=$(printf '%s\n' "${times[@]}" | median)
  out=$(run_java org.easimage.bench.SeqBenchRead "$file" seq "$RUNS")
  echo "$out" | grep seq-run
  JAVA[$f]=$(echo "$out" | awk '/seq-median/ {print $2}')
  out=$(run_java org.easimage.bench.SeqBenchRead "$file" seq-reuse "$RUNS")
  echo "$out" | grep seq-run | sed 's/^/reuse /'
  REUSE[$f]=$(echo "$out" | awk '/seq-median/ {print $2}')
  RND[$f]=$(run_java org.easimage.bench.SeqBenchRead "$file" random 1000 | grep random- | tr '\n' ' ')
done

echo
echo "== Norpix .seq sequential read, warm cache, median of $RUNS runs (machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)) =="
printf '%-8s %-22s %6s %9s %9s %11s %7s\n' file mode MB cat_s java_s java_MB/s ratio
for f in bench8 bench16; do
  mb=$(( $(stat -c %s "$BENCH_OUT/$f.seq") / 1000000 ))
  for mode in read read-reuse; do
    if [ "$mode" = read ]; then j=${JAVA[$f]}; label="read(i) new frame"; else j=${REUSE[$f]}; label="read(i, prev frame)"; fi
    printf '%-8s %-22s %6d %9.3f %9.3f %11.0f %7.2f\n' "$f" "$label" "$mb" "${CAT[$f]}" "$j" \
      "$(echo "$mb / $j" | bc -l)" "$(echo "${CAT[$f]} / $j" | bc -l)"
  done
done
echo "(ratio = cat time / easimage time, in-process timing without JVM start; target >= 0.70)"
echo
echo "== random access, 1000 random frames per region (us per read) =="
for f in bench8 bench16; do echo "$f: ${RND[$f]}"; done
