package org.easimage.io;

import java.math.BigInteger;

/**
 * An exact ratio such as a frame rate: 30000/1001 stays 30000/1001, never 29.97. Always reduced, denominator
 * positive.
 */
public record Rational(long numerator, long denominator) implements Comparable<Rational> {

    public Rational {
        if (denominator == 0) {
            throw new IllegalArgumentException("denominator is zero");
        }
        if (denominator < 0) {
            numerator = -numerator;
            denominator = -denominator;
        }
        long g = gcd(numerator, denominator);
        if (g > 1) {
            numerator /= g;
            denominator /= g;
        }
    }

    /** The greatest common divisor, in long arithmetic unless one of them is {@code Long.MIN_VALUE}. */
    private static long gcd(long a, long b) {
        if (a == Long.MIN_VALUE || b == Long.MIN_VALUE) { // no positive long for |MIN_VALUE|
            return BigInteger.valueOf(a).gcd(BigInteger.valueOf(b)).longValue();
        }
        a = Math.abs(a);
        b = Math.abs(b);
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return a;
    }

    public static Rational of(long numerator, long denominator) {
        return new Rational(numerator, denominator);
    }

    public static Rational of(long whole) {
        return new Rational(whole, 1);
    }

    /**
     * The closest ratio to {@code value} with a denominator up to 1001000 (so 29.97002997 gives 30000/1001 and
     * 10.0 gives 10/1).
     */
    public static Rational approximate(double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException("not a positive finite rate: " + value);
        }
        for (long den : new long[] {1, 1001, 1000, 100, 1_000_000}) {
            double num = value * den;
            long r = Math.round(num);
            if (Math.abs(num - r) < 1e-6 * den) {
                return new Rational(r, den);
            }
        }
        return new Rational(Math.round(value * 1_000_000), 1_000_000);
    }

    /**
     * Parses {@code "30000/1001"}, {@code "25"} or a decimal {@code "12.5"}; decimals of the NTSC family
     * ({@code 23.976}, {@code 29.97}, {@code 59.94}, ...) are their exact N*1000/1001.
     */
    public static Rational parse(String text) {
        String t = text.trim();
        try {
            int slash = t.indexOf('/');
            if (slash >= 0) {
                long n = Long.parseLong(t.substring(0, slash).trim());
                long d = Long.parseLong(t.substring(slash + 1).trim());
                if (n <= 0 || d <= 0) {
                    throw new IllegalArgumentException("rate must be positive: " + text);
                }
                return new Rational(n, d);
            }
            if (t.matches("\\d+")) {
                long n = Long.parseLong(t);
                if (n <= 0) {
                    throw new IllegalArgumentException("rate must be positive: " + text);
                }
                return of(n);
            }
            Rational ntsc = ntsc(t);
            return ntsc != null ? ntsc : approximate(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a rate: '" + text + "' (use 25, 29.97 or 30000/1001)");
        }
    }

    /**
     * The NTSC-family rate N*1000/1001 that a decimal such as {@code 29.97}, {@code 23.976} or {@code 59.94} stands
     * for: the rate whose rounding to the text's decimals is the text; null for any other text (so {@code 29.5}
     * stays 59/2). This is what the decimal means to everyone who types it: nobody records at exactly 29.97.
     */
    private static Rational ntsc(String decimal) {
        int dot = decimal.indexOf('.');
        if (!decimal.matches("\\d+\\.\\d{2,3}")) {
            return null;
        }
        java.math.BigDecimal v = new java.math.BigDecimal(decimal);
        long n = v.multiply(java.math.BigDecimal.valueOf(1001)).divide(java.math.BigDecimal.valueOf(1000),
                java.math.RoundingMode.HALF_UP).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        if (n <= 0 || v.stripTrailingZeros().scale() <= 0) {
            return null;
        }
        java.math.BigDecimal exact = java.math.BigDecimal.valueOf(n * 1000).divide(java.math.BigDecimal.valueOf(1001),
                decimal.length() - dot - 1, java.math.RoundingMode.HALF_UP);
        return exact.compareTo(v) == 0 ? new Rational(n * 1000, 1001) : null;
    }

    public double toDouble() {
        return (double) numerator / denominator;
    }

    /** The inverse ratio (e.g. a frame duration from a frame rate). */
    public Rational inverse() {
        return new Rational(denominator, numerator);
    }

    @Override
    public int compareTo(Rational o) {
        return BigInteger.valueOf(numerator).multiply(BigInteger.valueOf(o.denominator))
                .compareTo(BigInteger.valueOf(o.numerator).multiply(BigInteger.valueOf(denominator)));
    }

    @Override
    public String toString() {
        return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
    }
}
