#!/usr/bin/env bash
# Issue 4 benchmark: converts a raw Norpix .seq of >= 2 GB (built from the real DE Celeritas frames of
# ../shared/data/seq) to H.264 .mp4 and to FFV1 .mkv with `easimage convert`, and runs the ffmpeg command line
# (the same FFmpeg 8.0.1 build easimage links) on the same frames with the same encoder settings, in turn.
# Prints throughput ratios (easimage / ffmpeg) and peak RSS; then peak RSS for half the input, to show memory
# does not grow with the input.
#
#   bench/convert.sh                 # 2048 frames of 1024x1024 gray8 = 2 GiB of pixels
#   FRAMES=4096 RUNS=3 bench/convert.sh
#
# Needs: JDK 17+, Maven, ../shared/data/seq, ~5 GB free in bench/out, libpulse0 for the bundled ffmpeg.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

W=${W:-1024}; H=${H:-1024}; FRAMES=${FRAMES:-2048}; RUNS=${RUNS:-3}; FPS=30
SHARED=${SHARED:-$ROOT/../shared/data}
CELERITAS="$SHARED/seq/rsciio_de_celeritas_Movie_00785_Top.seq"
[ -f "$CELERITAS" ] || { echo "needs $CELERITAS (../shared/data)"; exit 1; }

# Encoder settings, identical on both sides: easimage's defaults for .mp4 (libx264 crf 18, x264's default preset,
# keyframe every second, yuv420p with gray stored full range) and .mkv (FFV1 level 3, every frame a keyframe).
X264_ARGS=(-c:v libx264 -crf 18 -g 30 -pix_fmt yuv420p -color_range pc)
FFV1_ARGS=(-c:v ffv1 -level 3 -g 1 -pix_fmt gray)

build
cd "$ROOT"
# the JVM options and malloc setting of the ./easimage launcher, so the figures are what a user gets
export MALLOC_ARENA_MAX=1
# the installed command line with the heap these figures were first measured with
export EASIMAGE_JAVA_OPTS="${EASIMAGE_JAVA_OPTS:--Xmx768m}"
EZ=("$EZ_BIN")

make_input() { # frames
  local n=$1 seq="$BENCH_OUT/convert-$1.seq" raw="$BENCH_OUT/convert-$1.gray8"
  if [ ! -f "$seq" ] || [ ! -f "$raw" ]; then
    rm -f "$seq" "$raw"
    run_java org.easimage.bench.BuildConvertInput "$CELERITAS" "$seq" "$raw" "$W" "$H" "$n" >&2
  fi
  cat "$seq" > /dev/null; cat "$raw" > /dev/null   # warm cache for both sides
}

RAWIN=(-f rawvideo -pix_fmt gray -s "${W}x${H}" -framerate "$FPS")
declare -A EZ_T FF_T EZ_M FF_M

bench_case() { # name n easimage-args... -- ffmpeg-args...
  local name=$1 n=$2; shift 2
  local ez=() ff=(); while [ "$1" != "--" ]; do ez+=("$1"); shift; done; shift; ff=("$@")
  local seq="$BENCH_OUT/convert-$n.seq" raw="$BENCH_OUT/convert-$n.gray8"
  local ez_times=() ff_times=() ez_rss=0 ff_rss=0
  for r in $(seq 1 "$RUNS"); do
    rm -f "$BENCH_OUT/out-ez.$name" "$BENCH_OUT/out-ff.$name"
    read -r _ t m < <(measure ez "${EZ[@]}" convert --quiet --overwrite "${ez[@]}" "$seq" "$BENCH_OUT/out-ez.$name")
    ez_times+=("$t"); [ "$m" -gt "$ez_rss" ] && ez_rss=$m
    read -r _ t m < <(measure ff ffmpeg -hide_banner -loglevel error -y "${RAWIN[@]}" -i "$raw" "${ff[@]}" "$BENCH_OUT/out-ff.$name")
    ff_times+=("$t"); [ "$m" -gt "$ff_rss" ] && ff_rss=$m
    echo "  run $r: easimage ${ez_times[-1]} s, ffmpeg ${ff_times[-1]} s" >&2
  done
  EZ_T[$name]=$(printf '%s\n' "${ez_times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  FF_T[$name]=$(printf '%s\n' "${ff_times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  EZ_M[$name]=$ez_rss; FF_M[$name]=$ff_rss
}

echo "input: $FRAMES frames ${W}x${H} gray8 ($(( W * H * FRAMES >> 20 )) MiB of pixels), $RUNS runs each, median" >&2
make_input "$FRAMES"
bench_case mp4 "$FRAMES" -- "${X264_ARGS[@]}"
bench_case mkv "$FRAMES" -- "${FFV1_ARGS[@]}"

HALF=$((FRAMES / 2))
echo "memory check: the same conversions on $HALF frames" >&2
make_input "$HALF"
RUNS_SAVE=$RUNS; RUNS=1
for c in mp4 mkv; do
  rm -f "$BENCH_OUT/out-ez.$c"
  read -r _ t m < <(measure ez "${EZ[@]}" convert --quiet --overwrite "$BENCH_OUT/convert-$HALF.seq" "$BENCH_OUT/out-ez.$c")
  EZ_M["half-$c"]=$m
done
RUNS=$RUNS_SAVE

printf '\n%-6s %14s %14s %8s %14s %14s %16s\n' case "easimage fr/s" "ffmpeg fr/s" ratio "easimage RSS" "ffmpeg RSS" "RSS at half size"
for c in mp4 mkv; do
  printf '%-6s %14.1f %14.1f %8.3f %11d MB %11d MB %13d MB\n' "$c" \
    "$(echo "$FRAMES / ${EZ_T[$c]}" | bc -l)" "$(echo "$FRAMES / ${FF_T[$c]}" | bc -l)" \
    "$(echo "${FF_T[$c]} / ${EZ_T[$c]}" | bc -l)" "${EZ_M[$c]}" "${FF_M[$c]}" "${EZ_M[half-$c]}"
done
