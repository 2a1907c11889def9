package org.easimage.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.images.ImageFileType;
import org.easimage.io.raw.RawPixelFormat;
import org.easimage.io.raw.RawReadOptions;
import org.easimage.testing.FrameDiff;
import org.easimage.testing.TestSequences;

/**
 * The size-property matrix: every writer/reader pair of the registry x every pixel type its writer takes x the
 * frame sizes that break codecs and SIMD code (every width 1..67 at an odd height, every height 1..67 at an odd
 * width, the tiny corners, the sizes of reported bugs and a few large ones).
 *
 * <p>Lossless pairs must give the frames back bit-exact. Lossy pairs (H.264, MJPEG, VP9, JPEG) must keep a PSNR
 * bound over the whole frame and a bound on the largest error in its last columns and rows, where a converter
 * writing past its rows or skipping the last pixels leaves garbage that a whole-frame PSNR would average away.
 * Sizes a codec cannot take are padded by the writer with a notice; the frame read back is then the padded size,
 * and its padding must repeat the last column/row rather than hold garbage.
 *
 * <p>Used in-process by {@code SizeMatrixTest} and, for the video pairs, as the {@link #main} of a child JVM run
 * under glibc's heap checker, so that a native write past a buffer aborts that child instead of corrupting the
 * test JVM.
 */
final class SizeMatrix {

    private SizeMatrix() {
    }

    /**
     * What a round trip must keep: every bit, or a PSNR over the frame and a largest absolute error in its last 4
     * columns and last 4 rows, where a converter writing past its rows or skipping the last pixels leaves garbage.
     */
    record Fidelity(boolean exact, double minPsnr, double maxEdgeError) {
        static final Fidelity EXACT = new Fidelity(true, FrameDiff.IDENTICAL, 0);

        static Fidelity lossy(double minPsnr, double maxEdgeError) {
            return new Fidelity(false, minPsnr, maxEdgeError);
        }

        @Override
        public String toString() {
            return exact ? "bit-exact" : "PSNR >= " + minPsnr + " dB, edge error <= " + maxEdgeError;
        }
    }

    /**
     * A writer/reader pair: a registry format and the extension that selects its codec or file type, the pixel
     * types written, the fidelity owed, and how the synthetic source is prepared for it.
     */
    record Pair(String name, String format, String extension, Set<PixelType> types, Fidelity fidelity,
            UnaryOperator<Frame> prepare) {

        Format registered() {
            return SizeMatrix.registered(format);
        }

        boolean video() {
            return format.equals("video");
        }

        /**
         * Pixel types the format lists as writable that this pair must refuse (e.g. GRAY16 into H.264): those no
         * pair of the same format and extension writes (y4m writes gray exactly and RGB lossily, in two pairs).
         */
        Set<PixelType> refused() {
            Set<PixelType> r = EnumSet.noneOf(PixelType.class);
            r.addAll(registered().writablePixelTypes());
            for (Pair p : pairs()) {
                if (p.format.equals(format) && p.extension.equals(extension)) {
                    r.removeAll(p.types);
                }
            }
            return r;
        }
    }

    /** One cell of the matrix. */
    record Case(Pair pair, PixelType type, int width, int height) {
        int frames() {
            return (long) width * height > 1_000_000 ? 1 : 2;
        }

        @Override
        public String toString() {
            return pair.name + " " + type + " " + width + "x" + height;
        }
    }

    // Bounds for the smooth frames below with the writers' default settings. Measured over the whole matrix
    // (FFmpeg 8.0.1, ImageIO): PSNR >= 39.0 dB for H.264 and MJPEG, >= 35.0 dB for VP9, >= 43.5 dB for JPEG;
    // largest edge errors 9, 7, 12 and 5. The bounds leave 3-5 dB and a factor ~2 of margin; a garbage column
    // (errors of 50-200) or a stale one from the previous frame (the frames alternate direction: errors ~120)
    // is far outside them.
    private static final Fidelity H264 = Fidelity.lossy(36, 20);
    private static final Fidelity MJPEG = Fidelity.lossy(36, 16);
    private static final Fidelity VP9 = Fidelity.lossy(32, 24);
    private static final Fidelity JPEG = Fidelity.lossy(38, 12);
    private static final Fidelity Y4M_RGB = Fidelity.lossy(40, 6);

