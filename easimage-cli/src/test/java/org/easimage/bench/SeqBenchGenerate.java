package org.easimage.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.Formats;
import org.easimage.io.Rational;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.WriteOptions;

/**
 * Builds a large raw Norpix file with our writer: the frames of a real sample tiled to SIZE x SIZE, shifted by one
 * column per frame (so every frame differs), until the file holds at least MB megabytes.
 *
 * <p>Usage: {@code SeqBenchGenerate SOURCE.seq OUT.seq SIZE MB}
 */
public final class SeqBenchGenerate {

    private SeqBenchGenerate() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int size = Integer.parseInt(args[2]);
        long targetBytes = Long.parseLong(args[3]) << 20;
        Frame[] tiles;
        try (SequenceReader r = Formats.open(source)) {
            tiles = new Frame[r.frameCount()];
            for (int i = 0; i < tiles.length; i++) {
                tiles[i] = r.read(i);
            }
        }
        FrameSpec tileSpec = tiles[0].spec();
        FrameSpec spec = new FrameSpec(size, size, tileSpec.pixelType(), tileSpec.significantBits());
        int bpp = spec.pixelType().bytesPerPixel();
        long stride = ((long) spec.frameBytes() + 8 + 8191) / 8192 * 8192;
        int frames = (int) ((targetBytes + stride - 1) / stride);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Files.deleteIfExists(out);
        try (SequenceWriter w = Formats.create(out, WriteOptions.defaults().withFrameRate(Rational.of(100)))) {
            for (int i = 0; i < frames; i++) {
                Frame tile = tiles[i % tiles.length];
                byte[] src = Frames.toBytes(tile);
                int tw = tileSpec.width();
                int th = tileSpec.height();
                byte[] dst = new byte[spec.frameBytes()];
                for (int y = 0; y < size; y++) {
                    int ty = y % th;
                    for (int x = 0; x < size; x++) {
                        int tx = (x + i) % tw;
                        System.arraycopy(src, (ty * tw + tx) * bpp, dst, (y * size + x) * bpp, bpp);
                    }
                }
                w.write(Frames.wrap(spec, dst, i).withTimestamp(t0.plusMillis(10L * i)));
            }
            w.finish();
        }
        System.out.printf("wrote %s: %d frames of %s, %d MB%n", out, frames, spec, Files.size(out) >> 20);
    }
}
