package org.easimage.io.norpix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import org.easimage.frame.FrameSpec;
import org.easimage.io.CorruptInputException;
import org.easimage.io.FormatMetadata;
import org.easimage.io.UnsupportedFormatException;

/**
 * Every field of the 1024-byte little-endian header of a Norpix StreamPix {@code .seq} file, decoded as is.
 *
 * <p>The header is one table, {@link Field}: each field's name in the Norpix manual, its metadata key, byte offset,
 * stored {@link Type} and, where one field alone can be wrong, its rule. {@link #parse}, {@link #toBytes},
 * {@link #asMap} and {@link #validate} all walk that table, so a field is described once. Integer fields are held
 * as {@code long}s (unsigned 32-bit values are never misread as negative), the frame rate as a {@code double} and
 * the texts as strings; a header is immutable ({@link #with} makes a changed copy).
 *
 * <p>{@link #parse} only decodes; {@link #validate} checks the fields a reader relies on and names the field, its
 * value and its byte offset when one is wrong.
 */
public final class SeqHeader implements FormatMetadata {

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

    /** How a field is stored: its size in bytes and the Java value it holds. */
    public enum Type {
        /** Unsigned 32-bit integer, held as a long. */
        U32(4),
        /** Signed 32-bit integer. */
        I32(4),
        /** Unsigned 16-bit integer. */
        U16(2),
        /** Signed 64-bit integer. */
        I64(8),
        /** IEEE double. */
        F64(8),
        /** UTF-16LE text, NUL padded, of the field's length. */
        UTF16(0),
        /** The description: ASCII when DescriptionFormat is 1, else UTF-16LE; NUL padded. */
        DESCRIPTION(0);

        private final int bytes;

        Type(int bytes) {
            this.bytes = bytes;
        }

        boolean isInteger() {
            return this == U32 || this == I32 || this == U16 || this == I64;
        }

        boolean isText() {
            return this == UTF16 || this == DESCRIPTION;
        }

        /** The smallest and largest value an integer field of this type stores. */
        long min() {
            return switch (this) {
                case I32 -> Integer.MIN_VALUE;
                case I64 -> Long.MIN_VALUE;
                default -> 0;
            };
        }

        long max() {
            return switch (this) {
                case U32 -> 0xFFFF_FFFFL;
                case I32 -> Integer.MAX_VALUE;
                case U16 -> 0xFFFF;
                default -> Long.MAX_VALUE;
            };
        }
    }

    /** The header's fields in file order: the one table parse, write, metadata and validation read. */
    public enum Field {
        MAGIC("MagicNumber", "magic", 0, Type.U32, v -> v == SeqHeader.MAGIC, "expected 0xFEED"),
        NAME("Name", "name", 4, 24, Type.UTF16),
        VERSION("Version", "version", 28, Type.I32, v -> v >= 0, "must not be negative"),
        HEADER_SIZE("HeaderSize", "headerSize", 32, Type.I32),
        DESCRIPTION("Description", "description", 36, 512, Type.DESCRIPTION),
        WIDTH("ImageWidth", "width", 548, Type.U32, v -> v > 0 && v <= Integer.MAX_VALUE,
                "must be 1.." + Integer.MAX_VALUE),
        HEIGHT("ImageHeight", "height", 552, Type.U32, v -> v > 0 && v <= Integer.MAX_VALUE,
                "must be 1.." + Integer.MAX_VALUE),
        BIT_DEPTH("ImageBitDepth", "bitDepth", 556, Type.U32, v -> v == 8 || v == 16 || v == 24 || v == 32,
                "must be 8, 16, 24 or 32"),
        BIT_DEPTH_REAL("ImageBitDepthReal", "bitDepthReal", 560, Type.U32),
        IMAGE_SIZE_BYTES("ImageSizeBytes", "imageSizeBytes", 564, Type.U32),
        IMAGE_FORMAT("ImageFormat", "imageFormat", 568, Type.U32, "imageFormatName", SeqHeader::imageFormatName),
        ALLOCATED_FRAMES("AllocatedFrames", "allocatedFrames", 572, Type.U32, v -> v <= Integer.MAX_VALUE,
                "more than " + Integer.MAX_VALUE),
        ORIGIN("Origin", "origin", 576, Type.U32),
        TRUE_IMAGE_SIZE("TrueImageSize", "trueImageSize", 580, Type.U32),
        FRAME_RATE("SuggestedFrameRate", "frameRate", 584, Type.F64),
        DESCRIPTION_FORMAT("DescriptionFormat", "descriptionFormat", 592, Type.I32),
        REFERENCE_FRAME("ReferenceFrame", "referenceFrame", 596, Type.U32),
        FIXED_SIZE("FixedSize", "fixedSize", 600, Type.U32),
        FLAGS("Flags", "flags", 604, Type.U32),
        BAYER_PATTERN("BayerPattern", "bayerPattern", 608, Type.I32, "bayerPatternName", c -> bayerName((int) c)),
        TIME_OFFSET_US("TimeOffsetUs", "timeOffsetUs", 612, Type.I32),
        EXTENDED_HEADER_SIZE("ExtendedHeaderSize", "extendedHeaderSize", 616, Type.I32),
        COMPRESSION_FORMAT("CompressionFormat", "compressionFormat", 620, Type.U32, "compressionName",
                SeqHeader::compressionName),
        REFERENCE_TIME_S("ReferenceTimeS", "referenceTimeSeconds", 624, Type.I32),
        REFERENCE_TIME_MS("ReferenceTimeMs", "referenceTimeMillis", 628, Type.U16),
        REFERENCE_TIME_US("ReferenceTimeUs", "referenceTimeMicros", 630, Type.U16),
        H264_GOP("H264GOP", "h264Gop", 632, Type.U32),
        H264_BITRATE("H264Bitrate", "h264Bitrate", 636, Type.U32),
        JPEG_QUALITY_INFO("JPEGQualityInfo", "jpegQualityInfo", 640, Type.U32),
        H264_DECODE_FORMAT("H264DecodeFormat", "h264DecodeFormat", 644, Type.U32),
        INDEX_OFFSET("IndexOffset", "indexOffset", 648, Type.I64),
        OLDEST_FRAME_INDEX("OldestFrameIndex", "oldestFrameIndex", 656, Type.U32),
        BYTES_ALIGNMENT("BytesAlignment", "bytesAlignment", 660, Type.U32);

