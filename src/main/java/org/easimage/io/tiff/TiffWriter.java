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
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.WriteOptions;

/**
 * Writes a multi-page TIFF page by page with the TwelveMonkeys writer ({@code prepareWriteSequence} /
 * {@code writeToSequence}), big-endian (see {@link #openWriter}), so memory stays at one page whatever the length.
 *
 * <p>Page 0 carries a tifffile-style description {@code {"shape": [N, h, w]}} ({@code [N, h, w, c]} for colour).
 * N is unknown while streaming, so the description is written with spare spaces and patched in place by
 * {@link #end()}. BigTIFF follows {@link BigTiffMode}; in AUTO mode, the switch copies the pages written so far
 * into a BigTIFF beside the temporary (same {@code .easimage-} prefix, so a crash leaves nothing that is not swept)
 * and continues there; the result replaces the temporary at the end, and only {@code finish()} publishes it.
 *
 * <p>TwelveMonkeys 3.15 cannot write float or 16-bit colour pages; GRAY32F, RGB96F, RGB48 and RGBA64 are written
 * by the JDK TIFF writer instead, which has no BigTIFF (such files stop at 4 GiB with a clear error).
 */
final class TiffWriter extends AbstractSequenceWriter {

    /** Classic TIFF offsets are 32-bit; keep a margin for the IFDs and tags written after the pixel data. */
    static final long CLASSIC_LIMIT = 0xFFFF_FFFFL - (1L << 20);
    private static final int DESCRIPTION_SPARE = 12;

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
            long next = out.length() + frame.spec().frameBytes() + (16 << 10);
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
        patchDescription(temporary(), description(pages));
    }

    /** Overwrites page 0's placeholder description with the final one (same length, space padded). */
    private void patchDescription(Path file, String text) throws IOException {
        TiffStructure s = TiffStructure.read(file);
        TiffStructure.Entry e = s.firstIfd.get(TiffStructure.TAG_DESCRIPTION);
        if (e == null || e.count() - 1 < text.length()) {
            throw new OutputWriteException(path, "cannot find room for the ImageDescription", null);
        }
        String padded = text + " ".repeat((int) (e.count() - 1 - text.length()));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(padded.getBytes(StandardCharsets.US_ASCII));
            long pos = e.dataOffset();
            while (b.hasRemaining()) {
                pos += ch.write(b, pos);
            }
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
