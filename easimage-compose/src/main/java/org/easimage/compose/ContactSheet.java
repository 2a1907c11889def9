package org.easimage.compose;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSource;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.frame.SampleType;
import org.easimage.io.AtomicOutput;
import org.easimage.io.OutputWriteException;
import org.easimage.io.Overwrite;
import org.easimage.io.ProbeInput;
import org.easimage.io.Rational;
import org.easimage.io.SequenceReader;
import org.easimage.io.Times;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.transform.DisplayRange;
import org.easimage.transform.Fonts;
import org.easimage.transform.Percentiles;

/**
 * One picture that shows what is in a recording before opening it: evenly spaced frames (the first and the last
 * included) as a grid of thumbnails, each with its index and time below, under a header naming the source. Only
 * the frames shown are read, each once and in order (so a two-hour video costs {@code count} seeks), and only
 * their thumbnails are kept.
 *
 * <p>Gray frames are shown in gray (or a colormap); 16-bit ones through a {@link DisplayRange}: by default
 * {@code auto}, measured on the frames shown themselves (their pooled 0.1-99.9 percentiles), so no other frame
 * is read; float frames with {@code auto} are read twice (the range first). Thumbnails are resized with
 * {@link Resampler} (area averaging).
 *
 * <pre>{@code
 * try (SequenceReader r = Formats.open(video)) {
 *     Frame sheet = ContactSheet.builder().count(16).columns(4).title("run.mp4").build().render(r);
 *     ContactSheet.write(sheet, Path.of("run.png"), Overwrite.NEVER);
 * }
 * }</pre>
 */
public final class ContactSheet {

    private final int count;
    private final int columns;
    private final int thumbWidth;
    private final String title;
    private final DisplayRange range;
    private final byte[] colormap;

