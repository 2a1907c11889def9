package org.easimage.io.norpix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Where each frame of a JPEG-compressed Norpix sequence lies. A frame is a block: uint32 S (counting its own 4
 * bytes), S - 4 bytes of JPEG, then the timestamp; the next block follows right after.
 *
 * <p>The index comes from the {@code <file>.seq.idx} sidecar when it is present and agrees with the data (records
 * of 24 bytes: int64 block offset, uint32 block size S, then timestamp fields that are ignored), otherwise from
 * one scan of the size prefixes (4 bytes read per frame). Every offset and size is checked against the file
 * length, so a hostile file can neither loop nor make us allocate more than the file holds.
 */
final class SeqJpegIndex {

    static final int IDX_RECORD = 24;
    private static final int[] CANDIDATE_STARTS = {SeqHeader.SIZE, SeqHeader.DATA_OFFSET_V5};

    private final long[] offsets;
    private final int[] sizes;
    private final int count;
    private final String source;
    private final long end;

    private SeqJpegIndex(long[] offsets, int[] sizes, int count, String source, long end) {
        this.offsets = offsets;
        this.sizes = sizes;
        this.count = count;
        this.source = source;
        this.end = end;
    }

    int size() {
        return count;
    }

    long offset(int i) {
        return offsets[i];
    }

    int blockSize(int i) {
        return sizes[i];
    }

    /** Where the indexed data ends (the first byte after the last complete block). */
    long end() {
        return end;
    }

    /** "sidecar" or "scan". */
    String source() {
        return source;
    }

    /**
     * Builds the index of at most {@code maxFrames} blocks ({@code 0} = as many as the file holds), accepting
     * blocks of at most {@code maxBlock} bytes (a bound derived from the frame size, so a damaged prefix cannot
     * make a reader allocate gigabytes).
     */
    static SeqJpegIndex load(Path file, FileChannel ch, long fileSize, long maxFrames, int tsBytes, long maxBlock,
            Consumer<String> warnings) throws IOException {
        Path sidecar = file.resolveSibling(file.getFileName() + ".idx");
        if (Files.isRegularFile(sidecar)) {
            String problem;
            try {
                SeqJpegIndex idx = fromSidecar(sidecar, ch, fileSize, maxFrames, tsBytes, maxBlock);
                if (idx.count >= maxFrames || idx.end + 4 > fileSize) {
                    return idx;
                }
                problem = "it lists " + idx.count + " frames, fewer than the header's " + maxFrames;
            } catch (IllegalStateException e) {
                problem = e.getMessage();
            }
            warnings.accept(file + ": ignoring the index " + sidecar.getFileName() + " (" + problem
                    + "); scanning the frames instead");
        }
        return scan(ch, fileSize, maxFrames, tsBytes, maxBlock);
    }

    private static SeqJpegIndex fromSidecar(Path sidecar, FileChannel data, long fileSize, long maxFrames,
            int tsBytes, long maxBlock) throws IOException {
        long len = Files.size(sidecar);
        if (len % IDX_RECORD != 0) {
            throw new IllegalStateException("its length " + len + " is not a multiple of " + IDX_RECORD);
        }
        long n = len / IDX_RECORD;
        if (maxFrames > 0) {
            n = Math.min(n, maxFrames);
        }
        // each block takes at least 4 + 1 + timestamp bytes: more records than that cannot be right
        if (n > fileSize / (5 + tsBytes) + 1) {
            throw new IllegalStateException("it lists more frames than the file can hold");
        }
        long[] offs = new long[(int) n];
        int[] sz = new int[(int) n];
        try (FileChannel ic = FileChannel.open(sidecar, StandardOpenOption.READ)) {
            ByteBuffer rec = ByteBuffer.allocate(IDX_RECORD * 4096).order(ByteOrder.LITTLE_ENDIAN);
            long prevEnd = -1;
            for (int i = 0; i < n; ) {
                rec.clear();
                rec.limit((int) Math.min(rec.capacity(), (n - i) * IDX_RECORD));
                long pos = (long) i * IDX_RECORD;
                while (rec.hasRemaining()) {
                    if (ic.read(rec, pos + rec.position()) < 0) {
                        throw new IllegalStateException("it ends early");
                    }
                }
                rec.flip();
                while (rec.remaining() >= IDX_RECORD && i < n) {
                    int base = rec.position();
                    long off = rec.getLong(base);
                    long s = Integer.toUnsignedLong(rec.getInt(base + 8));
                    rec.position(base + IDX_RECORD);
                    if (i == 0 && Arrays.stream(CANDIDATE_STARTS).noneMatch(c -> c == off)) {
                        throw new IllegalStateException("its first frame offset " + off + " is not a data start");
                    }
                    // off comes from the file as any int64: compare without adding to it (no overflow)
                    if (s < 5 || s > maxBlock || off < prevEnd || off > fileSize - s - tsBytes) {
                        throw new IllegalStateException("record " + i + " (offset " + off + ", size " + s
                                + ") does not fit the data");
                    }
                    offs[i] = off;
                    sz[i] = (int) s;
                    prevEnd = off + s + tsBytes;
                    i++;
                }
            }
        }
        // spot-check the size prefixes the index points at
        ByteBuffer four = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        int step = Math.max(1, (int) (n / 16));
        for (long k = 0; k <= n; k += step) {
            int i = (int) Math.min(k, n - 1);
            if (i < 0) {
                break;
            }
            four.clear();
            if (data.read(four, offs[i]) != 4 || four.getInt(0) != sz[i]) {
                throw new IllegalStateException("record " + i + " points at a block whose size prefix differs");
            }
        }
        long end = n == 0 ? SeqHeader.SIZE : offs[(int) n - 1] + sz[(int) n - 1] + tsBytes;
        return new SeqJpegIndex(offs, sz, (int) n, "sidecar", end);
    }

    /** Walks the size-prefixed blocks from the data start, stopping at the first one that does not fit. */
    static SeqJpegIndex scan(FileChannel ch, long fileSize, long maxFrames, int tsBytes, long maxBlock)
            throws IOException {
        long pos = findStart(ch, fileSize);
        int cap = 1024;
        long[] offs = new long[cap];
        int[] sz = new int[cap];
        int n = 0;
        ByteBuffer four = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        long limit = maxFrames > 0 ? maxFrames : Integer.MAX_VALUE;
        while (n < limit && pos + 4 <= fileSize) {
            four.clear();
            if (ch.read(four, pos) != 4) {
                break;
            }
            long s = Integer.toUnsignedLong(four.getInt(0));
            if (s < 5 || s > maxBlock || pos + s + tsBytes > fileSize) {
                break; // a cut or damaged block ends the usable data
            }
            if (n == cap) {
                cap = (int) Math.min((long) cap * 2, Integer.MAX_VALUE - 8);
                offs = Arrays.copyOf(offs, cap);
                sz = Arrays.copyOf(sz, cap);
            }
            offs[n] = pos;
            sz[n] = (int) s;
            n++;
            pos += s + tsBytes;
        }
        return new SeqJpegIndex(offs, sz, n, "scan", pos);
    }

    /** 1024 per the readers consulted; 8192 when a JPEG block only starts there. */
    private static long findStart(FileChannel ch, long fileSize) throws IOException {
        ByteBuffer six = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
        for (int start : CANDIDATE_STARTS) {
            six.clear();
            if (start + 6 <= fileSize && ch.read(six, start) == 6 && (six.get(4) & 0xFF) == 0xFF
                    && (six.get(5) & 0xFF) == 0xD8) {
                return start;
            }
        }
        return SeqHeader.SIZE;
    }
}
