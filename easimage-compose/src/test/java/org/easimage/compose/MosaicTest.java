package org.easimage.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.Formats;
import org.easimage.io.Rational;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.Times;
import org.easimage.testing.CountingReader;
import org.easimage.testing.SharedData;
import org.easimage.transform.DisplayRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mosaic against direct reads: its size and length from the sources' own facts, each cell's pixels equal to
 * the source frame the time rule picks (computed here from the sources' times, independently of the mosaic), after
 * the same {@link Resampler} resize.
 */
class MosaicTest {

    private static final Duration HALF_MS = Duration.ofNanos(500_000);

    @TempDir
    Path tmp;

    /** The slack of the time rule: a frame is at t when at most min(0.5 ms, period / 20) after it. */
    private static Duration slack(SequenceReader r) throws IOException {
        Duration period;
        if (r.info().frameRate().isPresent()) {
            period = Times.atIndex(1, r.info().frameRate().get());
        } else {
            period = r.time(r.frameCount() - 1).get().minus(r.time(0).get()).dividedBy(r.frameCount() - 1);
        }
        Duration s = period.dividedBy(20);
        return s.compareTo(HALF_MS) < 0 ? s : HALF_MS;
    }

    /** Independent of Cell: a linear scan for the last frame whose time is at or before t + slack, or -1. */
    private static int expectedIndex(SequenceReader r, Duration local, boolean hold) throws IOException {
        if (local.isNegative()) {
            return -1;
        }
        Duration first = r.time(0).get();
        int n = r.frameCount();
        Duration period = r.info().frameRate().map(f -> Times.atIndex(1, f))
                .orElse(r.time(n - 1).get().minus(first).dividedBy(Math.max(1, n - 1)));
        Duration end = r.time(n - 1).get().minus(first).plus(period);
        if (local.compareTo(end) >= 0) {
            return hold ? n - 1 : -1;
        }
        Duration target = first.plus(local).plus(slack(r));
        int found = -1;
        for (int i = 0; i < n && r.time(i).get().compareTo(target) <= 0; i++) {
            found = i;
        }
        return found;
    }

    /** The content rectangle of a source sw x sh letterboxed into a cell at (x, y, w, h). */
    private static int[] letterbox(int sw, int sh, int x, int y, int w, int h) {
        double scale = Math.min((double) w / sw, (double) h / sh);
        int cw = (int) Math.round(sw * scale);
        int ch = (int) Math.round(sh * scale);
        return new int[] {x + (w - cw) / 2, y + (h - ch) / 2, cw, ch};
    }

    /** The RGB24 pixels of a rectangle of an RGB24 frame. */
    private static byte[] region(Frame f, int[] r) {
        byte[] all = Frames.toBytes(f);
        byte[] out = new byte[r[2] * r[3] * 3];
        for (int y = 0; y < r[3]; y++) {
            System.arraycopy(all, ((r[1] + y) * f.width() + r[0]) * 3, out, y * r[2] * 3, r[2] * 3);
        }
        return out;
    }

    /** An 8-bit source frame resized to w x h and expanded to RGB24, as a cell shows it. */
    private static byte[] resizedRgb(Frame src, int w, int h) {
        int ch = src.channels() == 1 ? 1 : 3;
        byte[] out = new byte[w * h * ch];
        new Resampler(src.width(), src.height(), w, h).resize8(Frames.toBytes(src), 0, src.channels(), ch, out);
        if (ch == 3) {
            return out;
        }
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = out[i];
        }
        return rgb;
    }

    private static boolean allEqual(byte[] pixels, Color c) {
        for (int i = 0; i < pixels.length; i += 3) {
            if ((pixels[i] & 0xFF) != c.getRed() || (pixels[i + 1] & 0xFF) != c.getGreen()
                    || (pixels[i + 2] & 0xFF) != c.getBlue()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void twoByTwoOfVideosOfDifferentSizesAndRates() throws IOException {
        String[] names = {"cockatoo_yuv420.mp4", "realshort.mp4", "pims_bulk-water.mov", "dynamix_sample.avi"};
        List<Path> files = new ArrayList<>();
        for (String n : names) {
            files.add(SharedData.file("video/" + n));
        }
        // a default cell (the largest source, 1280x720: up- and letterboxed) and an odd one (all shrunk)
        for (int[] cell : new int[][] {null, {333, 251}}) {
            List<SequenceReader> direct = new ArrayList<>();
            Mosaic.Builder b = Mosaic.builder().layout(Layout.grid(2, 2));
            for (Path f : files) {
                b.add(Formats.open(f));
                direct.add(Formats.open(f));
            }
            if (cell != null) {
                b.cellSize(cell[0], cell[1]);
            }
            try (Mosaic m = b.build()) {
                int cw = cell == null ? 1280 : cell[0];
                int chh = cell == null ? 720 : cell[1];
                assertEquals(2 * cw + (2 * cw & 1), m.spec().width());
                assertEquals(2 * chh + (2 * chh & 1), m.spec().height());
                assertEquals(PixelType.RGB24, m.spec().pixelType());
                // default rate: the first source's (cockatoo, 20 fps); length: up to the latest end
                assertEquals(Rational.of(20), m.info().frameRate().get());
                Duration longest = Duration.ZERO;
                for (SequenceReader r : direct) {
                    Duration end = r.time(r.frameCount() - 1).get().plus(Times.atIndex(1, r.info().frameRate().get()));
                    longest = end.compareTo(longest) > 0 ? end : longest;
                }
                int expectedFrames = BigDecimal.valueOf(longest.toNanos()).multiply(BigDecimal.valueOf(20))
                        .divide(BigDecimal.valueOf(1_000_000_000L), 0, RoundingMode.CEILING).intValueExact();
                assertEquals(expectedFrames, m.frameCount());
                assertEquals(401, m.frameCount()); // bulk-water: 480 frames at 24000/1001 fps = 20.02 s
                assertFalse(m.absolute(), "not every video states a start: each from its first frame");

                for (int k : new int[] {0, 1, 23, 24, 37, 150, 299, m.frameCount() - 1}) {
                    Frame out = m.read(k);
                    assertEquals(Times.atIndex(k, Rational.of(20)), out.time().get());
                    for (int i = 0; i < 4; i++) {
                        SequenceReader r = direct.get(i);
                        int[] box = letterbox(r.spec().width(), r.spec().height(), (i % 2) * cw, (i / 2) * chh,
                                cw, chh);
                        assertArrayEquals(box, m.contentBounds(i), "cell " + i);
                        int idx = expectedIndex(r, out.time().get(), false);
                        assertEquals(idx, m.sourceIndex(i, k), "cell " + i + " at output frame " + k);
                        byte[] shown = region(out, box);
                        if (idx < 0) {
                            assertTrue(allEqual(shown, Color.BLACK), "ended source shows the background, cell " + i);
                        } else {
                            byte[] want = resizedRgb(r.read(idx), box[2], box[3]);
                            assertArrayEquals(want, shown, "cell " + i + " at output frame " + k + " = source frame "
                                    + idx + " resized to " + box[2] + "x" + box[3]);
                        }
                    }
                }
            } finally {
                for (SequenceReader r : direct) {
                    r.close();
                }
            }
        }
    }

    private static SequenceReader synthetic(String spec) throws IOException {
        return Formats.open(Path.of("synthetic:" + spec));
    }

    /** {@code floor(x)} of an exact decimal. */
    private static int floor(BigDecimal x) {
        return x.setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    @Test
    void offsetsAndRatesSelectTheFramesTheirTimesSay() throws IOException {
        // A: 100 fps from 0.2 s; B: 30 fps from 0.7 s; C: 1000 fps played 10x slower from 0 (its offset -0.2 is
        // the earliest, so the output starts there)
        Mosaic m = Mosaic.builder()
                .add(Tile.of(synthetic("64x48:gray8:200:100")))
                .add(Tile.of(synthetic("64x48:rgb24:60:30")).withOffset(Duration.ofMillis(500)))
                .add(Tile.of(synthetic("64x48:gray8:300:1000")).withOffset(Duration.ofMillis(-200))
                        .withRate(Rational.of(1, 10)))
                .fps(Rational.of(25)).layout(Layout.row()).build();
        try (m; SequenceReader a = synthetic("64x48:gray8:200:100"); SequenceReader b = synthetic("64x48:rgb24:60:30");
             SequenceReader c = synthetic("64x48:gray8:300:1000")) {
            // C lasts 0.3 s * 10 = 3 s from 0: the longest
            assertEquals(75, m.frameCount());
            BigDecimal slack = new BigDecimal("0.0005");
            BigDecimal[] starts = {new BigDecimal("0.2"), new BigDecimal("0.7"), BigDecimal.ZERO};
            BigDecimal[] rates = {BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("0.1")};
            int[] fps = {100, 30, 1000};
            int[] counts = {200, 60, 300};
            BigDecimal[] slacks = {slack, slack, new BigDecimal("0.00005")}; // 1000 fps: period / 20
            SequenceReader[] direct = {a, b, c};
            for (int k = 0; k < m.frameCount(); k++) {
                BigDecimal t = BigDecimal.valueOf(k).divide(BigDecimal.valueOf(25));
                for (int i = 0; i < 3; i++) {
                    BigDecimal local = t.subtract(starts[i]).multiply(rates[i]);
                    int want;
                    if (local.signum() < 0) {
                        want = -1;
                    } else if (local.multiply(BigDecimal.valueOf(fps[i])).compareTo(BigDecimal.valueOf(counts[i])) >= 0) {
                        want = -1; // ended
                    } else {
                        want = Math.min(counts[i] - 1, floor(local.add(slacks[i]).multiply(BigDecimal.valueOf(fps[i]))));
                    }
                    assertEquals(want, m.sourceIndex(i, k), "cell " + i + " at output frame " + k + " (t = " + t + ")");
                }
                if (k % 7 == 0) {
                    Frame out = m.read(k);
                    for (int i = 0; i < 3; i++) {
                        int idx = m.sourceIndex(i, k);
                        byte[] shown = region(out, m.contentBounds(i));
                        if (idx < 0) {
                            assertTrue(allEqual(shown, Color.BLACK));
                        } else {
                            assertArrayEquals(resizedRgb(direct[i].read(idx), 64, 48), shown, "cell " + i + ", " + k);
                        }
                    }
                }
            }
        }
    }

    /** Writes a Norpix .seq whose frame i is acquired at start + times[i] (irregular, like a real camera). */
    private Path camera(String name, Instant start, long[] micros, int value) throws IOException {
        Path p = tmp.resolve(name);
        try (SequenceWriter w = Formats.create(p)) {
            for (int i = 0; i < micros.length; i++) {
                Frame f = Frames.allocate(FrameSpec.of(32, 24, PixelType.GRAY8), i);
                byte[] px = new byte[32 * 24];
                java.util.Arrays.fill(px, (byte) (value + i));
                f.buffer().put(px);
                Duration d = Duration.ofNanos(micros[i] * 1000);
                w.write(f.withTime(d).withTimestamp(start.plus(d)));
            }
            w.finish();
        }
        return p;
    }

    @Test
    void norpixCamerasStartedApartAreShownByTheirTimestamps() throws IOException {
        Instant t0 = Instant.parse("2024-05-01T10:00:00.000000Z");
        long[] a = new long[200];
        long[] b = new long[60];
        for (int i = 0; i < a.length; i++) {
            a[i] = i * 10_000L + (i % 3) * 37; // 100 fps with a jittery clock
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = i * 20_000L + (i % 5) * 11;
        }
        Path camA = camera("a.seq", t0, a, 0);
        Path camB = camera("b.seq", t0.plus(Duration.ofMillis(1300)), b, 100); // started 1.3 s later
        List<String> notices = new ArrayList<>();
        try (Mosaic m = Mosaic.builder().add(Tile.open(camA)).add(Tile.open(camB)).fps(Rational.of(50))
                .notices(notices::add).build();
             SequenceReader ra = Formats.open(camA); SequenceReader rb = Formats.open(camB)) {
            assertTrue(m.absolute(), "both state timestamps and overlap: " + notices);
            assertEquals(t0, m.timestamp(0).get());
            // from A's first frame to B's end: 1.3 s + B's last frame + one period of B
            Duration periodB = rb.info().frameRate().map(f -> Times.atIndex(1, f))
                    .orElse(rb.time(59).get().dividedBy(59));
            Duration end = Duration.ofMillis(1300).plus(rb.time(59).get()).plus(periodB);
            assertEquals(Timeline.frames(end, Rational.of(50)), m.frameCount());
            assertTrue(m.frameCount() >= 124 && m.frameCount() <= 126, "frames " + m.frameCount());
            for (int k = 0; k < m.frameCount(); k++) {
                Instant at = m.timestamp(k).get();
                assertEquals(t0.plus(Times.atIndex(k, Rational.of(50))), at);
                for (int cell = 0; cell < 2; cell++) {
                    SequenceReader r = cell == 0 ? ra : rb;
                    Duration local = Duration.between(r.timestamp(0).get(), at);
                    int want = expectedIndex(r, local, false);
                    // the frame shown is the last acquired at or before the output frame's instant
                    if (want >= 0) {
                        assertFalse(r.timestamp(want).get().isAfter(at.plus(slack(r))));
                        assertTrue(want == r.frameCount() - 1 || r.timestamp(want + 1).get().isAfter(at.plus(slack(r))));
                    }
                    assertEquals(want, m.sourceIndex(cell, k), "cell " + cell + " at " + at);
                }
            }
            // B has not started 1 s in (background), and shows its frame 5 at 1.4 s (+ 11 us jitter is before 1.4)
            assertEquals(-1, m.sourceIndex(1, 50));
            assertEquals(5, m.sourceIndex(1, 70));
            Frame f = m.read(70);
            assertEquals(105, f.sample(m.contentBounds(1)[0] + 3, m.contentBounds(1)[1] + 3, 0), 0);
            assertEquals(140, f.sample(m.contentBounds(0)[0] + 3, m.contentBounds(0)[1] + 3, 0), 0);
        }
        // the same two files from their first frames: B starts with A
        try (Mosaic m = Mosaic.builder().add(Tile.open(camA)).add(Tile.open(camB)).fps(Rational.of(50))
                .sync(Mosaic.Sync.START).build()) {
            assertFalse(m.absolute());
            assertEquals(0, m.sourceIndex(1, 0));
            assertTrue(m.timestamp(0).isEmpty());
        }
    }

    @Test
    void realNorpixTimestampsAgainstASliceOfItself() throws IOException {
        Path seq = SharedData.file("seq/pims_sample_norpix6.seq");
        try (SequenceReader r = Formats.open(seq);
             Mosaic m = Mosaic.builder().add(Formats.open(seq)).add(Formats.open(seq).slice(2, 6, 1))
                     .fps(Rational.of(1000)).build()) {
            assertTrue(m.absolute());
            for (int k = 0; k < m.frameCount(); k++) {
                Instant at = m.timestamp(k).get();
                int whole = -1;
                for (int i = 0; i < r.frameCount(); i++) {
                    if (!r.timestamp(i).get().isAfter(at.plus(slack(r)))) {
                        whole = i;
                    }
                }
                int expectSlice = whole < 2 ? -1 : whole - 2; // the slice starts at frame 2's timestamp
                Duration wholeEnd = r.time(5).get().plus(Times.atIndex(1, r.info().frameRate().get()));
                if (Duration.between(r.timestamp(0).get(), at).compareTo(wholeEnd) >= 0) {
                    whole = -1;
                    expectSlice = -1;
                }
                assertEquals(whole, m.sourceIndex(0, k), "at " + at);
                assertEquals(expectSlice, m.sourceIndex(1, k), "slice at " + at);
            }
        }
    }

    @Test
    void sixteenBitCellsUseOneRangePerSource() throws IOException {
        try (SequenceReader direct = synthetic("50x40:gray16:30:10");
             Mosaic m = Mosaic.builder().add(synthetic("50x40:gray16:30:10")).add(synthetic("100x80:rgb24:30:10"))
                     .build()) {
            double[] range = DisplayRange.auto().bind(direct).limits(direct.read(0));
            assertEquals(200, m.spec().width());
            int[] box = m.contentBounds(0);
            assertArrayEquals(new int[] {0, 0, 100, 80}, box);
            for (int k : new int[] {0, 17, 29}) {
                Frame src = direct.read(k);
                short[] resized = new short[100 * 80];
                new Resampler(50, 40, 100, 80).resize16(Frames.toShorts(src), 1, 1, resized);
                byte[] want = new byte[100 * 80 * 3];
                for (int p = 0; p < resized.length; p++) {
                    int v = Frames.saturate(((resized[p] & 0xFFFF) - range[0]) * 255.0 / (range[1] - range[0]), 255);
                    want[3 * p] = want[3 * p + 1] = want[3 * p + 2] = (byte) v;
                }
                assertArrayEquals(want, region(m.read(k), box), "frame " + k);
            }
        }
    }

    @Test
    void heldLastFrameAndBackgroundAfterTheEnd() throws IOException {
        try (Mosaic m = Mosaic.builder().add(synthetic("16x16:gray8:50:10"))
                .add(Tile.of(synthetic("16x16:gray8:10:10")).withOutside(Tile.Outside.HOLD))
                .add(synthetic("16x16:gray8:10:10")).background(new Color(10, 20, 30)).build()) {
            assertEquals(50, m.frameCount());
            assertEquals(9, m.sourceIndex(1, 9));
            assertEquals(9, m.sourceIndex(1, 49), "held");
            assertEquals(-1, m.sourceIndex(2, 10), "ended: background");
            Frame f = m.read(30);
            assertTrue(allEqual(region(f, m.contentBounds(2)), new Color(10, 20, 30)));
            assertEquals(9, f.sample(m.contentBounds(1)[0], m.contentBounds(1)[1], 0), 0); // index 9 in pixel 0
        }
    }

    @Test
    void geometryWithTitlesPaddingBorderAndMaximumSize() throws IOException {
        try (Mosaic m = Mosaic.builder().add(Tile.of(synthetic("400x300:gray8:5:10")).withTitle("left"))
                .add(Tile.of(synthetic("301x500:gray8:5:10")).withTitle("right")).padding(5).border(2, Color.RED)
                .layout(Layout.row()).build()) {
            int band = Mosaic.Geometry.band(500);
            // cells: the largest source (301x500 by area) plus a band and borders, padding around
            assertEquals(5 + 2 * (301 + 4) + 5 + 5 + 1, m.spec().width()); // odd 626 made even
            assertEquals(5 + 500 + band + 4 + 5, m.spec().height());
            int[] left = m.contentBounds(0);
            assertEquals(301, left[2]); // 400x300 letterboxed into 301x500: 301x226
            assertEquals(226, left[3]);
            Frame f = m.read(0);
            assertEquals(255, f.sample(5, 5, 0), 0); // the border
            assertEquals(0, f.sample(5, 5, 1), 0);
        }
        try (Mosaic m = Mosaic.builder().add(synthetic("1920x1080:gray8:3:10")).add(synthetic("1920x1080:gray8:3:10"))
                .add(synthetic("1920x1080:gray8:3:10")).maxSize(1280, 720).build()) {
            assertTrue(m.spec().width() <= 1280 && m.spec().height() <= 720, m.spec().toString());
            assertEquals(0, m.spec().width() % 2);
            assertEquals(0, m.spec().height() % 2);
        }
        try (Mosaic m = Mosaic.builder().add(synthetic("40x10:gray8:3:10")).cellSize(20, 20).fit(Mosaic.Fit.STRETCH)
                .build()) {
            assertArrayEquals(new int[] {0, 0, 20, 20}, m.contentBounds(0));
        }
        assertThrows(IllegalArgumentException.class, () -> Mosaic.builder().add(synthetic("4x4:gray8:3:10"))
                .add(synthetic("4x4:gray8:3:10")).add(synthetic("4x4:gray8:3:10")).layout(Layout.grid(1, 2)).build());
    }

    @Test
    void aMosaicIsACellOfAnother() throws IOException {
        Mosaic inner = Mosaic.builder().add(synthetic("32x24:gray8:20:10")).add(synthetic("32x24:rgb24:20:10"))
                .build();
        try (Mosaic outer = Mosaic.builder().add(inner).add(synthetic("64x24:gray8:20:10")).layout(Layout.column())
                .build()) {
            Frame f = outer.read(7);
            assertArrayEquals(region(inner.read(7), new int[] {0, 0, 64, 24}), region(f, outer.contentBounds(0)));
        }
    }

    @Test
    void sequentialReadingReadsEverySourceFrameOnceInOrder() throws IOException {
        CountingReader slow = new CountingReader(synthetic("16x16:gray8:40:10"));
        try (Mosaic m = Mosaic.builder().add(synthetic("16x16:gray8:100:25")).add(slow).build()) {
            Frame f = null;
            for (int k = 0; k < m.frameCount(); k++) {
                f = m.read(k, f);
            }
            // the 10 fps source is shown 2-3 output frames each: decoded once per frame, in order
            assertEquals(40, slow.reads.size());
            for (int i = 0; i < 40; i++) {
                assertEquals(i, slow.reads.get(i));
            }
        }
    }
}