        private final String manualName;
        private final String key;
        private final int offset;
        private final int length;
        private final Type type;
        private final LongPredicate valid;
        private final String rule;
        private final String nameKey;
        private final LongFunction<String> namer;

        Field(String manualName, String key, int offset, int length, Type type, LongPredicate valid, String rule,
                String nameKey, LongFunction<String> namer) {
            this.manualName = manualName;
            this.key = key;
            this.offset = offset;
            this.length = length;
            this.type = type;
            this.valid = valid;
            this.rule = rule;
            this.nameKey = nameKey;
            this.namer = namer;
        }

        Field(String manualName, String key, int offset, Type type) {
            this(manualName, key, offset, type.bytes, type, null, null, null, null);
        }

        Field(String manualName, String key, int offset, int length, Type type) {
            this(manualName, key, offset, length, type, null, null, null, null);
        }

        Field(String manualName, String key, int offset, Type type, LongPredicate valid, String rule) {
            this(manualName, key, offset, type.bytes, type, valid, rule, null, null);
        }

        Field(String manualName, String key, int offset, Type type, String nameKey, LongFunction<String> namer) {
            this(manualName, key, offset, type.bytes, type, null, null, nameKey, namer);
        }

        /** The field's name in the Norpix manual, as error messages give it (e.g. {@code ImageWidth}). */
        public String manualName() {
            return manualName;
        }

        /** The field's key in {@link SeqHeader#asMap()} (e.g. {@code width}). */
        public String key() {
            return key;
        }

        /** Byte offset of the field in the header. */
        public int offset() {
            return offset;
        }

        /** Bytes the field occupies. */
        public int length() {
            return length;
        }

        public Type type() {
            return type;
        }
    }

    private static final Field[] FIELDS = Field.values();

    /** Long for integer fields, Double for the frame rate, String for texts; indexed by ordinal. */
    private final Object[] values;

    private SeqHeader(Object[] values) {
        this.values = values;
    }

    /** A header with every number 0 and every text empty: the start of one built with {@link #with}. */
    public static SeqHeader blank() {
        Object[] v = new Object[FIELDS.length];
        for (Field f : FIELDS) {
            v[f.ordinal()] = f.type.isText() ? "" : f.type == Type.F64 ? (Object) 0.0 : (Object) 0L;
        }
        return new SeqHeader(v);
    }

    /**
     * This header with integer field {@code f} set to {@code value}.
     *
     * @throws IllegalArgumentException when {@code f} is not an integer field or {@code value} does not fit it
     */
    public SeqHeader with(Field f, long value) {
        if (!f.type.isInteger() || value < f.type.min() || value > f.type.max()) {
            throw new IllegalArgumentException(f.manualName + " (" + f.type + ") cannot hold " + value);
        }
        return copyWith(f, value);
    }

