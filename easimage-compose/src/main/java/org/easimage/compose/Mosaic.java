package org.easimage.compose;

import java.awt.Color;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
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

/**
 * Several sources side by side in one sequence, in step by real time: a lazy {@link SequenceReader} of RGB24
 * frames with exact random access, which the converter streams to any format like a file (and which can itself
 * be a cell of another mosaic).
 *
 * <p><b>Time.</b> Output frame k is at k / fps from the mosaic's start (fps: given, or by default the first
 * recording's frame rate times its playback rate). Each cell shows, at that time, the frame of its source at or
 * just before the source's own time (see {@link Sync} for where sources start, and {@link Tile} for offsets and
 * rates): a frame counts as "at" a time up to 0.5 ms after it (at most 1/20 of a frame), so that containers that
 * round times to the millisecond (Matroska, WebM) do not drop and repeat frames. Before its first frame a cell
 * shows the background; after its end the background or, with {@link Tile.Outside#HOLD}, its last frame. The
 * output lasts from the earliest start to the latest end of all sources. Times that a source does not state are
 * index / its frame rate (or, without one, the mosaic's).
 *
 * <p><b>Layout.</b> Cells of one size (by default the largest source's, shrunk so the whole mosaic fits
 * {@link Builder#maxSize}) are placed by a {@link Layout}; each source keeps its aspect ratio inside its cell
 * (letterboxed in the background colour) unless {@link Fit#STRETCH} is asked, and is resized with
 * {@link Resampler} (area averaging down, bilinear up). Gray sources go through their tile's colormap (gray by
 * default), 16-bit and float ones through its {@link org.easimage.transform.DisplayRange} (by default one range
 * per source: its 0.1-99.9 percentiles). Padding, borders, the background colour and a title band above each
 * cell are drawn once. The output's width and height are even (a background column or row is added if needed),
 * as 4:2:0 video encoders need.
 *
 * <p><b>Memory and speed.</b> Nothing is read before it is needed; each cell keeps only the last frame it showed,
 * so a frame shown over several output frames (a slower source, a held frame) is decoded and resized once, and
 * reading the mosaic in order reads every source in order. Memory is a few frames per cell, whatever the length.
 * Reads are serialised (the mosaic is safe to share between threads). Closing the mosaic closes its sources.
 */
public final class Mosaic implements SequenceReader {

    /** Where each source's first frame sits in time. */
    public enum Sync {
        /**
         * {@link #ABSOLUTE} when every recording states the absolute time of its frames (Norpix, HIRIS, videos with
         * a creation time) and they overlap in time (recorded together); otherwise {@link #START}, with a notice
         * when timestamps were there but did not overlap (recordings of different days compared side by side).
         */
        AUTO,
        /**
         * By timestamps: two cameras started 1.3 s apart are shown 1.3 s apart. Plots without an absolute start
         * begin at the earliest recording's first frame. Fails if a recording states no timestamp.
         */
        ABSOLUTE,
        /** Every source from its own first frame at the start (plus its offset). */
        START
    }

    /** How a source fills its cell. */
    public enum Fit {
        /** Whole and undistorted, centred, bars in the background colour. */
        LETTERBOX,
        /** Stretched to the cell (aspect ratio not kept). */
        STRETCH
    }

    private final List<Cell> cells;
    private final Timeline timeline;
    private final SequenceInfo info;
    private final FrameSpec spec;
    /** Background, borders, title bands: copied into every output frame before the cells are drawn. */
    private final byte[] base;
    private boolean closed;

