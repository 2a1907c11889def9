#!/usr/bin/env bash
# Video benchmark: easimage's FFmpeg reader/writer vs the bundled ffmpeg 8.0.1 CLI (same FFmpeg build) on the
# same files and settings, measured in the same run. Ratios are CLI time / easimage time (>= 1 means easimage is
# faster). easimage times are taken inside one JVM after a warm-up run (no JVM start); CLI times are process
# wall times (their start-up, ~0.05 s, is included). Median of RUNS runs.
#   bench/video.sh [RUNS]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS="${1:-3}"
DATA="${EASIMAGE_SHARED_DATA:-$ROOT/../shared/data}"
build
export FFMPEG_EXE="$(ffmpeg_cli)"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
cli_median() { # cli_median CMD... -> median wall seconds of RUNS runs
  for _ in $(seq "$RUNS"); do measure cli "$@" | awk '{print $2}'; done | median
}
ours_median() { # ours_median ARGS... -> median of the "run seconds=" lines
  run_java org.easimage.bench.VideoBench "$@" | awk -F'seconds=' '/^run/ {split($2,a," "); print a[1]}' | median
}
ratio() { echo "scale=2; $1 / $2" | bc -l; }
ROWS=()
row() { ROWS+=("$(printf '%-44s %9s %9s %7s' "$1" "$2" "$3" "$(ratio "$2" "$3")")"); }

# (1) sequential decode to RGB24
for f in cockatoo_yuv420.mp4 pims_bulk-water.mov; do
  IN="$DATA/video/$f"
  native=$(cli_median ffmpeg -v error -threads 0 -i "$IN" -f null -)
  rgb=$(cli_median ffmpeg -v error -threads 0 -i "$IN" -pix_fmt rgb24 -f null -)
  ours=$(ours_median decode "$IN" "$RUNS")
  row "decode $f (CLI native pix_fmt)" "$native" "$ours"
  row "decode $f (CLI -pix_fmt rgb24)" "$rgb" "$ours"
done

# (2) encoding the same raw frames (120 frames 1280x720 rgb24 from cockatoo_yuv420.mp4)
RAW="$BENCH_OUT/cockatoo_120_rgb24.raw"
N=120
[ -s "$RAW" ] || ffmpeg -v error -y -i "$DATA/video/cockatoo_yuv420.mp4" -frames:v $N -pix_fmt rgb24 -f rawvideo "$RAW"
RAWIN=(-f rawvideo -pix_fmt rgb24 -s 1280x720 -r 30 -i "$RAW")
x264_cli=$(cli_median ffmpeg -v error -y "${RAWIN[@]}" -c:v libx264 -crf 18 -g 30 -pix_fmt yuv420p \
  -color_range tv -colorspace bt470bg "$BENCH_OUT/cli.mp4")
x264_ours=$(ours_median encode "$RAW" 1280 720 $N H264 "$BENCH_OUT/ours.mp4" "$RUNS")
row "encode H.264 crf 18 medium, $N x 1280x720 rgb24" "$x264_cli" "$x264_ours"
ffv1_cli=$(cli_median ffmpeg -v error -y "${RAWIN[@]}" -c:v ffv1 -level 3 -g 1 -pix_fmt bgr0 "$BENCH_OUT/cli.mkv")
ffv1_ours=$(ours_median encode "$RAW" 1280 720 $N FFV1 "$BENCH_OUT/ours.mkv" "$RUNS")
row "encode FFV1 level 3 g=1 bgr0, $N x 1280x720" "$ffv1_cli" "$ffv1_ours"
echo "sizes: cli.mp4 $(stat -c %s "$BENCH_OUT/cli.mp4") ours.mp4 $(stat -c %s "$BENCH_OUT/ours.mp4")" \
  "cli.mkv $(stat -c %s "$BENCH_OUT/cli.mkv") ours.mkv $(stat -c %s "$BENCH_OUT/ours.mkv")"

# (3) random access
echo "random access (100 reads, fresh reader, natives warm):"
for f in cockatoo_yuv420.mp4 pims_bulk-water.mov "$BENCH_OUT/ours.mkv"; do
  p="$f"; [ -e "$p" ] || p="$DATA/video/$f"
  echo "  $(basename "$p"): $(run_java org.easimage.bench.VideoBench random "$p" 100)"
done

printf '\n%-44s %9s %9s %7s\n' "case" "cli s" "ours s" "ratio"
printf '%s\n' "${ROWS[@]}"
echo "(ratio = CLI time / easimage time, median of $RUNS; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
