#!/usr/bin/env bash
# Issue 15: a 2x2 mosaic of four 1280x720 H.264 sources of FRAMES frames at 20 fps to one 2560x1440 H.264 .mp4,
# `easimage mosaic` against the ffmpeg command line's xstack filter (the same FFmpeg build, bundled in the natives
# jar) with identical encoder settings: libx264, crf 18, x264's default preset, a keyframe every 20 frames (1 s),
# yuv420p, same output size and frame count. Whole processes, RUNS runs each (median): wall time, frames/s, CPU
# use ((user + sys) / wall; 2.0 = both cores of a 2-core machine) and peak RSS (GNU time's maximum resident set).
#
# Inputs, generated once into bench/out from ../shared/data/video with the bundled ffmpeg, all 720p, 20 fps,
# exactly FRAMES frames: cockatoo_yuv420.mp4 looped by stream copy, cockatoo.mp4 mirrored (4:4:4 -> 4:2:0),
# pims_bulk-water.mov and test.webm scaled to 1280x720 and looped.
#
#   bench/mosaic.sh                 # FRAMES=2000 RUNS=3; check `uptime` first: the figures need a quiet machine
#   PRESET=veryfast bench/mosaic.sh # another x264 preset, the same on both sides (the default: x264's, medium);
#                                   # x264's look-ahead at 1440p is most of both tools' memory, and shrinks with it
# Needs: JDK 17+, Maven (builds and installs the modules, see lib.sh), GNU time, ../shared/data/video, libpulse0
# for the bundled ffmpeg, ~150 MB in bench/out.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FRAMES=${FRAMES:-2000}; RUNS=${RUNS:-3}
SHARED=${SHARED:-$ROOT/../shared/data}
VID="$SHARED/video"
[ -f "$VID/cockatoo_yuv420.mp4" ] || { echo "needs $VID (../shared/data)"; exit 1; }
X264_ARGS=(-c:v libx264 -crf 18 -g 20 -pix_fmt yuv420p)
EZ_X264=(--crf 18 --gop 20)
PRESET=${PRESET:-}
if [ -n "$PRESET" ]; then X264_ARGS+=(-preset "$PRESET"); EZ_X264+=(--preset "$PRESET"); fi

build
# the installed command line (bin/easimage: its heap is half the RAM, serial GC, MALLOC_ARENA_MAX=1), so the
# figures are a user's
EZ=("$EZ_BIN")
FFMPEG_EXE="$(ffmpeg_cli)"; export FFMPEG_EXE

src() { # name input-args... : a 1280x720 yuv420p 20 fps H.264 source of FRAMES frames
  local out="$BENCH_OUT/mosaic-$1-$FRAMES.mp4"; shift
  if [ ! -f "$out" ]; then
    ffmpeg -hide_banner -loglevel error -y "$@" -frames:v "$FRAMES" -an "$out.tmp.mp4" && mv "$out.tmp.mp4" "$out"
  fi
  echo "$out"
}
LOOPS=$(( FRAMES / 90 + 1 ))
A=$(src copy -stream_loop $((FRAMES / 280 + 1)) -i "$VID/cockatoo_yuv420.mp4" -c copy)
B=$(src mirror -stream_loop $((FRAMES / 280 + 1)) -i "$VID/cockatoo.mp4" -vf hflip,format=yuv420p \
      -c:v libx264 -crf 20 -preset veryfast -g 20 -r 20)
C=$(src water -stream_loop $((FRAMES / 480 + 1)) -i "$VID/pims_bulk-water.mov" \
      -vf "scale=1280:720,format=yuv420p,setpts=N/20/TB" -r 20 -c:v libx264 -crf 20 -preset veryfast -g 20)
D=$(src webm -stream_loop "$LOOPS" -i "$VID/test.webm" \
      -vf "scale=1280:720,format=yuv420p,setpts=N/20/TB" -r 20 -c:v libx264 -crf 20 -preset veryfast -g 20)
