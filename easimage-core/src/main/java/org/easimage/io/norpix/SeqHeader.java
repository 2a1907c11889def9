package org.easimage.io.norpix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.easimage.io.CorruptInputException;
import org.easimage.io.FormatMetadata;
import org.easimage.io.UnsupportedFormatException;

/**
 * Every field of the 1024-byte little-endian header of a Norpix StreamPix {@code .seq} file, decoded as is.
 * Unsigned 32-bit fields are held in {@code long}s so no value is misread as negative.
 *
 * <p>{@link #parse} only decodes; {@link #validate} checks the fields a reader relies on and names the field, its
 * value and its byte offset when one is wrong. {@link #toBytes} serialises a header for the writer.
 */
public record SeqHeader(
        long magic, String name, int version, int headerSize, String description,
        long width, long height, long bitDepth, long bitDepthReal, long imageSizeBytes, long imageFormat,
        long allocatedFrames, long origin, long trueImageSize, double frameRate, int descriptionFormat,
        long referenceFrame, long fixedSize, long flags, int bayerPattern, int timeOffsetUs,
        int extendedHeaderSize, long compressionFormat, int referenceTimeSeconds, int referenceTimeMillis,
        int referenceTimeMicros, long h264Gop, long h264Bitrate, long jpegQualityInfo, long h264DecodeFormat,
        long indexOffset, long oldestFrameIndex, long bytesAlignment) implements FormatMetadata {

    /** Size of the header in bytes. */
    public static final int SIZE = 1024;
    /** The magic number at offset 0. */
    public static final long MAGIC = 0xFEED;
    /** Data start of uncompressed files of version 5 and later (the HeaderSize field still says 1024). */
    public static final int DATA_OFFSET_V5 = 8192;

    /** Image format codes (eHImageFormat) this reader understands. */
    public static final int MONO = 100, BAYER = 101, MONO_JPEG = 102, MONO_MSB = 112, BAYER_MSB = 113,
            BGR = 200, COLOR_JPEG = 201, RGB = 400, BGRX = 500;

    /** Compression codes. */
    public static final int COMPRESSION_NONE = 0, COMPRESSION_JPEG = 1;

    // byte offsets of the fields that validation names
    static final int OFF_WIDTH = 548, OFF_HEIGHT = 552, OFF_BIT_DEPTH = 556, OFF_BIT_DEPTH_REAL = 560,
            OFF_IMAGE_SIZE = 564, OFF_IMAGE_FORMAT = 568, OFF_ALLOCATED = 572, OFF_TRUE_SIZE = 580,
            OFF_COMPRESSION = 620, OFF_OLDEST = 656, OFF_VERSION = 28;

    /** Decodes the first 1024 bytes of {@code buf} (from its position); no validation. */
    public static SeqHeader parse(ByteBuffer buf) {
        ByteBuffer b = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < SIZE) {
            throw new IllegalArgumentException("a .seq header needs " + SIZE + " bytes, got " + b.remaining());
        }
        int descFormat = b.getInt(592);
        return new SeqHeader(u32(b, 0), utf16(b, 4, 24), b.getInt(28), b.getInt(32),
                descFormat == 1 ? ascii(b, 36, 512) : utf16(b, 36, 512),
                u32(b, 548), u32(b, 552), u32(b, 556), u32(b, 560), u32(b, 564), u32(b, 568), u32(b, 572),
                u32(b, 576), u32(b, 580), b.getDouble(584), descFormat, u32(b, 596), u32(b, 600), u32(b, 604),
                b.getInt(608), b.getInt(612), b.getInt(616), u32(b, 620), b.getInt(624),
                Short.toUnsignedInt(b.getShort(628)), Short.toUnsignedInt(b.getShort(630)),
                u32(b, 632), u32(b, 636), u32(b, 640), u32(b, 644), b.getLong(648), u32(b, 656), u32(b, 660));
    }

    /**
     * Parses and validates a header read from {@code file}.
     *
     * @param buf      the bytes read from the start of the file (fewer than 1024 means the file is cut)
     * @param fileSize the file's length
     */
    public static SeqHeader read(Path file, ByteBuffer buf, long fileSize) throws CorruptInputException,
            UnsupportedFormatException {
        if (buf.remaining() < 4 || u32(buf.slice().order(ByteOrder.LITTLE_ENDIAN), 0) != MAGIC) {
            long m = buf.remaining() >= 4 ? u32(buf.slice().order(ByteOrder.LITTLE_ENDIAN), 0) : -1;
            throw new CorruptInputException(file, 0, "not a Norpix sequence: magic number is "
                    + (m < 0 ? "missing" : String.format("0x%X", m)) + ", expected 0xFEED");
        }
        if (buf.remaining() < SIZE || fileSize < SIZE) {
            throw new CorruptInputException(file, Math.min(buf.remaining(), fileSize),
                    "file ends inside the " + SIZE + "-byte header (file is " + fileSize + " bytes)");
        }
        SeqHeader h = parse(buf);
        h.validate(file);
        return h;
    }

    /** Checks the fields the reader depends on; throws naming the field, its value and offset. */
    public void validate(Path file) throws CorruptInputException, UnsupportedFormatException {
        if (magic != MAGIC) {
            throw bad(file, 0, "MagicNumber", String.format("0x%X", magic), "expected 0xFEED");
        }
        if (version < 0) {
            throw bad(file, OFF_VERSION, "Version", version, "must not be negative");
        }
        if (width <= 0 || width > Integer.MAX_VALUE) {
            throw bad(file, OFF_WIDTH, "ImageWidth", width, "must be 1.." + Integer.MAX_VALUE);
        }
        if (height <= 0 || height > Integer.MAX_VALUE) {
            throw bad(file, OFF_HEIGHT, "ImageHeight", height, "must be 1.." + Integer.MAX_VALUE);
        }
        if (bitDepth != 8 && bitDepth != 16 && bitDepth != 24 && bitDepth != 32) {
            throw bad(file, OFF_BIT_DEPTH, "ImageBitDepth", bitDepth, "must be 8, 16, 24 or 32");
        }
        if (bitDepthReal > bitDepth) {
            throw bad(file, OFF_BIT_DEPTH_REAL, "ImageBitDepthReal", bitDepthReal,
                    "exceeds ImageBitDepth " + bitDepth);
        }
        if (compressionFormat != COMPRESSION_NONE && compressionFormat != COMPRESSION_JPEG) {
            throw new UnsupportedFormatException(file, "Norpix compression " + compressionName(compressionFormat)
                    + " (code " + compressionFormat + " at byte " + OFF_COMPRESSION + ") is not supported;"
                    + " only uncompressed and JPEG sequences are");
        }
        // width x height < 2^62 fits a long, but times the bytes per pixel it may not: compare before multiplying
        if (width * height > org.easimage.frame.FrameSpec.MAX_FRAME_BYTES / (bitDepth / 8)) {
            throw bad(file, OFF_WIDTH, "ImageWidth x ImageHeight", width + "x" + height,
                    "a frame of " + width + " x " + height + " x " + bitDepth / 8
                    + " bytes is larger than one buffer can hold");
        }
        long expected = width * height * (bitDepth / 8);
        if (expected > org.easimage.frame.FrameSpec.MAX_FRAME_BYTES) {
            throw bad(file, OFF_WIDTH, "ImageWidth x ImageHeight", width + "x" + height,
                    "a frame of " + expected + " bytes is larger than one buffer can hold");
        }
        if (compressionFormat == COMPRESSION_NONE) {
            if (imageSizeBytes != expected) {
                throw bad(file, OFF_IMAGE_SIZE, "ImageSizeBytes", imageSizeBytes, "expected " + width + " x "
                        + height + " x " + bitDepth / 8 + " = " + expected);
            }
            if (trueImageSize != 0 && trueImageSize < imageSizeBytes + timestampBytes()) {
                throw bad(file, OFF_TRUE_SIZE, "TrueImageSize", trueImageSize, "smaller than ImageSizeBytes "
                        + imageSizeBytes + " + " + timestampBytes() + " timestamp bytes");
            }
        }
        if (allocatedFrames > Integer.MAX_VALUE) {
            throw bad(file, OFF_ALLOCATED, "AllocatedFrames", allocatedFrames, "more than " + Integer.MAX_VALUE);
        }
        if (oldestFrameIndex != 0 && oldestFrameIndex >= allocatedFrames) {
            throw bad(file, OFF_OLDEST, "OldestFrameIndex", oldestFrameIndex,
                    "must be below AllocatedFrames " + allocatedFrames);
        }
    }

    private static CorruptInputException bad(Path file, int offset, String field, Object value, String why) {
        return new CorruptInputException(file, offset, "bad Norpix header field " + field + " = " + value + ": " + why);
    }

    /** Bytes of the timestamp stored after each frame: 8 from version 5 (s, ms, µs), 6 before (s, ms). */
    public int timestampBytes() {
        return version >= 5 ? 8 : 6;
    }

    /** Where uncompressed frames start: 8192 from version 5, 1024 before (whatever HeaderSize says). */
    public long rawDataOffset() {
        return version >= 5 ? DATA_OFFSET_V5 : SIZE;
    }

    /** Bytes from one frame to the next: TrueImageSize, or image + timestamp rounded up to the alignment. */
    public long frameStride() {
        if (trueImageSize != 0) {
            return trueImageSize;
        }
        long align = bytesAlignment > 0 && bytesAlignment <= (1 << 20) ? bytesAlignment : DATA_OFFSET_V5;
        long need = imageSizeBytes + timestampBytes();
        return (need + align - 1) / align * align;
    }

    /** A name for a compression code. */
    public static String compressionName(long code) {
        String[] names = {"none", "JPEG", "RLE", "Huffman", "LZ", "RLE-fast", "Huffman-fast", "LZ-fast", "H.264",
            "wavelet"};
        return code >= 0 && code < names.length ? names[(int) code] : "unknown";
    }

    /** A name for an image format code. */
    public static String imageFormatName(long code) {
        return switch ((int) code) {
            case 0 -> "unknown";
            case 100 -> "mono";
            case 101 -> "Bayer raw";
            case 102 -> "mono JPEG";
            case 112 -> "mono MSB-aligned";
            case 113 -> "Bayer MSB-aligned";
            case 114 -> "mono MSB swapped";
            case 115 -> "Bayer MSB swapped";
            case 200 -> "BGR";
            case 201 -> "colour JPEG";
            case 300 -> "planar";
            case 400 -> "RGB";
            case 500 -> "BGRx";
            case 600 -> "YUV422";
            case 610 -> "YUV422 20-bit";
            case 700 -> "UVY422";
            case 800 -> "UVY411";
            case 900 -> "UVY444";
            case 905 -> "BGR555 packed";
            case 906 -> "BGR565 packed";
            case 1000 -> "Basler vendor specific";
            case 1001 -> "Euresys JPEG";
            case 1002 -> "ISG JPEG";
            default -> "unrecognised";
        };
    }

    /** A name for the BayerPattern field (the StreamPix order). */
    public static String bayerName(int code) {
        return switch (code) {
            case 0 -> "none";
            case 1 -> "GBRG";
            case 2 -> "GRBG";
            case 3 -> "BGGR";
            case 4 -> "RGGB";
            default -> "code " + code;
        };
    }

    /** The header as 1024 little-endian bytes (description written as UTF-16LE or ASCII, NUL padded). */
    public ByteBuffer toBytes() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, (int) magic);
        putString(b, 4, 24, name, false);
        b.putInt(28, version).putInt(32, headerSize);
        putString(b, 36, 512, description, descriptionFormat == 1);
        b.putInt(548, (int) width).putInt(552, (int) height).putInt(556, (int) bitDepth)
                .putInt(560, (int) bitDepthReal).putInt(564, (int) imageSizeBytes).putInt(568, (int) imageFormat)
                .putInt(572, (int) allocatedFrames).putInt(576, (int) origin).putInt(580, (int) trueImageSize)
                .putDouble(584, frameRate).putInt(592, descriptionFormat).putInt(596, (int) referenceFrame)
                .putInt(600, (int) fixedSize).putInt(604, (int) flags).putInt(608, bayerPattern)
                .putInt(612, timeOffsetUs).putInt(616, extendedHeaderSize).putInt(620, (int) compressionFormat)
                .putInt(624, referenceTimeSeconds).putShort(628, (short) referenceTimeMillis)
                .putShort(630, (short) referenceTimeMicros).putInt(632, (int) h264Gop)
                .putInt(636, (int) h264Bitrate).putInt(640, (int) jpegQualityInfo)
                .putInt(644, (int) h264DecodeFormat).putLong(648, indexOffset).putInt(656, (int) oldestFrameIndex)
                .putInt(660, (int) bytesAlignment);
        return b;
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("magic", String.format("0x%X", magic));
        m.put("name", name);
        m.put("version", version);
        m.put("headerSize", headerSize);
        m.put("description", description);
        m.put("width", width);
        m.put("height", height);
        m.put("bitDepth", bitDepth);
        m.put("bitDepthReal", bitDepthReal);
        m.put("imageSizeBytes", imageSizeBytes);
        m.put("imageFormat", imageFormat);
        m.put("imageFormatName", imageFormatName(imageFormat));
        m.put("allocatedFrames", allocatedFrames);
        m.put("origin", origin);
        m.put("trueImageSize", trueImageSize);
        m.put("frameRate", frameRate);
        m.put("descriptionFormat", descriptionFormat == 1 ? "ASCII" : "UTF-16LE");
        m.put("referenceFrame", referenceFrame);
        m.put("fixedSize", fixedSize);
        m.put("flags", flags);
        m.put("bayerPattern", bayerPattern);
        m.put("bayerPatternName", bayerName(bayerPattern));
        m.put("timeOffsetUs", timeOffsetUs);
        m.put("extendedHeaderSize", extendedHeaderSize);
        m.put("compressionFormat", compressionFormat);
        m.put("compressionName", compressionName(compressionFormat));
        m.put("referenceTimeSeconds", referenceTimeSeconds);
        m.put("referenceTimeMillis", referenceTimeMillis);
        m.put("referenceTimeMicros", referenceTimeMicros);
        m.put("h264Gop", h264Gop);
        m.put("h264Bitrate", h264Bitrate);
        m.put("jpegQualityInfo", String.format("0x%08X", jpegQualityInfo));
        m.put("h264DecodeFormat", h264DecodeFormat);
        m.put("indexOffset", indexOffset);
        m.put("oldestFrameIndex", oldestFrameIndex);
        m.put("bytesAlignment", bytesAlignment);
        return m;
    }

    private static long u32(ByteBuffer b, int off) {
        return Integer.toUnsignedLong(b.getInt(off));
    }

    private static String utf16(ByteBuffer b, int off, int len) {
        byte[] a = new byte[len];
        b.get(off, a);
        int end = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            if (a[i] != 0 || a[i + 1] != 0) {
                end = i + 2;
            }
        }
        return stripNuls(new String(a, 0, end, StandardCharsets.UTF_16LE));
    }

    private static String ascii(ByteBuffer b, int off, int len) {
        byte[] a = new byte[len];
        b.get(off, a);
        int end = 0;
        while (end < len && a[end] != 0) {
            end++;
        }
        return new String(a, 0, end, StandardCharsets.ISO_8859_1);
    }

    private static String stripNuls(String s) {
        int end = s.indexOf('\0');
        return end < 0 ? s : s.substring(0, end);
    }

    private static void putString(ByteBuffer b, int off, int len, String s, boolean ascii) {
        byte[] bytes = (s == null ? "" : s).getBytes(ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16LE);
        int n = Math.min(bytes.length, len - (ascii ? 1 : 2)); // keep a terminating NUL
        if (!ascii) {
            n &= ~1;
        }
        b.put(off, bytes, 0, n);
    }
}
