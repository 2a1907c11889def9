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

    private void writePage(BufferedImage img, int index) throws IOException {
        IIOMetadata md = null;
        if (index == 0) {
            md = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
            String nf = md.getNativeMetadataFormatName();
            IIOMetadataNode root = new IIOMetadataNode(nf);
            IIOMetadataNode ifd = new IIOMetadataNode("TIFFIFD");
            IIOMetadataNode field = new IIOMetadataNode("TIFFField");
            field.setAttribute("number", Integer.toString(TiffStructure.TAG_DESCRIPTION));
            field.setAttribute("name", "ImageDescription");
            IIOMetadataNode asciis = new IIOMetadataNode("TIFFAsciis");
            IIOMetadataNode ascii = new IIOMetadataNode("TIFFAscii");
            ascii.setAttribute("value", description(1) + " ".repeat(DESCRIPTION_SPARE));
            asciis.appendChild(ascii);
            field.appendChild(asciis);
            ifd.appendChild(field);
            root.appendChild(ifd);
            md.mergeTree(nf, root);
        }
        writer.writeToSequence(new IIOImage(img, null, md), param);
    }

    private String description(long frames) {
        String dims = frames + ", " + spec.height() + ", " + spec.width()
                + (spec.channels() > 1 ? ", " + spec.channels() : "");
        return "{\"shape\": [" + dims + "]}";
    }

    /** The final description: the shape and, when the frames or the options state them, the times. */
    private String finalDescription() {
        StringBuilder sb = new StringBuilder(description(pages));
        sb.setLength(sb.length() - 1);
        start().ifPresent(t -> sb.append(", \"acquisition_start\": \"").append(t).append('"'));
        Rational rate = options.frameRate();
        if (rate != null && regular(rate)) {
            sb.append(", \"fps\": \"").append(rate).append('"');
        } else if (framesHaveTimes()) {
            sb.append(", \"frame_times\": [");
            for (int i = 0; i < pages; i++) {
                sb.append(i == 0 ? "" : ", ").append(Times.seconds(Duration.ofNanos(times[i])).toPlainString());
            }
            sb.append(']');
        }
        return sb.append('}').toString();
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
        patchDescription(temporary(), finalDescription());
    }

    /**
     * Writes the final description over page 0's placeholder (space padded) when it fits, else appends it (with its
     * NUL, at an even offset) and points page 0's ImageDescription entry at it; the placeholder then lies unused.
     */
    private void patchDescription(Path file, String text) throws IOException {
        TiffStructure s = TiffStructure.read(file);
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