    /** This header with the floating-point field {@code f} (the frame rate) set to {@code value}. */
    public SeqHeader with(Field f, double value) {
        if (f.type != Type.F64) {
            throw new IllegalArgumentException(f.manualName + " (" + f.type + ") is not a floating-point field");
        }
        return copyWith(f, value);
    }

    /** This header with the text field {@code f} set to {@code value} (cut to the field when written). */
    public SeqHeader with(Field f, String value) {
        if (!f.type.isText()) {
            throw new IllegalArgumentException(f.manualName + " (" + f.type + ") is not a text field");
        }
        return copyWith(f, value == null ? "" : value);
    }

    private SeqHeader copyWith(Field f, Object value) {
        Object[] v = values.clone();
        v[f.ordinal()] = value;
        return new SeqHeader(v);
    }

    /** The value of integer field {@code f}. */
    public long get(Field f) {
        if (!f.type.isInteger()) {
            throw new IllegalArgumentException(f.manualName + " (" + f.type + ") is not an integer field");
        }
        return (Long) values[f.ordinal()];
    }

    /** The value of text field {@code f}. */
    public String text(Field f) {
        if (!f.type.isText()) {
            throw new IllegalArgumentException(f.manualName + " (" + f.type + ") is not a text field");
        }
        return (String) values[f.ordinal()];
    }

    /** The SuggestedFrameRate field (frames per second; 0 when unset). */
    public double frameRate() {
        return (Double) values[Field.FRAME_RATE.ordinal()];
    }

