package org.easimage.compose;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.AbstractXYDataset;
import org.easimage.io.Times;

/**
 * Signals against time drawn in step with a video: one or several series (a force sensor, a calcium trace, a
 * temperature) from arrays or CSV columns, with a cursor at the current time. By default the whole recording is
 * shown and the cursor moves across it; with {@link Builder#window} the chart slides: it shows the {@code window}
 * seconds around the current time, the cursor fixed at {@link Builder#window(Duration, double) a given place}.
 * The value axis is the same at every frame (all the data's range), so the eye can compare frames.
 *
 * <p>Drawn with JFreeChart in the bundled DejaVu fonts (headless, the same on every machine). Long signals are
 * drawn as their minimum and maximum per pixel column (an envelope that hides no peak), so a frame costs the
 * same whether the signal has a thousand samples or ten million; with the moving cursor the chart itself is drawn
 * once per size and each frame adds only the cursor. Samples are held in memory (16 bytes per sample and series).
 * NaN values (empty CSV fields) are gaps.
 */
public final class Trace implements Plot {

    /** Colours of the series, in order (Tableau's 10, readable on white). */
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};
    /** The cursor's colour: red, 2 px (not one of the series' colours). */
    static final Color CURSOR = new Color(0xE0, 0x00, 0x00);

    /**
     * One signal: {@code values[i]} at {@code times[i]} seconds from the trace's zero (non-decreasing times).
     *
     * @param name   shown in the legend and, for a single series, on the value axis
     */
    public record Series(String name, double[] times, double[] values) {
        public Series {
            Objects.requireNonNull(name, "name");
            if (times.length != values.length) {
                throw new IllegalArgumentException("series '" + name + "': " + times.length + " times for "
                        + values.length + " values");
            }
            if (times.length == 0) {
                throw new IllegalArgumentException("series '" + name + "' has no samples");
            }
            for (int i = 0; i < times.length; i++) {
                if (!Double.isFinite(times[i]) || (i > 0 && times[i] < times[i - 1])) {
                    throw new IllegalArgumentException("series '" + name + "': times must be finite and "
                            + "non-decreasing, sample " + i + " is at " + times[i] + " s");
                }
            }
        }
    }

    private final List<Series> series;
    private final String title;
    private final String valueLabel;
    private final Duration window;
    private final double cursorAt;
    private final Instant start;
    private final double first;
    private final double last;
    private final double low;
    private final double high;

    // caches of the last drawing (one size at a time)
    private int cachedWidth;
    private int cachedHeight;
    private BufferedImage still;
    private Rectangle2D stillArea;
    private Chart chart;

    private Trace(Builder b) {
        this.series = List.copyOf(b.series);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("a trace needs at least one series");
        }
        this.title = b.title;
        this.valueLabel = b.valueLabel != null ? b.valueLabel : series.size() == 1 ? series.get(0).name() : "";
        this.window = b.window;
        this.cursorAt = b.cursorAt;
        this.start = b.start;
        double f = Double.MAX_VALUE;
        double l = -Double.MAX_VALUE;
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (Series s : series) {
            f = Math.min(f, s.times()[0]);
            l = Math.max(l, s.times()[s.times().length - 1]);
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            lo -= 1;
            hi += 1;
        }
        double margin = (hi - lo) * 0.05;
        this.first = f;
        this.last = l;
        this.low = lo - margin;
        this.high = hi + margin;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A trace of CSV columns: a header line names the columns; the time column is the one named {@code time},
     * {@code t}, {@code seconds} or {@code timestamp} (any case), else the first; times are seconds or ISO-8601
     * instants (which give the trace an absolute start). Separators {@code ,} {@code ;} or tab; lines starting
     * with {@code #} are skipped; empty and {@code NaN} fields are gaps.
     *
     * @param columns the value columns, by name (at least one)
     * @throws IllegalArgumentException when a column is not in the file (the message lists those that are)
     * @throws org.easimage.io.CorruptInputException when a line cannot be read (with its number)
     */
    public static Builder csv(Path file, List<String> columns) throws IOException {
        return CsvColumns.read(file, null, columns).into(builder());
    }

    @Override
    public Optional<Duration> duration() {
        return Optional.of(Times.ofSeconds(java.math.BigDecimal.valueOf(Math.max(0, last))));
    }

    @Override
    public Optional<Instant> start() {
        return Optional.ofNullable(start);
    }

    public List<Series> series() {
        return series;
    }

    /** The time range shown at time {@code t} (seconds): the whole trace, or the window around t. */
    double[] domain(double t) {
        if (window == null) {
            double lo = Math.min(0, first);
            return new double[] {lo, last > lo ? last : lo + 1};
        }
        double w = window.toNanos() / 1e9;
        return new double[] {t - w * cursorAt, t + w * (1 - cursorAt)};
    }

    /**
     * Where the chart's plotting area is in a {@code width x height} drawing at time {@code t}: the cursor for
     * time s is at {@code x + (s - lo) / (hi - lo) * width} with {@code [lo, hi]} = {@link #domain}.
     */
    public synchronized Rectangle2D dataArea(int width, int height, Duration t) {
        BufferedImage scratch = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return render(g, width, height, seconds(t));
        } finally {
            g.dispose();
        }
    }

    @Override
    public synchronized void draw(Graphics2D g, int width, int height, Duration t) {
        render(g, width, height, seconds(t));
    }

    private Rectangle2D render(Graphics2D g, int width, int height, double t) {
        if (chart == null || width != cachedWidth || height != cachedHeight) {
            chart = new Chart(width, height);
            cachedWidth = width;
            cachedHeight = height;
            still = null;
        }
        Rectangle2D area;
        if (window == null) {
            if (still == null) {
                // the whole trace does not change: drawn once, the cursor added per frame
                still = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                Graphics2D sg = Canvas.graphics(still);
                try {
                    stillArea = chart.draw(sg, domain(t));
                } finally {
                    sg.dispose();
                }
            }
            g.drawImage(still, 0, 0, null);
            area = stillArea;
        } else {
            area = chart.draw(g, domain(t));
        }
        drawCursor(g, area, domain(t), t, height);
        return area;
    }

    private void drawCursor(Graphics2D g, Rectangle2D area, double[] domain, double t, int height) {
        if (t < domain[0] || t > domain[1]) {
            return;
        }
        double x = area.getX() + (t - domain[0]) / (domain[1] - domain[0]) * area.getWidth();
        int xi = (int) Math.round(x);
        g.setColor(CURSOR);
        g.fillRect(xi - 1, (int) area.getY(), 2, (int) Math.round(area.getHeight()));
        // a dot on each series at its value at t (the last sample at or before t)
        for (int s = 0; s < series.size(); s++) {
            Series se = series.get(s);
            int i = lastAtOrBefore(se.times(), t);
            if (i < 0 || !Double.isFinite(se.values()[i])) {
                continue;
            }
            double y = area.getMaxY() - (se.values()[i] - low) / (high - low) * area.getHeight();
            int r = Math.max(3, height / 120);
            g.setColor(COLORS[s % COLORS.length]);
            g.fillOval(xi - r, (int) Math.round(y) - r, 2 * r, 2 * r);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(1f));
            g.drawOval(xi - r, (int) Math.round(y) - r, 2 * r, 2 * r);
        }
        String label = String.format(Locale.ROOT, "t = %.3f s", t);
        Font font = chart.tickFont;
        g.setFont(font);
        int tw = g.getFontMetrics().stringWidth(label);
        int tx = (int) Math.min(area.getMaxX() - tw - 4, Math.max(area.getX() + 4, xi + 6));
        int ty = (int) area.getY() + g.getFontMetrics().getAscent() + 2;
        g.setColor(new Color(255, 255, 255, 200));
        g.fillRect(tx - 2, ty - g.getFontMetrics().getAscent(), tw + 4, g.getFontMetrics().getHeight());
        g.setColor(CURSOR);
        g.drawString(label, tx, ty);
    }

    /** The index of the last time at or before t, or -1. */
    static int lastAtOrBefore(double[] times, double t) {
        int lo = 0;
        int hi = times.length - 1;
        if (times[0] > t) {
            return -1;
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (times[mid] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static double seconds(Duration t) {
        return t.getSeconds() + t.getNano() / 1e9;
    }

    /** The JFreeChart of one size, its data replaced by the visible envelope at each draw. */
    private final class Chart {
        final JFreeChart jfree;
        final XYPlot plot;
        final Envelope data;
        final Font tickFont;
        final int width;
        final int height;
        final ChartRenderingInfo info = new ChartRenderingInfo();

        Chart(int width, int height) {
            this.width = width;
            this.height = height;
            float base = Math.max(10, Math.min(22, height / 26f));
            this.tickFont = org.easimage.transform.Fonts.sans(base);
            this.data = new Envelope();
            NumberAxis time = new NumberAxis("time (s)");
            time.setAutoRange(false);
            NumberAxis value = new NumberAxis(valueLabel);
            value.setAutoRange(false);
            value.setRange(low, high);
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
            renderer.setDrawSeriesLineAsPath(true);
            float stroke = Math.max(1f, height / 300f);
            for (int s = 0; s < series.size(); s++) {
                renderer.setSeriesPaint(s, COLORS[s % COLORS.length]);
                renderer.setSeriesStroke(s, new BasicStroke(stroke));
            }
            this.plot = new XYPlot(data, time, value, renderer);
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(new Color(0xDDDDDD));
            plot.setRangeGridlinePaint(new Color(0xDDDDDD));
            this.jfree = new JFreeChart(title, Plots.titleFont(base), plot, series.size() > 1);
            Plots.theme(jfree, base);
            jfree.setBackgroundPaint(Color.WHITE);
            jfree.setAntiAlias(true);
            jfree.setTextAntiAlias(true);
        }

        /** Draws the chart showing {@code domain}; returns the plotting area. */
        Rectangle2D draw(Graphics2D g, double[] domain) {
            plot.getDomainAxis().setRange(domain[0], domain[1]);
            data.show(domain[0], domain[1], Math.max(1, width));
            jfree.draw(g, new Rectangle(0, 0, width, height), info);
            return (Rectangle2D) info.getPlotInfo().getDataArea().clone();
        }
    }

    /**
     * The series as JFreeChart sees them: only the samples in view, reduced to the first, minimum, maximum and
     * last value of each pixel column when there are more than a few per column.
     */
    private final class Envelope extends AbstractXYDataset {
        private final double[][] xs = new double[series.size()][];
        private final double[][] ys = new double[series.size()][];
        private final int[] counts = new int[series.size()];

        void show(double lo, double hi, int columns) {
            for (int s = 0; s < series.size(); s++) {
                Series se = series.get(s);
                double[] t = se.times();
                double[] v = se.values();
                // one sample beyond each edge, so lines run to the border
                int from = Math.max(0, lastAtOrBefore(t, lo));
                int to = Math.min(t.length - 1, Math.max(0, lastAtOrBefore(t, hi)) + 1);
                int n = to - from + 1;
                if (n <= 4 * columns) {
                    xs[s] = grow(xs[s], n);
                    ys[s] = grow(ys[s], n);
                    System.arraycopy(t, from, xs[s], 0, n);
                    System.arraycopy(v, from, ys[s], 0, n);
                    counts[s] = n;
                    continue;
                }
                xs[s] = grow(xs[s], 4 * columns + 4);
                ys[s] = grow(ys[s], 4 * columns + 4);
                int k = 0;
                double perColumn = (hi - lo) / columns;
                int i = from;
                while (i <= to) {
                    int col = (int) Math.floor((t[i] - lo) / perColumn);
                    int j = i;
                    int minAt = -1;
                    int maxAt = -1;
                    while (j <= to && (int) Math.floor((t[j] - lo) / perColumn) == col) {
                        if (Double.isFinite(v[j])) {
                            if (minAt < 0 || v[j] < v[minAt]) {
                                minAt = j;
                            }
                            if (maxAt < 0 || v[j] > v[maxAt]) {
                                maxAt = j;
                            }
                        }
                        j++;
                    }
                    // first, min and max in time order, last: the column's envelope and its joins to neighbours
                    int[] keep = minAt < 0 ? new int[] {i, j - 1}
                            : new int[] {i, Math.min(minAt, maxAt), Math.max(minAt, maxAt), j - 1};
                    int prev = -1;
                    for (int idx : keep) {
                        if (idx != prev && k < xs[s].length) {
                            xs[s][k] = t[idx];
                            ys[s][k] = v[idx];
                            k++;
                            prev = idx;
                        }
                    }
                    i = j;
                }
                counts[s] = k;
            }
        }

        private double[] grow(double[] a, int n) {
            return a != null && a.length >= n ? a : new double[n];
        }

        @Override
        public int getSeriesCount() {
            return series.size();
        }

        @Override
        public Comparable<String> getSeriesKey(int s) {
            return series.get(s).name();
        }

        @Override
        public int getItemCount(int s) {
            return counts[s];
        }

        @Override
        public Number getX(int s, int i) {
            return xs[s][i];
        }

        @Override
        public double getXValue(int s, int i) {
            return xs[s][i];
        }

        @Override
        public Number getY(int s, int i) {
            return ys[s][i];
        }

        @Override
        public double getYValue(int s, int i) {
            return ys[s][i];
        }
    }

    /** Options of a {@link Trace}: series, an optional sliding window, titles. */
    public static final class Builder {
        private final List<Series> series = new ArrayList<>();
        private String title;
        private String valueLabel;
        private Duration window;
        private double cursorAt = 0.5;
        private Instant start;

        private Builder() {
        }

        /** Adds a series: {@code values[i]} at {@code times[i]} seconds (arrays are copied). */
        public Builder series(String name, double[] times, double[] values) {
            series.add(new Series(name, times.clone(), values.clone()));
            return this;
        }

        /** A title above the chart (default none). */
        public Builder title(String text) {
            this.title = text;
            return this;
        }

        /** The value axis's label (default: the series' name when there is one series). */
        public Builder valueLabel(String text) {
            this.valueLabel = text;
            return this;
        }

        /** A sliding window of {@code width} with the cursor in its middle; {@code null} for the whole trace. */
        public Builder window(Duration width) {
            return window(width, 0.5);
        }

        /**
         * A sliding window of {@code width}, the cursor at {@code cursorAt} of it (0 left edge: what follows;
         * 1 right edge: what led to now, like a chart recorder).
         */
        public Builder window(Duration width, double cursorAt) {
            if (width != null && (width.isNegative() || width.isZero())) {
                throw new IllegalArgumentException("a trace window must be positive, got " + width);
            }
            if (!(cursorAt >= 0 && cursorAt <= 1)) {
                throw new IllegalArgumentException("the cursor's place in the window must be 0..1, got " + cursorAt);
            }
            this.window = width;
            this.cursorAt = cursorAt;
            return this;
        }

        /** The absolute instant of time zero (to synchronise with timestamped recordings). */
        public Builder start(Instant instant) {
            this.start = instant;
            return this;
        }

        public Trace build() {
            return new Trace(this);
        }
    }
}
