package org.easimage.io.gif;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.AbstractSequenceReader;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.Rational;
import org.easimage.io.ReadOptions;
import org.easimage.io.TruncatedInputException;
import org.easimage.io.TruncationPolicy;
import org.easimage.io.SequenceInfo;
import org.easimage.io.Times;
import org.w3c.dom.Node;

/**
 * Reads an animated GIF as fully composited frames of the logical screen size.
 *
 * <p>Frames are GRAY8 when every colour table of the file is gray (r = g = b), as the GIF writer makes for
 * GRAY8 input, so gray sequences round-trip exactly; otherwise RGB24.
 *
 * <p>ImageIO only hands out the raw image blocks; this class composites them: each block is drawn at its offset
 * (transparent index skipped), then disposed (leave / restore to background / restore to previous). The
 * canvas starts as, and "restore to background" restores to, the global palette's background colour (black
 * without a global palette): the output has no alpha. Compositing is sequential, so the reader keeps the canvas
 * after the last frame read plus checkpoints every few frames (bounded to ~64 MB), and {@code read(i)} restarts
 * from the nearest one. Reads are serialised (one ImageIO reader).
 *
 * <p>Times are the stated delays: frame i is shown at the sum of the delays of frames 0..i-1 (exact, in
 * centiseconds); a GIF that states no delay at all has no frame times. GIF has no absolute timestamps.
 *
 * <p>A file that does not end with the GIF trailer byte is reported as truncated ({@link TruncatedInputException}
 * under STRICT; SALVAGE reads the complete images, which are those ImageIO counts).
 */
final class GifReader extends AbstractSequenceReader {

    private static final long MAX_EXPANSION = 2000;
    private static final long CHECKPOINT_BUDGET = 64L << 20;
    private static final Rational CENTISECOND = Rational.of(1, 100);

    private final ImageInputStream input;
    private final ImageReader reader;
    private final SequenceInfo info;
    private final List<GifFrameInfo> frames;
    private final int background;
    private final int checkpointEvery;
    private final long fileSize;
    /** Centiseconds from frame 0 to the start of frame k, by k; null when the file states no delay. */
    private final long[] startCs;
    /** Canvas state before drawing frame k (disposal of k-1 applied), by k. */
    private final TreeMap<Integer, int[]> checkpoints = new TreeMap<>();
    private int[] canvas;
    private int canvasNext = -1;

    private GifReader(Path path, ImageInputStream input, ImageReader reader, SequenceInfo info,
            List<GifFrameInfo> frames, int background, long fileSize) {
        super(path);
        this.input = input;
        this.reader = reader;
        this.info = info;
        this.frames = frames;
        this.background = background;
        this.fileSize = fileSize;
        long[] starts = new long[frames.size()];
        for (int k = 1; k < starts.length; k++) {
            starts[k] = starts[k - 1] + frames.get(k - 1).delayCs();
        }
        boolean anyDelay = frames.stream().anyMatch(f -> f.delayCs() > 0);
        this.startCs = anyDelay ? starts : null;
        long canvasBytes = 4L * info.spec().width() * info.spec().height();
        this.checkpointEvery = (int) Math.max(8, (long) frames.size() * canvasBytes / CHECKPOINT_BUDGET + 1);
    }