    /** Every pair the project has. */
    static List<Pair> pairs() {
        Set<PixelType> video8 = EnumSet.of(PixelType.GRAY8, PixelType.RGB24);
        return List.of(
                pair("norpix-seq", "norpix-seq", "seq", null),
                pair("hiris-seq", "hiris-seq", "seq", null),
                pair("tiff", "tiff", "tif", null),
                pair("images-png", "images", "png", ImageFileType.PNG.writable()),
                pair("images-tif", "images", "tif", ImageFileType.TIFF.writable()),
                pair("images-bmp", "images", "bmp", ImageFileType.BMP.writable()),
                new Pair("images-jpg", "images", "jpg", ImageFileType.JPEG.writable(), JPEG, SizeMatrix::smooth),
                // exact up to 256 colours, as GIF promises: smooth frames reduced to 3-3-2 bit RGB
                new Pair("gif", "gif", "gif", EnumSet.of(PixelType.GRAY8, PixelType.RGB24), Fidelity.EXACT,
                        f -> to332(smooth(f))),
                pair("video-mkv", "video", "mkv",
                        EnumSet.of(PixelType.GRAY8, PixelType.GRAY16, PixelType.RGB24, PixelType.RGB48)),
                new Pair("video-mp4", "video", "mp4", video8, H264, SizeMatrix::smooth),
                new Pair("video-avi", "video", "avi", video8, MJPEG, SizeMatrix::smooth),
                new Pair("video-webm", "video", "webm", video8, VP9, SizeMatrix::smooth),
                pair("raw", "raw", "raw", null),
                pair("y4m-gray", "y4m", "y4m", EnumSet.of(PixelType.GRAY8, PixelType.GRAY16)),
                // RGB as full-range 4:4:4 YCbCr: 8-bit conversions both ways round by a unit or two
                new Pair("y4m-rgb", "y4m", "y4m", EnumSet.of(PixelType.RGB24), Y4M_RGB, f -> f));
    }

    /** A lossless pair; {@code types} null means every type the format lists as writable. */
    private static Pair pair(String name, String format, String ext, Set<PixelType> types) {
        return new Pair(name, format, ext, types != null ? types : registered(format).writablePixelTypes(),
                Fidelity.EXACT, f -> f);
    }

    static Format registered(String name) {
        return FormatRegistry.getDefault().formats().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no format " + name + " in the registry"));
    }

    /**
     * The sizes: all widths 1..67 at height 7 and all heights 1..67 at width 33 (odd, prime, every residue modulo
     * 2..64 that SIMD loops and chroma subsampling care about), the 3x3 tiny corner, the sizes of issue 17's
     * reports (widths 24, 36, 40, 52, 100, 200, 300) and three large ones.
     */
    static List<int[]> sizes() {
        Set<List<Integer>> s = new LinkedHashSet<>();
        for (int w = 1; w <= 67; w++) {
            s.add(List.of(w, 7));
        }
        for (int h = 1; h <= 67; h++) {
            s.add(List.of(33, h));
        }
        for (int w = 1; w <= 3; w++) {
            for (int h = 1; h <= 3; h++) {
                s.add(List.of(w, h));
            }
        }
        Stream.of(List.of(24, 6), List.of(36, 32), List.of(40, 4), List.of(52, 9), List.of(100, 20),
                List.of(200, 150), List.of(300, 11), List.of(4099, 3), List.of(1, 2049), List.of(1921, 1081))
                .forEach(s::add);
        return s.stream().map(l -> new int[] {l.get(0), l.get(1)}).toList();
    }

    /**
     * The pair's cases: every type at every size, except that the HD-sized frame (whose point is its size, not
     * its sample type) is written as the 8-bit types only, to keep the matrix within its time budget.
     */
    static List<Case> cases(Pair p) {
        List<Case> out = new ArrayList<>();
        for (PixelType t : p.types()) {
            for (int[] wh : sizes()) {
                boolean hd = (long) wh[0] * wh[1] > 1_000_000;
                if (!hd || t == PixelType.GRAY8 || t == PixelType.RGB24) {
                    out.add(new Case(p, t, wh[0], wh[1]));
                }
            }
        }
        return out;
    }

