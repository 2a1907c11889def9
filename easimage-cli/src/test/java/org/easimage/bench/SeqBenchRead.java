package org.easimage.bench;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.easimage.frame.Frame;
import org.easimage.io.Formats;
import org.easimage.io.SequenceReader;

/**
 * Reads a sequence through {@link Formats#open}: {@code seq RUNS} reads every frame in order RUNS times (touching
 * one byte per frame) and prints each run's seconds and MB/s of file; {@code random N} reads N random frames in
 * each of the first, middle and last tenth of the file and prints the mean microseconds per read.
 *
 * <p>Usage: {@code SeqBenchRead FILE seq|seq-reuse RUNS} or {@code SeqBenchRead FILE random N}
 */
public final class SeqBenchRead {

    private SeqBenchRead() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        double mb = Files.size(file) / 1e6;
        long sink = 0;
        try (SequenceReader r = Formats.open(file)) {
            int n = r.frameCount();
            if (args[1].startsWith("seq")) {
                // seq: the standard read(i), a new frame each time; seq-reuse: SequenceReader.read(i, previousFrame)
                boolean reuse = args[1].equals("seq-reuse");
                int runs = Integer.parseInt(args[2]);
                double[] secs = new double[runs];
                for (int k = 0; k < runs; k++) {
                    long t = System.nanoTime();
                    Frame f = null;
                    for (int i = 0; i < n; i++) {
                        f = reuse ? r.read(i, f) : r.read(i);
                        ByteBuffer b = f.buffer();
                        sink += b.get(b.limit() / 2);
                    }
                    secs[k] = (System.nanoTime() - t) / 1e9;
                    System.out.printf("seq-run %d %.4f s %.1f MB/s%n", k, secs[k], mb / secs[k]);
                }
                double[] sorted = secs.clone();
                Arrays.sort(sorted);
                System.out.printf("seq-median %.4f%n", sorted[runs / 2]);
            } else {
                int reads = Integer.parseInt(args[2]);
                Random rnd = new Random(1);
                int tenth = Math.max(1, n / 10);
                String[] names = {"start", "middle", "end"};
                int[] from = {0, n / 2 - tenth / 2, n - tenth};
                for (int region = 0; region < 3; region++) {
                    for (int warm = 0; warm < 2; warm++) { // first pass warms the JIT
                        long t = System.nanoTime();
                        for (int k = 0; k < reads; k++) {
                            Frame f = r.read(from[region] + rnd.nextInt(tenth));
                            sink += f.buffer().get(0);
                        }
                        double us = (System.nanoTime() - t) / 1e3 / reads;
                        if (warm == 1) {
                            System.out.printf("random-%s %.1f us/read%n", names[region], us);
                        }
                    }
                }
            }
        }
        System.out.println("sink " + sink);
    }
}