    /** Decodes the first 1024 bytes of {@code buf} (from its position); no validation. */
    public static SeqHeader parse(ByteBuffer buf) {
        ByteBuffer b = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < SIZE) {
            throw new IllegalArgumentException("a .seq header needs " + SIZE + " bytes, got " + b.remaining());
        }
        boolean asciiDescription = b.getInt(Field.DESCRIPTION_FORMAT.offset) == 1;
        Object[] v = new Object[FIELDS.length];
        for (Field f : FIELDS) {
            int at = f.offset;
            v[f.ordinal()] = switch (f.type) {
                case U32 -> Integer.toUnsignedLong(b.getInt(at));
                case I32 -> (long) b.getInt(at);
                case U16 -> (long) Short.toUnsignedInt(b.getShort(at));
                case I64 -> b.getLong(at);
                case F64 -> b.getDouble(at);
                case UTF16 -> utf16(b, at, f.length);
                case DESCRIPTION -> asciiDescription ? ascii(b, at, f.length) : utf16(b, at, f.length);
            };
        }
        return new SeqHeader(v);
    }

    /** The header as 1024 little-endian bytes (texts NUL padded, keeping a terminating NUL). */
    public ByteBuffer toBytes() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        boolean asciiDescription = get(Field.DESCRIPTION_FORMAT) == 1;
        for (Field f : FIELDS) {
            Object v = values[f.ordinal()];
            int at = f.offset;
            switch (f.type) {
                case U32, I32 -> b.putInt(at, (int) (long) (Long) v);
                case U16 -> b.putShort(at, (short) (long) (Long) v);
                case I64 -> b.putLong(at, (Long) v);
                case F64 -> b.putDouble(at, (Double) v);
                case UTF16 -> putString(b, at, f.length, (String) v, false);
                case DESCRIPTION -> putString(b, at, f.length, (String) v, asciiDescription);
            }
        }
        return b;
    }

    /**
     * Every field under its {@link Field#key() key}, in file order, shown as StreamPix users read it (the magic
     * number and JPEG quality in hex, the description format by name), and codes followed by their names
     * ({@code imageFormatName}, {@code bayerPatternName}, {@code compressionName}).
     */
    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Field f : FIELDS) {
            Object v = values[f.ordinal()];
            m.put(f.key, switch (f) {
                case MAGIC -> String.format("0x%X", (Long) v);
                case JPEG_QUALITY_INFO -> String.format("0x%08X", (Long) v);
                case DESCRIPTION_FORMAT -> (Long) v == 1 ? "ASCII" : "UTF-16LE";
                default -> f.type == Type.I32 || f.type == Type.U16 ? (Object) (int) (long) (Long) v : v;
            });
            if (f.namer != null) {
                m.put(f.nameKey, f.namer.apply((Long) v));
            }
        }
        return m;
    }

    /**
     * Parses and validates a header read from {@code file}.
     *
     * @param buf      the bytes read from the start of the file (fewer than 1024 means the file is cut)
     * @param fileSize the file's length
     */
    public static SeqHeader read(Path file, ByteBuffer buf, long fileSize) throws CorruptInputException,
            UnsupportedFormatException {
        if (buf.remaining() < 4 || u32(buf, 0) != MAGIC) {
            long m = buf.remaining() >= 4 ? u32(buf, 0) : -1;
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

    private static long u32(ByteBuffer buf, int at) {
        return Integer.toUnsignedLong(buf.slice().order(ByteOrder.LITTLE_ENDIAN).getInt(at));
    }

    /**
     * Checks the fields the reader depends on: first each field's own rule from the table, then the rules that
     * relate fields; throws naming the field, its value and offset.
     */
    public void validate(Path file) throws CorruptInputException, UnsupportedFormatException {
        for (Field f : FIELDS) {
            if (f.valid != null && !f.valid.test(get(f))) {
                throw bad(file, f, f == Field.MAGIC ? String.format("0x%X", get(f)) : get(f), f.rule);
            }
        }
        long width = get(Field.WIDTH);
        long height = get(Field.HEIGHT);
        long bitDepth = get(Field.BIT_DEPTH);
        if (get(Field.BIT_DEPTH_REAL) > bitDepth) {
            throw bad(file, Field.BIT_DEPTH_REAL, get(Field.BIT_DEPTH_REAL), "exceeds ImageBitDepth " + bitDepth);
        }
        long compression = get(Field.COMPRESSION_FORMAT);
        if (compression != COMPRESSION_NONE && compression != COMPRESSION_JPEG) {
            throw new UnsupportedFormatException(file, "Norpix compression " + compressionName(compression)
                    + " (code " + compression + " at byte " + Field.COMPRESSION_FORMAT.offset + ") is not supported;"
                    + " only uncompressed and JPEG sequences are");
        }
        // width x height < 2^62 fits a long, but times the bytes per pixel it may not: compare before multiplying
        if (width * height > FrameSpec.MAX_FRAME_BYTES / (bitDepth / 8)) {
            throw new CorruptInputException(file, Field.WIDTH.offset, "bad Norpix header field ImageWidth x "
                    + "ImageHeight = " + width + "x" + height + ": a frame of " + width + " x " + height + " x "
                    + bitDepth / 8 + " bytes is larger than one buffer can hold");
        }
        long expected = width * height * (bitDepth / 8);
        if (compression == COMPRESSION_NONE) {
            long imageSize = get(Field.IMAGE_SIZE_BYTES);
            if (imageSize != expected) {
                throw bad(file, Field.IMAGE_SIZE_BYTES, imageSize, "expected " + width + " x " + height + " x "
                        + bitDepth / 8 + " = " + expected);
            }
            long trueSize = get(Field.TRUE_IMAGE_SIZE);
            if (trueSize != 0 && trueSize < imageSize + timestampBytes()) {
                throw bad(file, Field.TRUE_IMAGE_SIZE, trueSize, "smaller than ImageSizeBytes " + imageSize + " + "
                        + timestampBytes() + " timestamp bytes");
            }
        }
        long oldest = get(Field.OLDEST_FRAME_INDEX);
        if (oldest != 0 && oldest >= get(Field.ALLOCATED_FRAMES)) {
            throw bad(file, Field.OLDEST_FRAME_INDEX, oldest, "must be below AllocatedFrames "
                    + get(Field.ALLOCATED_FRAMES));
        }
    }

    private static CorruptInputException bad(Path file, Field f, Object value, String why) {
        return new CorruptInputException(file, f.offset, "bad Norpix header field " + f.manualName + " = " + value
                + ": " + why);
    }

    /** Bytes of the timestamp stored after each frame: 8 from version 5 (s, ms, µs), 6 before (s, ms). */
    public int timestampBytes() {
        return get(Field.VERSION) >= 5 ? 8 : 6;
    }

    /** Where uncompressed frames start: 8192 from version 5, 1024 before (whatever HeaderSize says). */
    public long rawDataOffset() {
        return get(Field.VERSION) >= 5 ? DATA_OFFSET_V5 : SIZE;
    }

    /** Bytes from one frame to the next: TrueImageSize, or image + timestamp rounded up to the alignment. */
    public long frameStride() {
        long trueSize = get(Field.TRUE_IMAGE_SIZE);
        if (trueSize != 0) {
            return trueSize;
        }
        long alignment = get(Field.BYTES_ALIGNMENT);
        long align = alignment > 0 && alignment <= (1 << 20) ? alignment : DATA_OFFSET_V5;
        long need = get(Field.IMAGE_SIZE_BYTES) + timestampBytes();
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

    @Override
    public boolean equals(Object o) {
        return o instanceof SeqHeader h && Arrays.equals(values, h.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SeqHeader" + asMap();
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
        byte[] bytes = s.getBytes(ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16LE);
        int n = Math.min(bytes.length, len - (ascii ? 1 : 2)); // keep a terminating NUL
        if (!ascii) {
            n &= ~1;
        }
        b.put(off, bytes, 0, n);
    }
}
