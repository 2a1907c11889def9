package org.easimage.io.norpix;

import static org.easimage.io.norpix.SeqHeader.Field.ALLOCATED_FRAMES;
import static org.easimage.io.norpix.SeqHeader.Field.BIT_DEPTH;
import static org.easimage.io.norpix.SeqHeader.Field.BIT_DEPTH_REAL;
import static org.easimage.io.norpix.SeqHeader.Field.COMPRESSION_FORMAT;
import static org.easimage.io.norpix.SeqHeader.Field.HEIGHT;
import static org.easimage.io.norpix.SeqHeader.Field.IMAGE_FORMAT;
import static org.easimage.io.norpix.SeqHeader.Field.OLDEST_FRAME_INDEX;
import static org.easimage.io.norpix.SeqHeader.Field.WIDTH;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.AbstractSequenceReader;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.Rational;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceInfo;
import org.easimage.io.Times;
import org.easimage.io.TruncatedInputException;
import org.easimage.io.TruncationPolicy;
import org.easimage.io.UnsupportedFormatException;

/**
 * Reads a Norpix StreamPix {@code .seq} file, uncompressed or JPEG-compressed, with positional reads on one
 * {@link FileChannel} (thread-safe without locks: every read names its own offset).
 *
 * <p>Frame count is {@code AllocatedFrames} (never the file size: padding slots follow the valid frames in real
 * files). With {@link TruncationPolicy#STRICT} a file cut short still opens with the header's count and reading a
 * frame that is not fully present throws {@link TruncatedInputException}; with {@code SALVAGE} only the complete
 * frames are counted. Either way a warning is given and the metadata carries {@code completeFrames}.
 *
 * <p>Frames from {@link #read(int)} are heap-backed: on the JVMs measured here a fresh direct buffer per frame
 * costs several times more than a heap one (page faults on new native memory, and {@code System.gc()} calls when
 * the direct-memory limit is reached). Callers that stream large files can avoid all per-frame allocation with
 * {@link #read(int, Frame)}, passing back the previous frame, whose storage is then refilled (or with
 * {@link #read(int, ByteBuffer)} on a buffer they own).
 *
 * <p>Loop-recorded files ({@code OldestFrameIndex > 0}) are read in logical order: frame 0 is slot
 * {@code OldestFrameIndex}, wrapping modulo {@code AllocatedFrames}.
 *
 * <p>Times come from the per-frame stamps (µs), never from the header's frame rate: frame i's
 * {@link Frame#time() time} is {@code stamp(i) - stamp(0)}. A stamp is an acquisition
 * {@link Frame#timestamp() timestamp} (UTC) only from {@link Times#EARLIEST_TIMESTAMP 1980} on; earlier stamps are
 * relative times from an unknown start (what {@link SeqWriter} stores for frames without a date, and what a camera
 * whose clock was never set gives), so those frames have a time but no timestamp.
 */
public final class SeqReader extends AbstractSequenceReader {

    /** How stored pixels become frame pixels. */
    private enum Layout { PLAIN, MSB16, BGR, BGRX, JPEG }

    private final FileChannel channel;
    private final SeqHeader header;
    private final SequenceInfo info;
    private final Layout layout;
    private final int shift;
    private final int imageBytes;
    private final int tsBytes;
    // raw layout
    private final long firstOffset;
    private final long stride;
    private final long completeSlots;
    private final int completeFrames;
    // JPEG layout
    private final SeqJpegIndex jpegIndex;
    /** Frame 0's stamp, read on first use: the origin of every frame's time. */
    private volatile Instant firstStamp;

