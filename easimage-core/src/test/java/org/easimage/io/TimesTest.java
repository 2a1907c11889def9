package org.easimage.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.junit.jupiter.api.Test;

/** The shared time arithmetic, the reader's time API (indexAt, views) and the frame's two times. */
class TimesTest {

    private static final Rational NTSC = Rational.of(30000, 1001);

    @Test
    void ticksConvertExactlyAndRoundToTheNearestHalvesAwayFromZero() {
        assertEquals(Duration.ofSeconds(1001), Times.ofTicks(30000 * 1001L, Rational.of(1, 30000)));
        assertEquals(Duration.ofNanos(33_366_667), Times.ofTicks(1001, Rational.of(1, 30000))); // 33366666.67 ns
        assertEquals(Duration.ofNanos(-33_366_667), Times.ofTicks(-1001, Rational.of(1, 30000)));
        assertEquals(Duration.ofNanos(1), Times.ofTicks(1, Rational.of(1, 2_000_000_000))); // 0.5 ns rounds up
        assertEquals(Duration.ofNanos(-1), Times.ofTicks(-1, Rational.of(1, 2_000_000_000)));
        assertEquals(3, Times.toTicks(Duration.ofMillis(25), Rational.of(1, 100))); // 2.5 cs -> 3
        assertEquals(2, Times.toTicks(Duration.ofNanos(24_999_999), Rational.of(1, 100)));
        assertEquals(-3, Times.toTicks(Duration.ofMillis(-25), Rational.of(1, 100)));
        assertEquals(100100L, Times.toTicks(Times.atIndex(1, NTSC), Rational.of(1, 3_000_000)));
        // ten years of ticks of a fine time base, no overflow in between
        Duration decade = Duration.ofDays(3653);
        assertEquals(decade, Times.ofTicks(Times.toTicks(decade, Rational.of(1, 3_000_000)), Rational.of(1, 3_000_000)));
    }

    /** The conversions done in BigInteger throughout: what the long arithmetic of {@link Times} must equal. */
    private static BigInteger roundedQuotient(BigInteger num, BigInteger den) {
        BigInteger[] qr = num.abs().divideAndRemainder(den);
        BigInteger q = qr[1].shiftLeft(1).compareTo(den) >= 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        return num.signum() < 0 ? q.negate() : q;
    }

    @Test
    void longArithmeticGivesTheExactResultAndOverflowTakesTheExactPath() {
        BigInteger billion = BigInteger.valueOf(1_000_000_000L);
        java.util.Random random = new java.util.Random(14);
        long[] edges = {0, 1, -1, 2, 3, 1001, 30000, 90_000, 1_000_000, 9_223_372_036L, 9_223_372_037L,
            Integer.MAX_VALUE, 1L << 40, Long.MAX_VALUE / 1_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE + 1,
            Long.MIN_VALUE};
        List<Rational> units = new java.util.ArrayList<>(List.of(Rational.of(1, 30000), Rational.of(1001, 30000),
                Rational.of(1, 90_000), Rational.of(1, 1_000_000), Rational.of(1, 2_000_000_000), Rational.of(7, 3),
                Rational.of(Long.MAX_VALUE, 3), Rational.of(1, Long.MAX_VALUE), Rational.of(3, 2)));
        for (int i = 0; i < 200; i++) {
            units.add(Rational.of(1 + random.nextInt(1 << 20), 1 + random.nextInt(Integer.MAX_VALUE)));
            units.add(Rational.of(1 + (random.nextLong() >>> (1 + random.nextInt(62))),
                    1 + (random.nextLong() >>> (1 + random.nextInt(62)))));
        }
        List<Long> ticks = new java.util.ArrayList<>();
        for (long e : edges) {
            ticks.add(e);
            ticks.add(-e);
        }
        for (int i = 0; i < 400; i++) {
            ticks.add(random.nextLong() >> random.nextInt(64));
        }
        for (Rational u : units) {
            BigInteger num = BigInteger.valueOf(u.numerator());
            BigInteger den = BigInteger.valueOf(u.denominator());
            for (long t : ticks) {
                BigInteger nanos = roundedQuotient(BigInteger.valueOf(t).multiply(num).multiply(billion), den);
                Duration expected;
                try {
                    BigInteger[] sn = nanos.divideAndRemainder(billion);
                    expected = Duration.ofSeconds(sn[0].longValueExact(), sn[1].longValueExact());
                } catch (ArithmeticException tooLong) {
                    assertThrows(ArithmeticException.class, () -> Times.ofTicks(t, u), t + " x " + u);
                    continue;
                }
                assertEquals(expected, Times.ofTicks(t, u), t + " x " + u);
                Duration d = Duration.ofSeconds(t / 1_000_000_000L, Math.floorMod(t, 1_000_000_000L));
                BigInteger dn = BigInteger.valueOf(d.getSeconds()).multiply(billion).add(BigInteger.valueOf(d.getNano()));
                BigInteger tk = roundedQuotient(dn.multiply(den), num.multiply(billion));
                if (tk.bitLength() < 64) {
                    assertEquals(tk.longValueExact(), Times.toTicks(d, u), d + " / " + u);
                } else {
                    assertThrows(ArithmeticException.class, () -> Times.toTicks(d, u), d + " / " + u);
                }
            }
        }
        for (long a : edges) {
            for (long b : edges) {
                if (b == 0 || a == Long.MIN_VALUE || b == Long.MIN_VALUE) {
                    continue;
                }
                Rational r = Rational.of(a, b);
                BigInteger n = BigInteger.valueOf(r.numerator());
                BigInteger d = BigInteger.valueOf(r.denominator());
                assertEquals(BigInteger.ONE, n.gcd(d), a + "/" + b + " is reduced");
                assertEquals(1, d.signum(), a + "/" + b);
                assertEquals(BigInteger.valueOf(a).multiply(d), n.multiply(BigInteger.valueOf(b)), a + "/" + b);
            }
        }
    }