    private ContactSheet(Builder b) {
        this.count = b.count;
        this.columns = b.columns;
        this.thumbWidth = b.thumbWidth;
        this.title = b.title;
        this.range = b.range;
        this.colormap = b.colormap;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The frames shown of a sequence of {@code frames}: {@code count} evenly spaced from the first to the last
     * (all of them when there are fewer), in increasing order.
     */
    public int[] indexes(int frames) {
        int k = Math.min(count, frames);
        int[] out = new int[k];
        for (int j = 0; j < k; j++) {
            out[j] = k == 1 ? frames / 2 : (int) Math.round((double) j * (frames - 1) / (k - 1));
        }
        return out;
    }

    /** The sheet of {@code reader} as one RGB24 frame, reading only the frames of {@link #indexes}. */
    public Frame render(SequenceReader reader) throws IOException {
        int n = reader.frameCount();
        if (n == 0) {
            throw new IllegalArgumentException("the sequence has no frames");
        }
        int[] shown = indexes(n);
        FrameSpec src = reader.spec();
        // thumbnails fit a box of thumbWidth x 3/4 of it: a tall source (e.g. 145x951) gets narrow, not huge
        int boxHeight = Math.max(1, thumbWidth * 3 / 4);
        double scale = Math.min((double) thumbWidth / src.width(), (double) boxHeight / src.height());
        if ((double) src.height() * thumbWidth / src.width() <= boxHeight) {
            scale = (double) thumbWidth / src.width(); // wide sources: exactly thumbWidth
        }
        int tw = Math.max(1, (int) Math.round(src.width() * scale));
        int th = Math.max(1, (int) Math.round(src.height() * scale));
        int channels = src.channels() == 1 ? 1 : 3;
        Resampler resampler = new Resampler(src.width(), src.height(), tw, th);
        int samples = tw * th * channels;

        // read each shown frame once: 8-bit thumbnails directly, 16-bit ones kept at 16 bits until the range is known
        List<byte[]> thumbs8 = new ArrayList<>();
        List<short[]> thumbs16 = new ArrayList<>();
        List<double[]> frameLimits = new ArrayList<>();
        DisplayRange bound = range;
        Percentiles.Pool pool = null;
        if (src.sampleType() == SampleType.F32 && range instanceof DisplayRange.Auto) {
            bound = range.bind(shownFrames(reader, shown)); // floats: measured first (each shown frame read twice)
        } else if (range instanceof DisplayRange.Auto a && src.sampleType() == SampleType.U16) {
            pool = new Percentiles.Pool(src, (1 << 22) / shown.length);
        }
        Optional<Duration>[] times = timesOf(reader, shown);
        Frame reuse = null;
        short[] shorts = null;
        for (int i : shown) {
            Frame f = reader.read(i, reuse);
            reuse = f;
            switch (src.sampleType()) {
                case U8 -> {
                    byte[] t = new byte[samples];
                    ByteBuffer b = f.buffer();
                    byte[] a = b.hasArray() ? b.array() : Frames.toBytes(f);
                    resampler.resize8(a, b.hasArray() ? b.arrayOffset() : 0, src.channels(), channels, t);
                    thumbs8.add(t);
                }
                case U16 -> {
                    if (pool != null) {
                        pool.add(f);
                    } else {
                        frameLimits.add(bound.limits(f));
                    }
                    shorts = shorts != null && shorts.length >= src.sampleCount() ? shorts : new short[src.sampleCount()];
                    f.buffer().asShortBuffer().get(shorts, 0, src.sampleCount());
                    short[] t = new short[samples];
                    resampler.resize16(shorts, src.channels(), channels, t);
                    thumbs16.add(t);
                }
                case F32 -> {
                    double[] r = bound.limits(f);
                    thumbs8.add(floatThumb(f, r, channels, resampler, samples));
                }
            }
        }
        if (!thumbs16.isEmpty()) {
            for (int j = 0; j < thumbs16.size(); j++) {
                double[] r = pool != null ? pool.percentiles(((DisplayRange.Auto) range).low(),
                        ((DisplayRange.Auto) range).high()) : frameLimits.get(j);
                byte[] lut = lut(r);
                short[] t = thumbs16.get(j);
                byte[] out = new byte[samples];
                for (int p = 0; p < samples; p++) {
                    out[p] = lut[t[p] & 0xFFFF];
                }
                thumbs8.add(out);
            }
        }
        return compose(reader, shown, times, thumbs8, tw, th, channels);
    }

    private Frame compose(SequenceReader reader, int[] shown, Optional<Duration>[] times, List<byte[]> thumbs,
            int tw, int th, int channels) throws IOException {
        int cols = Math.max(1, Math.min(columns, shown.length));
        int rows = (shown.length + cols - 1) / cols;
        int cw = Math.max(tw, 200); // room for the label under a narrow thumbnail
        int gap = Math.max(6, cw / 40);
        float labelSize = Math.max(12, Math.min(18, cw / 18f));
        int label = Math.round(labelSize * 1.6f);
        float headerSize = labelSize * 1.25f;
        int header = Math.round(headerSize * 3.4f);
        int width = Math.max(cols * cw + (cols + 1) * gap, 480);
        int height = header + rows * (th + label) + (rows + 1) * gap;
        width += width & 1;
        height += height & 1;
        FrameSpec spec = FrameSpec.of(width, height, PixelType.RGB24);
        byte[] rgb = new byte[spec.frameBytes()];
        Color background = new Color(0x20, 0x20, 0x20);
        Canvas.fill(rgb, width, 0, 0, width, height, background);
        byte[] palette = colormap != null ? colormap : null;
        int left = (width - (cols * cw + (cols + 1) * gap)) / 2 + gap;
        for (int j = 0; j < shown.length; j++) {
            int x = left + (j % cols) * (cw + gap) + (cw - tw) / 2;
            int y = header + gap + (j / cols) * (th + label + gap);
            byte[] t = thumbs.get(j);
            for (int row = 0; row < th; row++) {
                int o = ((y + row) * width + x) * 3;
                if (channels == 3) {
                    System.arraycopy(t, row * tw * 3, rgb, o, tw * 3);
                } else {
                    for (int c = 0; c < tw; c++) {
                        int v = t[row * tw + c] & 0xFF;
                        if (palette != null) {
                            rgb[o++] = palette[3 * v];
                            rgb[o++] = palette[3 * v + 1];
                            rgb[o++] = palette[3 * v + 2];
                        } else {
                            rgb[o++] = (byte) v;
                            rgb[o++] = (byte) v;
                            rgb[o++] = (byte) v;
                        }
                    }
                }
            }
        }
        Graphics2D g = Canvas.graphics(Canvas.wrap(rgb, width, height));
        try {
            g.setColor(Color.WHITE);
            Duration total = reader.frameCount() > 1 ? reader.time(reader.frameCount() - 1).orElse(null) : null;
            boolean longForm = total != null && total.compareTo(Duration.ofMinutes(1)) >= 0;
            for (int j = 0; j < shown.length; j++) {
                int x = left + (j % cols) * (cw + gap);
                int y = header + gap + (j / cols) * (th + label + gap) + th;
                String text = "#" + shown[j] + times[j].map(d -> "   " + clock(d, longForm)).orElse("");
                Canvas.centred(g, text, Fonts.sans(labelSize), x - gap / 2, y, cw + gap, label);
            }
            String head = title != null ? title : "";
            g.setFont(Fonts.sansBold(headerSize));
            Canvas.centred(g, head, Fonts.sansBold(headerSize), 0, gap / 2, width, Math.round(headerSize * 1.7f));
            g.setColor(new Color(0xC8, 0xC8, 0xC8));
            Canvas.centred(g, summary(reader), Fonts.sans(labelSize), 0, gap / 2 + Math.round(headerSize * 1.6f),
                    width, Math.round(labelSize * 1.6f));
        } finally {
            g.dispose();
        }
        return new Frame(spec, ByteBuffer.wrap(rgb), 0, null, null);
    }

    /** "1000 frames  640x480 GRAY16 (12-bit)  100 fps  10.000 s  from 2024-05-01 10:00:00.000 UTC". */
    private static String summary(SequenceReader r) throws IOException {
        StringBuilder s = new StringBuilder();
        int n = r.frameCount();
        s.append(n).append(n == 1 ? " frame   " : " frames   ").append(r.spec());
        r.info().frameRate().ifPresent(f -> s.append("   ").append(fps(f)).append(" fps"));
        Optional<Duration> last = r.time(n - 1);
        Optional<Duration> first = r.time(0);
        if (last.isPresent() && first.isPresent()) {
            Duration span = last.get().minus(first.get());
            s.append("   ").append(clock(span, span.compareTo(Duration.ofMinutes(1)) >= 0)).append(" long");
        }
        Optional<Instant> ts = r.timestamp(0);
        ts.ifPresent(i -> s.append("   from ").append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'")
                .withZone(ZoneOffset.UTC).format(i)));
        return s.toString();
    }

