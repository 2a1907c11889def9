package org.easimage.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.pipeline.Conversion;
import org.easimage.testing.ReaderContract;
import org.easimage.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Frame times and the absolute start survive every writer that can store them, each time within its container's
 * resolution, and nothing is invented where the source states no date (issue 17 item 11).
 */
class FrameTimesRoundTripTest {

    @TempDir
    Path dir;

    /**
     * A writer that stores per-frame times, and how exactly.
     *
     * @param resolution the container's time unit; a time read back is within half of it of the one written
     * @param startUnit  the unit the absolute start is kept to ({@code ZERO}: exactly; {@code null}: not kept)
     */
    record Container(String file, String format, Duration resolution, Duration startUnit) {
        @Override
        public String toString() {
            return file;
        }
    }

    private static final Duration EXACT = Duration.ZERO;
    private static final Duration MICROSECOND = Duration.ofNanos(1000);

    static List<Container> containers() {
        return List.of(
                // Norpix per-frame stamps: microseconds since 1970
                new Container("t.seq", null, MICROSECOND, MICROSECOND),
                // Matroska/WebM block timestamps are milliseconds; the start is the acquisition_start tag
                new Container("t.mkv", null, Duration.ofMillis(1), EXACT),
                new Container("t.webm", null, Duration.ofMillis(1), EXACT),
                // MP4/MOV: time base 1/lcm(rate numerator, 10^6): every microsecond and every i/rate exact
                new Container("t.mp4", null, MICROSECOND, EXACT),
                new Container("t.mov", null, MICROSECOND, EXACT),
                // TIFF: decimal seconds to the nanosecond in page 0's JSON description
                new Container("t.tif", null, EXACT, EXACT),
                // GIF: centisecond delays, no absolute time at all
                new Container("t.gif", null, Duration.ofMillis(10), null));
    }

    /** A sequence to write: frames with times, maybe timestamps, and its nominal frame rate. */
    record Source(String name, List<Frame> frames, Rational rate) {
        Optional<Instant> start() {
            return frames.get(0).timestamp();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final FrameSpec SPEC = FrameSpec.of(32, 18, PixelType.GRAY8);

    private static List<Frame> frames(List<Duration> times, Instant start) {
        List<Frame> out = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            Frame f = Frames.allocate(SPEC, i).withTime(times.get(i))
                    .withTimestamp(start == null ? null : start.plus(times.get(i)));
            for (int p = 0; p < SPEC.frameBytes(); p++) {
                f.buffer().put(p, (byte) (p * 7 + i * 40));
            }
            out.add(f);
        }
        return out;
    }

    /** 30 fps nominal, each frame up to 3 ms early or late, to the microsecond. */
    static List<Duration> jitteredTimes(int n) {
        Random rnd = new Random(11);
        List<Duration> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long us = i == 0 ? 0 : Times.toTicks(Times.atIndex(i, Rational.of(30)), Times.MICROSECOND)
                    + rnd.nextInt(6001) - 3000;
            t.add(Duration.ofNanos(us * 1000));
        }
        return t;
    }

