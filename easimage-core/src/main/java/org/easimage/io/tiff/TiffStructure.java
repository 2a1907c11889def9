package org.easimage.io.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.easimage.io.CorruptInputException;

/**
 * The page layout of a TIFF or BigTIFF file, found by walking the IFD chain with positional reads: offsets and a
 * few tags per page, never pixel data. Every offset and count is checked against the file length before it is
 * used, and a visited-offset set stops IFD loops, so a hostile file cannot make this hang or allocate much.
 */
final class TiffStructure {

    static final int TAG_WIDTH = 256;
    static final int TAG_HEIGHT = 257;
    static final int TAG_BITS = 258;
    static final int TAG_COMPRESSION = 259;
    static final int TAG_PHOTOMETRIC = 262;
    static final int TAG_DESCRIPTION = 270;
    static final int TAG_STRIP_OFFSETS = 273;
    static final int TAG_SAMPLES = 277;
    static final int TAG_STRIP_COUNTS = 279;
    static final int TAG_PLANAR = 284;
    static final int TAG_SOFTWARE = 305;
    static final int TAG_TILE_OFFSETS = 324;
    static final int TAG_TILE_COUNTS = 325;
    static final int TAG_SAMPLE_FORMAT = 339;
    static final int TAG_SMAX_SAMPLE_VALUE = 341;

    /** More pages than this is treated as corrupt (a frame index is an int; 16M pages is far beyond any stack). */
    static final int MAX_PAGES = 1 << 24;
    private static final int MAX_ENTRIES = 4096;
    private static final int MAX_ARRAY = 1 << 22;

    /** One IFD entry: where its value lives and what it holds. */
    record Entry(int tag, int type, long count, long valueFieldOffset, long dataOffset) {
    }

    /** The fields of one page that decide its frame spec, plus where its pixel data ends. */
    record Page(long ifdOffset, long width, long height, int samples, int bits, int sampleFormat, int compression,
            int photometric, int planar, long dataEnd, long dataStart, boolean contiguous) {

        /** The fields that must agree between pages. */
        String layout() {
            return width + "x" + height + ", " + samples + " sample(s) of " + bits + " bits"
                    + (sampleFormat == 3 ? " float" : "") + ", photometric " + photometric;
        }

        boolean sameLayout(Page o) {
            return width == o.width && height == o.height && samples == o.samples && bits == o.bits
                    && sampleFormat == o.sampleFormat && photometric == o.photometric;
        }
    }

    final Path path;
    final ByteOrder order;
    final boolean bigTiff;
    final long fileSize;
    final List<Page> pages = new ArrayList<>();
    /** Entries of the first IFD, by tag. */
    final Map<Integer, Entry> firstIfd = new LinkedHashMap<>();
    private final FileChannel ch;

    private TiffStructure(Path path, FileChannel ch, ByteOrder order, boolean bigTiff, long fileSize) {
        this.path = path;
        this.ch = ch;
        this.order = order;
        this.bigTiff = bigTiff;
        this.fileSize = fileSize;
    }

