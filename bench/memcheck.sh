#!/usr/bin/env bash
# A memory checker on the native paths: valgrind's memcheck watches FFmpeg, swscale, OpenCV and the JNI glue while
# easimage converts (the JVM interpreted, -Xint, so every call into native code is seen; the JVM's own reports are
# ignored). It fails when any invalid read or write, use of uninitialised memory or bad free has its innermost
# frames in those libraries. A negative control runs first: FFmpeg writing 16 bytes past a buffer must be caught.
#
# Jobs: odd and even sizes, 8/16-bit gray and RGB, every writer conversion (the intake, padding to the coded size),
# the reader's conversions (4:2:0 and 4:4:4 to RGB, planar frames), x264, FFV1, MJPEG, the OpenCV transforms and the
# text drawing. About 1-1.5 min each on 2 cores; opt-in, not part of the test run.
#
#   bench/memcheck.sh            (needs valgrind: apt-get install -y valgrind)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install -y valgrind)"; exit 1; }
DATA="${EASIMAGE_SHARED_DATA:-$ROOT/../shared/data}"
OUT="$BENCH_OUT/memcheck"
rm -rf "$OUT" && mkdir -p "$OUT"
build
JAR="$(ls "$(dirname "$EZ_BIN")"/../lib/easimage-cli-*.jar | head -1)"

# errors LOG -> prints the reports whose innermost frames are in FFmpeg, OpenCV or their JNI libraries
errors() {
  python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1], errors="replace").read()
native = re.compile(r"lib(av(codec|format|util)|sw(scale|resample)|opencv_\w+|jni(av|sw|opencv)\w*|x264)\b")
bad = re.compile(r"Invalid (read|write)|uninitialised|Mismatched free|Invalid free|Source and destination overlap")
found = 0
for block in re.split(r"\n==\d+== \n", text):
    lines = [l for l in block.split("\n") if l.startswith("==")]
    if not lines or not bad.search(lines[0]):
        continue
    frames = [l for l in lines[1:] if " at 0x" in l or " by 0x" in l]
    if native.search(" ".join(frames[:3])):
        found += 1
        if found <= 3:
            print("\n".join(lines[:10]))
print(f"{found} report(s) in native code")
PY
}

# check NAME COMMAND... : runs the command under memcheck, returns 1 when native code misbehaved
check() {
  local name="$1"; shift
  local log="$OUT/$name.valgrind"
  local t0=$SECONDS
  valgrind --tool=memcheck --smc-check=all-non-file --error-limit=no --num-callers=30 --log-file="$log" \
      "$@" >"$OUT/$name.out" 2>&1 || true
  local summary
  summary="$(errors "$log")"
  echo "$summary" | tail -1 | sed "s/^/$name ($((SECONDS - t0)) s): /"
  [[ "$summary" == "0 report(s) in native code" ]]
}
ez() { echo java -XX:+UseSerialGC -Xint -Djava.awt.headless=true -jar "$JAR" "$@"; }

failed=0
if check control java -Xint -cp "$(classpath)" org.easimage.bench.MemcheckControl; then
  echo "FAIL: the negative control was not caught: this check would pass anything"; exit 1
fi
echo "     (the control must report: it did)"

S=synthetic
jobs=(
  "rgb-odd-mjpeg|convert -y $S:37x31:rgb24:3 $OUT/a.avi"
  "gray16-odd-ffv1|convert -y $S:37x31:gray16:3 $OUT/b.mkv"
  "rgb-x264|convert -y $S:64x48:rgb24:3 $OUT/c.mp4"
  "mjpeg-odd-to-rgb-seq|convert -y $OUT/a.avi $OUT/d.seq"
  "chain-opencv-text|convert -y $OUT/c.mp4 $OUT/e.avi --crop 2 --contrast 1.3 --gaussian 2 --sharpen 0.8:2 --clahe 2:4x4 --annotate {index}"
  "gray-clahe|convert -y $OUT/c.mp4 $OUT/f.avi --gray --clahe 8:5x5"
)
[ -f "$DATA/video/pims_bulk-water.mov" ] && jobs+=("real-yuvj420p-mjpeg|convert -y $DATA/video/pims_bulk-water.mov $OUT/g.avi --range 0:3")
[ -f "$DATA/video/cockatoo.mp4" ] && jobs+=("real-yuv444p-to-420-x264|convert -y $DATA/video/cockatoo.mp4 $OUT/h.mp4 --range 0:2 --pix-fmt yuv420p")
for j in "${jobs[@]}"; do
  name="${j%%|*}"
  # shellcheck disable=SC2086 # the job's words
  check "$name" $(ez ${j#*|}) || failed=1
  grep -q "^easimage:" "$OUT/$name.out" && { echo "FAIL: $name did not convert: $(cat "$OUT/$name.out")"; failed=1; }
done
[ "$failed" = 0 ] && echo "memcheck: passed" || { echo "memcheck: FAILED (reports in $OUT/*.valgrind)"; exit 1; }
