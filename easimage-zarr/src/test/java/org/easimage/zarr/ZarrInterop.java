package org.easimage.zarr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.Rational;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.WriteOptions;

/**
 * easimage's side of {@code bench/zarr-interop.sh}: {@code write DIR v2|v3} writes stores of every compressor and
 * a few pixel types, each with its expected pixels ({@code NAME.bin}: the frames' samples, little-endian, in frame
 * order t, y, x[, c]) and a {@code manifest.json} saying what a reader must see; {@code read DIR} reads the stores
 * another tool wrote, described by that tool's manifest, and compares every sample. Prints one line per store and
 * exits 1 when any differs.
 */
public final class ZarrInterop {

    private ZarrInterop() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        int failures = args[0].equals("write") ? write(dir, ZarrVersion.valueOf(args[2].toUpperCase())) : read(dir);
        System.exit(failures == 0 ? 0 : 1);
    }

    private static int write(Path dir, ZarrVersion v) throws IOException {
        Files.createDirectories(dir);
        List<Object> manifest = new ArrayList<>();
        PixelType[] types = {PixelType.GRAY8, PixelType.GRAY16, PixelType.GRAY32F, PixelType.RGB24, PixelType.RGBA64};
        int k = 0;
        for (ZarrCompressor c : ZarrCompressor.values()) {
            for (PixelType t : types) {
                for (boolean ome : new boolean[] {false, true}) {
                    int shard = v == ZarrVersion.V3 && k % 3 == 0 ? 4 : 0;
                    int chunk = k % 4 == 1 ? 2 : 1;
                    if (shard > 0) {
                        chunk = 2;
                    }
                    k++;
                    ZarrWriteOptions zo = ZarrWriteOptions.DEFAULTS.withVersion(v).withCompressor(c).withOme(ome)
                            .withFramesPerChunk(chunk).withFramesPerShard(shard);
                    if (c.isBlosc() && t.sampleType().bytes() == 1) {
                        zo = zo.withShuffle(BloscShuffle.BIT);
                    }
                    String name = v + "-" + c + "-" + t + (ome ? "-ome" : "-plain") + ".zarr";
                    FrameSpec spec = FrameSpec.of(37, 23, t);
                    List<Frame> frames = ZarrRoundTripTest.randomFrames(spec, 5, k);
                    if (t == PixelType.GRAY32F) { // finite floats, so readers compare values, not NaN payloads
                        frames = frames.stream().map(ZarrInterop::finite).toList();
                    }
                    ZarrRoundTripTest.write(dir.resolve(name), frames,
                            WriteOptions.defaults().withFrameRate(Rational.of(30000, 1001)).with(zo));
                    try (var out = Files.newOutputStream(dir.resolve(name + ".bin"))) {
                        for (Frame f : frames) {
                            out.write(Frames.toBytes(f));
                        }
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("store", name);
                    m.put("array", ome ? "0" : "");
                    m.put("layout", ome ? "ome" : "plain");
                    m.put("frames", 5);
                    m.put("height", 23);
                    m.put("width", 37);
                    m.put("channels", t.channels());
                    m.put("dtype", DataType.of(t.sampleType()).v3Name());
                    m.put("chunk_frames", chunk);
                    m.put("shard_frames", shard);
                    m.put("compressor", c.label());
                    m.put("fps", "30000/1001");
                    manifest.add(m);
                }
            }
        }
        Files.writeString(dir.resolve("manifest.json"), Json.write(manifest));
        System.out.println("easimage wrote " + manifest.size() + " " + v + " stores into " + dir);
        return 0;
    }

    private static Frame finite(Frame f) {
        Frame g = f.copy();
        var fb = g.floats();
        for (int i = 0; i < fb.limit(); i++) {
            float x = fb.get(i);
            fb.put(i, Float.isFinite(x) ? x : i * 0.25f);
        }
        return g;
    }

    private static int read(Path dir) throws Exception {
        List<Object> manifest = JsonDoc.list(dir, Json.parse(Files.readString(dir.resolve("manifest.json"))),
                "manifest");
        int failures = 0;
        for (Object o : manifest) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) o;
            String name = (String) m.get("store");
            try {
                check(dir, m);
                System.out.println("OK   easimage reads " + name + " (" + m.get("note") + ")");
            } catch (Exception | AssertionError e) {
                failures++;
                System.out.println("FAIL easimage reads " + name + " (" + m.get("note") + "): " + e.getMessage());
            }
        }
        System.out.println("easimage read " + (manifest.size() - failures) + " of " + manifest.size() + " stores "
                + "exactly");
        return failures;
    }

    private static void check(Path dir, Map<String, Object> m) throws Exception {
        Path store = dir.resolve((String) m.get("store"));
        List<?> shape = (List<?>) m.get("shape");
        String dtype = (String) m.get("dtype"); // numpy-style: <u2, >u2, |u1, <f4
        int b = Integer.parseInt(dtype.substring(2));
        ByteOrder order = dtype.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] expected = Files.readAllBytes(dir.resolve(m.get("store") + ".bin"));
        if (order != ByteOrder.nativeOrder()) {
            ZarrArray.swap(expected, b);
        }
        try (SequenceReader r = new ZarrFormat().open(store, ReadOptions.defaults().withWarnings(w -> { }))) {
            int n = ((Number) shape.get(0)).intValue();
            if (r.frameCount() != n) {
                throw new AssertionError("frames " + r.frameCount() + ", expected " + n);
            }
            int frameBytes = r.spec().frameBytes();
            if ((long) frameBytes * n != expected.length) {
                throw new AssertionError("spec " + r.spec() + " does not match shape " + shape + " " + dtype);
            }
            for (int i = 0; i < n; i++) {
                byte[] got = Frames.toBytes(r.read(i));
                if (!ByteBuffer.wrap(got).equals(ByteBuffer.wrap(expected, i * frameBytes, frameBytes))) {
                    throw new AssertionError("frame " + i + " differs");
                }
            }
        }
    }
}
