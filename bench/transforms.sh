#!/usr/bin/env bash
# Per-frame transforms: our FrameTransform.apply (incl. allocating the output frame) vs the raw OpenCV call on
# pre-allocated Mats, 1024x1024 GRAY8 and GRAY16, same JVM, interleaved reps, medians. Ratio target <= 1.2.
# Runs twice with the default JVM and twice with -XX:MaxDirectMemorySize=64m: fresh direct buffers are only
# freed by GC, so a lower direct-memory cap makes the JVM recycle them sooner (fewer page faults per frame).
# Usage: bench/transforms.sh [reps]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build
for run in 1 2; do
  echo "== run $run, default JVM"
  run_java org.easimage.bench.TransformsBench "${1:-40}"
  echo "== run $run, -XX:MaxDirectMemorySize=64m"
  run_java -XX:MaxDirectMemorySize=64m org.easimage.bench.TransformsBench "${1:-40}"
done
