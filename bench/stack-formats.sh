#!/usr/bin/env bash
# Overhead of the tiff / gif formats over direct ImageIO (TwelveMonkeys) calls, measured in the same JVM and run.
# Usage: bench/stack-formats.sh [pages=200] [runs=5]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build
GIF="$ROOT/../shared/data/gif/newtonscradle.gif"
measure stack-formats run_java org.easimage.bench.StackFormatsBench "${1:-200}" "${2:-5}" "$GIF" "$BENCH_OUT"