    private static String fps(Rational r) {
        return r.denominator() == 1 ? Long.toString(r.numerator()) : String.format(Locale.ROOT, "%.3f", r.toDouble());
    }

    /** {@code 12.345 s}, or {@code 1:02:03.456} for recordings of a minute or more. */
    static String clock(Duration d, boolean longForm) {
        if (!longForm) {
            return Times.seconds(d).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString() + " s";
        }
        long ms = d.toMillis();
        return String.format(Locale.ROOT, "%d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                ms % 1000);
    }

    @SuppressWarnings("unchecked")
    private static Optional<Duration>[] timesOf(SequenceReader r, int[] shown) throws IOException {
        Optional<Duration>[] out = new Optional[shown.length];
        Optional<Duration> first = r.time(0);
        for (int j = 0; j < shown.length; j++) {
            Optional<Duration> t = first.isPresent() ? r.time(shown[j]) : Optional.empty();
            out[j] = t.map(d -> d.minus(first.get()));
        }
        return out;
    }

    private static byte[] lut(double[] r) {
        byte[] lut = new byte[65536];
        double scale = r[1] > r[0] ? 255.0 / (r[1] - r[0]) : 0;
        for (int v = 0; v < lut.length; v++) {
            lut[v] = (byte) Frames.saturate((v - r[0]) * scale, 255);
        }
        return lut;
    }

    private static byte[] floatThumb(Frame f, double[] r, int channels, Resampler resampler, int samples) {
        FrameSpec s = f.spec();
        double scale = r[1] > r[0] ? 255.0 / (r[1] - r[0]) : 0;
        int pixels = s.width() * s.height();
        byte[] b = new byte[pixels * channels];
        java.nio.FloatBuffer fb = f.buffer().asFloatBuffer();
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < channels; c++) {
                b[p * channels + c] = (byte) Frames.saturate((fb.get(p * s.channels() + c) - r[0]) * scale, 255);
            }
        }
        byte[] t = new byte[samples];
        resampler.resize8(b, 0, channels, channels, t);
        return t;
    }

    private static FrameSource shownFrames(SequenceReader r, int[] shown) {
        return new FrameSource() {
            @Override
            public int frameCount() {
                return shown.length;
            }

            @Override
            public FrameSpec spec() {
                return r.spec();
            }

            @Override
            public Frame read(int index) throws IOException {
                return r.read(shown[index]);
            }
        };
    }

    /**
     * Checks, before any work, that {@code out} can be written: an image extension ImageIO writes (png, jpg, bmp,
     * tif) and no existing file unless {@code overwrite} allows it.
     *
     * @throws UnsupportedOutputException for another extension (a usage error)
     */
    public static void checkOutput(Path out, Overwrite overwrite) throws IOException {
        imageFormat(out);
        AtomicOutput.checkDestination(out, overwrite);
    }

    /** Writes {@code sheet} to {@code out} (format by extension), atomically: complete or not at all. */
    public static void write(Frame sheet, Path out, Overwrite overwrite) throws IOException {
        String format = imageFormat(out);
        FrameSpec s = sheet.spec();
        BufferedImage img = new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.drawImage(Frames.toBufferedImage(sheet), 0, 0, null);
        } finally {
            g.dispose();
        }
        try (AtomicOutput o = AtomicOutput.file(out, overwrite)) {
            try {
                if (!ImageIO.write(img, format, o.temporary().toFile())) {
                    throw new UnsupportedOutputException(out, "no " + format + " writer in this Java");
                }
            } catch (IOException e) {
                if (e instanceof UnsupportedOutputException) {
                    throw e;
                }
                throw new OutputWriteException(out, "cannot write the sheet: " + OutputWriteException.reasons(e), e);
            }
            o.commit();
        }
    }

    private static String imageFormat(Path out) throws UnsupportedOutputException {
        String ext = ProbeInput.extensionOf(out).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "png" -> "png";
            case "jpg", "jpeg" -> "jpeg";
            case "bmp" -> "bmp";
            case "tif", "tiff" -> "tiff";
            default -> throw new UnsupportedOutputException(out, "a contact sheet is an image: name it .png, .jpg, "
                    + ".bmp or .tif");
        };
    }

    /** Options of a {@link ContactSheet}; defaults: 16 frames in 4 columns, thumbnails 320 pixels wide, auto range. */
    public static final class Builder {
        private int count = 16;
        private int columns = 4;
        private int thumbWidth = 320;
        private String title;
        private DisplayRange range = DisplayRange.auto();
        private byte[] colormap;

        private Builder() {
        }

        /** How many frames to show (1..10000). */
        public Builder count(int n) {
            if (n < 1 || n > 10_000) {
                throw new IllegalArgumentException("a contact sheet shows 1..10000 frames, got " + n);
            }
            this.count = n;
            return this;
        }

        /** Thumbnails per row (1..100). */
        public Builder columns(int n) {
            if (n < 1 || n > 100) {
                throw new IllegalArgumentException("a contact sheet has 1..100 columns, got " + n);
            }
            this.columns = n;
            return this;
        }

        /** The width of each thumbnail in pixels (16..4096); heights follow the source's aspect ratio. */
        public Builder thumbWidth(int pixels) {
            if (pixels < 16 || pixels > 4096) {
                throw new IllegalArgumentException("thumbnails are 16..4096 pixels wide, got " + pixels);
            }
            this.thumbWidth = pixels;
            return this;
        }

        /** The header's first line (e.g. the file name). */
        public Builder title(String text) {
            this.title = text;
            return this;
        }

        public Builder range(DisplayRange r) {
            this.range = Objects.requireNonNull(r, "range");
            return this;
        }

        /** A colormap for gray sources, 768 bytes; {@code null} for gray. */
        public Builder colormap(byte[] rgbTable) {
            if (rgbTable != null && rgbTable.length != 768) {
                throw new IllegalArgumentException("a colormap is 768 bytes, got " + rgbTable.length);
            }
            this.colormap = rgbTable == null ? null : rgbTable.clone();
            return this;
        }

        public ContactSheet build() {
            return new ContactSheet(this);
        }
    }
}
