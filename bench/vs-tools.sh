#!/usr/bin/env bash
# Issue 14: easimage beside the tools a user would run instead, as a new user measures it: whole processes (JVM
# start included) on the same files in the same run, the two sides interleaved (A B A B ...) so a change of load
# on the machine hits both, median of RUNS runs. For each input and task it prints, for both sides: wall time,
# frames/s, CPU use (user+sys seconds / wall seconds: 2.0 = both cores of a 2-core machine busy), peak RSS and
# output size, and the ratio other/easimage of the wall times (>= 1: easimage is as fast or faster).
#
# Tasks (the other side's exact commands are printed with -v):
#   decode  ffmpeg -f rawvideo -pix_fmt rgb24 OUT.rgb       | easimage convert IN OUT.seq (raw RGB24)
#   mjpeg   ffmpeg -c:v mjpeg -q:v 3 OUT.avi                 | easimage convert IN OUT.avi
#   h264    ffmpeg -c:v libx264 -crf 18 -preset medium -pix_fmt yuv420p OUT.mp4
#                                                            | easimage convert IN OUT.mp4 --crf 18 --preset medium --pix-fmt yuv420p
#   chain   ffmpeg -vf "crop=iw-40:ih-40,eq=contrast=1.3,gblur=sigma=2,unsharp=5:5:0.8,drawtext=frame number" MJPEG
#                                                            | easimage ... --crop 20 --contrast 1.3 --gaussian 2 --sharpen 0.8:2 --annotate "{index}"
#   clahe   OpenCV-python: VideoCapture -> cvtColor gray -> createCLAHE(8, 5x5) -> VideoWriter MJPG (vs_opencv_clahe.py)
#                                                            | easimage convert IN OUT.avi --gray --clahe 8:5x5
# ffmpeg is the one bundled in the FFmpeg natives easimage links (same build, see lib.sh; needs libpulse0), run
# with -an (easimage writes no audio). OpenCV-python is Debian's python3-opencv (apt-get install python3-opencv).
#
# Inputs (made once under $BENCH_OUT/vs by stream copy, nothing re-encoded but the MJPEG one):
#   cockatoo.mp4 (1280x720 yuv444p H.264, 280 frames), cockatoo_yuv420.mp4 looped 8 times (2240 frames 720p
#   yuv420p), pims_bulk-water.mov (640x424 yuvj420p, 480 frames), and pims_bulk-water as MJPEG .avi (q 3).
#
#   bench/vs-tools.sh [RUNS]       TASKS="decode mjpeg" INPUTS="cockatoo.mp4" bench/vs-tools.sh 1
# FIXED=1 also times each command on the input's first frame only (ffmpeg -frames:v 1, easimage --range 0:1, the
# Python script's frame limit), the part of a run that does not grow with the input: start, loading the codecs,
# opening and planning. Its columns: both first-frame times, and the ratio of what is left of each run after it
# (the other's s - s1 over easimage's), the speed on the frames themselves.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUNS="${1:-3}"
DATA="${EASIMAGE_SHARED_DATA:-$ROOT/../shared/data}"
TASKS="${TASKS:-decode mjpeg h264 chain clahe}"
VS="$BENCH_OUT/vs"
OUT="${VS_OUT:-$([ -d /dev/shm ] && echo /dev/shm/easimage-vs || echo "$VS/out")}"
mkdir -p "$VS" "$OUT"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (/usr/bin/time)"; exit 1; }
PY="${PYTHON:-/usr/bin/python3}"  # Debian's, where python3-opencv installs cv2
"$PY" -c 'import cv2' 2>/dev/null || { echo "needs python3-opencv (apt-get install -y python3-opencv)"; exit 1; }

build
export FFMPEG_EXE="${FFMPEG_EXE:-$(ffmpeg_cli)}"
FF_DIR="$(dirname "$FFMPEG_EXE")"

# inputs
[ -s "$VS/cockatoo_yuv420_x8.mp4" ] || ffmpeg -v error -y -stream_loop 7 -i "$DATA/video/cockatoo_yuv420.mp4" \
  -map 0:v -c copy "$VS/cockatoo_yuv420_x8.mp4"
