package org.easimage.io.norpix;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.AbstractSequenceWriter;
import org.easimage.io.EasimageException;
import org.easimage.io.Rational;
import org.easimage.io.SequenceInfo;
import org.easimage.io.Times;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.WriteOptions;
import org.easimage.io.norpix.SeqHeader.Field;

/**
 * Writes a version-5 Norpix StreamPix sequence as StreamPix 6 does.
 *
 * <ul>
 *   <li>Uncompressed (default): frames from byte 8192, each slot = pixels (little-endian) + 8-byte timestamp,
 *       rounded up to 8192 bytes. GRAY8 and GRAY16 are stored as mono (100), with {@code ImageBitDepthReal} = the
 *       frame's significant bits; RGB24 as BGR (200), StreamPix's own colour layout.</li>
 *   <li>JPEG ({@link SeqWriteOptions.Compression#JPEG}): GRAY8 (format 102) or RGB24 (format 201) frames as
 *       size-prefixed blocks from byte 1024. No {@code .idx} sidecar is written (it would be a second output
 *       file); readers rebuild the index by scanning the size prefixes.</li>
 * </ul>
 * Per-frame stamps (µs, rounded to the nearest): when the first frame has an absolute timestamp, each frame's stamp
 * is its own timestamp, else that start plus its time since the first frame. Without an
 * absolute start no date is invented: the stamps are the times since the first frame counted from
 * 1970-01-01T00:00:00Z, which {@link SeqReader} (any stamp before {@link Times#EARLIEST_TIMESTAMP 1980}) reads back
 * as times without timestamps. Frames that state no time at all get index / frame rate. The frame rate is
 * {@link WriteOptions#frameRate()} or 30 fps. {@code AllocatedFrames} and the frame rate are written into the
 * header when the writer finishes.
 */
final class SeqWriter extends AbstractSequenceWriter {

    private static final int ALIGN = 8192;
    private static final Rational DEFAULT_RATE = Rational.of(30);

    private final SeqWriteOptions seqOptions;
    private final Rational rate;
    private FileChannel channel;
    private FrameSpec spec;
    private boolean jpeg;
    private long stride;
    private long position;
    private ByteBuffer slot;
    private ImageWriter jpegWriter;
    /** The source's description and Bayer fields, when it is a Norpix sequence (see {@link #inherit}). */
    private String inheritedDescription;
    private int bayerPattern;
    private boolean bayerFormat;

    SeqWriter(java.nio.file.Path path, WriteOptions options) throws IOException {
        super(path, options);
        this.seqOptions = options.get(SeqWriteOptions.class).orElse(SeqWriteOptions.raw());
        Rational r = frameRate(DEFAULT_RATE);
        this.rate = r.numerator() > 0 ? r : DEFAULT_RATE;
    }

    /**
     * Keeps what a Norpix source states about itself: its description (unless the options give one) and, when
     * the frames are its own untransformed pixels, its Bayer pattern (a demosaicing program needs it; after a
     * crop or a colour map it would be false).
     */
    @Override
    public void inherit(SequenceInfo source, boolean samePixels) {
        if (!NorpixSeqFormat.NAME.equals(source.format())) {
            return;
        }
        java.util.Map<String, Object> m = source.metadata().asMap();
        if (m.get("description") instanceof String d) {
            inheritedDescription = d;
        }
        if (samePixels && m.get("bayerPattern") instanceof Number b && m.get("imageFormat") instanceof Number f) {
            bayerPattern = b.intValue();
            bayerFormat = f.longValue() == SeqHeader.BAYER;
        }
    }

