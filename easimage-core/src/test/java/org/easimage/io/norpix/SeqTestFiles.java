package org.easimage.io.norpix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.io.Formats;
import org.easimage.io.SequenceWriter;
import org.easimage.io.WriteOptions;

/** Generates small Norpix files for tests and patches their header fields. */
final class SeqTestFiles {

    static final Instant T0 = Instant.parse("2024-03-01T12:00:00.123456Z");

    private SeqTestFiles() {
    }

    /** {@code n} random frames of {@code spec} (samples below 2^significantBits), 10 ms apart from T0. */
    static List<Frame> frames(FrameSpec spec, int n, long seed) {
        Random rnd = new Random(seed);
        List<Frame> out = new ArrayList<>();
        long max = (long) spec.maxSampleValue();
        for (int i = 0; i < n; i++) {
            Frame f = Frames.allocate(spec, i).withTimestamp(T0.plusNanos(i * 10_001_000L));
            for (int y = 0; y < spec.height(); y++) {
                for (int x = 0; x < spec.width(); x++) {
                    for (int c = 0; c < spec.channels(); c++) {
                        f.setSample(x, y, c, rnd.nextInt((int) Math.min(Integer.MAX_VALUE, max + 1)));
                    }
                }
            }
            out.add(f);
        }
        return out;
    }

    static Path write(Path file, List<Frame> frames, WriteOptions options) throws IOException {
        try (SequenceWriter w = Formats.create(file, options)) {
            for (Frame f : frames) {
                w.write(f);
            }
            w.finish();
        }
        return file;
    }

    static Path write(Path file, List<Frame> frames) throws IOException {
        return write(file, frames, WriteOptions.defaults());
    }

    static void patchInt(Path file, long offset, int value) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value);
            ch.write(b, offset);
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }
}
