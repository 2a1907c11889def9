package org.easimage.compose;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.io.Rational;
import org.easimage.io.SequenceReader;
import org.easimage.io.Times;
import org.easimage.transform.DisplayRange;

/**
 * One tile placed in a mosaic: its source's clock (which frame is shown at which of its own times), its place in
 * the output, and the last picture it drew, so that a frame shown for several output frames (a slower source, a
 * held last frame) is decoded and resized once. Not thread-safe: the mosaic serialises reads.
 */
final class Cell {

    /** A frame counts as shown at t when its time is at most this much after t (containers round to 1 ms). */
    private static final Duration MAX_SLACK = Duration.ofNanos(500_000);

    private static final byte[] GRAY = grayRamp();

    final Tile tile;
    private final SequenceReader reader;
    private final int count;
    /** Time of the reader's first frame (a slice's need not be zero); null when it states no times. */
    private final Duration firstTime;
    /** For a reader without times: frame i is at i / indexRate. */
    private final Rational indexRate;
    private final Duration slack;
    /** The source's own length (its last frame's time plus one frame period), or empty for an endless plot. */
    final Optional<Duration> duration;
    final Optional<Instant> zeroInstant;

    // geometry: the picture area of the cell and the content drawn in it (letterboxed or stretched)
    private int contentX;
    private int contentY;
    private int contentWidth;
    private int contentHeight;
    private Color plotBackground = Color.WHITE;

    // what was drawn last
    private int shownIndex = -1;
    private Duration shownTime;
    private Frame current;
    private Frame spare;
    /** What blit copies: this cell's own buffer, or a source frame's pixels when shown at their size. */
    private byte[] content;
    private byte[] cellBuffer;
    private int contentOffset;
    private int contentChannels;
    private byte[] palette;
    private Resampler resampler;
    private byte[] bytes8;
    private short[] shorts;
    private short[] resized16;
    private DisplayRange range;
    private byte[] lut16;
    private double lutLow = Double.NaN;
    private double lutHigh = Double.NaN;
    private BufferedImage plotImage;
    private int hint = -1;

    /**
     * @param fallbackRate the frame rate of a reader that states neither times nor a rate (the mosaic's)
     */
    Cell(Tile tile, Rational fallbackRate) throws IOException {
        this.tile = tile;
        this.reader = tile.reader();
        if (reader == null) {
            count = 0;
            firstTime = null;
            indexRate = null;
            slack = Duration.ZERO;
            duration = tile.plot().duration();
            zeroInstant = tile.plot().start();
            return;
        }
        count = reader.frameCount();
        if (count == 0) {
            throw new IllegalArgumentException(name() + " has no frames");
        }
        firstTime = reader.time(0).orElse(null);
        indexRate = firstTime == null ? reader.info().frameRate().orElse(fallbackRate) : null;
        Duration period = period(reader, count, firstTime, indexRate);
        Duration last = firstTime == null ? Times.atIndex(count - 1, indexRate)
                : reader.time(count - 1).orElseThrow().minus(firstTime);
        duration = Optional.of(last.plus(period));
        Duration s = period.dividedBy(20);
        slack = firstTime == null ? Duration.ZERO : s.compareTo(MAX_SLACK) < 0 ? s : MAX_SLACK;
        zeroInstant = reader.timestamp(0);
    }

    /** One frame's duration: the stated rate's period, else the mean interval, else one 25th of a second. */
    private static Duration period(SequenceReader r, int n, Duration first, Rational indexRate) throws IOException {
        Optional<Rational> rate = first == null ? Optional.of(indexRate) : r.info().frameRate();
        if (rate.isPresent()) {
            return Times.atIndex(1, rate.get());
        }
        if (n > 1) {
            return r.time(n - 1).orElseThrow().minus(first).dividedBy(n - 1);
        }
        return Times.atIndex(1, Rational.of(25));
    }

    /** The frame rate this source plays at when shown at rate 1 (for the mosaic's default), if it has frames. */
    Optional<Rational> naturalRate() throws IOException {
        if (reader == null) {
            return Optional.empty();
        }
        Optional<Rational> stated = reader.info().frameRate();
        if (stated.isPresent() || firstTime == null) {
            return Optional.of(stated.orElse(indexRate));
        }
        if (count > 1) {
            Duration span = reader.time(count - 1).orElseThrow().minus(firstTime);
            if (!span.isNegative() && !span.isZero()) {
                return Optional.of(Rational.approximate((count - 1) / (span.toNanos() / 1e9)));
            }
        }
        return Optional.empty();
    }

    String name() {
        if (tile.title() != null && !tile.title().isEmpty()) {
            return "'" + tile.title() + "'";
        }
        return reader != null ? "a " + reader.info().format() + " source" : "a plot";
    }

    Timeline.Source timelineSource() {
        return new Timeline.Source(name(), reader != null, zeroInstant, duration, tile.offset(), tile.rate());
    }

