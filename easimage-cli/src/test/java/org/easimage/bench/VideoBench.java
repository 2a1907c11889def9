package org.easimage.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.Overwrite;
import org.easimage.io.Rational;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.WriteOptions;
import org.easimage.io.video.VideoCodec;
import org.easimage.io.video.VideoFormat;
import org.easimage.io.video.VideoWriteOptions;

/**
 * Benchmark driver for bench/video.sh. Modes (each prints "seconds=X" lines, one per run, timed inside the JVM
 * after a first run that loads the natives):
 * <ul>
 * <li>{@code decode FILE RUNS}: sequential decode of every frame to RGB24</li>
 * <li>{@code encode RAW WIDTH HEIGHT FRAMES CODEC OUT RUNS}: encode rgb24 raw frames read from RAW</li>
 * <li>{@code random FILE COUNT}: COUNT random reads on a fresh reader</li>
 * </ul>
 */
public final class VideoBench {

    private VideoBench() {
    }

    public static void main(String[] args) throws Exception {
        VideoFormat format = new VideoFormat();
        switch (args[0]) {
            case "decode" -> {
                Path file = Path.of(args[1]);
                int runs = Integer.parseInt(args[2]);
                for (int r = 0; r <= runs; r++) {
                    long t0 = System.nanoTime();
                    int n = 0;
                    try (SequenceReader reader = format.open(file, ReadOptions.defaults())) {
                        for (Frame f : reader) {
                            n += f.index() >= 0 ? 1 : 0;
                        }
                    }
                    report(r, t0, n + " frames");
                }
            }
            case "encode" -> {
                Path raw = Path.of(args[1]);
                FrameSpec spec = new FrameSpec(Integer.parseInt(args[2]), Integer.parseInt(args[3]), PixelType.RGB24);
                int frames = Integer.parseInt(args[4]);
                VideoCodec codec = VideoCodec.valueOf(args[5]);
                Path out = Path.of(args[6]);
                int runs = Integer.parseInt(args[7]);
                VideoWriteOptions vo = VideoWriteOptions.defaults().withCodec(codec).withKeyframeInterval(
                        codec == VideoCodec.FFV1 ? 1 : 30);
                WriteOptions wo = WriteOptions.defaults().withOverwrite(Overwrite.REPLACE)
                        .withFrameRate(Rational.of(30)).with(vo);
                for (int r = 0; r <= runs; r++) {
                    long t0 = System.nanoTime();
                    // one buffer refilled per frame: this measures the writer, not Java's direct allocation
                    Frame f = Frames.allocate(spec, 0);
                    try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.READ);
                            SequenceWriter w = format.create(out, wo)) {
                        for (int i = 0; i < frames; i++) {
                            ByteBuffer b = f.buffer();
                            while (b.hasRemaining()) {
                                if (ch.read(b) < 0) {
                                    throw new IOException("raw file ends at frame " + i);
                                }
                            }
                            w.write(f);
                        }
                        w.finish();
                    }
                    report(r, t0, Files.size(out) + " bytes");
                }
            }
            case "random" -> {
                Path file = Path.of(args[1]);
                int count = Integer.parseInt(args[2]);
                try (SequenceReader reader = format.open(file, ReadOptions.defaults())) {
                    reader.read(0); // loads natives and decoders
                    Random rnd = new Random(42);
                    long t0 = System.nanoTime();
                    for (int k = 0; k < count; k++) {
                        reader.read(rnd.nextInt(reader.frameCount()));
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("seconds=%.3f per_access_ms=%.2f%n", s, 1000 * s / count);
                }
            }
            default -> throw new IllegalArgumentException("mode " + args[0]);
        }
    }

    private static void report(int run, long t0, String what) {
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s seconds=%.3f %s%n", run == 0 ? "warmup" : "run", s, what);
    }
}
