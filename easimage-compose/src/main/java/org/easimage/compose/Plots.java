package org.easimage.compose;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.FormatMetadata;
import org.easimage.io.Rational;
import org.easimage.io.SequenceInfo;
import org.easimage.io.SequenceReader;
import org.easimage.io.Times;
import org.easimage.transform.Fonts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;

/**
 * Plots as frames: a user's own JFreeChart, or any {@link Plot}, rendered headless into an RGB24 frame of a given
 * size, or as a sequence of frames over time (which a converter writes to a video, or a mosaic shows in a cell).
 *
 * <pre>{@code
 * JFreeChart chart = ChartFactory.createXYLineChart("Force", "time (s)", "N", dataset);
 * Frame f = Plots.toFrame(chart, 800, 450);                 // a still
 * Mosaic m = Mosaic.builder().add(Tile.open(video)).add(Plots.of(chart)).build();
 * Plot moving = (g, w, h, t) -> { updateMyChart(t); chart.draw(g, new Rectangle(w, h)); };
 * }</pre>
 */
public final class Plots {

    private Plots() {
    }

    /** {@code plot} at time {@code t}, drawn on white into a new RGB24 frame of {@code width x height}. */
    public static Frame toFrame(Plot plot, int width, int height, Duration t) {
        Objects.requireNonNull(plot, "plot");
        FrameSpec spec = FrameSpec.of(width, height, PixelType.RGB24);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.graphics(img);
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            plot.draw(g, width, height, t);
        } finally {
            g.dispose();
        }
        byte[] rgb = new byte[spec.frameBytes()];
        Canvas.intRgbToBytes(((DataBufferInt) img.getRaster().getDataBuffer()).getData(), rgb);
        return new Frame(spec, java.nio.ByteBuffer.wrap(rgb), 0, t, null);
    }

    /** A chart rendered into an RGB24 frame of {@code width x height}, in the bundled fonts. */
    public static Frame toFrame(JFreeChart chart, int width, int height) {
        return toFrame(of(chart), width, height, Duration.ZERO);
    }

    /**
     * A chart as a plot that does not change with time (draw it at the size asked). Its fonts are replaced by
     * the bundled DejaVu fonts scaled to the size drawn, so it renders the same on a headless machine.
     */
    public static Plot of(JFreeChart chart) {
        Objects.requireNonNull(chart, "chart");
        int[] themedFor = {-1}; // theming walks the whole chart: only when the height changes
        return (g, w, h, t) -> {
            if (themedFor[0] != h) {
                theme(chart, Math.max(10, Math.min(22, h / 26f)));
                themedFor[0] = h;
            }
            chart.draw(g, new Rectangle(0, 0, w, h));
        };
    }

    /**
     * The frames of {@code plot} at {@code fps} for {@code length} (frame k at k / fps), each drawn when read:
     * a plot as a sequence to convert to a video, or to show in a mosaic cell at its own rate.
     */
    public static SequenceReader sequence(Plot plot, int width, int height, Rational fps, Duration length) {
        FrameSpec spec = FrameSpec.of(width, height, PixelType.RGB24);
        int count = Timeline.frames(length, fps);
        SequenceInfo info = new SequenceInfo("plot", count, spec, Optional.of(fps), FormatMetadata.NONE);
        return new SequenceReader() {
            @Override
            public SequenceInfo info() {
                return info;
            }

            @Override
            public synchronized Frame read(int index) {
                Objects.checkIndex(index, count);
                Duration t = Times.atIndex(index, fps);
                return toFrame(plot, width, height, t).withIndex(index);
            }

            @Override
            public Optional<Duration> time(int index) {
                return Optional.of(Times.atIndex(Objects.checkIndex(index, count), fps));
            }

            @Override
            public Optional<java.time.Instant> timestamp(int index) {
                return plot.start().map(s -> s.plus(time(index).get()));
            }

            @Override
            public void close() {
            }
        };
    }

    /** Sets every font of {@code chart} to the bundled DejaVu Sans, {@code size} pixels for text, more for titles. */
    public static void theme(JFreeChart chart, float size) {
        StandardChartTheme theme = new StandardChartTheme("easimage");
        theme.setExtraLargeFont(titleFont(size));
        theme.setLargeFont(Fonts.sans(size * 1.05f));
        theme.setRegularFont(Fonts.sans(size));
        theme.setSmallFont(Fonts.sans(size * 0.9f));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(new Color(0xDDDDDD));
        theme.setRangeGridlinePaint(new Color(0xDDDDDD));
        // the theme would also replace series colours and strokes: keep the chart's own
        var plot = chart.getPlot();
        if (plot instanceof org.jfree.chart.plot.XYPlot xy) {
            var r = xy.getRenderer();
            int n = xy.getDataset() == null ? 0 : xy.getDataset().getSeriesCount();
            java.awt.Paint[] paints = new java.awt.Paint[n];
            java.awt.Stroke[] strokes = new java.awt.Stroke[n];
            for (int s = 0; s < n; s++) {
                paints[s] = r.getSeriesPaint(s);
                strokes[s] = r.getSeriesStroke(s);
            }
            theme.apply(chart);
            for (int s = 0; s < n; s++) {
                if (paints[s] != null) {
                    xy.getRenderer().setSeriesPaint(s, paints[s]);
                }
                if (strokes[s] != null) {
                    xy.getRenderer().setSeriesStroke(s, strokes[s]);
                }
            }
        } else {
            theme.apply(chart);
        }
    }

    static Font titleFont(float size) {
        return Fonts.sansBold(size * 1.2f);
    }
}