for f in "$A" "$B" "$C" "$D"; do cat "$f" > /dev/null; done

# run LABEL CMD... : appends "wall user sys maxrss_kb" of one whole process to the LABEL arrays
declare -A WALL CPU RSS
run() {
  local label=$1; shift
  # -o: GNU time's own line goes to a file (with 2>&1 it would land in the log, after the command's output)
  /usr/bin/time -o "$BENCH_OUT/time.txt" -f '%e %U %S %M' "$@" >>"$BENCH_OUT/measure.log" 2>&1 \
    || echo "run: '$*' failed (see $BENCH_OUT/measure.log)" >&2
  read -r wall user sys rss < <(tail -1 "$BENCH_OUT/time.txt")
  WALL[$label]+="$wall "; CPU[$label]+="$(echo "($user + $sys) / $wall" | bc -l) "; RSS[$label]+="$rss "
  echo "  $label: $wall s, $(echo "($user + $sys) / $wall" | bc -l | cut -c1-4) cores, $((rss / 1024)) MB" >&2
}
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
maxof() { tr ' ' '\n' | grep -v '^$' | sort -n | tail -1; }

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $FRAMES frames per source, $RUNS runs;" \
  "x264 preset ${PRESET:-default (medium)}" >&2
for r in $(seq 1 "$RUNS"); do
  rm -f "$BENCH_OUT/mosaic-ez.mp4" "$BENCH_OUT/mosaic-ff.mp4"
  run easimage "${EZ[@]}" mosaic --quiet --no-titles --cols 2 "$A" "$B" "$C" "$D" -o "$BENCH_OUT/mosaic-ez.mp4" \
      "${EZ_X264[@]}"
  run ffmpeg env LD_LIBRARY_PATH="$(dirname "$FFMPEG_EXE")" "$FFMPEG_EXE" -hide_banner -loglevel error -y -i "$A" -i "$B" -i "$C" -i "$D" \
      -filter_complex "[0:v][1:v][2:v][3:v]xstack=inputs=4:layout=0_0|w0_0|0_h0|w0_h0[v]" -map "[v]" \
      "${X264_ARGS[@]}" "$BENCH_OUT/mosaic-ff.mp4"
done
# memory must not grow with length: the same mosaic, half the frames written
rm -f "$BENCH_OUT/mosaic-half.mp4"
run half "${EZ[@]}" mosaic --quiet --no-titles --cols 2 "$A" "$B" "$C" "$D" -o "$BENCH_OUT/mosaic-half.mp4" \
    "${EZ_X264[@]}" --range 0:$((FRAMES / 2))
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
n_ez=$("${EZ[@]}" info --json "$BENCH_OUT/mosaic-ez.mp4" | grep -o '"frames":[0-9]*' | cut -d: -f2)
n_ff=$("${EZ[@]}" info --json "$BENCH_OUT/mosaic-ff.mp4" | grep -o '"frames":[0-9]*' | cut -d: -f2)

printf '\n%-9s %8s %9s %8s %9s %12s\n' tool frames "wall s" "fr/s" cores "peak RSS"
for t in easimage ffmpeg; do
  w=$(echo "${WALL[$t]}" | median); c=$(echo "${CPU[$t]}" | median); m=$(echo "${RSS[$t]}" | maxof)
  n=$([ "$t" = easimage ] && echo "$n_ez" || echo "$n_ff")
  printf '%-9s %8d %9.1f %8.1f %9.2f %9d MB\n' "$t" "$n" "$w" "$(echo "$n / $w" | bc -l)" "$c" $((m / 1024))
done
we=$(echo "${WALL[easimage]}" | median); wf=$(echo "${WALL[ffmpeg]}" | median)
printf 'throughput ratio easimage / ffmpeg xstack: %.3f\n' "$(echo "($n_ez / $we) / ($n_ff / $wf)" | bc -l)"
printf 'easimage peak RSS writing half the frames: %d MB\n' $(( $(echo "${RSS[half]}" | maxof) / 1024 ))
