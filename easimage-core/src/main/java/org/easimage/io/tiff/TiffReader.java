package org.easimage.io.tiff;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.io.AbstractSequenceReader;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.FormatMetadata;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceInfo;
import org.easimage.io.TruncatedInputException;
import org.easimage.io.TruncationPolicy;

/**
 * Reads a multi-page (Big)TIFF page by page through ImageIO (TwelveMonkeys' reader when present).
 *
 * <p>At open, the IFD chain is walked by {@link TiffStructure} (no pixel decoded): that gives the exact page count
 * and checks that every page has the layout of page 0 — a page that differs fails the open with a
 * {@link CorruptInputException} naming it. A page whose strips run past the end of the file is a truncation
 * ({@link TruncatedInputException} under STRICT; under SALVAGE the pages before it are kept). The ImageJ
 * ({@code images=N}) or tifffile ({@code {"shape": [...]}}) description is only a cross-check: when it disagrees
 * with the chain, the chain wins and a warning says so — except for ImageJ's layout for stacks past 4 GiB (one
 * IFD, {@code images=N}, uncompressed pages stored back to back), whose pages are then read raw from the file.
 * Frame times come from the description ({@link TiffTimes}: the JSON keys {@link TiffWriter} writes, or ImageJ's
 * frame interval), read without decoding pages. ImageIO readers are not thread-safe: reads are serialised. Float pages of classic TIFF files are decoded by the
 * JDK reader because TwelveMonkeys 3.15 clamps float samples to [0, 1].
 */
final class TiffReader extends AbstractSequenceReader {

    /** Compressed pages can expand a lot (Deflate up to ~1030:1); anything beyond this is a lying header. */
    private static final long MAX_EXPANSION = 1100;

    private final TiffStructure structure;
    private final SequenceInfo info;
    private final ImageInputStream input;
    private final ImageReader reader;
    /** Byte offset of page 0's pixels when pages are raw and back to back (ImageJ's layout past 4 GiB), else -1. */
    private final long rawStart;
    private final TiffTimes times;

    private TiffReader(Path path, TiffStructure structure, SequenceInfo info, ImageInputStream input,
            ImageReader reader, long rawStart, TiffTimes times) {
        super(path);
        this.rawStart = rawStart;
        this.times = times;
        this.structure = structure;
        this.info = info;
        this.input = input;
        this.reader = reader;
    }

    static TiffReader open(Path path, ReadOptions options) throws IOException {
        requireFile(path, "a TIFF file");
        TiffStructure s;
        try {
            s = TiffStructure.read(path);
        } catch (EasimageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CorruptInputException(path, -1, "unreadable TIFF structure: " + e, e);
        }
        if (s.truncatedAt >= 0) {
            String msg = "the pixel data of page " + s.truncatedAt + " runs past the end of the file";
            if (options.truncation() == TruncationPolicy.STRICT || s.pages.isEmpty()) {
                throw new TruncatedInputException(path, s.truncatedOffset, s.pages.size(), msg);
            }
            options.warnings().accept(path + ": " + msg + "; reading the " + s.pages.size() + " complete page(s)");
        }
        TiffStructure.Page p0 = s.pages.get(0);
        for (int i = 1; i < s.pages.size(); i++) {
            TiffStructure.Page p = s.pages.get(i);
            if (!p.sameLayout(p0)) {
                throw new CorruptInputException(path, p.ifdOffset(), "page " + i + " is " + p.layout()
                        + " but page 0 is " + p0.layout() + "; all pages of a sequence must match");
            }
        }
        ImageInputStream in = null;
        ImageReader r = null;
        try {
            in = new FileImageInputStream(path.toFile());
            // TwelveMonkeys 3.15 clamps float samples to [0, 1]; the JDK reader keeps them (but has no BigTIFF)
            r = tiffReader(in, p0.sampleFormat() == 3 && !s.bigTiff ? "com.sun.imageio" : "com.twelvemonkeys");
            if (r == null) {
                throw new CorruptInputException(path, 0, "no ImageIO TIFF reader accepts this file");
            }
            r.setInput(in, false, true);
            FrameSpec spec = withSignificantBits(s, specOf(path, r, p0));
            long maxBytes = p0.compression() == 1 ? s.fileSize : s.fileSize * MAX_EXPANSION + (1 << 20);
            if (spec.frameBytes() > maxBytes) {
                throw new CorruptInputException(path, p0.ifdOffset(), "page size " + spec + " (" + spec.frameBytes()
                        + " bytes) is implausible for a file of " + s.fileSize + " bytes");
            }
            int count = s.pages.size();
            long rawStart = -1;
            long described = describedFrames(s.description, p0.samples());
            if (count == 1 && described > 1 && s.description.startsWith("ImageJ=") && rawReadable(p0, spec)) {
                // ImageJ stacks past 4 GiB keep one IFD and store the other pages right after page 0's pixels
                long fit = (s.fileSize - p0.dataStart()) / spec.frameBytes();
                count = (int) Math.min(Math.min(described, fit), TiffStructure.MAX_PAGES);
                if (count < described) {
                    String msg = "ImageJ says " + described + " images but only " + count + " fit in the file";
                    if (options.truncation() == TruncationPolicy.STRICT) {
                        throw new TruncatedInputException(path, s.fileSize, count, msg);
                    }
                    options.warnings().accept(path + ": " + msg);
                }
                rawStart = p0.dataStart();
            }
            TiffTimes times = TiffTimes.of(s.description, count, path, options.warnings());
            SequenceInfo info = new SequenceInfo("tiff", count, spec, times.rate(), metadata(s, options, path, count));
            return new TiffReader(path, s, info, in, r, rawStart, times);
        } catch (EasimageException e) {
            closeQuietly(r, in);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(r, in);
            throw new CorruptInputException(path, -1, "cannot decode the TIFF header: " + e, e);
        }
    }

