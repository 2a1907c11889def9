package org.easimage.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.Formats;
import org.easimage.io.Rational;
import org.easimage.io.SequenceWriter;
import org.easimage.io.WriteOptions;

/**
 * Builds the conversion benchmark's input from the real frames of the DE Celeritas recording in
 * ../shared/data/seq: each 256x128 12-bit frame is reduced to 8 bits and tiled into a WIDTHxHEIGHT frame that
 * scrolls by 3 px per frame (so the encoder sees motion, as in a real recording). Writes the same frames twice:
 * as a raw Norpix .seq through easimage's writer, and as contiguous gray8 for the ffmpeg command line.
 *
 * <p>Usage: {@code BuildConvertInput CELERITAS.seq OUT.seq OUT.raw WIDTH HEIGHT FRAMES}
 */
public final class BuildConvertInput {

    private BuildConvertInput() {
    }

    public static void main(String[] args) throws IOException {
        Path source = Path.of(args[0]);
        Path seq = Path.of(args[1]);
        Path raw = Path.of(args[2]);
        int w = Integer.parseInt(args[3]);
        int h = Integer.parseInt(args[4]);
        int n = Integer.parseInt(args[5]);
        // the five real frames: 256x128 little-endian 16-bit (12 significant), at 8192 + i*73728
        byte[][] tiles = new byte[5][256 * 128];
        try (FileChannel ch = FileChannel.open(source)) {
            ByteBuffer b = ByteBuffer.allocate(256 * 128 * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 5; i++) {
                b.clear();
                ch.read(b, 8192L + i * 73728L);
                b.flip();
                for (int p = 0; p < 256 * 128; p++) {
                    tiles[i][p] = (byte) Math.min(255, (b.getShort() & 0xFFFF) >> 2);
                }
            }
        }
        FrameSpec spec = FrameSpec.of(w, h, PixelType.GRAY8);
        Instant t0 = Instant.parse("2022-08-11T18:49:10.652366Z");
        try (SequenceWriter out = Formats.create(seq, WriteOptions.defaults().withFrameRate(Rational.of(30)));
                FileChannel rawOut = FileChannel.open(raw, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] px = new byte[w * h];
            for (int i = 0; i < n; i++) {
                byte[] tile = tiles[i % 5];
                int shift = 3 * i;
                for (int y = 0; y < h; y++) {
                    int ty = (y + shift / 2) % 128;
                    for (int x = 0; x < w; x++) {
                        px[y * w + x] = tile[ty * 256 + (x + shift) % 256];
                    }
                }
                Frame f = Frames.wrap(spec, px, i).withTimestamp(t0.plusNanos(i * 33_333_333L));
                out.write(f);
                ByteBuffer bb = ByteBuffer.wrap(px);
                while (bb.hasRemaining()) {
                    rawOut.write(bb);
                }
            }
            out.finish();
        }
        System.out.printf("built %s (%d MB) and %s: %d frames %dx%d gray8%n", seq, Files.size(seq) >> 20, raw, n, w, h);
    }
}
