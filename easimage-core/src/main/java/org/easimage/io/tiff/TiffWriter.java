package org.easimage.io.tiff;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.AbstractSequenceWriter;
import org.easimage.io.OutputWriteException;
import org.easimage.io.Rational;
import org.easimage.io.Times;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.WriteOptions;

/**
 * Writes a multi-page TIFF page by page with the TwelveMonkeys writer ({@code prepareWriteSequence} /
 * {@code writeToSequence}), big-endian (see {@link #openWriter}), so memory stays at one page whatever the length.
 *
 * <p>Page 0 carries a tifffile-style JSON description {@code {"shape": [N, h, w]}} ({@code [N, h, w, c]} for
 * colour) plus the frames' times, which tifffile returns as {@code shaped_metadata} and other readers ignore:
 * {@code "acquisition_start"} (the first frame's timestamp, ISO-8601 UTC to the nanosecond, when it has one) and
 * either {@code "fps"} (a ratio such as {@code "30000/1001"}, when every frame's time is exactly index / the
 * {@link WriteOptions#frameRate() frame rate}) or {@code "frame_times"} (seconds since the first frame, exact
 * decimals to the nanosecond). Frames without times and no frame rate give neither. N and the times are known only
 * at the end, so {@link #end()} writes the description over a placeholder when it fits, else appends it to the
 * file and points page 0's tag at it. BigTIFF follows {@link BigTiffMode}; in AUTO mode, the switch copies the pages written so far
 * into a BigTIFF beside the temporary (same {@code .easimage-} prefix, so a crash leaves nothing that is not swept)
 * and continues there; the result replaces the temporary at the end, and only {@code finish()} publishes it.
 *
 * <p>TwelveMonkeys 3.15 cannot write float or 16-bit colour pages; GRAY32F, RGB96F, RGB48 and RGBA64 are written
 * by the JDK TIFF writer instead, which has no BigTIFF (such files stop at 4 GiB with a clear error).
 */
final class TiffWriter extends AbstractSequenceWriter {

    /** Classic TIFF offsets are 32-bit; keep a margin for the IFDs and tags written after the pixel data. */
    static final long CLASSIC_LIMIT = 0xFFFF_FFFFL - (1L << 20);
    /** Room for the frame count and, in most regular cases, the start and fps, so the description stays in place. */
    private static final int DESCRIPTION_SPARE = 112;

    static final Set<PixelType> WRITABLE = EnumSet.of(PixelType.GRAY8, PixelType.GRAY16, PixelType.GRAY32F,
            PixelType.RGB24, PixelType.RGB48, PixelType.RGB96F, PixelType.RGBA32, PixelType.RGBA64);

    private final TiffWriteOptions tiffOptions;
    private final long classicLimit;
    private FrameSpec spec;
    private ImageWriter writer;
    private ImageOutputStream out;
    private ImageWriteParam param;
    private boolean big;
    private Path bigFile;
    private int pages;
    /** Each page's time since the first, in nanoseconds. */
    private long[] times = new long[64];

    TiffWriter(Path path, WriteOptions options, long classicLimit) throws IOException {
        super(path, options);
        this.tiffOptions = options.get(TiffWriteOptions.class).orElse(TiffWriteOptions.DEFAULTS);
        this.classicLimit = classicLimit;
    }

    /** True once the output uses the BigTIFF layout (for tests). */
    boolean isBigTiff() {
        return big;
    }

    @Override
    protected void begin(FrameSpec frameSpec) throws IOException {
        if (!WRITABLE.contains(frameSpec.pixelType())) {
            throw new UnsupportedFormatException(path, "the TIFF writer cannot store " + frameSpec.pixelType()
                    + "; it writes " + WRITABLE);
        }
        this.spec = frameSpec;
        if (needsJdkWriter() && tiffOptions.bigTiff() == BigTiffMode.ALWAYS) {
            throw new UnsupportedFormatException(path, frameSpec.pixelType() + " pages are written with the JDK "
                    + "TIFF writer, which has no BigTIFF; use BigTiffMode.AUTO or NEVER (classic TIFF, up to 4 GiB)");
        }
        openWriter(tiffOptions.bigTiff() == BigTiffMode.ALWAYS, temporary());
    }