    private static ImageReader tiffReader(ImageInputStream in, String preferred) {
        ImageReader fallback = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReaders(in); it.hasNext(); ) {
            ImageReader r = it.next();
            if (r.getClass().getName().startsWith(preferred)) {
                return r;
            }
            if (fallback == null) {
                fallback = r;
            }
        }
        return fallback;
    }

    /** The frame spec of page 0 from its declared image type, without decoding pixels. */
    private static FrameSpec specOf(Path path, ImageReader r, TiffStructure.Page p0) throws IOException {
        ImageTypeSpecifier t = r.getRawImageType(0);
        if (t == null) {
            Iterator<ImageTypeSpecifier> it = r.getImageTypes(0);
            t = it.hasNext() ? it.next() : null;
        }
        if (t == null) {
            throw new CorruptInputException(path, p0.ifdOffset(), "unsupported TIFF pixel layout: " + p0.layout());
        }
        BufferedImage probe = t.createBufferedImage(1, 1);
        FrameSpec one = Frames.fromBufferedImage(probe).spec();
        int w = r.getWidth(0);
        int h = r.getHeight(0);
        if (w != p0.width() || h != p0.height()) {
            throw new CorruptInputException(path, p0.ifdOffset(), "page 0 size disagrees: " + w + "x" + h);
        }
        if ((long) w * h > FrameSpec.MAX_FRAME_BYTES / one.pixelType().bytesPerPixel()) {
            throw new CorruptInputException(path, p0.ifdOffset(), "page 0 of " + w + "x" + h + " "
                    + one.pixelType() + " is larger than one buffer can hold");
        }
        return new FrameSpec(w, h, one.pixelType(), one.significantBits());
    }

    /**
     * {@code spec} with the significant bits SMaxSampleValue states (4095: 12 of 16), when it states fewer than
     * the samples hold; a missing, unreadable or implausible tag changes nothing.
     */
    private static FrameSpec withSignificantBits(TiffStructure s, FrameSpec spec) {
        long[] max = s.maxSampleValue;
        if (!spec.sampleType().isInteger() || max == null || max.length == 0) {
            return spec;
        }
        long m = java.util.Arrays.stream(max).max().getAsLong();
        int bits = 64 - Long.numberOfLeadingZeros(m);
        return m > 0 && bits < spec.significantBits()
                ? new FrameSpec(spec.width(), spec.height(), spec.pixelType(), bits) : spec;
    }

    private static final Pattern IMAGEJ_IMAGES = Pattern.compile("(?m)^images=(\\d+)\\s*$");
    private static final Pattern TIFFFILE_SHAPE = Pattern.compile("\"shape\"\\s*:\\s*\\[([0-9,\\s]*)\\]");

    /** Frames the description claims (ImageJ images=N or the leading dimensions of a tifffile shape), or -1. */
    static long describedFrames(String description, int samples) {
        if (description == null) {
            return -1;
        }
        Matcher m = IMAGEJ_IMAGES.matcher(description);
        if (description.startsWith("ImageJ=") && m.find()) {
            return Long.parseLong(m.group(1).length() > 12 ? "-1" : m.group(1));
        }
        m = TIFFFILE_SHAPE.matcher(description);
        if (description.trim().startsWith("{") && m.find()) {
            String[] parts = m.group(1).trim().split("\\s*,\\s*");
            int imageDims = samples > 1 ? 3 : 2;
            if (parts.length < imageDims || parts[0].isEmpty()) {
                return -1;
            }
            long n = 1;
            for (int i = 0; i < parts.length - imageDims; i++) {
                if (!parts[i].matches("[0-9]{1,9}")) { // "[2, ,34]", "[24 3, 4]" or absurd: no usable claim
                    return -1;
                }
                n = Math.min(Long.MAX_VALUE / 1_000_000_000L, n * Long.parseLong(parts[i])); // stays far from overflow
            }
            return n;
        }
        return -1;
    }

    /** Uncompressed, contiguous, chunky, min-is-black/RGB pages whose samples map 1:1 onto the frame's. */
    private static boolean rawReadable(TiffStructure.Page p, FrameSpec spec) {
        return p.compression() == 1 && p.contiguous() && (p.planar() == 1 || p.samples() == 1)
                && (p.photometric() == 1 || p.photometric() == 2) && p.samples() == spec.channels()
                && p.bits() == spec.sampleType().bits() && (p.sampleFormat() == 3) == !spec.sampleType().isInteger()
                && p.dataEnd() - p.dataStart() == spec.frameBytes();
    }

    private static FormatMetadata metadata(TiffStructure s, ReadOptions options, Path path, int count) {
        TiffStructure.Page p0 = s.pages.get(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("byteOrder", s.order == ByteOrder.LITTLE_ENDIAN ? "little-endian" : "big-endian");
        m.put("bigTiff", s.bigTiff);
        m.put("pages", s.pages.size());
        if (count != s.pages.size()) {
            m.put("contiguousImageJPages", count);
        }
        m.put("compression", compressionName(p0.compression()));
        m.put("photometric", p0.photometric());
        m.put("planarConfiguration", p0.planar() == 2 ? "separate" : "contiguous");
        m.put("bitsPerSample", p0.bits());
        m.put("samplesPerPixel", p0.samples());
        m.put("sampleFormat", p0.sampleFormat() == 3 ? "float" : p0.sampleFormat() == 2 ? "int" : "uint");
        if (s.software != null) {
            m.put("software", s.software.trim());
        }
        if (s.description != null) {
            String d = s.description.strip();
            // a long frame_times list is for time(i), not for display
            m.put("description", d.length() <= 4096 ? d : d.substring(0, 4096) + "... (" + d.length()
                    + " characters)");
            long described = describedFrames(s.description, p0.samples());
            if (described >= 0) {
                m.put("describedFrames", described);
                if (described != s.pages.size() && count == s.pages.size()) {
                    options.warnings().accept(path + ": the ImageDescription claims " + described
                            + " frame(s) but the IFD chain holds " + s.pages.size() + "; using the IFD chain");
                }
            }
        }
        return () -> m;
    }

    static String compressionName(int c) {
        return switch (c) {
            case 1 -> "none";
            case 5 -> "lzw";
            case 8, 32946 -> "deflate";
            case 32773 -> "packbits";
            case 7 -> "jpeg";
            default -> "code " + c;
        };
    }

    @Override
    public SequenceInfo info() {
        return info;
    }

    @Override
    protected Optional<Duration> frameTime(int index) {
        return times.time(index);
    }

    @Override
    protected Optional<Instant> frameTimestamp(int index) {
        return times.timestamp(index);
    }

    @Override
    protected Frame readFrame(int index, Frame reuse) throws IOException {
        Frame f = readPixels(index);
        return f.withTime(times.time(index).orElse(null)).withTimestamp(times.timestamp(index).orElse(null));
    }

    private Frame readPixels(int index) throws IOException {
        if (rawStart >= 0) {
            return readRaw(index);
        }
        TiffStructure.Page page = structure.pages.get(index);
        BufferedImage img;
        synchronized (this) {
            ensureOpen(); // again under the lock: close() disposes the ImageIO reader
            try {
                img = reader.read(index);
            } catch (IOException | RuntimeException e) {
                throw new CorruptInputException(path, page.ifdOffset(), "cannot decode page " + index + ": " + e, e);
            } catch (OutOfMemoryError e) {
                throw new CorruptInputException(path, page.ifdOffset(), "page " + index + " is too large to decode");
            }
        }
        Frame f;
        try {
            f = Frames.fromBufferedImage(img, info.spec(), index);
        } catch (RuntimeException e) {
            throw new CorruptInputException(path, page.ifdOffset(), "unsupported pixel layout of page " + index, e);
        }
        if (!f.spec().sameLayout(info.spec())) {
            throw new CorruptInputException(path, page.ifdOffset(), "page " + index + " decodes as " + f.spec()
                    + ", not " + info.spec());
        }
        return f.withSpec(info.spec());
    }

    /** Reads page {@code index} of an ImageJ contiguous stack straight from the file. */
    private Frame readRaw(int index) throws IOException {
        FrameSpec spec = info.spec();
        long pos = rawStart + (long) index * spec.frameBytes();
        Frame f = Frames.allocate(spec, index);
        java.nio.ByteBuffer b = f.buffer();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(path)) {
            long p = pos;
            while (b.hasRemaining()) {
                int n = ch.read(b, p);
                if (n < 0) {
                    throw new TruncatedInputException(path, p, index, "page " + index + " is cut short");
                }
                p += n;
            }
        }
        if (spec.sampleType().bits() > 8 && structure.order != java.nio.ByteOrder.nativeOrder()) {
            java.nio.ByteBuffer all = f.buffer();
            int bytes = spec.sampleType().bytes();
            for (int i = 0; i < all.limit(); i += bytes) {
                for (int k = 0; k < bytes / 2; k++) {
                    byte t = all.get(i + k);
                    all.put(i + k, all.get(i + bytes - 1 - k));
                    all.put(i + bytes - 1 - k, t);
                }
            }
        }
        return f;
    }

    @Override
    protected synchronized void release() {
        closeQuietly(reader, input);
    }

    private static void closeQuietly(ImageReader r, ImageInputStream in) {
        if (r != null) {
            r.dispose();
        }
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // read-only stream: nothing to lose
            }
        }
    }
}
