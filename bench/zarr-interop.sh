#!/usr/bin/env bash
# Opt-in interoperability check of the zarr format with the reference tools, both ways:
#   Zarr v2: Debian's python3-zarr (zarr-python 2.13) reads easimage's stores (shape, dtype, chunks, attributes,
#            pixels) and writes arrays with each compressor (blosc lz4/zstd/blosclz/lz4hc x shuffles, zstd, gzip,
#            zlib; little and big endian; tiled chunks) that easimage must read exactly;
#   Zarr v3: zarrita 0.7 from npm (on node 20+) does the same with easimage's v3 stores (sharded ones too).
# Installs python3-zarr with apt-get (as root) and zarrita with npm into bench/out/zarr-interop/node when missing;
# a tool that cannot be installed is reported as SKIPPED (exit 0), so CI can run this where the tools exist.
# Exit status: 0 when every check that ran passed, 1 otherwise.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
OUT="$BENCH_OUT/zarr-interop"
rm -rf "$OUT/data"
mkdir -p "$OUT/data"
HERE="$ROOT/bench/zarr-interop"
PY=/usr/bin/python3
status=0

build
# ZarrInterop is in easimage-zarr's test tree (compiled by build), beside the command line's class path
java_interop() {
  java -Xmx"${HEAP:-512m}" -Djava.awt.headless=true -cp "$ROOT/easimage-zarr/target/test-classes:$(classpath)" \
    org.easimage.zarr.ZarrInterop "$@"
}

# ---- Zarr v2 with zarr-python
if ! "$PY" -c 'import zarr' 2>/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing python3-zarr with apt-get..."
  (apt-get install -y -q python3-zarr >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 &&
    apt-get install -y -q python3-zarr >/dev/null 2>&1; }) || true
fi
if "$PY" -c 'import zarr' 2>/dev/null; then
  echo "== Zarr v2: easimage -> zarr-python $("$PY" -c 'import zarr; print(zarr.__version__)')"
  java_interop write "$OUT/data/easimage-v2" v2
  "$PY" "$HERE/zarr_python.py" check "$OUT/data/easimage-v2" || status=1
  echo "== Zarr v2: zarr-python -> easimage"
  "$PY" "$HERE/zarr_python.py" write "$OUT/data/python-v2"
  java_interop read "$OUT/data/python-v2" || status=1
else
  echo "SKIPPED Zarr v2: python3-zarr is not installed and could not be installed"
fi

# ---- Zarr v3 with zarrita
NODE_DIR="$OUT/node"
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -ge 18 ] && [ ! -d "$NODE_DIR/node_modules/zarrita" ] && command -v npm >/dev/null; then
  echo "installing zarrita with npm..."
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && { [ -f package.json ] || echo '{"private": true, "type": "module"}' > package.json; } &&
    npm install --no-audit --no-fund --silent zarrita@0.7 @zarrita/storage@0.2 >/dev/null 2>&1) || true
fi
if [ "$node_major" -ge 18 ] && [ -d "$NODE_DIR/node_modules/zarrita" ]; then
  cp "$HERE/zarrita.mjs" "$NODE_DIR/"
  echo "== Zarr v3: easimage -> zarrita $(node -p "require('$NODE_DIR/node_modules/zarrita/package.json').version")"
  java_interop write "$OUT/data/easimage-v3" v3
  node "$NODE_DIR/zarrita.mjs" check "$OUT/data/easimage-v3" || status=1
  echo "== Zarr v3: zarrita -> easimage"
  node "$NODE_DIR/zarrita.mjs" write "$OUT/data/zarrita-v3"
  java_interop read "$OUT/data/zarrita-v3" || status=1
else
  echo "SKIPPED Zarr v3: node >= 18 with npm is needed for zarrita"
fi
echo "zarr-interop: $([ $status = 0 ] && echo passed || echo FAILED)"
exit $status