    /** The source's natural size, or null for a plot (which takes the cell's). */
    FrameSpec spec() {
        return reader == null ? null : reader.spec();
    }

    /** Places the cell's picture at (x, y, width, height) of the output; its content keeps its aspect unless stretched. */
    void place(int x, int y, int width, int height, boolean stretch, Color background) {
        plotBackground = background;
        int cw = width;
        int ch = height;
        if (reader != null && !stretch) {
            FrameSpec s = reader.spec();
            double scale = Math.min((double) width / s.width(), (double) height / s.height());
            cw = Math.max(1, Math.min(width, (int) Math.round(s.width() * scale)));
            ch = Math.max(1, Math.min(height, (int) Math.round(s.height() * scale)));
        }
        contentX = x + (width - cw) / 2;
        contentY = y + (height - ch) / 2;
        contentWidth = cw;
        contentHeight = ch;
    }

    /** Where the content is drawn in the output: x, y, width, height. */
    int[] contentBounds() {
        return new int[] {contentX, contentY, contentWidth, contentHeight};
    }

    /**
     * The index of the frame shown at the source's own time {@code local}: the last whose time is at or before
     * it (with the slack of containers that round times), -1 before the first frame or, past the end, when the
     * tile does not hold its last frame. Always -1 for a plot.
     */
    int indexAt(Duration local) throws IOException {
        if (reader == null || local.isNegative()) {
            return -1;
        }
        if (local.compareTo(duration.get()) >= 0) {
            return tile.outside() == Tile.Outside.HOLD ? count - 1 : -1;
        }
        Duration target = local.plus(slack);
        int i;
        if (firstTime == null) {
            i = (int) Math.min(count - 1, Timeline.floorIndex(target, indexRate));
            if (i + 1 < count && Times.atIndex(i + 1, indexRate).compareTo(target) <= 0) {
                i++; // frame i + 1's time, rounded to the nanosecond, may be exactly target
            }
        } else {
            i = search(target.plus(firstTime));
        }
        hint = i;
        return i;
    }

