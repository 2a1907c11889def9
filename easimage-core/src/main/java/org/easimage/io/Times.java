package org.easimage.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one definition of frame-time arithmetic, shared by every reader and writer: exact conversions between
 * {@link Duration}s and ticks of a rational unit (a video time base, a GIF centisecond, a Norpix microsecond),
 * frame index and frame rate, and decimal seconds. Everything is computed in exact integer arithmetic; the only
 * rounding is the last step, to the nearest nanosecond or tick, halves away from zero. Nothing accumulates: frame
 * i's time is computed from i, never by adding i periods.
 *
 * <p>Each conversion is done in {@code long} arithmetic when its products fit (every frame of a real recording),
 * and in {@link BigInteger} otherwise: the same result either way, without a per-frame allocation on the common
 * path.
 */
public final class Times {

    private static final long NANOS = 1_000_000_000L;
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(NANOS);

    /** One microsecond as a unit: Norpix stamps and the finest time most cameras state. */
    public static final Rational MICROSECOND = Rational.of(1, 1_000_000);

    /**
     * Instants before this (1980-01-01T00:00:00Z) are not acquisition dates: formats whose per-frame stamps must
     * hold something write relative times there (from 1970-01-01T00:00:00Z), and readers report those stamps as
     * {@link org.easimage.frame.Frame#time() times} without a timestamp. No digital camera recording predates it.
     */
    public static final Instant EARLIEST_TIMESTAMP = Instant.parse("1980-01-01T00:00:00Z");

    /**
     * How far a writer may move a frame's time (to its container's resolution or nominal rate) without a warning:
     * Matroska's 1 ms, the coarsest resolution among the formats that store per-frame times.
     */
    public static final Duration TOLERANCE = Duration.ofMillis(1);

    private Times() {
    }

    /** {@code ticks * unit} seconds, rounded to the nearest nanosecond. */
    public static Duration ofTicks(long ticks, Rational unit) {
        long product = exactProduct(exactProduct(ticks, unit.numerator()), NANOS);
        if (product != Long.MIN_VALUE) {
            return Duration.ofNanos(divideRounded(product, unit.denominator()));
        }
        BigInteger num = BigInteger.valueOf(ticks).multiply(BigInteger.valueOf(unit.numerator()))
                .multiply(NANOS_PER_SECOND);
        return ofNanos(divideRounded(num, BigInteger.valueOf(unit.denominator())));
    }

    /** {@code t / unit}, rounded to the nearest tick. */
    public static long toTicks(Duration t, Rational unit) {
        long nanos = exactProduct(t.getSeconds(), NANOS);
        long total = nanos + t.getNano();
        if (nanos != Long.MIN_VALUE && total >= nanos) { // t.getNano() >= 0, so only an overflow makes it smaller
            long num = exactProduct(total, unit.denominator());
            long den = exactProduct(unit.numerator(), NANOS);
            if (num != Long.MIN_VALUE && den != Long.MIN_VALUE && den > 0) {
                return divideRounded(num, den);
            }
        }
        BigInteger num = nanos(t).multiply(BigInteger.valueOf(unit.denominator()));
        BigInteger den = BigInteger.valueOf(unit.numerator()).multiply(NANOS_PER_SECOND);
        return divideRounded(num, den).longValueExact();
    }

    /** The time of frame {@code index} at a constant {@code rate}: {@code index / rate}, to the nanosecond. */
    public static Duration atIndex(long index, Rational rate) {
        return ofTicks(index, rate.inverse());
    }

    /** {@code t} as exact decimal seconds without trailing zeros ({@code 0.0328}, {@code 12}, {@code -0.5}). */
    public static BigDecimal seconds(Duration t) {
        BigDecimal s = new BigDecimal(nanos(t), 9).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** A decimal number of seconds as a duration, rounded to the nearest nanosecond. */
    public static Duration ofSeconds(BigDecimal seconds) {
        return ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).toBigIntegerExact());
    }

    /** The instant {@code t} after {@code start}, when there is a start. */
    public static Optional<Instant> after(Optional<Instant> start, Duration t) {
        return start.map(s -> s.plus(t));
    }

    private static BigInteger nanos(Duration t) {
        return BigInteger.valueOf(t.getSeconds()).multiply(NANOS_PER_SECOND).add(BigInteger.valueOf(t.getNano()));
    }

    private static Duration ofNanos(BigInteger nanos) {
        BigInteger[] qr = nanos.divideAndRemainder(NANOS_PER_SECOND);
        return Duration.ofSeconds(qr[0].longValueExact(), qr[1].longValueExact());
    }

    /**
     * {@code a * b} when it fits in a {@code long} other than {@link Long#MIN_VALUE} (so that it can be negated);
     * {@code Long.MIN_VALUE} otherwise, the sign to take the exact path.
     */
    private static long exactProduct(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi == (lo >> 63) ? lo : Long.MIN_VALUE; // MIN_VALUE itself also means "take the exact path"
    }

    /** {@code num / den} (den > 0, num > Long.MIN_VALUE) rounded to the nearest integer, halves away from zero. */
    private static long divideRounded(long num, long den) {
        long a = Math.abs(num);
        long q = a / den;
        long r = a - q * den;
        if (r >= den - r) { // 2r >= den, without overflowing 2r
            q++;
        }
        return num < 0 ? -q : q;
    }

    /** {@code num / den} (den > 0) rounded to the nearest integer, halves away from zero. */
    private static BigInteger divideRounded(BigInteger num, BigInteger den) {
        BigInteger[] qr = num.abs().divideAndRemainder(den);
        BigInteger q = qr[1].shiftLeft(1).compareTo(den) >= 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        return num.signum() < 0 ? q.negate() : q;
    }
}
