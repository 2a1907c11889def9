package org.easimage.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.easimage.frame.Frame;
import org.easimage.io.CorruptInputException;
import org.easimage.io.Formats;
import org.easimage.io.Rational;
import org.easimage.io.SequenceReader;
import org.easimage.io.Times;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Traces and plots as frames: where the cursor is, what the CSV reader accepts and refuses. */
class TraceTest {

    @TempDir
    Path tmp;

    private static Trace sine(Duration window) {
        int n = 5001;
        double[] t = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i / 500.0; // 10 s at 500 Hz
            v[i] = Math.sin(t[i]);
        }
        return Trace.builder().series("signal", t, v).window(window).build();
    }

    /**
     * The x of the cursor's red line on a row near the bottom of {@code area} (offset by ox, oy), or -1: away from
     * the dots on the series (values keep a 5 % margin) and the time label at the top.
     */
    private static double cursorX(Frame f, Rectangle2D area, int ox, int oy) {
        int y = oy + (int) area.getMaxY() - 3;
        int sum = 0;
        int count = 0;
        for (int x = ox + (int) area.getMinX(); x <= ox + (int) area.getMaxX(); x++) {
            if (f.sample(x, y, 0) == Trace.CURSOR.getRed() && f.sample(x, y, 1) == Trace.CURSOR.getGreen()
                    && f.sample(x, y, 2) == Trace.CURSOR.getBlue()) {
                sum += x;
                count++;
            }
        }
        return count == 0 ? -1 : (double) sum / count + 0.5; // pixel centres: the 2-px line straddles x
    }

    @Test
    void movingCursorSitsAtTheTimeOnTheAxis() {
        Trace trace = sine(null);
        for (double s : new double[] {0.0, 1.25, 3.7, 9.99}) {
            Duration t = Times.ofSeconds(java.math.BigDecimal.valueOf(s));
            Frame f = Plots.toFrame(trace, 800, 450, t);
            Rectangle2D area = trace.dataArea(800, 450, t);
            double expected = area.getX() + (s - 0) / (10 - 0) * area.getWidth();
            assertEquals(expected, cursorX(f, area, 0, 0), 1.0, "cursor at " + s + " s");
        }
    }

    @Test
    void slidingWindowKeepsTheCursorInPlace() {
        Trace trace = sine(Duration.ofSeconds(4));
        for (double s : new double[] {2.0, 5.5, 8.0}) {
            Duration t = Times.ofSeconds(java.math.BigDecimal.valueOf(s));
            Frame f = Plots.toFrame(trace, 640, 360, t);
            Rectangle2D area = trace.dataArea(640, 360, t);
            assertEquals(area.getCenterX(), cursorX(f, area, 0, 0), 1.0, "window around " + s + " s");
            assertEquals(s - 2, trace.domain(s)[0], 1e-9);
        }
    }

    @Test
    void traceCellCursorFollowsTheMosaicsTime() throws IOException {
        Trace trace = sine(null);
        try (Mosaic m = Mosaic.builder().add(Formats.open(Path.of("synthetic:320x240:gray8:100:10")))
                .add(Tile.of(trace).withOffset(Duration.ofMillis(1500))).layout(Layout.row()).build()) {
            assertEquals(115, m.frameCount(), "the trace ends at 1.5 + 10 s");
            int[] box = m.contentBounds(1);
            assertEquals(320, box[2]);
            for (int k : new int[] {20, 37, 60, 99}) {
                Duration local = m.cellTime(1, k);
                assertEquals(Times.atIndex(k, Rational.of(10)).minus(Duration.ofMillis(1500)), local);
                Frame f = m.read(k);
                Rectangle2D area = trace.dataArea(box[2], box[3], local);
                double s = local.toNanos() / 1e9;
                assertEquals(box[0] + area.getX() + s / 10 * area.getWidth(), cursorX(f, area, box[0], box[1]), 1.0,
                        "output frame " + k);
            }
            // before its start the trace's cell is the background
            Frame f = m.read(5);
            assertEquals(-1, cursorX(f, trace.dataArea(box[2], box[3], Duration.ZERO), box[0], box[1]));
            assertEquals(0, f.sample(box[0] + 10, box[1] + 10, 0), 0);
        }
    }

    @Test
    void csvColumnsByNameWithSecondsOrIsoTimes() throws IOException {
        Path csv = tmp.resolve("sensors.csv");
        Files.writeString(csv, "# rig 3\nframe;time;force;temp\n0;0.0;1.5;20\n1;0.5;;21\n2;1.0;2.5;NaN\n");
        Trace t = Trace.csv(csv, List.of("force", "temp")).build();
        assertEquals(2, t.series().size());
        assertEquals(1.0, t.series().get(0).times()[2]);
        assertTrue(Double.isNaN(t.series().get(0).values()[1]), "an empty field is a gap");
        assertEquals(Duration.ofSeconds(1), t.duration().get());
        assertTrue(t.start().isEmpty());

        Path iso = tmp.resolve("iso.csv");
        Files.writeString(iso, "timestamp,v\n2024-05-01T10:00:00.000Z,1\n2024-05-01T10:00:00.250Z,2\n");
        Trace ti = Trace.csv(iso, List.of("v")).build();
        assertEquals(Instant.parse("2024-05-01T10:00:00Z"), ti.start().get());
        assertEquals(0.25, ti.series().get(0).times()[1], 1e-12);

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Trace.csv(csv, List.of("forse")));
        assertTrue(missing.getMessage().contains("frame, time, force, temp"), missing.getMessage());
        Path back = tmp.resolve("back.csv");
        Files.writeString(back, "t,v\n0,1\n2,2\n1,3\n");
        CorruptInputException e = assertThrows(CorruptInputException.class, () -> Trace.csv(back, List.of("v")));
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());
        Path text = tmp.resolve("text.csv");
        Files.writeString(text, "t,v\n0,abc\n");
        assertThrows(CorruptInputException.class, () -> Trace.csv(text, List.of("v")));
    }

    @Test
    void anIsoTraceSyncsWithATimestampedRecording() throws IOException {
        Path csv = tmp.resolve("late.csv");
        StringBuilder s = new StringBuilder("timestamp,v\n");
        for (int i = 0; i <= 20; i++) {
            s.append(Instant.parse("2024-05-01T10:00:02Z").plusMillis(100L * i)).append(',').append(i).append('\n');
        }
        Files.writeString(csv, s);
        Path seq = tmp.resolve("cam.seq");
        try (var w = Formats.create(seq)) {
            for (int i = 0; i < 50; i++) {
                Frame f = org.easimage.frame.Frames.allocate(org.easimage.frame.FrameSpec.of(8, 8,
                        org.easimage.frame.PixelType.GRAY8), i);
                Duration d = Duration.ofMillis(100L * i);
                w.write(f.withTime(d).withTimestamp(Instant.parse("2024-05-01T10:00:00Z").plus(d)));
            }
            w.finish();
        }
        try (Mosaic m = Mosaic.builder().add(Tile.open(seq)).add(Trace.csv(csv, List.of("v")).build())
                .fps(Rational.of(10)).build()) {
            assertTrue(m.absolute());
            assertEquals(Duration.ofMillis(-2000), m.cellTime(1, 0), "the trace starts 2 s after the camera");
            assertEquals(Duration.ofMillis(500), m.cellTime(1, 25));
        }
    }

    @Test
    void aUsersOwnChartBecomesAFrameAndASequence() throws IOException {
        XYSeries xy = new XYSeries("mine");
        for (int i = 0; i < 50; i++) {
            xy.add(i, i * i);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("my chart", "x", "y", new XYSeriesCollection(xy));
        Frame f = Plots.toFrame(chart, 400, 300);
        assertEquals(400, f.width());
        assertEquals(org.easimage.frame.PixelType.RGB24, f.pixelType());
        int nonWhite = 0;
        for (int y = 0; y < 300; y += 3) {
            for (int x = 0; x < 400; x += 3) {
                if (f.sample(x, y, 0) < 200) {
                    nonWhite++;
                }
            }
        }
        assertTrue(nonWhite > 100, "something was drawn: " + nonWhite);
        try (SequenceReader r = Plots.sequence(sine(null), 160, 120, Rational.of(5), Duration.ofSeconds(2))) {
            assertEquals(10, r.frameCount());
            assertEquals(Duration.ofMillis(1800), r.time(9).get());
            assertEquals(160, r.read(3).width());
        }
    }
}
