package org.easimage.bench;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.FileImageOutputStream;
import org.easimage.frame.Frame;
import org.easimage.frame.Frames;
import org.easimage.io.Formats;
import org.easimage.io.Overwrite;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.WriteOptions;

/**
 * Overhead of the tiff, gif and images formats over calling ImageIO directly, in one JVM (same noise for both):
 * TIFF write+read of N pages 512x512 GRAY16 vs the TwelveMonkeys writer/reader on ready BufferedImages; GIF
 * composited read of a real file vs ImageIO's raw blocks. Prints medians of RUNS runs and the ratios.
 * Args: [pages=200] [runs=5] [gif file] [out dir].
 */
public final class StackFormatsBench {

    public static void main(String[] args) throws Exception {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path gif = args.length > 2 ? Path.of(args[2]) : null;
        Path out = Path.of(args.length > 3 ? args[3] : "bench/out");
        Files.createDirectories(out);
        List<Frame> frames = new ArrayList<>();
        try (SequenceReader r = Formats.open(Path.of("synthetic:512x512:gray16:" + pages))) {
            for (Frame f : r) {
                frames.add(f);
            }
        }
        List<BufferedImage> images = new ArrayList<>();
        for (Frame f : frames) {
            images.add(Frames.toBufferedImage(f));
        }
        Path ours = out.resolve("bench-ours.tif");
        Path ref = out.resolve("bench-ref.tif");
        double[] ow = new double[runs];
        double[] rw = new double[runs];
        double[] or = new double[runs];
        double[] rr = new double[runs];
        for (int k = 0; k < runs; k++) {
            long t0 = System.nanoTime();
            try (SequenceWriter w = Formats.create(ours, WriteOptions.defaults().withOverwrite(Overwrite.REPLACE))) {
                w.writeAll(frames);
                w.finish();
            }
            long t1 = System.nanoTime();
            Files.deleteIfExists(ref);
            ImageWriter iw = ImageIO.getImageWritersByFormatName("tiff").next();
            try (FileImageOutputStream o = new FileImageOutputStream(ref.toFile())) {
                iw.setOutput(o);
                iw.prepareWriteSequence(null);
                for (BufferedImage b : images) {
                    iw.writeToSequence(new IIOImage(b, null, null), null);
                }
                iw.endWriteSequence();
            } finally {
                iw.dispose();
            }
            long t2 = System.nanoTime();
            long sum = 0;
            try (SequenceReader r = Formats.open(ours)) {
                for (Frame f : r) {
                    sum += f.buffer().get(0);
                }
            }
            long t3 = System.nanoTime();
            sum += readAll(ref.toFile());
            long t4 = System.nanoTime();
            ow[k] = (t1 - t0) / 1e6;
            rw[k] = (t2 - t1) / 1e6;
            or[k] = (t3 - t2) / 1e6;
            rr[k] = (t4 - t3) / 1e6;
            if (sum == 42) {
                System.out.print("");
            }
        }
        report("tiff write " + pages + "x512x512 gray16", median(ow), median(rw));
        report("tiff read  " + pages + "x512x512 gray16", median(or), median(rr));
        if (gif != null && Files.exists(gif)) {
            double[] og = new double[runs];
            double[] rg = new double[runs];
            for (int k = 0; k < runs; k++) {
                long t0 = System.nanoTime();
                try (SequenceReader r = Formats.open(gif)) {
                    for (Frame f : r) {
                        f.buffer();
                    }
                }
                long t1 = System.nanoTime();
                readAll(gif.toFile());
                long t2 = System.nanoTime();
                og[k] = (t1 - t0) / 1e6;
                rg[k] = (t2 - t1) / 1e6;
            }
            report("gif read composited vs raw blocks " + gif.getFileName(), median(og), median(rg));
        }
        Files.deleteIfExists(ours);
        Files.deleteIfExists(ref);
    }

    private static long readAll(File f) throws Exception {
        long sum = 0;
        try (FileImageInputStream in = new FileImageInputStream(f)) {
            ImageReader r = ImageIO.getImageReaders(in).next();
            r.setInput(in);
            int n = r.getNumImages(true);
            for (int i = 0; i < n; i++) {
                sum += r.read(i).getRGB(0, 0);
            }
            r.dispose();
        }
        return sum;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void report(String what, double ours, double ref) {
        System.out.printf("%-55s easimage %8.1f ms  ImageIO %8.1f ms  ratio %.2f%n", what, ours, ref, ours / ref);
    }
}
