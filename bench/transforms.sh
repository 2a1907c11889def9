#!/usr/bin/env bash
# Per-frame transforms (issue 5): the cost our layer adds to the raw OpenCV call for CLAHE, gaussian and resize on
# 1024x1024 GRAY8 and GRAY16 frames, same JVM, interleaved repetitions, medians. "ratio-wrap" is applyInto on
# direct (zero-copy) frames over OpenCV on the same memory (target <= 1.2); "ratio-heap" is apply on a default
# heap frame with a new output frame (adds a copy in and out of native memory). Runs twice.
# Usage: bench/transforms.sh [reps]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build
for run in 1 2; do
  echo "== run $run"
  # pre-touched heap: otherwise the first operation measured pays the page faults of a fresh Java heap
  run_java -Xms512m -XX:+AlwaysPreTouch org.easimage.bench.TransformsBench "${1:-60}"
done