[ -s "$VS/pims_bulk-water_mjpeg.avi" ] || ffmpeg -v error -y -i "$DATA/video/pims_bulk-water.mov" -an \
  -c:v mjpeg -q:v 3 "$VS/pims_bulk-water_mjpeg.avi"
# the annotation font, for drawtext: DejaVu Sans from the jar easimage draws with
FONT="$VS/DejaVuSans.ttf"
if [ ! -s "$FONT" ]; then
  jar=$(ls "$(dirname "$EZ_BIN")"/../lib/jasperreports-fonts-*.jar | head -1)
  unzip -p "$jar" "$(unzip -Z1 "$jar" | grep -m1 '/DejaVuSans.ttf$')" > "$FONT"
fi
declare -A PATHS=([cockatoo.mp4]="$DATA/video/cockatoo.mp4" [cockatoo_yuv420_x8.mp4]="$VS/cockatoo_yuv420_x8.mp4"
  [pims_bulk-water.mov]="$DATA/video/pims_bulk-water.mov" [pims_bulk-water_mjpeg.avi]="$VS/pims_bulk-water_mjpeg.avi")
INPUTS="${INPUTS:-cockatoo.mp4 cockatoo_yuv420_x8.mp4 pims_bulk-water.mov pims_bulk-water_mjpeg.avi}"

other_cmd() { # other_cmd TASK IN OUTBASE [1] -> the other tool's command line (on the first frame only with 1)
  local ff=(env "LD_LIBRARY_PATH=$FF_DIR" "$FFMPEG_EXE" -v error -y -i "$2" -an)
  [ "${4:-}" = 1 ] && ff+=(-frames:v 1)
  case "$1" in
    decode) echo "${ff[*]@Q} -f rawvideo -pix_fmt rgb24 ${3@Q}.rgb" ;;
    mjpeg) echo "${ff[*]@Q} -c:v mjpeg -q:v 3 ${3@Q}.avi" ;;
    h264) echo "${ff[*]@Q} -c:v libx264 -crf 18 -preset medium -pix_fmt yuv420p ${3@Q}.mp4" ;;
    chain) echo "${ff[*]@Q} -vf \"crop=iw-40:ih-40,eq=contrast=1.3,gblur=sigma=2,unsharp=5:5:0.8,drawtext=fontfile=$FONT:text=%{frame_num}:fontcolor=white:fontsize=24:x=4:y=4\" -c:v mjpeg -q:v 3 ${3@Q}.avi" ;;
    clahe) echo "${PY@Q} ${ROOT@Q}/bench/vs_opencv_clahe.py ${2@Q} ${3@Q}.avi 8 5 ${4:-0}" ;;
  esac
}
ours_cmd() { # ours_cmd TASK IN OUTBASE [1]
  local ez="${EZ_BIN@Q} convert --quiet -y ${2@Q}"
  [ "${4:-}" = 1 ] && ez+=" --range 0:1"
  case "$1" in
    decode) echo "$ez ${3@Q}.seq" ;;
    mjpeg) echo "$ez ${3@Q}.avi" ;;
    h264) echo "$ez ${3@Q}.mp4 --crf 18 --preset medium --pix-fmt yuv420p" ;;
    chain) echo "$ez ${3@Q}.avi --crop 20 --contrast 1.3 --gaussian 2 --sharpen 0.8:2 --annotate '{index}'" ;;
    clahe) echo "$ez ${3@Q}.avi --gray --clahe 8:5x5" ;;
  esac
}
output_of() { ls "$1".* 2>/dev/null | head -1; }