    @Override
    protected void begin(FrameSpec s) throws IOException {
        PixelType t = s.pixelType();
        jpeg = seqOptions.compression() == SeqWriteOptions.Compression.JPEG;
        if (t != PixelType.GRAY8 && t != PixelType.RGB24 && (jpeg || t != PixelType.GRAY16)) {
            throw new UnsupportedFormatException(path, "a " + (jpeg ? "JPEG " : "") + "Norpix sequence cannot hold "
                    + t + " frames; it stores " + (jpeg ? "GRAY8 and RGB24" : "GRAY8, GRAY16 and RGB24")
                    + " (convert the frames first)");
        }
        spec = s;
        channel = FileChannel.open(temporary(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        if (jpeg) {
            position = SeqHeader.SIZE;
            Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
            if (!it.hasNext()) {
                throw new UnsupportedFormatException(path, "no JPEG encoder is available in this Java runtime");
            }
            jpegWriter = it.next();
        } else {
            position = SeqHeader.DATA_OFFSET_V5;
            stride = ((long) s.frameBytes() + 8 + ALIGN - 1) / ALIGN * ALIGN;
            if (stride > Integer.MAX_VALUE - 16) {
                throw new UnsupportedFormatException(path, "frames of " + s + " are too large for one slot");
            }
            slot = ByteBuffer.allocateDirect((int) stride).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    @Override
    protected void writeFrame(Frame frame, int index) throws IOException {
        Duration t = timeOf(frame, index, rate);
        Instant stamp = start().isEmpty() ? Instant.EPOCH.plus(t) : frame.timestamp().orElse(start().get().plus(t));
        long micros = Times.toTicks(Duration.between(Instant.EPOCH, stamp), Times.MICROSECOND);
        long seconds = Math.floorDiv(micros, 1_000_000L);
        if (seconds < 0 || seconds > 0xFFFFFFFFL || start().isEmpty() && !stamp.isBefore(Times.EARLIEST_TIMESTAMP)) {
            throw new EasimageException(path, "frame " + index + (start().isPresent() ? " timestamp " + stamp
                    : " time " + t) + " cannot be stored (Norpix stamps run from 1970 to 2106; times without a date"
                    + " must lie within 10 years of the first frame)");
        }
        if (jpeg) {
            byte[] data = encodeJpeg(frame);
            ByteBuffer b = ByteBuffer.allocate(4 + data.length + 8).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(4 + data.length).put(data);
            putTime(b, seconds, (int) Math.floorMod(micros, 1_000_000L));
            b.flip();
            writeFully(b, position);
            position += b.capacity();
            return;
        }
        ByteBuffer src = frame.buffer();
        slot.clear();
        switch (spec.pixelType()) {
            case GRAY8 -> slot.put(src);
            case GRAY16 -> {
                if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
                    slot.put(src);
                } else {
                    java.nio.ShortBuffer in = frame.shorts();
                    while (in.hasRemaining()) {
                        slot.putShort(in.get());
                    }
                }
            }
            case RGB24 -> {
                Frames.swapRedBlue(src, slot, spec.frameBytes()); // stored BGR
                slot.position(spec.frameBytes());
            }
            default -> throw new IllegalStateException("unexpected " + spec.pixelType());
        }
        putTime(slot, seconds, (int) Math.floorMod(micros, 1_000_000L));
        slot.clear(); // padding bytes after the timestamp stay zero: they are never written
        writeFully(slot, position);
        position += stride;
    }

    private static void putTime(ByteBuffer b, long seconds, int micros) {
        b.putInt((int) seconds).putShort((short) (micros / 1000)).putShort((short) (micros % 1000));
    }

    private byte[] encodeJpeg(Frame frame) throws IOException {
        int w = spec.width();
        int h = spec.height();
        BufferedImage img = new BufferedImage(w, h, spec.pixelType() == PixelType.GRAY8
                ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        ByteBuffer src = frame.buffer();
        if (spec.pixelType() == PixelType.GRAY8) {
            src.get(dst);
        } else {
            for (int i = 0; i < dst.length; i += 3) {
                dst[i] = src.get(i + 2);
                dst[i + 1] = src.get(i + 1);
                dst[i + 2] = src.get(i);
            }
        }
        ImageWriteParam p = jpegWriter.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality() / 100f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, spec.frameBytes() / 4));
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            jpegWriter.setOutput(out);
            jpegWriter.write(null, new IIOImage(img, null, null), p);
        }
        return bytes.toByteArray();
    }

    private int quality() {
        if (seqOptions.jpegQuality() != null) {
            return seqOptions.jpegQuality();
        }
        return options.quality() != null ? options.quality() : SeqWriteOptions.DEFAULT_JPEG_QUALITY;
    }

    private void writeFully(ByteBuffer b, long at) throws IOException {
        long p = at;
        while (b.hasRemaining()) {
            p += channel.write(b, p);
        }
    }

    @Override
    protected void end() throws IOException {
        int frames = framesWritten();
        int bytes = spec.pixelType().bytesPerPixel();
        boolean mono = spec.pixelType() != PixelType.RGB24;
        int imageFormat = !mono ? (jpeg ? SeqHeader.COLOR_JPEG : SeqHeader.BGR)
                : (jpeg ? SeqHeader.MONO_JPEG : bayerFormat ? SeqHeader.BAYER : SeqHeader.MONO);
        String description = seqOptions.description() != null ? seqOptions.description()
                : inheritedDescription != null ? inheritedDescription : "";
        SeqHeader h = SeqHeader.blank().with(Field.MAGIC, SeqHeader.MAGIC).with(Field.NAME, "Norpix seq")
                .with(Field.VERSION, 5).with(Field.HEADER_SIZE, SeqHeader.SIZE).with(Field.DESCRIPTION, description)
                .with(Field.WIDTH, spec.width()).with(Field.HEIGHT, spec.height())
                .with(Field.BIT_DEPTH, bytes * 8L)
                .with(Field.BIT_DEPTH_REAL, spec.pixelType() == PixelType.GRAY16 ? spec.significantBits() : 8)
                .with(Field.IMAGE_SIZE_BYTES, spec.frameBytes()).with(Field.IMAGE_FORMAT, imageFormat)
                .with(Field.ALLOCATED_FRAMES, frames).with(Field.TRUE_IMAGE_SIZE, jpeg ? 0 : stride)
                .with(Field.FRAME_RATE, rate.toDouble()).with(Field.BAYER_PATTERN, mono ? bayerPattern : 0)
                .with(Field.COMPRESSION_FORMAT, jpeg ? SeqHeader.COMPRESSION_JPEG : SeqHeader.COMPRESSION_NONE)
                .with(Field.JPEG_QUALITY_INFO, jpeg ? quality() : 0).with(Field.BYTES_ALIGNMENT, jpeg ? 0 : ALIGN);
        ByteBuffer hb = h.toBytes();
        hb.clear();
        writeFully(hb, 0);
        if (!jpeg && channel.size() < SeqHeader.DATA_OFFSET_V5) {
            writeFully(ByteBuffer.allocate(1), SeqHeader.DATA_OFFSET_V5 - 1);
        }
        channel.close();
    }

    @Override
    protected void release() throws IOException {
        if (jpegWriter != null) {
            jpegWriter.dispose();
        }
        if (channel != null) {
            channel.close();
        }
    }
}