    private SeqReader(Path path, FileChannel channel, SeqHeader header, ReadOptions options) throws IOException {
        super(path);
        this.channel = channel;
        this.header = header;
        this.tsBytes = header.timestampBytes();
        long fileSize = channel.size();
        int w = (int) header.get(WIDTH);
        int h = (int) header.get(HEIGHT);
        int bits = (int) header.get(BIT_DEPTH);
        int real = header.get(BIT_DEPTH_REAL) > 0 ? (int) header.get(BIT_DEPTH_REAL) : Math.min(bits, 16);
        int fmt = (int) header.get(IMAGE_FORMAT);
        FrameSpec spec;
        Layout lay;
        int sh = 0;
        if (header.get(COMPRESSION_FORMAT) == SeqHeader.COMPRESSION_JPEG) {
            boolean colour = switch (fmt) {
                case SeqHeader.MONO, SeqHeader.BAYER, SeqHeader.MONO_JPEG -> false;
                case SeqHeader.BGR, SeqHeader.RGB, SeqHeader.BGRX, SeqHeader.COLOR_JPEG -> true;
                default -> bits >= 24;
            };
            PixelType decoded = colour ? PixelType.RGB24 : PixelType.GRAY8;
            if ((long) w * h > FrameSpec.MAX_FRAME_BYTES / decoded.bytesPerPixel()) { // the header checked bitDepth's
                throw new CorruptInputException(path, WIDTH.offset(), "JPEG frames of " + w + "x" + h + " "
                        + decoded + " are larger than one buffer can hold");
            }
            spec = new FrameSpec(w, h, decoded);
            lay = Layout.JPEG;
        } else {
            switch (fmt) {
                case SeqHeader.MONO, SeqHeader.BAYER, SeqHeader.MONO_MSB, SeqHeader.BAYER_MSB -> {
                    if (bits == 8) {
                        spec = new FrameSpec(w, h, PixelType.GRAY8);
                        lay = Layout.PLAIN;
                    } else if (bits == 16) {
                        int sig = Math.max(1, Math.min(16, real));
                        spec = new FrameSpec(w, h, PixelType.GRAY16, sig);
                        boolean msb = fmt == SeqHeader.MONO_MSB || fmt == SeqHeader.BAYER_MSB;
                        sh = msb ? 16 - sig : 0;
                        lay = sh > 0 ? Layout.MSB16 : Layout.PLAIN;
                    } else {
                        throw unsupported(fmt, bits);
                    }
                }
                case SeqHeader.BGR, SeqHeader.RGB -> {
                    if (bits != 24) {
                        throw unsupported(fmt, bits);
                    }
                    spec = new FrameSpec(w, h, PixelType.RGB24);
                    lay = fmt == SeqHeader.BGR ? Layout.BGR : Layout.PLAIN;
                }
                case SeqHeader.BGRX -> {
                    if (bits != 32) {
                        throw unsupported(fmt, bits);
                    }
                    spec = new FrameSpec(w, h, PixelType.RGB24);
                    lay = Layout.BGRX;
                }
                default -> throw unsupported(fmt, bits);
            }
        }
        this.layout = lay;
        this.shift = sh;
        this.imageBytes = (int) (header.get(WIDTH) * header.get(HEIGHT) * (bits / 8));
        long allocated = header.get(ALLOCATED_FRAMES);
        int complete;
        if (lay == Layout.JPEG) {
            this.firstOffset = -1;
            this.stride = 0;
            this.completeSlots = 0;
            // a JPEG larger than 4x the raw frame (plus 1 MB of markers) is not a frame of this sequence
            long maxBlock = Math.min(Integer.MAX_VALUE - 16L, 4L * spec.frameBytes() + (1 << 20));
            this.jpegIndex = SeqJpegIndex.load(path, channel, fileSize, allocated, tsBytes, maxBlock,
                    options.warnings());
            complete = jpegIndex.size();
        } else {
            this.jpegIndex = null;
            this.firstOffset = header.rawDataOffset();
            this.stride = header.frameStride();
            long need = imageBytes + tsBytes;
            long avail = fileSize - firstOffset;
            this.completeSlots = avail < need ? 0 : (avail - need) / stride + 1;
            complete = (int) Math.min(Integer.MAX_VALUE, completeLogical(allocated == 0 ? completeSlots : allocated));
        }
        if (allocated == 0) {
            options.warnings().accept(path + ": AllocatedFrames is 0; counting the " + complete
                    + " complete frame(s) in the file");
            allocated = complete;
        }
        this.completeFrames = (int) Math.min(complete, allocated);
        int count = (int) allocated;
        if (completeFrames < allocated) {
            boolean salvage = options.truncation() == TruncationPolicy.SALVAGE;
            options.warnings().accept(path + ": the header promises " + allocated + " frames but only "
                    + completeFrames + " are complete in the file"
                    + (salvage ? "; reading those" : "; reading past them will fail (--salvage reads only the"
                    + " complete frames)"));
            if (salvage) {
                count = completeFrames;
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>(header.asMap());
        if (lay == Layout.JPEG) {
            meta.put("jpegIndex", jpegIndex.source());
            meta.put("dataOffset", jpegIndex.size() > 0 ? jpegIndex.offset(0) : 1024);
        } else {
            meta.put("dataOffset", firstOffset);
            meta.put("frameStride", stride);
        }
        meta.put("completeFrames", completeFrames);
        meta.put("frameOrder", header.get(OLDEST_FRAME_INDEX) > 0
                ? "circular, starting at slot " + header.get(OLDEST_FRAME_INDEX) : "linear");
        meta.put("timestampTimeZone", "UTC");
        double fps = header.frameRate();
        Optional<Rational> rate = fps > 0 && Double.isFinite(fps) && fps < 1e9
                ? Optional.of(Rational.approximate(fps)) : Optional.empty();
        Map<String, Object> frozen = java.util.Collections.unmodifiableMap(meta);
        this.info = new SequenceInfo(NorpixSeqFormat.NAME, count, spec, rate, () -> frozen);
    }

    /** Logical frames 0.. whose slots are complete (all of them up to the first missing one). */
    private long completeLogical(long allocated) {
        long oldest = header.get(OLDEST_FRAME_INDEX);
        if (oldest == 0 || allocated == 0) {
            return Math.min(allocated, completeSlots);
        }
        // slots oldest..allocated-1 come first, then 0..oldest-1
        if (completeSlots <= oldest) {
            return 0;
        }
        long head = Math.min(completeSlots, allocated) - oldest;
        return completeSlots >= allocated ? allocated : head;
    }

    private UnsupportedFormatException unsupported(int fmt, int bits) {
        return new UnsupportedFormatException(path, "Norpix image format " + fmt + " ("
                + SeqHeader.imageFormatName(fmt) + ") with " + bits + "-bit pixels (at byte "
                + IMAGE_FORMAT.offset() + ") is not supported; supported: 100/101 mono and Bayer raw 8/16-bit,"
                + " 112/113 MSB-aligned 16-bit, 200 BGR, 400 RGB, 500 BGRx");
    }

    /** Opens and validates {@code path}. */
    static SeqReader open(Path path, ReadOptions options) throws IOException {
        requireFile(path, "a Norpix .seq file");
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(SeqHeader.SIZE, size));
            readFully(ch, head, 0);
            head.flip();
            SeqHeader h = SeqHeader.read(path, head, size);
            return new SeqReader(path, ch, h, options);
        } catch (EasimageException e) {
            ch.close();
            throw e;
        } catch (IOException e) {
            ch.close();
            throw new EasimageException(path, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            ch.close();
            throw new CorruptInputException(path, -1, "malformed Norpix sequence: " + e, e);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long pos) throws IOException {
        long p = pos;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, p);
            if (n < 0) {
                throw new EOFException("end of file at byte " + p);
            }
            p += n;
        }
    }