# once CMD -> "wall cpu_seconds rss_mb"
once() {
  local tf="$OUT/time.txt"
  /usr/bin/time -o "$tf" -f '%e %U %S %M' bash -c "exec $1" >>"$BENCH_OUT/measure.log" 2>&1 \
    || echo "failed: $1 (see $BENCH_OUT/measure.log)" >&2
  read -r wall user sys rss < <(tail -1 "$tf")
  echo "$wall $(echo "$user + $sys" | bc -l) $((rss / 1024))"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '%-26s %-6s %-8s %8s %8s %6s %7s %8s   %-6s %s\n' input task side "s" "fps" cores "RSS MB" "size MB" "ratio" \
  "${FIXED:+s1     ratio beyond s1}"
for name in $INPUTS; do
  in="${PATHS[$name]}"
  frames=$("$EZ_BIN" info --json "$in" | sed -E 's/.*"frames":([0-9]+).*/\1/')
  for task in $TASKS; do
    declare -a ow=() oc=() orss=() ew=() ec=() erss=()
    # each output is removed as soon as it is measured: a decode writes GBs into /dev/shm, and the other side's
    # output left in RAM would make the next run pay for the memory pressure (reclaim) that it caused
    for _ in $(seq "$RUNS"); do
      rm -f "$OUT"/other.* "$OUT"/ours.*
      read -r w c r <<<"$(once "$(other_cmd "$task" "$in" "$OUT/other")")"; ow+=("$w"); oc+=("$c"); orss+=("$r")
      osize=$(stat -c %s "$(output_of "$OUT/other")"); rm -f "$OUT"/other.*
      read -r w c r <<<"$(once "$(ours_cmd "$task" "$in" "$OUT/ours")")"; ew+=("$w"); ec+=("$c"); erss+=("$r")
      esize=$(stat -c %s "$(output_of "$OUT/ours")"); rm -f "$OUT"/ours.*
    done
    declare -a o1=() e1=()
    if [ -n "${FIXED:-}" ]; then
      for _ in $(seq "$RUNS"); do
        rm -f "$OUT"/other.* "$OUT"/ours.*
        read -r w _ _ <<<"$(once "$(other_cmd "$task" "$in" "$OUT/other" 1)")"; o1+=("$w")
        read -r w _ _ <<<"$(once "$(ours_cmd "$task" "$in" "$OUT/ours" 1)")"; e1+=("$w")
      done
      rm -f "$OUT"/other.* "$OUT"/ours.*
    fi
    for side in other easimage; do
      if [ $side = other ]; then W=("${ow[@]}"); C=("${oc[@]}"); R=("${orss[@]}"); S=$osize; F=("${o1[@]}")
      else W=("${ew[@]}"); C=("${ec[@]}"); R=("${erss[@]}"); S=$esize; F=("${e1[@]}"); fi
      w=$(printf '%s\n' "${W[@]}" | median); c=$(printf '%s\n' "${C[@]}" | median); r=$(printf '%s\n' "${R[@]}" | median)
      fixed=""; [ ${#F[@]} -gt 0 ] && fixed=$(printf '%s\n' "${F[@]}" | median)
      [ $side = other ] && { wo=$w; fo=$fixed; }
      ratio=""; [ $side = easimage ] && ratio=$(echo "scale=2; $wo / $w" | bc -l)
      beyond=""; [ $side = easimage ] && [ -n "$fixed" ] && beyond=$(echo "scale=2; ($wo - $fo) / ($w - $fixed)" | bc -l)
      printf '%-26s %-6s %-8s %8.2f %8.1f %6.2f %7d %8.1f   %-6s %s\n' "$name" "$task" "$side" "$w" \
        "$(echo "$frames / $w" | bc -l)" "$(echo "$c / $w" | bc -l)" "$r" "$(echo "$S / 1048576" | bc -l)" "$ratio" \
        "${fixed:+$(printf '%-6s %s' "$fixed" "$beyond")}"
    done
    [ -n "${VERBOSE:-}" ] && { echo "  other: $(other_cmd "$task" "$in" "$OUT/other")"; echo "  ours:  $(ours_cmd "$task" "$in" "$OUT/ours")"; }
  done
done
rm -f "$OUT"/other.* "$OUT"/ours.*
echo "(median of $RUNS, interleaved; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg) at the end; $("$PY" -c 'import cv2; print("OpenCV-python", cv2.__version__)'))"