    @Test
    void frameIndexTimesNeverAccumulateError() {
        // 29.97 fps: frame 30000 is at exactly 1001 s, frame 1 at 33.3667 ms (a double sum drifts instead)
        assertEquals(Duration.ofSeconds(1001), Times.atIndex(30000, NTSC));
        assertEquals(Duration.ofSeconds(1001 * 3600L), Times.atIndex(30000L * 3600, NTSC));
        assertEquals(Duration.ofNanos(33_366_667), Times.atIndex(1, NTSC));
        assertEquals(Duration.ofMillis(100), Times.atIndex(1, Rational.of(10)));
        assertEquals(Duration.ZERO, Times.atIndex(0, NTSC));
    }

    @Test
    void decimalSecondsAreExact() {
        assertEquals("0.032797", Times.seconds(Duration.ofNanos(32_797_000)).toPlainString());
        assertEquals("12", Times.seconds(Duration.ofSeconds(12)).toPlainString());
        assertEquals("0", Times.seconds(Duration.ZERO).toPlainString());
        assertEquals("-0.5", Times.seconds(Duration.ofMillis(-500)).toPlainString());
        assertEquals("0.000000001", Times.seconds(Duration.ofNanos(1)).toPlainString());
        for (long ns : new long[] {0, 1, 999_999_999, 33_366_667, -7, 86_400_000_000_123L}) {
            assertEquals(Duration.ofNanos(ns), Times.ofSeconds(Times.seconds(Duration.ofNanos(ns))));
        }
        assertEquals(Duration.ofNanos(2), Times.ofSeconds(new BigDecimal("0.0000000015")));
    }

    @Test
    void frameKeepsTimeAndTimestampApartAndTransformsCarryBoth() {
        Instant ts = Instant.parse("2015-07-01T18:41:15.808227Z");
        Frame f = Frames.allocate(FrameSpec.of(3, 2, PixelType.GRAY8), 1).withTime(Duration.ofNanos(32_797_000))
                .withTimestamp(ts);
        assertEquals(Optional.of(Duration.ofNanos(32_797_000)), f.time());
        assertEquals(Optional.of(ts), f.timestamp());
        assertEquals(Optional.empty(), f.withTime(null).time());
        assertEquals(Optional.of(ts), f.withTime(null).timestamp());
        Frame out = Frames.allocate(FrameSpec.of(5, 5, PixelType.RGB24)).withPositionOf(f);
        assertEquals(1, out.index());
        assertEquals(f.time(), out.time());
        assertEquals(f.timestamp(), out.timestamp());
        assertEquals(f.time(), f.copy().time());
        assertEquals(f.time(), f.withSpec(FrameSpec.of(2, 3, PixelType.GRAY8)).time());
        assertEquals(Optional.empty(), Frames.allocate(f.spec()).time(), "factories make frames without times");
    }