    /** The decoded header (also the source of most of {@code info().metadata()}). */
    public SeqHeader header() {
        return header;
    }

    @Override
    public SequenceInfo info() {
        return info;
    }

    private long slot(int index) {
        long oldest = header.get(OLDEST_FRAME_INDEX);
        long allocated = header.get(ALLOCATED_FRAMES);
        return oldest > 0 && allocated > 0 ? (oldest + index) % allocated : index;
    }

    private long rawOffset(int index) throws TruncatedInputException {
        long slot = slot(index);
        long pos = firstOffset + slot * stride;
        if (slot >= completeSlots) {
            throw new TruncatedInputException(path, pos, completeFrames,
                    "frame " + index + " (" + imageBytes + " bytes at byte " + pos + ") is not fully present");
        }
        return pos;
    }

    /** Reuses {@code reuse}'s storage for raw frames of the same layout (a frame this reader returned has room). */
    @Override
    protected Frame readFrame(int index, Frame reuse) throws IOException {
        ByteBuffer storage = null;
        if (reuse != null && layout != Layout.JPEG && reuse.spec().sameLayout(info.spec())) {
            storage = reuse.buffer();
            if (storage.capacity() < imageBytes + tsBytes) {
                storage = null;
            }
        }
        try {
            return layout == Layout.JPEG ? readJpeg(index) : readRaw(index, storage);
        } catch (EOFException e) {
            throw new TruncatedInputException(path, -1, completeFrames, "frame " + index + " ends early");
        }
    }