    /**
     * TwelveMonkeys 3.15 rejects float rasters ("Not implemented for data type: 4") and 16-bit multi-channel ones
     * ("... data type: 1"): those go to the JDK writer, which has no BigTIFF.
     */
    private boolean needsJdkWriter() {
        return spec.sampleType() == org.easimage.frame.SampleType.F32
                || (spec.sampleType() == org.easimage.frame.SampleType.U16 && spec.channels() > 1);
    }

    private void openWriter(boolean bigTiff, Path file) throws IOException {
        writer = needsJdkWriter() ? jdkWriter() : twelveMonkeysWriter(bigTiff ? "bigtiff" : "tiff");
        big = bigTiff;
        out = new FileImageOutputStream(file.toFile());
        // Big-endian on purpose: TwelveMonkeys 3.15 writes the header and IFDs in the stream's byte order but
        // 16-bit and float pixels always big-endian, so a little-endian stream gives a corrupt file.
        out.setByteOrder(ByteOrder.BIG_ENDIAN);
        writer.setOutput(out);
        param = writer.getDefaultWriteParam();
        if (tiffOptions.compression() != TiffCompression.NONE) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(tiffOptions.compression().imageIoName());
        }
        writer.prepareWriteSequence(null);
    }

    private ImageWriter jdkWriter() throws IOException {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff"); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.imageio")) {
                return w;
            }
        }
        throw new OutputWriteException(path, "the JDK TIFF writer (needed for float pages) is not available", null);
    }

    private ImageWriter twelveMonkeysWriter(String formatName) throws IOException {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(formatName); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.twelvemonkeys")) {
                return w;
            }
        }
        throw new OutputWriteException(path, "the TwelveMonkeys " + formatName + " writer is not on the class path",
                null);
    }

    @Override
    protected void writeFrame(Frame frame, int index) throws IOException {
        if (!big) {
            // a page, its IFD and the page's share of a frame_times list in the description written at the end
            long next = out.length() + frame.spec().frameBytes() + (16 << 10) + 32L * (index + 1);
            if (next > classicLimit) {
                if (tiffOptions.bigTiff() == BigTiffMode.NEVER || needsJdkWriter()) {
                    throw new OutputWriteException(path, "page " + index + " would take the file past 4 GiB, the "
                            + "limit of classic TIFF; " + (needsJdkWriter()
                            ? spec.pixelType() + " pages cannot be written as BigTIFF"
                            : "use BigTiffMode.AUTO or ALWAYS"), null);
                }
                switchToBigTiff();
            }
        }
        try {
            writePage(Frames.toBufferedImage(frame), index);
        } catch (RuntimeException e) {
            throw new OutputWriteException(path, "the TIFF writer failed on frame " + index + ": " + e, e);
        }
        if (pages == times.length) {
            times = Arrays.copyOf(times, pages * 2);
        }
        times[pages] = timeOf(frame, index, options.frameRateOr(Rational.of(1))).toNanos();
        pages++;
    }

    /**
     * Writes one page; page 0 with the description placeholder and, when fewer bits than the samples' are
     * significant (12 of 16), SMaxSampleValue under a private tag number that {@link #patchSignificantBits} turns
     * into 341 at the end (TwelveMonkeys drops tag 341 given to it, but keeps private tags).
     */
    private void writePage(BufferedImage img, int index) throws IOException {
        boolean bits = index == 0 && spec.sampleType().isInteger()
                && spec.significantBits() < spec.sampleType().bits();
        IIOMetadata md = null;
        if (index == 0) {
            md = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
            String nf = md.getNativeMetadataFormatName();
            IIOMetadataNode root = new IIOMetadataNode(nf);
            IIOMetadataNode ifd = new IIOMetadataNode("TIFFIFD");
            if (index == 0) {
                IIOMetadataNode field = new IIOMetadataNode("TIFFField");
                field.setAttribute("number", Integer.toString(TiffStructure.TAG_DESCRIPTION));
                field.setAttribute("name", "ImageDescription");
                IIOMetadataNode asciis = new IIOMetadataNode("TIFFAsciis");
                IIOMetadataNode ascii = new IIOMetadataNode("TIFFAscii");
                ascii.setAttribute("value", description(1, false) + " ".repeat(DESCRIPTION_SPARE));
                asciis.appendChild(ascii);
                field.appendChild(asciis);
                ifd.appendChild(field);
            }
            if (bits) {
                IIOMetadataNode field = new IIOMetadataNode("TIFFField");
                field.setAttribute("number", Integer.toString(SMAX_PLACEHOLDER));
                IIOMetadataNode shorts = new IIOMetadataNode("TIFFShorts");
                for (int c = 0; c < spec.channels(); c++) {
                    IIOMetadataNode v = new IIOMetadataNode("TIFFShort");
                    v.setAttribute("value", Long.toString((long) spec.maxSampleValue()));
                    shorts.appendChild(v);
                }
                field.appendChild(shorts);
                ifd.appendChild(field);
            }
            root.appendChild(ifd);
            md.mergeTree(nf, root);
        }
        writer.writeToSequence(new IIOImage(img, null, md), param);
    }

    /**
     * True when ImageJ can show these pages as a time series (8, 16 and 32-bit gray, 8-bit RGB): their
     * description is then ImageJ's, so Fiji opens them as frames in time, not as slices in depth.
     */
    private boolean imageJ() {
        return switch (spec.pixelType()) {
            case GRAY8, GRAY16, GRAY32F, RGB24 -> true;
            default -> false;
        };
    }

    /**
     * The description of {@code frames} pages, with the times when {@code times}: ImageJ's hyperstack header
     * ({@code images}, {@code frames}, {@code finterval}, the display range of the significant bits) plus
     * easimage's exact times as extra keys, or for pages ImageJ cannot show, tifffile's JSON.
     */
    private String description(long frames, boolean times) {
        if (imageJ()) {
            StringBuilder sb = new StringBuilder("ImageJ=1.11a\nimages=").append(frames).append("\nframes=")
                    .append(frames).append("\nhyperstack=true\nloop=false\n");
            if (spec.sampleType().isInteger() && spec.significantBits() < spec.sampleType().bits()) {
                sb.append("min=0.0\nmax=").append((long) spec.maxSampleValue()).append(".0\n");
            }
            if (times) {
                imageJTimes(sb);
            }
            return sb.toString();
        }
        String dims = frames + ", " + spec.height() + ", " + spec.width()
                + (spec.channels() > 1 ? ", " + spec.channels() : "");
        StringBuilder sb = new StringBuilder("{\"shape\": [" + dims + "]");
        if (times) {
            start().ifPresent(t -> sb.append(", \"acquisition_start\": \"").append(t).append('"'));
            Rational rate = options.frameRate();
            if (rate != null && regular(rate)) {
                sb.append(", \"fps\": \"").append(rate).append('"');
            } else if (framesHaveTimes()) {
                sb.append(", \"frame_times\": [").append(frameTimes(", ")).append(']');
            }
        }
        return sb.append('}').toString();
    }

    /**
     * ImageJ's frame interval ({@code finterval}, seconds; the mean interval of the real times), then the exact
     * times, which ImageJ ignores and {@link TiffTimes} reads: {@code frame_rate}
     * as a ratio when every time is index / rate, else {@code frame_times}, and {@code acquisition_start}.
     */
    private void imageJTimes(StringBuilder sb) {
        Rational rate = options.frameRate();
        boolean regular = rate != null && regular(rate);
        double interval = regular ? 1 / rate.toDouble()
                : framesHaveTimes() && pages > 1 ? times[pages - 1] / 1e9 / (pages - 1) : 0;
        if (interval > 0) {
            sb.append("finterval=").append(interval).append('\n');
        }
        start().ifPresent(t -> sb.append("acquisition_start=").append(t).append('\n'));
        if (regular) {
            sb.append("frame_rate=").append(rate).append('\n');
        } else if (framesHaveTimes()) {
            sb.append("frame_times=").append(frameTimes(",")).append('\n');
        }
    }

    private String frameTimes(String separator) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pages; i++) {
            sb.append(i == 0 ? "" : separator).append(Times.seconds(Duration.ofNanos(times[i])).toPlainString());
        }
        return sb.toString();
    }

    /** The final description: the page count and, when the frames or the options state them, the times. */
    private String finalDescription() {
        return description(pages, true);
    }

    /** True when every page's time is exactly index / rate. */
    private boolean regular(Rational rate) {
        for (int i = 0; i < pages; i++) {
            if (times[i] != Times.atIndex(i, rate).toNanos()) {
                return false;
            }
        }
        return true;
    }

    /** Copies the classic pages written so far into a BigTIFF beside the temporary and continues there. */
    private void switchToBigTiff() throws IOException {
        writer.endWriteSequence();
        closeWriter();
        bigFile = temporary().resolveSibling(temporary().getFileName() + ".bigtiff");
        ImageReader reader = null;
        try (FileImageInputStream in = new FileImageInputStream(temporary().toFile())) {
            Iterator<ImageReader> it = ImageIO.getImageReaders(in);
            reader = it.next();
            reader.setInput(in, true, true);
            openWriter(true, bigFile);
            for (int i = 0; i < pages; i++) {
                writePage(reader.read(i), i);
            }
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
        Files.write(temporary(), new byte[0]); // the classic copy is no longer needed: free its space now
    }

    @Override
    protected void end() throws IOException {
        writer.endWriteSequence();
        closeWriter();
        if (bigFile != null) {
            Files.move(bigFile, temporary(), StandardCopyOption.REPLACE_EXISTING);
            bigFile = null;
        }
        // one walk of the pages for both patches: page 0's entries stay where they are when the description moves
        TiffStructure written = TiffStructure.read(temporary());
        patchDescription(temporary(), written, finalDescription());
        patchSignificantBits(temporary(), written);
    }

    /** A private tag number that holds page 0's SMaxSampleValue until {@link #patchSignificantBits}. */
    private static final int SMAX_PLACEHOLDER = 65341;

    /**
     * Renames page 0's placeholder entry to SMaxSampleValue (341). Entries must stay in ascending order: the
     * placeholder is the last entry, so this is done only when every other tag is below 341 (always so for the
     * pages written here); otherwise the private entry stays, which readers ignore.
     */
    private void patchSignificantBits(Path file, TiffStructure s) throws IOException {
        TiffStructure.Entry e = s.firstIfd.get(SMAX_PLACEHOLDER);
        if (e == null || s.firstIfd.keySet().stream().anyMatch(t -> t >= TiffStructure.TAG_SMAX_SAMPLE_VALUE
                && t != SMAX_PLACEHOLDER)) {
            return;
        }
        long entryStart = e.valueFieldOffset() - (s.bigTiff ? 12 : 8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer tag = ByteBuffer.allocate(2).order(s.order).putShort(0,
                    (short) TiffStructure.TAG_SMAX_SAMPLE_VALUE);
            writeFully(ch, tag, entryStart);
        }
    }

    /**
     * Writes the final description over page 0's placeholder (space padded) when it fits, else appends it (with its
     * NUL, at an even offset) and points page 0's ImageDescription entry at it; the placeholder then lies unused.
     */
    private void patchDescription(Path file, TiffStructure s, String text) throws IOException {
        TiffStructure.Entry e = s.firstIfd.get(TiffStructure.TAG_DESCRIPTION);
        if (e == null) {
            throw new OutputWriteException(path, "page 0 has no ImageDescription to complete", null);
        }
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (ascii.length <= e.count() - 1) {
                byte[] padded = Arrays.copyOf(ascii, (int) e.count() - 1);
                Arrays.fill(padded, ascii.length, padded.length, (byte) ' ');
                writeFully(ch, ByteBuffer.wrap(padded), e.dataOffset());
                return;
            }
            long at = (ch.size() + 1) & ~1L;
            if (!s.bigTiff && at + ascii.length + 1 > 0xFFFF_FFFFL) {
                throw new OutputWriteException(path, "the frame times take the file past 4 GiB, the limit of classic"
                        + " TIFF; use BigTiffMode.ALWAYS", null);
            }
            writeFully(ch, ByteBuffer.wrap(Arrays.copyOf(ascii, ascii.length + 1)), at);
            ByteBuffer field = ByteBuffer.allocate(s.bigTiff ? 16 : 8).order(s.order);
            if (s.bigTiff) {
                field.putLong(ascii.length + 1L).putLong(at);
            } else {
                field.putInt(ascii.length + 1).putInt((int) at);
            }
            writeFully(ch, field.flip(), e.valueFieldOffset() - (s.bigTiff ? 8 : 4));
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }

    private void closeWriter() throws IOException {
        if (writer != null) {
            writer.dispose();
            writer = null;
        }
        if (out != null) {
            out.close();
            out = null;
        }
    }

    @Override
    protected void release() throws IOException {
        try {
            closeWriter();
        } finally {
            if (bigFile != null) {
                Files.deleteIfExists(bigFile);
            }
        }
    }
}