    static GifReader open(Path path, ReadOptions options) throws IOException {
        long size = requireFile(path, "a GIF file");
        byte[] head = new byte[6];
        try (var in = Files.newInputStream(path)) {
            int n = in.readNBytes(head, 0, 6);
            if (n < 6 || !(new String(head, 0, 6, java.nio.charset.StandardCharsets.ISO_8859_1).equals("GIF89a")
                    || new String(head, 0, 6, java.nio.charset.StandardCharsets.ISO_8859_1).equals("GIF87a"))) {
                throw new CorruptInputException(path, 0, "not a GIF file (no GIF87a/GIF89a signature)");
            }
        }
        ImageInputStream in = null;
        ImageReader r = null;
        try {
            in = new FileImageInputStream(path.toFile());
            Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("gif");
            if (!it.hasNext()) {
                throw new CorruptInputException(path, "no ImageIO GIF reader");
            }
            r = it.next();
            r.setInput(in, false, false);
            int n = r.getNumImages(true);
            if (!endsWithTrailer(path, size)) {
                // ImageIO counts an image only once its data is complete, and decodes nothing of a cut one
                String msg = "the GIF ends without its trailer byte (0x3B): the file is cut";
                if (options.truncation() == TruncationPolicy.STRICT || n == 0) {
                    throw new TruncatedInputException(path, size, n, msg);
                }
                options.warnings().accept(path + ": " + msg + "; reading the " + n + " complete frame(s)");
            }
            if (n <= 0) {
                throw new CorruptInputException(path, 6, "the GIF holds no image");
            }
            IIOMetadata sm = r.getStreamMetadata();
            Node stream = sm.getAsTree("javax_imageio_gif_stream_1.0");
            Node lsd = child(stream, "LogicalScreenDescriptor");
            int sw = intAttr(lsd, "logicalScreenWidth", 0);
            int sh = intAttr(lsd, "logicalScreenHeight", 0);
            int background = 0;
            Node gct = child(stream, "GlobalColorTable");
            boolean gray = isGray(gct);
            if (gct != null) {
                int bgIndex = intAttr(gct, "backgroundColorIndex", 0);
                for (Node e = gct.getFirstChild(); e != null; e = e.getNextSibling()) {
                    if (intAttr(e, "index", -1) == bgIndex) {
                        background = intAttr(e, "red", 0) << 16 | intAttr(e, "green", 0) << 8 | intAttr(e, "blue", 0);
                    }
                }
            }
            List<GifFrameInfo> frames = new ArrayList<>(n);
            int loop = -1;
            int maxW = 0;
            int maxH = 0;
            for (int i = 0; i < n; i++) {
                Node img = r.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                Node d = child(img, "ImageDescriptor");
                Node g = child(img, "GraphicControlExtension");
                int left = intAttr(d, "imageLeftPosition", 0);
                int top = intAttr(d, "imageTopPosition", 0);
                int w = intAttr(d, "imageWidth", 0);
                int h = intAttr(d, "imageHeight", 0);
                if (w <= 0 || h <= 0) {
                    throw new CorruptInputException(path, "image " + i + " has an empty size " + w + "x" + h);
                }
                if ((long) w * h > size * MAX_EXPANSION + (16 << 20)) {
                    throw new CorruptInputException(path, "image " + i + " claims " + w + "x" + h
                            + " pixels, implausible for a file of " + size + " bytes");
                }
                int disposal = 0;
                boolean transparent = false;
                int tIndex = 0;
                int delay = 0;
                if (g != null) {
                    disposal = switch (String.valueOf(attr(g, "disposalMethod"))) {
                        case "doNotDispose" -> 1;
                        case "restoreToBackgroundColor" -> 2;
                        case "restoreToPrevious" -> 3;
                        default -> 0;
                    };
                    transparent = "TRUE".equalsIgnoreCase(attr(g, "transparentColorFlag"));
                    tIndex = intAttr(g, "transparentColorIndex", 0);
                    delay = intAttr(g, "delayTime", 0);
                }
                if (i == 0) {
                    loop = loopCount(img);
                }
                gray &= isGray(child(img, "LocalColorTable"));
                maxW = Math.max(maxW, left + w);
                maxH = Math.max(maxH, top + h);
                frames.add(new GifFrameInfo(left, top, w, h, disposal, transparent, tIndex, delay));
            }
            if (sw <= 0 || sh <= 0) {
                sw = maxW; // a zero logical screen: use the frames' extent
                sh = maxH;
            }
            PixelType type = gray ? PixelType.GRAY8 : PixelType.RGB24;
            long screenBytes = (long) sw * sh * type.bytesPerPixel(); // both < 2^16: no overflow
            if (screenBytes > Math.min(FrameSpec.MAX_FRAME_BYTES, size * MAX_EXPANSION + (64 << 20))) {
                throw new CorruptInputException(path, 6, "logical screen " + sw + "x" + sh
                        + " is implausible for a file of " + size + " bytes");
            }
            FrameSpec spec = FrameSpec.of(sw, sh, type);
            long totalCs = 0;
            List<Integer> delays = new ArrayList<>();
            for (GifFrameInfo f : frames) {
                totalCs += f.delayCs();
                delays.add(f.delayCs() * 10);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("logicalScreen", sw + "x" + sh);
            m.put("loopCount", loop < 0 ? "none (play once)" : loop == 0 ? "forever" : loop);
            m.put("frameDelaysMs", delays);
            m.put("totalDurationMs", totalCs * 10);
            m.put("backgroundColor", String.format("#%06x", background));
            Optional<Rational> rate = totalCs > 0 ? Optional.of(Rational.of(100L * n, totalCs)) : Optional.empty();
            SequenceInfo info = new SequenceInfo("gif", n, spec, rate, () -> m);
            return new GifReader(path, in, r, info, List.copyOf(frames), background, size);
        } catch (EasimageException e) {
            close(r, in);
            throw e;
        } catch (IOException | RuntimeException e) {
            close(r, in);
            throw new CorruptInputException(path, -1, "cannot parse the GIF: " + e, e);
        }
    }

    /** True when every entry of the colour table (absent counts as gray) has red = green = blue. */
    private static boolean isGray(Node table) {
        if (table == null) {
            return true;
        }
        for (Node e = table.getFirstChild(); e != null; e = e.getNextSibling()) {
            int r = intAttr(e, "red", 0);
            if (r != intAttr(e, "green", 0) || r != intAttr(e, "blue", 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWithTrailer(Path path, long size) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(path)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            return ch.read(b, size - 1) == 1 && b.get(0) == 0x3B;
        }
    }

    private static int loopCount(Node img) {
        Node apps = child(img, "ApplicationExtensions");
        if (apps == null) {
            return -1;
        }
        for (Node a = apps.getFirstChild(); a != null; a = a.getNextSibling()) {
            if ("NETSCAPE".equals(attr(a, "applicationID")) && a instanceof IIOMetadataNode node
                    && node.getUserObject() instanceof byte[] b && b.length >= 3 && b[0] == 1) {
                return (b[1] & 0xFF) | (b[2] & 0xFF) << 8;
            }
        }
        return -1;
    }

    private static Node child(Node n, String name) {
        if (n == null) {
            return null;
        }
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (name.equals(c.getNodeName())) {
                return c;
            }
        }
        return null;
    }

    private static String attr(Node n, String name) {
        if (n == null || n.getAttributes() == null) {
            return null;
        }
        Node a = n.getAttributes().getNamedItem(name);
        return a == null ? null : a.getNodeValue();
    }

    private static int intAttr(Node n, String name, int dflt) {
        String v = attr(n, name);
        try {
            return v == null ? dflt : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    @Override
    public SequenceInfo info() {
        return info;
    }

    @Override
    protected Optional<Duration> frameTime(int index) {
        return startCs == null ? Optional.empty() : Optional.of(Times.ofTicks(startCs[index], CENTISECOND));
    }

    @Override
    protected Optional<java.time.Instant> frameTimestamp(int index) {
        return Optional.empty();
    }

    @Override
    protected synchronized Frame readFrame(int index, Frame reuse) throws IOException {
        ensureOpen(); // again under the lock: close() disposes the ImageIO reader
        // start from the cached canvas or the nearest checkpoint at or before index, else from scratch
        int start = 0;
        int[] state = null;
        Map.Entry<Integer, int[]> cp = checkpoints.floorEntry(index);
        if (cp != null) {
            start = cp.getKey();
            state = cp.getValue();
        }
        if (canvas != null && canvasNext <= index && canvasNext >= start) {
            start = canvasNext;
            state = canvas;
        }
        int w = info.spec().width();
        int h = info.spec().height();
        int[] c;
        if (state == null) {
            c = new int[w * h];
            Arrays.fill(c, background);
        } else {
            c = state == canvas ? canvas : state.clone();
        }
        Frame out = null;
        try {
            for (int k = start; k <= index; k++) {
                GifFrameInfo f = frames.get(k);
                int[] saved = f.disposal() == 3 ? c.clone() : null;
                draw(c, w, h, k, f);
                if (k == index) {
                    out = toFrame(c, k);
                }
                dispose(c, w, h, f, saved);
                if ((k + 1) % checkpointEvery == 0 && k + 1 < frames.size() && !checkpoints.containsKey(k + 1)) {
                    checkpoints.put(k + 1, c.clone());
                }
            }
        } catch (IOException | RuntimeException e) {
            canvas = null; // c may be the cached canvas, half drawn
            throw e;
        }
        canvas = c;
        canvasNext = index + 1;
        return out;
    }

    private void draw(int[] c, int w, int h, int k, GifFrameInfo f) throws IOException {
        BufferedImage img;
        try {
            img = reader.read(k);
        } catch (IOException | RuntimeException e) {
            throw new CorruptInputException(path, -1, "cannot decode image " + k + ": " + e, e);
        } catch (OutOfMemoryError e) {
            throw new CorruptInputException(path, -1, "image " + k + " is too large to decode");
        }
        int iw = Math.min(img.getWidth(), f.width());
        int ih = Math.min(img.getHeight(), f.height());
        if (img.getColorModel() instanceof java.awt.image.IndexColorModel icm
                && img.getRaster().getNumBands() == 1) {
            drawIndexed(c, w, h, f, img, icm, iw, ih);
            return;
        }
        int[] row = new int[iw];
        for (int y = 0; y < ih; y++) {
            int cy = f.top() + y;
            if (cy >= h) {
                break;
            }
            img.getRGB(0, y, iw, 1, row, 0, iw);
            for (int x = 0; x < iw; x++) {
                int cx = f.left() + x;
                if (cx >= w) {
                    break;
                }
                int argb = row[x];
                if ((argb >>> 24) != 0) { // transparent index: keep what is below
                    c[cy * w + cx] = argb & 0xFFFFFF;
                }
            }
        }
    }

    /** The usual case: palette indices looked up directly (no per-pixel colour-model call). */
    private static void drawIndexed(int[] c, int w, int h, GifFrameInfo f, BufferedImage img,
            java.awt.image.IndexColorModel icm, int iw, int ih) {
        int[] lut = new int[256];
        icm.getRGBs(lut);
        java.awt.image.Raster r = img.getRaster();
        int[] idx = new int[iw];
        for (int y = 0; y < ih; y++) {
            int cy = f.top() + y;
            if (cy >= h) {
                break;
            }
            r.getSamples(0, y, iw, 1, 0, idx);
            int base = cy * w;
            for (int x = 0; x < iw; x++) {
                int cx = f.left() + x;
                if (cx >= w) {
                    break;
                }
                int argb = lut[idx[x] & 0xFF];
                if ((argb >>> 24) != 0) {
                    c[base + cx] = argb & 0xFFFFFF;
                }
            }
        }
    }

    private void dispose(int[] c, int w, int h, GifFrameInfo f, int[] saved) {
        if (f.disposal() != 2 && f.disposal() != 3) {
            return;
        }
        int x1 = Math.min(w, f.left() + f.width());
        int y1 = Math.min(h, f.top() + f.height());
        for (int y = f.top(); y < y1; y++) {
            for (int x = f.left(); x < x1; x++) {
                c[y * w + x] = f.disposal() == 2 ? background : saved[y * w + x];
            }
        }
    }

    private Frame toFrame(int[] c, int index) {
        Frame f = Frames.allocate(info.spec(), index).withTime(frameTime(index).orElse(null));
        if (info.spec().pixelType() == PixelType.GRAY8) {
            byte[] g = new byte[c.length];
            for (int i = 0; i < c.length; i++) {
                g[i] = (byte) c[i];
            }
            f.buffer().put(g);
            return f;
        }
        byte[] b = new byte[c.length * 3];
        for (int i = 0; i < c.length; i++) {
            b[3 * i] = (byte) (c[i] >> 16);
            b[3 * i + 1] = (byte) (c[i] >> 8);
            b[3 * i + 2] = (byte) c[i];
        }
        f.buffer().put(b);
        return f;
    }

    @Override
    protected synchronized void release() {
        close(reader, input);
    }

    private static void close(ImageReader r, ImageInputStream in) {
        if (r != null) {
            r.dispose();
        }
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // read-only
            }
        }
    }

    long fileSize() {
        return fileSize;
    }
}