    private Mosaic(List<Cell> cells, Timeline timeline, FrameSpec spec, byte[] base, Map<String, Object> meta) {
        this.cells = cells;
        this.timeline = timeline;
        this.spec = spec;
        this.base = base;
        this.info = new SequenceInfo("mosaic", timeline.frameCount, spec, Optional.of(timeline.fps),
                () -> meta);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SequenceInfo info() {
        return info;
    }

    @Override
    public Frame read(int index) throws IOException {
        return read(index, null);
    }

    @Override
    public synchronized Frame read(int index, Frame reuse) throws IOException {
        Objects.checkIndex(index, timeline.frameCount);
        if (closed) {
            throw new IllegalStateException("the mosaic is closed");
        }
        ByteBuffer buf = reuse != null && reuse.spec().sameLayout(spec) && reuse.buffer().hasArray()
                && reuse.buffer().arrayOffset() == 0 ? reuse.buffer() : Frames.allocateBuffer(spec.frameBytes());
        byte[] out = buf.array();
        Duration t = timeline.time(index);
        Duration[] local = new Duration[cells.size()];
        boolean[] shows = new boolean[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            local[i] = timeline.local(i, t, c.tile.rate());
            shows[i] = c.shows(local[i]);
        }
        copyBase(out, shows);
        for (int i = 0; i < cells.size(); i++) {
            if (shows[i]) {
                cells.get(i).draw(out, spec.width(), local[i]);
            }
        }
        return new Frame(spec, buf, index, t, timeline.origin == null ? null : timeline.origin.plus(t));
    }

    /**
     * Copies the static layer (background, borders, titles, letterbox bars) everywhere but where a cell is about
     * to draw its picture: a full copy would write every pixel twice.
     */
    private void copyBase(byte[] out, boolean[] shows) {
        int width = spec.width();
        int[] from = new int[cells.size()];
        int[] to = new int[cells.size()];
        int[][] bounds = new int[cells.size()][];
        for (int i = 0; i < cells.size(); i++) {
            bounds[i] = cells.get(i).contentBounds();
        }
        for (int y = 0; y < spec.height(); y++) {
            int n = 0;
            for (int i = 0; i < cells.size(); i++) {
                int[] b = bounds[i];
                if (shows[i] && y >= b[1] && y < b[1] + b[3]) {
                    // insertion sort by left edge (a few cells per row)
                    int j = n++;
                    while (j > 0 && from[j - 1] > b[0]) {
                        from[j] = from[j - 1];
                        to[j] = to[j - 1];
                        j--;
                    }
                    from[j] = b[0];
                    to[j] = b[0] + b[2];
                }
            }
            int row = y * width * 3;
            int x = 0;
            for (int k = 0; k < n; k++) {
                if (from[k] > x) {
                    System.arraycopy(base, row + x * 3, out, row + x * 3, (from[k] - x) * 3);
                }
                x = Math.max(x, to[k]);
            }
            if (x < width) {
                System.arraycopy(base, row + x * 3, out, row + x * 3, (width - x) * 3);
            }
        }
    }

    @Override
    public Optional<Duration> time(int index) {
        return Optional.of(timeline.time(Objects.checkIndex(index, timeline.frameCount)));
    }

    @Override
    public Optional<Instant> timestamp(int index) {
        return Optional.ofNullable(timeline.origin).map(o -> o.plus(time(index).get()));
    }

    /** The number of cells. */
    public int cellCount() {
        return cells.size();
    }

    /** The tile of cell {@code cell} (in the order added). */
    public Tile tile(int cell) {
        return cells.get(cell).tile;
    }

    /** True when the sources were placed by their timestamps (see {@link Sync}). */
    public boolean absolute() {
        return timeline.mode == Timeline.Mode.ABSOLUTE;
    }

    /** Cell {@code cell}'s own time at output frame {@code index}: {@code (t - start) * rate}; negative before it. */
    public Duration cellTime(int cell, int index) {
        return timeline.local(cell, timeline.time(Objects.checkIndex(index, timeline.frameCount)),
                cells.get(cell).tile.rate());
    }

    /**
     * The index of the source frame cell {@code cell} shows at output frame {@code index}, or -1 when it shows
     * the background (or is a plot). Reads no pixel (times only).
     */
    public synchronized int sourceIndex(int cell, int index) throws IOException {
        return cells.get(cell).indexAt(cellTime(cell, index));
    }

    /** Where cell {@code cell}'s picture is drawn in the output: {x, y, width, height} (letterboxed content). */
    public int[] contentBounds(int cell) {
        return cells.get(cell).contentBounds();
    }

    @Override
    public List<Path> sourceFiles() {
        List<Path> out = new ArrayList<>();
        for (Cell c : cells) {
            if (c.tile.file() != null) {
                out.add(c.tile.file());
            }
            if (c.tile.reader() != null) {
                out.addAll(c.tile.reader().sourceFiles());
            }
        }
        return out;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(cells.stream().map(c -> c.tile).toList());
    }

    private static void closeAll(List<Tile> tiles) throws IOException {
        IOException first = null;
        for (Tile t : tiles) {
            try {
                if (t.reader() != null) {
                    t.reader().close();
                }
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Options of a {@link Mosaic}. Defaults: a grid closest to 16:9, cells the size of the largest source, at
     * most 3840x2160 in all, letterboxed, no padding or border, black background, a title band when any tile has
     * a title, the first recording's frame rate, {@link Sync#AUTO}.
     */
    public static final class Builder {
        private final List<Tile> tiles = new ArrayList<>();
        private Layout layout = Layout.grid();
        private int cellWidth;
        private int cellHeight;
        private int maxWidth = 3840;
        private int maxHeight = 2160;
        private Fit fit = Fit.LETTERBOX;
        private int padding;
        private int border;
        private Color borderColor = Color.GRAY;
        private Color background = Color.BLACK;
        private Boolean titles;
        private Rational fps;
        private Sync sync = Sync.AUTO;
        private Consumer<String> notices = s -> { };

        private Builder() {
        }

        /** Adds a cell (in reading order). The mosaic owns the tile's reader from now on. */
        public Builder add(Tile tile) {
            tiles.add(Objects.requireNonNull(tile, "tile"));
            return this;
        }

        /** Adds a cell showing {@code reader}, without a title. */
        public Builder add(SequenceReader reader) {
            return add(Tile.of(reader));
        }

        /** Adds a cell drawing {@code plot}. */
        public Builder add(Plot plot) {
            return add(Tile.of(plot));
        }

        public Builder layout(Layout l) {
            this.layout = Objects.requireNonNull(l, "layout");
            return this;
        }

        /** The picture size of a unit cell (title band and border not included); default: the largest source's. */
        public Builder cellSize(int width, int height) {
            requirePositive(width, height, "cell size");
            this.cellWidth = width;
            this.cellHeight = height;
            return this;
        }

        /** The largest the whole mosaic may be; cells shrink (keeping their aspect) to fit. Default 3840x2160. */
        public Builder maxSize(int width, int height) {
            requirePositive(width, height, "maximum size");
            this.maxWidth = width;
            this.maxHeight = height;
            return this;
        }

        public Builder fit(Fit f) {
            this.fit = Objects.requireNonNull(f, "fit");
            return this;
        }

        /** Pixels between cells and around the edge. */
        public Builder padding(int pixels) {
            if (pixels < 0 || pixels > 1000) {
                throw new IllegalArgumentException("padding must be 0..1000 pixels, got " + pixels);
            }
            this.padding = pixels;
            return this;
        }

        /** A line of {@code pixels} around each cell (title band included). */
        public Builder border(int pixels, Color color) {
            if (pixels < 0 || pixels > 100) {
                throw new IllegalArgumentException("border must be 0..100 pixels, got " + pixels);
            }
            this.border = pixels;
            this.borderColor = Objects.requireNonNull(color, "color");
            return this;
        }

        /** The colour around and between cells, of letterbox bars and of cells showing nothing. */
        public Builder background(Color c) {
            this.background = Objects.requireNonNull(c, "background");
            return this;
        }

        /** Whether cells have a title band (default: when any tile has a title). */
        public Builder titles(boolean on) {
            this.titles = on;
            return this;
        }

        /** The output frame rate (default: the first recording's rate times its playback rate). */
        public Builder fps(Rational rate) {
            if (rate != null && rate.numerator() <= 0) {
                throw new IllegalArgumentException("the frame rate must be positive, got " + rate);
            }
            this.fps = rate;
            return this;
        }

        public Builder sync(Sync s) {
            this.sync = Objects.requireNonNull(s, "sync");
            return this;
        }

        /** Receives one line for each decision the user should know of (e.g. timestamps that do not overlap). */
        public Builder notices(Consumer<String> c) {
            this.notices = Objects.requireNonNull(c, "notices");
            return this;
        }

        /**
         * The mosaic. Reads the sources' times (no pixels). On failure the tiles' readers are closed.
         *
         * @throws IllegalArgumentException when the options do not fit the sources (too many cells for the grid,
         *                                  a synchronisation the sources cannot have, nothing with a duration)
         */
        public Mosaic build() throws IOException {
            if (tiles.isEmpty()) {
                throw new IllegalArgumentException("a mosaic needs at least one source");
            }
            try {
                return make();
            } catch (IOException | RuntimeException e) {
                try {
                    closeAll(tiles);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        private Mosaic make() throws IOException {
            Rational rate = fps;
            if (rate == null) {
                for (Tile t : tiles) {
                    if (t.reader() != null) {
                        Optional<Rational> r = new Cell(t, Rational.of(25)).naturalRate();
                        if (r.isPresent()) {
                            Rational n = r.get();
                            rate = Rational.of(n.numerator() * t.rate().numerator(),
                                    n.denominator() * t.rate().denominator());
                        }
                        break;
                    }
                }
                if (rate == null) {
                    rate = Rational.of(25);
                }
            }
            List<Cell> cells = new ArrayList<>();
            for (Tile t : tiles) {
                cells.add(new Cell(t, rate));
            }
            Timeline timeline = Timeline.of(cells.stream().map(Cell::timelineSource).toList(), sync, rate, notices);

            // unit cell: the largest source's size unless given
            int cw = cellWidth;
            int ch = cellHeight;
            if (cw == 0) {
                long best = -1;
                for (Cell c : cells) {
                    FrameSpec s = c.spec();
                    if (s != null && (long) s.width() * s.height() > best) {
                        best = (long) s.width() * s.height();
                        cw = s.width();
                        ch = s.height();
                    }
                }
                if (cw == 0) {
                    cw = 640;
                    ch = 480;
                }
            }
            boolean withTitles = titles != null ? titles : tiles.stream().anyMatch(t -> t.titleText().isPresent());
            Geometry g = Geometry.of(layout, cells.size(), cw, ch, padding, border, withTitles, maxWidth, maxHeight);
            FrameSpec spec = FrameSpec.of(g.width, g.height, PixelType.RGB24);
            byte[] base = new byte[spec.frameBytes()];
            Canvas.fill(base, g.width, 0, 0, g.width, g.height, background);
            Graphics2D gr = Canvas.graphics(Canvas.wrap(base, g.width, g.height));
            try {
                for (int i = 0; i < cells.size(); i++) {
                    int[] box = g.boxes.get(i); // outer box of the cell: x, y, w, h
                    if (border > 0) {
                        Canvas.fill(base, g.width, box[0], box[1], box[2], box[3], borderColor);
                        Canvas.fill(base, g.width, box[0] + border, box[1] + border, box[2] - 2 * border,
                                box[3] - 2 * border, background);
                    }
                    int px = box[0] + border;
                    int py = box[1] + border + g.band;
                    int pw = box[2] - 2 * border;
                    int ph = box[3] - 2 * border - g.band;
                    if (g.band > 0) {
                        gr.setColor(Canvas.textOn(background));
                        Canvas.centred(gr, tiles.get(i).titleText().orElse(""), Fonts.sans(g.band * 0.62f), px,
                                box[1] + border, pw, g.band);
                    }
                    cells.get(i).place(px, py, pw, ph, fit == Fit.STRETCH,
                            tiles.get(i).plot() != null ? Color.WHITE : background);
                }
            } finally {
                gr.dispose();
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("sync", timeline.mode == Timeline.Mode.ABSOLUTE ? "absolute" : "start");
            if (timeline.origin != null) {
                meta.put("start", timeline.origin);
            }
            List<Map<String, Object>> list = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                Tile t = tiles.get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("title", t.titleText().orElse(""));
                m.put("source", t.reader() != null ? t.reader().info().format() + " " + t.reader().spec() : "plot");
                m.put("start_s", Times.seconds(timeline.starts[i]).toPlainString());
                m.put("rate", t.rate().toString());
                list.add(m);
            }
            meta.put("cells", list);
            return new Mosaic(List.copyOf(cells), timeline, spec, base, meta);
        }

        private static void requirePositive(int w, int h, String what) {
            if (w < 1 || h < 1 || w > (1 << 16) || h > (1 << 16)) {
                throw new IllegalArgumentException("the " + what + " must be 1..65536 pixels a side, got " + w + "x"
                        + h);
            }
        }
    }

    /** Pixel positions of the cells: outer boxes (border and title band included), the title band height. */
    record Geometry(int width, int height, int band, List<int[]> boxes) {

        static Geometry of(Layout layout, int n, int cw, int ch, int padding, int border, boolean titles,
                int maxWidth, int maxHeight) {
            List<Layout.Place> places = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int band = titles ? band(ch) : 0;
                int unitW = cw + 2 * border;
                int unitH = ch + band + 2 * border;
                places = layout.places(n, (double) unitW / unitH);
                int cols = 0;
                int rows = 0;
                for (Layout.Place p : places) {
                    cols = Math.max(cols, p.column() + p.columns());
                    rows = Math.max(rows, p.row() + p.rows());
                }
                long w = (long) cols * unitW + (long) (cols + 1) * padding;
                long h = (long) rows * unitH + (long) (rows + 1) * padding;
                if (w <= maxWidth && h <= maxHeight) {
                    return at(places, cols, rows, cw, ch, band, padding, border);
                }
                // shrink the pictures so the whole fits; fixed parts (padding, borders, bands) stay
                double fw = (maxWidth - (cols + 1.0) * padding - cols * 2.0 * border) / (cols * (double) cw);
                double fh = (maxHeight - (rows + 1.0) * padding - rows * (2.0 * border + band)) / (rows * (double) ch);
                double f = Math.min(fw, fh);
                if (!(f > 0) || cw * f < 1 || ch * f < 1) {
                    throw new IllegalArgumentException("the mosaic cannot fit " + maxWidth + "x" + maxHeight + " with "
                            + cols + " x " + rows + " cells, padding " + padding + " and border " + border);
                }
                cw = Math.max(1, (int) Math.floor(cw * f));
                ch = Math.max(1, (int) Math.floor(ch * f));
            }
            throw new IllegalArgumentException("the mosaic cannot fit " + maxWidth + "x" + maxHeight);
        }

        /** The title band's height for pictures {@code ch} high: about 1/14 of it, 16..48 pixels. */
        static int band(int ch) {
            return Math.max(16, Math.min(48, Math.round(ch / 14f)));
        }

        private static Geometry at(List<Layout.Place> places, int cols, int rows, int cw, int ch, int band,
                int padding, int border) {
            int unitW = cw + 2 * border;
            int unitH = ch + band + 2 * border;
            int w = cols * unitW + (cols + 1) * padding;
            int h = rows * unitH + (rows + 1) * padding;
            List<int[]> boxes = new ArrayList<>();
            for (Layout.Place p : places) {
                int x = padding + p.column() * (unitW + padding);
                int y = padding + p.row() * (unitH + padding);
                int bw = p.columns() * unitW + (p.columns() - 1) * padding;
                int bh = p.rows() * unitH + (p.rows() - 1) * padding;
                boxes.add(new int[] {x, y, bw, bh});
            }
            // 4:2:0 video needs even sizes: an extra background column or row rather than a cropped picture
            return new Geometry(w + (w & 1), h + (h & 1), band, boxes);
        }
    }
}