    /**
     * Reads frame {@code index} into {@code reuse} (a buffer the caller owns, of at least
     * {@code spec().frameBytes() + 8} bytes capacity) and returns a frame wrapping it, so a caller streaming a
     * large file allocates nothing per frame. The previous frame read into the same buffer is overwritten.
     * JPEG frames are decoded into a new buffer whatever {@code reuse} is. {@code reuse} may be {@code null}.
     *
     * @throws IllegalArgumentException if {@code reuse} is too small or read-only
     */
    public Frame read(int index, ByteBuffer reuse) throws IOException {
        if (reuse != null && reuse.isReadOnly()) {
            throw new IllegalArgumentException("cannot read a frame into a read-only buffer");
        }
        if (reuse != null && reuse.capacity() < imageBytes + tsBytes) {
            throw new IllegalArgumentException("buffer of " + reuse.capacity() + " bytes is smaller than the "
                    + (imageBytes + tsBytes) + " a frame and its timestamp need");
        }
        boolean fills = reuse != null && layout != Layout.JPEG;
        return read(index, fills ? new Frame(info.spec(), reuse, index, null, null) : null);
    }

    private Frame readRaw(int index, ByteBuffer reuse) throws IOException {
        long pos = rawOffset(index);
        FrameSpec spec = info.spec();
        int total = imageBytes + tsBytes;
        if (layout == Layout.BGRX) {
            ByteBuffer src = ByteBuffer.allocate(total);
            readFully(channel, src, pos);
            Instant stamp = decodeTime(src, imageBytes);
            Frame f = new Frame(spec, reuse != null ? reuse.clear() : ByteBuffer.allocate(spec.frameBytes()), index,
                    timeOf(stamp), timestampOf(stamp));
            ByteBuffer dst = f.buffer();
            int px = spec.width() * spec.height();
            for (int i = 0, s = 0, d = 0; i < px; i++, s += 4, d += 3) {
                dst.put(d, src.get(s + 2));
                dst.put(d + 1, src.get(s + 1));
                dst.put(d + 2, src.get(s));
            }
            return f;
        }
        // one read brings the pixels and the timestamp behind them; the frame's view stops at the pixels
        ByteBuffer buf = reuse != null ? reuse.clear().limit(total) : ByteBuffer.allocate(total);
        buf.order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, buf, pos);
        Instant ts = decodeTime(buf, imageBytes);
        switch (layout) {
            case BGR -> Frames.swapRedBlue(buf, buf, imageBytes);
            case MSB16 -> {
                for (int d = 0; d < imageBytes; d += 2) {
                    buf.putShort(d, (short) ((buf.getShort(d) & 0xFFFF) >>> shift));
                }
                swapIfBigEndianHost(buf);
            }
            case PLAIN -> {
                if (spec.pixelType() == PixelType.GRAY16) {
                    swapIfBigEndianHost(buf);
                }
            }
            default -> {
            }
        }
        return new Frame(spec, buf, index, timeOf(ts), timestampOf(ts));
    }

    private void swapIfBigEndianHost(ByteBuffer leSamples) {
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            return;
        }
        ByteBuffer be = leSamples.duplicate().order(ByteOrder.BIG_ENDIAN);
        for (int d = 0; d < imageBytes; d += 2) {
            be.putShort(d, Short.reverseBytes(be.getShort(d)));
        }
    }

    private Frame readJpeg(int index) throws IOException {
        if (index >= jpegIndex.size()) {
            throw new TruncatedInputException(path, jpegIndex.end(), completeFrames,
                    "JPEG frame " + index + " is not fully present");
        }
        long off = jpegIndex.offset(index);
        int s = jpegIndex.blockSize(index);
        ByteBuffer buf = ByteBuffer.allocate(s + tsBytes).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, buf, off);
        if (Integer.toUnsignedLong(buf.getInt(0)) != s) {
            throw new CorruptInputException(path, off, "JPEG frame " + index + " size prefix is "
                    + Integer.toUnsignedLong(buf.getInt(0)) + ", the index says " + s);
        }
        Instant ts = decodeTime(buf, s);
        FrameSpec spec = info.spec();
        BufferedImage img = decodeJpeg(buf.array(), s, index, off, spec);
        int want = spec.pixelType() == PixelType.GRAY8 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
        int channels = img.getColorModel().getNumColorComponents();
        if ((channels == 1) != (want == BufferedImage.TYPE_BYTE_GRAY)) {
            BufferedImage conv = new BufferedImage(img.getWidth(), img.getHeight(), want);
            Graphics2D g = conv.createGraphics();
            g.drawImage(img, 0, 0, null);
            g.dispose();
            img = conv;
        }
        Frame f = Frames.fromBufferedImage(img, index).withTime(timeOf(ts)).withTimestamp(timestampOf(ts));
        if (f.pixelType() != spec.pixelType()) {
            throw new CorruptInputException(path, off + 4, "JPEG frame " + index + " decodes to " + f.spec()
                    + ", expected " + spec);
        }
        return f;
    }

    /** Decodes one JPEG after checking, from its header alone, that its size is the sequence's. */
    private BufferedImage decodeJpeg(byte[] block, int s, int index, long off, FrameSpec spec) throws IOException {
        java.util.Iterator<javax.imageio.ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg");
        if (!it.hasNext()) {
            throw new UnsupportedFormatException(path, "no JPEG decoder is available in this Java runtime");
        }
        javax.imageio.ImageReader jr = it.next();
        try (javax.imageio.stream.ImageInputStream in = new javax.imageio.stream.MemoryCacheImageInputStream(
                new ByteArrayInputStream(block, 4, s - 4))) {
            jr.setInput(in, true, true);
            int w = jr.getWidth(0);
            int h = jr.getHeight(0);
            if (w != spec.width() || h != spec.height()) {
                throw new CorruptInputException(path, off + 4, "JPEG frame " + index + " is " + w + "x" + h
                        + " but the header says " + spec.width() + "x" + spec.height());
            }
            return jr.read(0);
        } catch (javax.imageio.IIOException e) {
            throw new CorruptInputException(path, off + 4, "JPEG frame " + index + " cannot be decoded: "
                    + e.getMessage(), e);
        } finally {
            jr.dispose();
        }
    }

    /** Decodes the stamp at {@code at} in {@code buf} (little-endian): seconds, milliseconds, microseconds. */
    private Instant decodeTime(ByteBuffer buf, int at) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long seconds = Integer.toUnsignedLong(b.getInt(at));
        long millis = Short.toUnsignedInt(b.getShort(at + 4));
        long micros = tsBytes >= 8 ? Short.toUnsignedInt(b.getShort(at + 6)) : 0;
        return Instant.ofEpochSecond(seconds, (millis * 1000 + micros) * 1000);
    }

    /** The stamp as an acquisition timestamp, or null for a relative stamp (before 1980). */
    private static Instant timestampOf(Instant stamp) {
        return stamp.isBefore(Times.EARLIEST_TIMESTAMP) ? null : stamp;
    }

    /** The stamp's time since frame 0's stamp. */
    private Duration timeOf(Instant stamp) throws IOException {
        Instant first = firstStamp;
        if (first == null) {
            first = stamp(0);
            firstStamp = first;
        }
        return Duration.between(first, stamp);
    }

    @Override
    protected Optional<Duration> frameTime(int index) throws IOException {
        return Optional.of(timeOf(stamp(index)));
    }

    @Override
    protected Optional<Instant> frameTimestamp(int index) throws IOException {
        return Optional.ofNullable(timestampOf(stamp(index)));
    }

    /** The stamp of frame {@code index}, read without its pixels. */
    private Instant stamp(int index) throws IOException {
        try {
            long at;
            if (layout == Layout.JPEG) {
                if (index >= jpegIndex.size()) {
                    throw new TruncatedInputException(path, jpegIndex.end(), completeFrames,
                            "JPEG frame " + index + " is not fully present");
                }
                at = jpegIndex.offset(index) + jpegIndex.blockSize(index);
            } else {
                at = rawOffset(index) + imageBytes;
            }
            ByteBuffer b = ByteBuffer.allocate(tsBytes).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, b, at);
            return decodeTime(b, 0);
        } catch (EasimageException e) {
            throw e;
        } catch (IOException e) {
            throw new EasimageException(path, "reading the timestamp of frame " + index + " failed: " + e, e);
        }
    }

    @Override
    protected void release() throws IOException {
        channel.close();
    }
}
