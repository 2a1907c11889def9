// zarrita (npm, Zarr v3) against easimage's Zarr v3 stores, both ways.
// check DIR: reads every store easimage wrote (DIR/manifest.json): shape, dtype, attributes, pixels (sharded too).
// write DIR: writes v3 arrays with each codec, dtype and chunking, plus DIR/manifest.json and the raw samples.
import * as zarr from "zarrita";
import { FileSystemStore } from "@zarrita/storage";
import fs from "node:fs";
import path from "node:path";

const [mode, dir] = process.argv.slice(2);
const typed = { uint8: Uint8Array, uint16: Uint16Array, float32: Float32Array };

function planar(ref, t, h, w, c) { // (t, y, x, c) -> (t, c, y, x)
  const out = new ref.constructor(ref.length);
  for (let i = 0; i < t; i++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let k = 0; k < c; k++)
          out[((i * c + k) * h + y) * w + x] = ref[((i * h + y) * w + x) * c + k];
  return out;
}

async function check() {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
  let failures = 0;
  for (const m of manifest) {
    try {
      const root = zarr.root(new FileSystemStore(path.join(dir, m.store)));
      if (m.layout === "ome") {
        const g = await zarr.open(root, { kind: "group" });
        if (g.attrs.ome.version !== "0.5") throw new Error("ome.version " + g.attrs.ome.version);
      }
      const a = await zarr.open(m.array ? root.resolve(m.array) : root, { kind: "array" });
      const { frames: t, height: h, width: w, channels: c } = m;
      const shape = c > 1 ? (m.layout === "ome" ? [t, c, h, w] : [t, h, w, c]) : [t, h, w];
      if (JSON.stringify(a.shape) !== JSON.stringify(shape)) throw new Error("shape " + a.shape + ", expected " + shape);
      if (a.dtype !== m.dtype) throw new Error("dtype " + a.dtype);
      if (a.attrs.fps !== m.fps) throw new Error("fps attribute " + a.attrs.fps);
      const buf = fs.readFileSync(path.join(dir, m.store + ".bin"));
      let ref = new typed[m.dtype](buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
      if (m.layout === "ome" && c > 1) ref = planar(ref, t, h, w, c);
      const got = await zarr.get(a);
      const gb = Buffer.from(got.data.buffer, got.data.byteOffset, got.data.byteLength);
      const rb = Buffer.from(ref.buffer, ref.byteOffset, ref.byteLength);
      if (!gb.equals(rb)) throw new Error("pixels differ");
      console.log(`OK   zarrita reads ${m.store}: [${a.shape}] ${a.dtype} chunks [${a.chunks}]` +
        (m.shard_frames ? ` in shards of ${m.shard_frames} frames` : ""));
    } catch (e) {
      failures++;
      console.log(`FAIL zarrita reads ${m.store}: ${e.message}`);
    }
  }
  console.log(`zarrita read ${manifest.length - failures} of ${manifest.length} easimage stores exactly`);
  return failures;
}

async function write() {
  fs.mkdirSync(dir, { recursive: true });
  const bytes = { name: "bytes", configuration: { endian: "little" } };
  const codecs = {
    none: (ts) => [bytes],
    "blosc-lz4-shuffle": (ts) => [bytes, { name: "blosc", configuration: { cname: "lz4", clevel: 5, shuffle: "shuffle", typesize: ts, blocksize: 0 } }],
    "blosc-zstd-bitshuffle": (ts) => [bytes, { name: "blosc", configuration: { cname: "zstd", clevel: 3, shuffle: "bitshuffle", typesize: ts, blocksize: 0 } }],
    zstd: (ts) => [bytes, { name: "zstd", configuration: { level: 3, checksum: false } }],
    // no gzip: zarrita 0.7 decodes gzip (it reads easimage's gzip stores above) but cannot encode it
  };
  const manifest = [];
  let seed = 1;
  const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  for (const [cname, make] of Object.entries(codecs)) {
    for (const dtype of ["uint8", "uint16", "float32"]) {
      for (const [shape, chunks] of [[[4, 29, 31], [1, 29, 31]], [[5, 29, 31, 3], [2, 16, 16, 3]]]) {
        const n = shape.reduce((x, y) => x * y, 1);
        const data = new typed[dtype](n);
        for (let i = 0; i < n; i++)
          data[i] = dtype === "float32" ? rand() * 1000 - 300 : Math.floor(rand() * (dtype === "uint8" ? 256 : 65536));
        const name = `js-${cname}-${dtype}-${shape.join("x")}.zarr`;
        const root = zarr.root(new FileSystemStore(path.join(dir, name)));
        const a = await zarr.create(root, { shape, chunkShape: chunks, dtype, codecs: make(data.BYTES_PER_ELEMENT), fillValue: 0 });
        const stride = shape.map((_, i) => shape.slice(i + 1).reduce((x, y) => x * y, 1));
        await zarr.set(a, null, { data, shape, stride });
        fs.writeFileSync(path.join(dir, name + ".bin"), Buffer.from(data.buffer));
        manifest.push({ store: name, shape, dtype: { uint8: "|u1", uint16: "<u2", float32: "<f4" }[dtype],
          note: `${cname} ${dtype} chunks ${chunks}` });
      }
    }
  }
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 1));
  console.log(`zarrita wrote ${manifest.length} v3 arrays into ${dir}`);
  return 0;
}

process.exit((await (mode === "check" ? check() : write())) ? 1 : 0);