    static List<Source> sources() throws IOException {
        List<Source> s = new ArrayList<>();
        s.add(new Source("microsecond jitter", frames(jitteredTimes(40),
                Instant.parse("2024-03-01T12:00:00.123456Z")), Rational.of(30)));
        List<Duration> ntsc = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ntsc.add(Times.atIndex(i, Rational.of(30000, 1001)));
        }
        s.add(new Source("30000/1001 CFR", frames(ntsc, Instant.parse("2025-11-30T23:59:59.999999Z")),
                Rational.of(30000, 1001)));
        s.add(new Source("jitter without a date", frames(jitteredTimes(25), null), Rational.of(30)));
        return s;
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (Container c : containers()) {
            for (Source s : sources()) {
                out.add(Arguments.of(c, s));
            }
        }
        return out.stream();
    }

    private Path write(Container c, Source s, List<String> warnings) throws IOException {
        Path p = dir.resolve(c.file());
        WriteOptions o = WriteOptions.defaults().withFrameRate(s.rate()).withWarnings(warnings::add)
                .withFormat(c.format());
        try (SequenceWriter w = Formats.create(p, o)) {
            w.writeAll(s.frames());
            w.finish();
        }
        return p;
    }

    @ParameterizedTest(name = "{1} through {0}")
    @MethodSource("cases")
    void timesAndStartSurviveWithinTheContainersResolution(Container c, Source s) throws Exception {
        List<String> warnings = new ArrayList<>();
        Path p = write(c, s, warnings);
        assertEquals(List.of(), warnings, "these times fit the container: no warning");
        try (SequenceReader r = Formats.open(p, ReadOptions.defaults().withWarnings(w -> { }))) {
            assertEquals(s.frames().size(), r.frameCount());
            check(r, s, c.resolution(), c.startUnit());
            ReaderContract.check(r);
        }
    }

    /** Every time within half a unit; the start kept to its unit, or no timestamp at all. */
    private static void check(SequenceReader r, Source s, Duration resolution, Duration startUnit)
            throws IOException {
        Duration half = resolution.dividedBy(2);
        for (int i = 0; i < r.frameCount(); i++) {
            Duration want = s.frames().get(i).time().orElseThrow();
            Duration got = r.time(i).orElseThrow(() -> new AssertionError("no time read back"));
            assertTrue(got.minus(want).abs().compareTo(half) <= 0, s + " frame " + i + ": wrote " + want + ", read "
                    + got + " (resolution " + resolution + ")");
            if (s.start().isEmpty() || startUnit == null) {
                assertEquals(Optional.empty(), r.timestamp(i), "no date stated or kept: none invented");
            } else {
                Instant start = r.timestamp(0).orElseThrow();
                assertTrue(Duration.between(s.start().get(), start).abs().compareTo(startUnit.dividedBy(2)) <= 0,
                        "start " + s.start().get() + " read back as " + start);
                assertEquals(Optional.of(start.plus(got)), r.timestamp(i), "timestamp = start + time");
            }
        }
    }

    @Test
    void hirisKeepsARegularRateAndTheStartAndWarnsThatIrregularTimesAreLost() throws Exception {
        Container hiris = new Container("t.seq", "hiris-seq", null, MICROSECOND);
        for (Source s : sources()) {
            List<String> warnings = new ArrayList<>();
            Path p = write(hiris, s, warnings);
            boolean regular = s.name().contains("CFR");
            assertEquals(regular ? 0 : 1, warnings.size(), s + ": " + warnings);
            String ini = Files.readString(p);
            assertEquals(s.start().isPresent(), ini.contains("Start Time="), "no start, no Start Time line: " + ini);
            try (SequenceReader r = Formats.open(p, ReadOptions.defaults().withFormat("hiris-seq"))) {
                if (regular) {
                    check(r, s, EXACT, MICROSECOND);
                } else {
                    assertTrue(warnings.get(0).contains("HIRIS stores a start time and a frame rate only"));
                    for (int i = 0; i < r.frameCount(); i++) {
                        Duration t = Times.atIndex(i, s.rate());
                        assertEquals(Optional.of(t), r.time(i));
                        assertEquals(s.start().map(start -> start.plus(t)), r.timestamp(i));
                    }
                }
            }
            Files.delete(p);
            Files.delete(dir.resolve("t.bin"));
        }
    }

    @Test
    void aviStoresTimesAtTheNominalRateKeepsTheStartAndNeverReports1970() throws Exception {
        Container avi = new Container("t.avi", null, null, EXACT);
        for (Source s : sources()) {
            List<String> warnings = new ArrayList<>();
            Path p = write(avi, s, warnings);
            boolean regular = s.name().contains("CFR");
            assertEquals(regular ? 0 : 1, warnings.size(), s + ": " + warnings);
            try (SequenceReader r = Formats.open(p)) {
                Duration period = Times.atIndex(1, s.rate());
                if (regular) {
                    check(r, s, EXACT, EXACT);
                } else {
                    assertTrue(warnings.get(0).contains("multiples of 1/30 s"), warnings.get(0));
                    for (int i = 0; i < r.frameCount(); i++) { // rounded to the 1/30 s grid
                        Duration d = r.time(i).orElseThrow().minus(s.frames().get(i).time().orElseThrow());
                        assertTrue(d.abs().compareTo(period.dividedBy(2)) <= 0, "frame " + i + " moved " + d);
                    }
                    assertEquals(s.start(), r.timestamp(0), "the start is kept in the ICRD date");
                }
            }
            Files.delete(p);
        }
    }

    @Test
    void theNorpixSamplesRealTimesSurviveEveryContainerNotItsNominalTenFps() throws Exception {
        Path sample = SharedData.file("seq/pims_sample_norpix6.seq");
        List<Frame> frames = new ArrayList<>();
        Rational rate;
        try (SequenceReader r = Formats.open(sample)) {
            rate = r.info().frameRate().orElseThrow();
            for (Frame f : r) {
                frames.add(f);
            }
        }
        assertEquals(Rational.of(10), rate, "the header says 10 fps");
        assertEquals(Duration.ofNanos(32_797_000), frames.get(1).time().orElseThrow(), "the stamps say ~30 fps");
        Source s = new Source("the Norpix sample", frames, rate);
        for (Container c : containers()) {
            List<String> warnings = new ArrayList<>();
            Path p = write(c, s, warnings);
            assertEquals(List.of(), warnings, c + " keeps them");
            try (SequenceReader r = Formats.open(p)) {
                check(r, s, c.resolution(), c.startUnit());
            }
            Files.delete(p);
        }
    }

    @Test
    void conversionOfTheNorpixSampleToVideoKeepsItsThirtyMillisecondIntervals() throws Exception {
        // the reported defect: a 33 ms .seq whose header says 10 fps came out of mkv/mp4/webm 100 ms apart
        Path sample = SharedData.file("seq/pims_sample_norpix6.seq");
        for (String ext : new String[] {"mkv", "mp4", "webm"}) {
            Path out = dir.resolve("conv." + ext);
            Conversion.builder(sample, out).writeOptions(WriteOptions.defaults().withWarnings(w -> { }))
                    .build().run();
            try (SequenceReader r = Formats.open(out)) {
                Duration t1 = r.time(1).orElseThrow();
                Duration t5 = r.time(5).orElseThrow();
                Duration tol = ext.equals("mp4") ? Duration.ZERO : Duration.ofNanos(500_000);
                assertTrue(t1.minus(Duration.ofNanos(32_797_000)).abs().compareTo(tol) <= 0, ext + ": " + t1);
                assertTrue(t5.minus(Duration.ofNanos(168_943_000)).abs().compareTo(tol) <= 0, ext + ": " + t5);
                assertEquals(Optional.of(Instant.parse("2015-07-01T18:41:15.775430Z")), r.timestamp(0),
                        ext + " keeps the start below the second");
            }
        }
    }

    @Test
    void mp4KeepsTheStartBelowTheSecond() throws Exception {
        // the reported defect: MP4's creation_time holds whole seconds, so 18:41:15.775430 became 18:41:15
        Source s = sources().get(0);
        Path p = write(new Container("start.mp4", null, null, null), s, new ArrayList<>());
        try (SequenceReader r = Formats.open(p)) {
            assertEquals(Optional.of(Instant.parse("2024-03-01T12:00:00.123456Z")), r.timestamp(0));
            assertEquals("2024-03-01T12:00:00.123456Z (tag acquisition_start)",
                    r.info().metadata().asMap().get("startTime"));
        }
    }

    @Test
    void videosThatStateNoStartHaveTimesButNoTimestamps() throws Exception {
        // the reported defect: videos without a creation time showed 1970 dates as if real
        try (SequenceReader r = Formats.open(SharedData.file("video/cockatoo.mp4"))) {
            assertEquals(Optional.empty(), r.timestamp(0));
            assertEquals(Optional.empty(), r.read(5).timestamp());
            assertEquals(Optional.of(Duration.ofMillis(250)), r.time(5), "20 fps");
            assertTrue(r.info().metadata().asMap().get("startTime").toString().startsWith("none"));
        }
        try (SequenceReader r = Formats.open(SharedData.file("video/dynamix_sample.avi"))) {
            assertEquals(Optional.empty(), r.timestamp(149));
            assertEquals(Optional.of(Times.atIndex(149, Rational.of(30))), r.time(149));
        }
        try (SequenceReader r = Formats.open(SharedData.file("video/pims_bulk-water.mov"))) {
            Instant created = Instant.parse("2012-12-10T05:00:00Z");
            assertEquals(Optional.of(created), r.timestamp(0), "a real creation_time is the start");
            assertEquals(Optional.of(created.plus(Times.atIndex(479, Rational.of(24000, 1001)))), r.timestamp(479));
        }
    }

    @Test
    void gifDelaysAreTheFramesTimes() throws Exception {
        // the reported defect: GIF frame delays were not read as times
        try (SequenceReader r = Formats.open(SharedData.file("gif/newtonscradle.gif"))) {
            @SuppressWarnings("unchecked")
            List<Integer> delaysMs = (List<Integer>) r.info().metadata().asMap().get("frameDelaysMs");
            long sum = 0;
            for (int i = 0; i < r.frameCount(); i++) {
                assertEquals(Optional.of(Duration.ofMillis(sum)), r.time(i), "frame " + i);
                assertEquals(Optional.empty(), r.timestamp(i));
                sum += delaysMs.get(i);
            }
            assertEquals(r.frameCount() - 1, r.indexAt(Duration.ofMillis(sum)));
            assertEquals(1, r.indexAt(Duration.ofMillis(delaysMs.get(0))));
            ReaderContract.check(r);
        }
    }
}