    /** Last index whose time is at or before {@code t} (>= 0: t is after the first frame), sequential reads first. */
    private int search(Duration t) throws IOException {
        int lo = 0;
        int hi = count - 1;
        if (hint >= 0 && hint < count && timeOf(hint).compareTo(t) <= 0) {
            // the next output frame is usually this frame or one of the next few
            for (int step = 0; step < 4; step++) {
                if (hint + 1 >= count || timeOf(hint + 1).compareTo(t) > 0) {
                    return hint;
                }
                hint++;
            }
            lo = hint;
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (timeOf(mid).compareTo(t) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private Duration timeOf(int i) throws IOException {
        return reader.time(i).orElseThrow(() -> new IllegalStateException(name() + " states a time for its first "
                + "frame but not for frame " + i));
    }

    /** True when the cell shows its source (not the background) at its own time {@code local}. */
    boolean shows(Duration local) throws IOException {
        if (reader != null) {
            return indexAt(local) >= 0;
        }
        return !local.isNegative() && (duration.isEmpty() || local.compareTo(duration.get()) < 0
                || tile.outside() == Tile.Outside.HOLD);
    }

    /**
     * Draws the cell at the source's own time {@code local} into {@code out} (RGB24, {@code outWidth} pixels a
     * row), or leaves it as it is (the background) when the source shows nothing then.
     */
    void draw(byte[] out, int outWidth, Duration local) throws IOException {
        if (reader == null) {
            if (local.isNegative()) {
                return;
            }
            Duration t = local;
            if (duration.isPresent() && local.compareTo(duration.get()) >= 0) {
                if (tile.outside() != Tile.Outside.HOLD) {
                    return;
                }
                t = duration.get();
            }
            if (!t.equals(shownTime)) {
                renderPlot(t);
                shownTime = t;
            }
        } else {
            int i = indexAt(local);
            if (i < 0) {
                return;
            }
            if (i != shownIndex) {
                load(i);
                shownIndex = i;
            }
        }
        blit(out, outWidth);
    }

    /** Reads frame i and makes its displayable content at the cell's size (the source's frame is recycled). */
    private void load(int i) throws IOException {
        Frame f = reader.read(i, spare);
        spare = current;
        current = f;
        FrameSpec s = f.spec();
        int channels = s.channels() == 1 ? 1 : 3;
        if (resampler == null || resampler.srcWidth() != s.width() || resampler.srcHeight() != s.height()) {
            resampler = new Resampler(s.width(), s.height(), contentWidth, contentHeight);
        }
        boolean sameSize = s.width() == contentWidth && s.height() == contentHeight;
        palette = tile.colormapTable() != null ? tile.colormapTable() : GRAY;
        contentChannels = channels;
        contentOffset = 0;
        int cellSamples = contentWidth * contentHeight * channels;
        switch (s.sampleType()) {
            case U8 -> {
                ByteBuffer b = f.buffer();
                byte[] src;
                int off;
                if (b.hasArray()) {
                    src = b.array();
                    off = b.arrayOffset();
                } else {
                    src = bytes8 = ensure(bytes8, s.frameBytes());
                    b.get(src, 0, s.frameBytes());
                    off = 0;
                }
                if (sameSize && s.channels() == channels) {
                    content = src; // shown as it is: no copy (the frame is kept until the next load)
                    contentOffset = off;
                } else {
                    content = cellBuffer = ensure(cellBuffer, cellSamples);
                    resampler.resize8(src, off, s.channels(), channels, content);
                }
            }
            case U16 -> {
                shorts = ensure(shorts, s.sampleCount());
                f.buffer().asShortBuffer().get(shorts, 0, s.sampleCount());
                resized16 = ensure(resized16, cellSamples);
                resampler.resize16(shorts, s.channels(), channels, resized16);
                byte[] lut = lut16(f);
                content = cellBuffer = ensure(cellBuffer, cellSamples);
                for (int p = 0; p < cellSamples; p++) {
                    content[p] = lut[resized16[p] & 0xFFFF];
                }
            }
            case F32 -> {
                double[] r = range(f).limits(f);
                double scale = r[1] > r[0] ? 255.0 / (r[1] - r[0]) : 0;
                int pixels = s.width() * s.height();
                bytes8 = ensure(bytes8, pixels * channels);
                FloatBuffer fb = f.buffer().asFloatBuffer();
                for (int p = 0; p < pixels; p++) {
                    for (int c = 0; c < channels; c++) {
                        float v = fb.get(p * s.channels() + c);
                        bytes8[p * channels + c] = (byte) Frames.saturate((v - r[0]) * scale, 255);
                    }
                }
                content = cellBuffer = ensure(cellBuffer, cellSamples);
                resampler.resize8(bytes8, 0, channels, channels, content);
            }
        }
    }

    private DisplayRange range(Frame f) throws IOException {
        if (range == null) {
            range = tile.range().bind(reader); // auto: measured once on the source (up to 64 frames read)
        }
        return range;
    }

    private byte[] lut16(Frame f) throws IOException {
        double[] r = range(f).limits(f);
        if (lut16 == null || r[0] != lutLow || r[1] != lutHigh) {
            lut16 = ensure(lut16, 65536);
            double scale = r[1] > r[0] ? 255.0 / (r[1] - r[0]) : 0;
            for (int v = 0; v < 65536; v++) {
                lut16[v] = (byte) Frames.saturate((v - r[0]) * scale, 255);
            }
            lutLow = r[0];
            lutHigh = r[1];
        }
        return lut16;
    }

    private void renderPlot(Duration t) {
        if (plotImage == null || plotImage.getWidth() != contentWidth || plotImage.getHeight() != contentHeight) {
            plotImage = new BufferedImage(contentWidth, contentHeight, BufferedImage.TYPE_INT_RGB);
        }
        Graphics2D g = plotImage.createGraphics();
        try {
            g.setColor(plotBackground);
            g.fillRect(0, 0, contentWidth, contentHeight);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            tile.plot().draw(g, contentWidth, contentHeight, t);
        } finally {
            g.dispose();
        }
        int[] px = ((DataBufferInt) plotImage.getRaster().getDataBuffer()).getData();
        content = cellBuffer = ensure(cellBuffer, px.length * 3);
        contentOffset = 0;
        contentChannels = 3;
        Canvas.intRgbToBytes(px, content);
    }

    /** Copies the content into the output at its place, gray through the palette. */
    private void blit(byte[] out, int outWidth) {
        int rowBytes = contentWidth * 3;
        for (int y = 0; y < contentHeight; y++) {
            int o = ((contentY + y) * outWidth + contentX) * 3;
            if (contentChannels == 3) {
                System.arraycopy(content, contentOffset + y * rowBytes, out, o, rowBytes);
            } else {
                int s = contentOffset + y * contentWidth;
                byte[] pal = palette;
                for (int x = 0; x < contentWidth; x++) {
                    int v = (content[s + x] & 0xFF) * 3;
                    out[o++] = pal[v];
                    out[o++] = pal[v + 1];
                    out[o++] = pal[v + 2];
                }
            }
        }
    }

    void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }

    private static byte[] ensure(byte[] a, int n) {
        return a != null && a.length >= n ? a : new byte[n];
    }

    private static short[] ensure(short[] a, int n) {
        return a != null && a.length >= n ? a : new short[n];
    }

    private static byte[] grayRamp() {
        byte[] g = new byte[768];
        for (int i = 0; i < 256; i++) {
            g[3 * i] = g[3 * i + 1] = g[3 * i + 2] = (byte) i;
        }
        return g;
    }
}