    /** Writes the case's frames through its pair, reads them back and checks them; throws AssertionError. */
    static void check(Case c, Path dir) throws IOException {
        Pair p = c.pair();
        Format format = p.registered();
        List<Frame> source = new ArrayList<>();
        for (Frame f : TestSequences.synthetic("synthetic:" + c.width() + "x" + c.height() + ":" + c.type() + ":"
                + c.frames())) {
            source.add(p.prepare().apply(f));
        }
        List<String> notices = new ArrayList<>();
        Path caseDir = Files.createTempDirectory(dir, "case");
        Path out = TestSequences.destination(format, caseDir, "m", p.extension());
        try {
            TestSequences.write(format, out, source, WriteOptions.defaults().withWarnings(notices::add));
            ReadOptions ro = ReadOptions.defaults().withWarnings(w -> { });
            if (format.name().equals("raw")) { // raw frames say nothing about themselves: the reader is told
                ro = ro.with(new RawReadOptions(c.width(), c.height(), RawPixelFormat.of(c.type()), Optional.empty()));
            }
            try (SequenceReader r = format.open(TestSequences.published(out), ro)) {
                expect(r.frameCount() == source.size(), c, "frame count " + r.frameCount());
                FrameSpec got = r.spec();
                boolean padded = got.width() != c.width() || got.height() != c.height();
                if (p.fidelity().exact()) {
                    expect(got.equals(source.get(0).spec()), c, "read back as " + got);
                } else {
                    expect(got.width() >= c.width() && got.width() <= c.width() + 1 && got.height() >= c.height()
                            && got.height() <= c.height() + 1, c, "read back as " + got);
                    expect(!padded || notices.stream().anyMatch(n -> n.contains("padded")), c,
                            "padded to " + got.width() + "x" + got.height() + " without a notice: " + notices);
                }
                // frame 1 first, then frame 0: a read after a later one must seek back correctly
                for (int i = source.size() - 1; i >= 0; i--) {
                    compare(c, i, source.get(i), r.read(i));
                }
            }
        } finally {
            delete(caseDir);
        }
    }

    /** Each type the pair refuses is refused with a typed error before anything is published. */
    static void checkRefused(Pair p, PixelType t, Path dir) throws IOException {
        Format format = p.registered();
        Path out = TestSequences.destination(format, dir, "refused", p.extension());
        Frame f = TestSequences.synthetic("synthetic:9x5:" + t + ":1").get(0);
        try (SequenceWriter w = format.create(out, WriteOptions.defaults().withWarnings(n -> { }))) {
            try {
                w.write(f);
                w.finish();
                throw new AssertionError(p.name() + " accepted " + t + " frames, which it does not list as writable");
            } catch (UnsupportedFormatException expected) {
                // the typed refusal
            }
        }
        if (Files.exists(TestSequences.published(out))) {
            throw new AssertionError(p.name() + " published " + out + " after refusing " + t);
        }
    }

    private static void compare(Case c, int i, Frame expected, Frame actual) {
        Fidelity fid = c.pair().fidelity();
        if (fid.exact()) {
            if (!expected.pixelsEqual(actual)) {
                throw new AssertionError(c + ": frame " + i + " is not bit-exact: " + FrameDiff.of(expected, actual));
            }
            return;
        }
        // the reference is the source padded the way the writer pads: last column and row repeated
        Frame reference = padded(expected, actual.width(), actual.height());
        int w = actual.width();
        int h = actual.height();
        FrameDiff all = FrameDiff.of(reference, actual);
        int ew = Math.min(w, 4);
        int eh = Math.min(h, 4);
        FrameDiff right = FrameDiff.of(reference, actual, w - ew, 0, ew, h);
        FrameDiff bottom = FrameDiff.of(reference, actual, 0, h - eh, w, eh);
        expect(all.psnr() >= fid.minPsnr(), c, "frame " + i + ": " + all + " (want " + fid + ")");
        expect(right.maxAbs() <= fid.maxEdgeError(), c, "frame " + i + " last " + ew + " columns: " + right
                + " (want " + fid + ")");
        expect(bottom.maxAbs() <= fid.maxEdgeError(), c, "frame " + i + " last " + eh + " rows: " + bottom
                + " (want " + fid + ")");
    }

