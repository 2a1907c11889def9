#!/usr/bin/env bash
# Shared by the bench/*.sh scripts: build the project once, run Java classes on its class path, find the
# ffmpeg command line bundled in the FFmpeg natives jar (the same FFmpeg build easimage links, so a comparison
# measures our code, not a different FFmpeg), and measure peak RSS from /proc without extra tools.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_OUT="${BENCH_OUT:-$ROOT/bench/out}"
mkdir -p "$BENCH_OUT"

# build: installs the modules (so the bench classes of easimage-cli's test tree see them), builds the
# distribution, and sets EZ to its bin/easimage, the command line exactly as users install it.
build() {
  (cd "$ROOT" && mvn -B -q -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true install >/dev/null \
      && mvn -B -q dependency:build-classpath -pl easimage-cli -Dmdep.outputFile=target/classpath.txt \
         -DincludeScope=test >/dev/null)
  EZ_BIN="$(ls -d "$ROOT"/easimage-cli/target/easimage-*/easimage-*/bin/easimage | head -1)"
}

classpath() {
  echo "$ROOT/easimage-cli/target/classes:$ROOT/easimage-cli/target/test-classes:$(cat "$ROOT/easimage-cli/target/classpath.txt")"
}

# run_java [JVM options...] MAIN_CLASS [args...]
run_java() {
  java -Xmx"${HEAP:-512m}" -Djava.awt.headless=true -cp "$(classpath)" "$@"
}

# Path of the ffmpeg executable shipped in org.bytedeco:ffmpeg (extracted on first use). Its libavdevice
# needs PulseAudio's client library: on Debian `apt-get install libpulse0` (easimage itself never loads avdevice).
ffmpeg_cli() {
  run_java org.easimage.bench.FfmpegCli 2>/dev/null | tail -1
}

# ffmpeg ARGS... : runs the bundled ffmpeg with its own libraries.
ffmpeg() {
  local exe
  exe="${FFMPEG_EXE:-$(ffmpeg_cli)}"
  LD_LIBRARY_PATH="$(dirname "$exe")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$exe" "$@"
}

# measure LABEL CMD... : runs CMD (its output appended to $BENCH_OUT/measure.log), prints "LABEL seconds
# peak_rss_mb": the wall time and the largest VmHWM (peak resident set) seen for the process or its children,
# sampled every 50 ms from /proc.
measure() {
  local label="$1"; shift
  local start end hwm=0
  start=$(date +%s.%N)
  "$@" >>"$BENCH_OUT/measure.log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    for p in $pid $(pgrep -P "$pid" 2>/dev/null || true); do
      local v
      v=$(awk '/VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
      [ -n "$v" ] && [ "$v" -gt "$hwm" ] && hwm=$v
    done
    sleep 0.05
  done
  local rc=0
  wait "$pid" || rc=$?
  end=$(date +%s.%N)
  [ "$rc" -eq 0 ] || echo "measure: '$*' exited with $rc (see $BENCH_OUT/measure.log)" >&2
  printf '%s %.3f %d\n' "$label" "$(echo "$end - $start" | bc -l)" $((hwm / 1024))
}