    /**
     * Reads the header and walks every IFD. A page whose pixel data runs past the end of the file stops the walk:
     * it and later pages are left out and {@link #truncatedAt} tells where (the caller decides on the policy).
     */
    static TiffStructure read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new CorruptInputException(path, 0, "file of " + size + " bytes is too short for a TIFF header");
            }
            ByteBuffer h = ByteBuffer.allocate(16);
            readFully(path, ch, h, 0, (int) Math.min(16, size));
            byte b0 = h.get(0);
            byte b1 = h.get(1);
            ByteOrder order;
            if (b0 == 'I' && b1 == 'I') {
                order = ByteOrder.LITTLE_ENDIAN;
            } else if (b0 == 'M' && b1 == 'M') {
                order = ByteOrder.BIG_ENDIAN;
            } else {
                throw new CorruptInputException(path, 0, "not a TIFF file: bad byte-order mark");
            }
            h.order(order);
            int magic = h.getShort(2) & 0xFFFF;
            boolean big;
            long first;
            if (magic == 42) {
                big = false;
                first = h.getInt(4) & 0xFFFFFFFFL;
            } else if (magic == 43) {
                if (size < 16) {
                    throw new CorruptInputException(path, 0, "BigTIFF header truncated");
                }
                if ((h.getShort(4) & 0xFFFF) != 8) {
                    throw new CorruptInputException(path, 4, "BigTIFF offset size is not 8");
                }
                big = true;
                first = h.getLong(8);
            } else {
                throw new CorruptInputException(path, 2, "not a TIFF file: magic number " + magic);
            }
            TiffStructure s = new TiffStructure(path, ch, order, big, size);
            s.walk(first);
            s.description = s.firstIfdAscii(TAG_DESCRIPTION, 1 << 26); // room for a frame_times list
            s.software = s.firstIfdAscii(TAG_SOFTWARE, 4096);
            try {
                s.maxSampleValue = s.values(s.firstIfd.get(TAG_SMAX_SAMPLE_VALUE), 0);
            } catch (CorruptInputException e) {
                s.maxSampleValue = null; // an optional tag: a broken one leaves the full sample depth
            }
            return s;
        }
    }

    /** ImageDescription and Software of the first page, or null. */
    String description;
    String software;
    /** SMaxSampleValue of the first page (one per sample), or null. */
    long[] maxSampleValue;

    /** Index of the first page whose data runs past the end of the file, or -1. */
    int truncatedAt = -1;
    long truncatedOffset = -1;

    private void walk(long first) throws IOException {
        if (first == 0) {
            throw new CorruptInputException(path, bigTiff ? 8 : 4, "TIFF file has no image (first IFD offset is 0)");
        }
        Set<Long> visited = new HashSet<>();
        long off = first;
        while (off != 0) {
            if (off < (bigTiff ? 16 : 8) || off >= fileSize) {
                throw new CorruptInputException(path, off, "IFD of page " + pages.size() + " lies outside the file ("
                        + fileSize + " bytes)");
            }
            if (!visited.add(off)) {
                throw new CorruptInputException(path, off, "IFD chain loops back at page " + pages.size());
            }
            if (pages.size() >= MAX_PAGES) {
                throw new CorruptInputException(path, off, "more than " + MAX_PAGES + " pages");
            }
            long[] next = new long[1];
            Map<Integer, Entry> entries = readIfd(off, next);
            if (pages.isEmpty()) {
                firstIfd.putAll(entries);
            }
            Page p = page(off, entries);
            if (p.dataEnd > fileSize) {
                truncatedAt = pages.size();
                truncatedOffset = fileSize;
                return;
            }
            pages.add(p);
            off = next[0];
        }
    }

    private Map<Integer, Entry> readIfd(long off, long[] next) throws IOException {
        int countSize = bigTiff ? 8 : 2;
        int entrySize = bigTiff ? 20 : 12;
        ByteBuffer cb = buffer(countSize);
        readFully(path, ch, cb, off, countSize);
        long n = bigTiff ? cb.getLong(0) : cb.getShort(0) & 0xFFFF;
        if (n <= 0 || n > MAX_ENTRIES) {
            throw new CorruptInputException(path, off, "IFD of page " + pages.size() + " claims " + n + " entries");
        }
        long len = n * entrySize + (bigTiff ? 8 : 4);
        if (off + countSize + len > fileSize) {
            throw new CorruptInputException(path, off, "IFD of page " + pages.size()
                    + " runs past the end of the file");
        }
        ByteBuffer eb = buffer((int) len);
        readFully(path, ch, eb, off + countSize, (int) len);
        Map<Integer, Entry> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int base = i * entrySize;
            int tag = eb.getShort(base) & 0xFFFF;
            int type = eb.getShort(base + 2) & 0xFFFF;
            long count = bigTiff ? eb.getLong(base + 4) : eb.getInt(base + 4) & 0xFFFFFFFFL;
            long fieldOff = off + countSize + base + (bigTiff ? 12 : 8);
            int inline = bigTiff ? 8 : 4;
            int ts = typeSize(type);
            long dataOff;
            if (ts == 0 || count < 0) {
                dataOff = -1; // unknown type: keep the entry but never read it
            } else if (count * ts <= inline) {
                dataOff = fieldOff;
            } else {
                dataOff = bigTiff ? eb.getLong(base + 12) : eb.getInt(base + 8) & 0xFFFFFFFFL;
            }
            m.put(tag, new Entry(tag, type, count, fieldOff, dataOff));
        }
        next[0] = bigTiff ? eb.getLong((int) (n * entrySize)) : eb.getInt((int) (n * entrySize)) & 0xFFFFFFFFL;
        return m;
    }

    private Page page(long off, Map<Integer, Entry> e) throws IOException {
        int index = pages.size();
        long w = first(e, TAG_WIDTH, -1, index);
        long h = first(e, TAG_HEIGHT, -1, index);
        if (w <= 0 || h <= 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw new CorruptInputException(path, off, "page " + index + " has an impossible size " + w + "x" + h);
        }
        int samples = (int) Math.min(Integer.MAX_VALUE, first(e, TAG_SAMPLES, 1, index));
        int bits = (int) Math.min(Integer.MAX_VALUE, first(e, TAG_BITS, 1, index));
        int format = (int) first(e, TAG_SAMPLE_FORMAT, 1, index);
        int compression = (int) first(e, TAG_COMPRESSION, 1, index);
        int photometric = (int) first(e, TAG_PHOTOMETRIC, samples >= 3 ? 2 : 1, index);
        int planar = (int) first(e, TAG_PLANAR, 1, index);
        if (samples <= 0 || samples > 16 || bits <= 0 || bits > 64) {
            throw new CorruptInputException(path, off, "page " + index + " has " + samples + " samples of " + bits
                    + " bits");
        }
        long[] offs = values(e.get(e.containsKey(TAG_TILE_OFFSETS) ? TAG_TILE_OFFSETS : TAG_STRIP_OFFSETS), index);
        long[] counts = values(e.get(e.containsKey(TAG_TILE_COUNTS) ? TAG_TILE_COUNTS : TAG_STRIP_COUNTS), index);
        if (offs == null || offs.length == 0) {
            throw new CorruptInputException(path, off, "page " + index + " has no strip or tile offsets");
        }
        long end = 0;
        long start = Long.MAX_VALUE;
        boolean contiguous = counts != null && counts.length == offs.length;
        for (int i = 0; i < offs.length; i++) {
            long c = counts != null && i < counts.length ? counts[i] : 0;
            if (offs[i] < 0 || c < 0) {
                throw new CorruptInputException(path, off, "page " + index + " has a negative strip offset or size");
            }
            // BigTIFF offsets are any int64: saturate instead of overflowing past the end of the file
            end = Math.max(end, offs[i] > Long.MAX_VALUE - c ? Long.MAX_VALUE : offs[i] + c);
            start = Math.min(start, offs[i]);
            if (contiguous && i > 0 && offs[i] != offs[i - 1] + counts[i - 1]) { // no counts: not contiguous
                contiguous = false;
            }
        }
        return new Page(off, w, h, samples, bits, format, compression, photometric, planar, end, start, contiguous);
    }

    private long first(Map<Integer, Entry> e, int tag, long dflt, int index) throws IOException {
        Entry en = e.get(tag);
        if (en == null) {
            return dflt;
        }
        long[] v = values(en, index);
        return v == null || v.length == 0 ? dflt : v[0];
    }

    /** The unsigned integer values of an entry (BYTE, SHORT, LONG, LONG8, IFD types), or null for others. */
    long[] values(Entry en, int index) throws IOException {
        if (en == null || en.dataOffset < 0) {
            return null;
        }
        int ts = typeSize(en.type);
        boolean integer = en.type == 1 || en.type == 3 || en.type == 4 || en.type == 13 || en.type == 16
                || en.type == 18;
        if (!integer) {
            return null;
        }
        if (en.count > MAX_ARRAY) {
            throw new CorruptInputException(path, en.valueFieldOffset, "page " + index + ": tag " + en.tag
                    + " claims " + en.count + " values");
        }
        long bytes = en.count * ts;
        if (en.dataOffset + bytes > fileSize) {
            throw new CorruptInputException(path, en.valueFieldOffset, "page " + index + ": tag " + en.tag
                    + " points past the end of the file");
        }
        ByteBuffer b = buffer((int) bytes);
        readFully(path, ch, b, en.dataOffset, (int) bytes);
        long[] out = new long[(int) en.count];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (ts) {
                case 1 -> b.get(i) & 0xFF;
                case 2 -> b.getShort(2 * i) & 0xFFFF;
                case 4 -> b.getInt(4 * i) & 0xFFFFFFFFL;
                default -> b.getLong(8 * i);
            };
        }
        return out;
    }

    /** The ASCII value of a first-IFD tag (without the trailing NULs), or null. */
    String firstIfdAscii(int tag, int maxBytes) throws IOException {
        Entry en = firstIfd.get(tag);
        if (en == null || en.type != 2 || en.dataOffset < 0 || en.count > maxBytes
                || en.dataOffset + en.count > fileSize) {
            return null;
        }
        ByteBuffer b = buffer((int) en.count);
        readFully(path, ch, b, en.dataOffset, (int) en.count);
        String s = new String(b.array(), 0, (int) en.count, StandardCharsets.ISO_8859_1);
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    private ByteBuffer buffer(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> 0;
        };
    }

    private static void readFully(Path path, FileChannel ch, ByteBuffer b, long pos, int n) throws IOException {
        b.clear().limit(n);
        long p = pos;
        while (b.hasRemaining()) {
            int r = ch.read(b, p);
            if (r < 0) {
                throw new CorruptInputException(path, p, "unexpected end of file");
            }
            p += r;
        }
    }
}