    /** {@code f} enlarged to w x h by repeating its last column and row. */
    static Frame padded(Frame f, int w, int h) {
        if (w == f.width() && h == f.height()) {
            return f;
        }
        Frame p = Frames.allocate(f.spec().withSize(w, h));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < f.channels(); ch++) {
                    p.setSample(x, y, ch, f.sample(Math.min(x, f.width() - 1), Math.min(y, f.height() - 1), ch));
                }
            }
        }
        return p;
    }

    /**
     * A frame of the same spec, index and time holding smooth gradients instead of the synthetic noise and index
     * marker: content every lossy codec keeps well even at 1x1 (at most ~2 levels from one pixel to the next, so
     * 4:2:0 chroma subsampling loses little), so that only a real defect (a garbage column, a wrong edge) falls
     * below the PSNR bounds. Red follows x, green y, blue stays high (never gray); odd frames mirror the x
     * gradient, so a stale value left from the other frame is far from the right one.
     */
    static Frame smooth(Frame f) {
        Frame out = Frames.allocate(f.spec(), f.index()).withPositionOf(f);
        int w = f.width();
        int h = f.height();
        double max = f.spec().maxSampleValue();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double fx = x / Math.max(w - 1.0, 64);
                double fy = y / Math.max(h - 1.0, 64);
                if (f.index() % 2 == 1) {
                    fx = 1 - fx;
                }
                double[] v = f.channels() == 1 ? new double[] {0.2 + 0.3 * fx + 0.3 * fy}
                        : new double[] {0.2 + 0.5 * fx, 0.2 + 0.5 * fy, 0.85 + 0.1 * (fx + fy) / 2, 1.0};
                for (int c = 0; c < f.channels(); c++) {
                    out.setSample(x, y, c, v[c] * max);
                }
            }
        }
        return out;
    }

    /** The frame with 8-bit RGB reduced to 3-3-2 bits (at most 256 colours); gray frames unchanged. */
    static Frame to332(Frame f) {
        if (f.pixelType() != PixelType.RGB24) {
            return f;
        }
        byte[] b = Frames.toBytes(f);
        int[] mask = {0xE0, 0xE0, 0xC0};
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (b[i] & mask[i % 3]);
        }
        return Frames.wrap(f.spec(), b, f.index()).withPositionOf(f);
    }

    private static void expect(boolean ok, Case c, String what) {
        if (!ok) {
            throw new AssertionError(c + ": " + what);
        }
    }

    private static void delete(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(q -> {
                try {
                    Files.delete(q);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs every case of the named pairs (all pairs when none is named) in a fresh temporary folder and prints
     * {@code FAIL case: reason} per failure, then {@code DONE cases failures}. Before each case it prints
     * {@code CASE case}, so when native code aborts the process the last such line names the culprit. Exit
     * status: 0 when all passed, 1 otherwise (an abort gives the JVM's own status, e.g. 134).
     */
    public static void main(String[] args) throws IOException {
        Set<String> names = Set.of(args);
        Path dir = Files.createTempDirectory("size-matrix");
        int n = 0;
        int failed = 0;
        try {
            for (Pair p : pairs()) {
                if (!names.isEmpty() && !names.contains(p.name())) {
                    continue;
                }
                for (PixelType t : p.refused()) {
                    n++;
                    failed += run(p.name() + " refuses " + t, () -> checkRefused(p, t, dir));
                }
                for (Case c : cases(p)) {
                    n++;
                    failed += run(c.toString(), () -> check(c, dir));
                }
            }
        } finally {
            delete(dir);
        }
        System.out.println("DONE " + n + " cases " + failed + " failures");
        System.out.flush();
        System.exit(failed == 0 ? 0 : 1);
    }

    interface Check {
        void run() throws Exception;
    }

    private static int run(String name, Check check) {
        System.out.println("CASE " + name);
        System.out.flush();
        try {
            check.run();
            return 0;
        } catch (Exception | AssertionError e) {
            System.out.println("FAIL " + name + ": " + e.toString().replace('\n', ' '));
            System.out.flush();
            return 1;
        }
    }
}