    /** A reader over given times (no pixels worth decoding), counting decodes. */
    private static final class Timed implements SequenceReader {
        final List<Duration> times;
        int decodes;

        Timed(List<Duration> times) {
            this.times = times;
        }

        @Override
        public SequenceInfo info() {
            return new SequenceInfo("timed", times.size(), FrameSpec.of(2, 2, PixelType.GRAY8), Optional.empty(),
                    java.util.Map::of);
        }

        @Override
        public Frame read(int index) {
            decodes++;
            return Frames.allocate(spec(), index).withTime(times.get(index));
        }

        @Override
        public Optional<Duration> time(int index) {
            return Optional.ofNullable(times.get(index));
        }

        @Override
        public void close() {
        }
    }

    private static Duration ms(double v) {
        return Duration.ofNanos(Math.round(v * 1e6));
    }

    @Test
    void indexAtFindsTheFrameShownAtATimeWithoutDecoding() throws IOException {
        // the Norpix sample's real intervals: 0, 32.797, 65.798, 98.800, 135.389, 168.943 ms
        Timed r = new Timed(List.of(ms(0), ms(32.797), ms(65.798), ms(98.8), ms(135.389), ms(168.943)));
        assertEquals(-1, r.indexAt(ms(-0.001)));
        assertEquals(0, r.indexAt(Duration.ZERO));
        assertEquals(0, r.indexAt(ms(32.796)));
        assertEquals(1, r.indexAt(ms(32.797)));
        assertEquals(3, r.indexAt(ms(135.388)));
        assertEquals(4, r.indexAt(ms(135.389)));
        assertEquals(5, r.indexAt(ms(168.943)));
        assertEquals(5, r.indexAt(Duration.ofHours(1)));
        assertEquals(0, r.decodes, "times are read apart from pixels");
        for (int n = 1; n <= 9; n++) { // every size, equal times included: the last frame at or before t
            List<Duration> ts = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                ts.add(Duration.ofMillis(10L * (i / 2)));
            }
            Timed t = new Timed(ts);
            for (int i = 0; i < n; i++) {
                int last = Math.min(n - 1, (i / 2) * 2 + 1);
                assertEquals(last, t.indexAt(ts.get(i)), "n=" + n + " t=" + ts.get(i));
                assertEquals(last, t.indexAt(ts.get(i).plusMillis(9)), "n=" + n);
            }
        }
    }

    @Test
    void indexAtOnASequenceWithoutTimesSaysSo() {
        Timed none = new Timed(java.util.Arrays.asList(null, null, null));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> none.indexAt(Duration.ZERO));
        assertEquals(true, e.getMessage().contains("no time"), e.getMessage());
    }

    @Test
    void viewsForwardTheSourcesTimesAndTimestamps() throws IOException {
        try (SequenceReader r = Formats.open(Path.of("synthetic:8x6:gray8:20:30000/1001"))) {
            SequenceReader s = r.slice(5, 20, 3);
            assertEquals(Optional.of(Times.atIndex(8, NTSC)), s.time(1));
            assertEquals(s.time(1), s.read(1).time());
            assertEquals(Optional.empty(), s.timestamp(1), "synthetic frames have no acquisition time");
            SequenceReader m = s.map(org.easimage.transform.Transforms.brightness(1));
            assertEquals(Optional.of(Times.atIndex(11, NTSC)), m.time(2));
            assertEquals(m.time(2), m.read(2).time());
            assertEquals(2, s.indexAt(Times.atIndex(12, NTSC)), "slice times are the source's (frame 11 at index 2)");
            assertEquals(-1, s.indexAt(Times.atIndex(4, NTSC)));
            assertEquals(19, r.indexAt(Duration.ofSeconds(10)));
            assertEquals(3, r.indexAt(Times.atIndex(3, NTSC)));
            assertEquals(2, r.indexAt(Times.atIndex(3, NTSC).minusNanos(1)));
        }
    }
}
