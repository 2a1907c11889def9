package org.easimage.zarr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.io.CorruptInputException;

/**
 * One Zarr array on disk seen as frames: chunk files (or shards of chunks) decoded on demand, a frame assembled from
 * exactly the chunks that hold it. A missing chunk holds the fill value, as the spec says. Thread-safe: reads share
 * nothing but a one-chunk cache for arrays whose chunks hold several frames.
 */
final class ZarrArray {

    private final Path dir;
    private final ArrayMeta meta;
    private final FrameLayout layout;
    private final FrameSpec spec;
    private final int frames;
    private final int codecChunkBytes;
    private final Object cacheLock = new Object();
    private String cachedKey;
    private byte[] cachedChunk;
    private Path cachedShard;
    private long cachedShardSize;
    private ByteBuffer cachedShardIndex;
    private final java.util.function.Consumer<String> warnings;
    private final java.util.concurrent.atomic.AtomicBoolean warnedMissing = new java.util.concurrent.atomic.AtomicBoolean();

    /** @param warnings told once when a chunk is missing (its frames read as the fill value, as the spec says) */
    ZarrArray(Path dir, ArrayMeta meta, FrameLayout layout, java.util.function.Consumer<String> warnings)
            throws IOException {
        this.dir = dir;
        this.warnings = warnings;
        this.meta = meta;
        this.layout = layout;
        Path metaFile = dir.resolve(meta.version() == ZarrVersion.V2 ? ArrayMeta.ZARRAY : ArrayMeta.ZARR_JSON);
        this.spec = layout.spec(meta.shape(), meta.dataType(), metaFile);
        this.frames = layout.frames(meta.shape());
        long bytes = meta.codecChunkBytes();
        if (bytes > Integer.MAX_VALUE - 64) {
            throw new org.easimage.io.UnsupportedFormatException(metaFile, "chunks of " + bytes + " bytes are larger "
                    + "than one buffer can hold");
        }
        this.codecChunkBytes = (int) bytes;
    }

    Path dir() {
        return dir;
    }

    ArrayMeta meta() {
        return meta;
    }

    FrameLayout layout() {
        return layout;
    }

    FrameSpec spec() {
        return spec;
    }

    int frames() {
        return frames;
    }

    // ---------------------------------------------------------------- reading

    /**
     * Frame {@code t} (0-based), its pixels assembled from the chunks that hold it: into {@code reuse}'s storage when
     * it is a heap frame of the same layout (every pixel is overwritten, by a chunk or the fill value), else into
     * a new frame.
     */
    Frame read(int t, Frame reuse) throws IOException {
        Frame f = reuse != null && reuse.spec().sameLayout(spec) && reuse.buffer().hasArray()
                && !reuse.buffer().isReadOnly() ? reuse.withIndex(t) : Frames.allocate(spec, t);
        ByteBuffer buf = f.buffer();
        byte[] dst = buf.array();
        int dstOff = buf.arrayOffset();
        int rank = meta.rank();
        int[] cc = meta.codecChunk();
        // the region of frame t: t fixed, everything else whole
        int[] lo = new int[rank];
        int[] hi = new int[rank];
        for (int d = 0; d < rank; d++) {
            lo[d] = d == layout.t() ? t : 0;
            hi[d] = d == layout.t() ? t + 1 : meta.shape()[d];
        }
        long[] first = new long[rank];
        long[] last = new long[rank];
        for (int d = 0; d < rank; d++) {
            first[d] = lo[d] / cc[d];
            last[d] = (hi[d] - 1) / cc[d];
        }
        long[] pos = first.clone();
        while (true) {
            byte[] chunk = chunk(pos);
            copyChunkToFrame(chunk, pos, lo, hi, dst, dstOff);
            int d = rank - 1;
            while (d >= 0 && pos[d] == last[d]) {
                pos[d] = first[d];
                d--;
            }
            if (d < 0) {
                break;
            }
            pos[d]++;
        }
        return f;
    }

    /** The decoded (inner) chunk at grid position {@code pos}, in native byte order; null when missing (fill). */
    private byte[] chunk(long[] pos) throws IOException {
        boolean multiFrame = layout.t() >= 0 && meta.codecChunk()[layout.t()] > 1;
        String id = Arrays.toString(pos);
        if (multiFrame) {
            synchronized (cacheLock) {
                if (id.equals(cachedKey)) {
                    return cachedChunk;
                }
            }
        }
        byte[] raw = meta.innerChunks() == null ? chunkFile(pos) : chunkInShard(pos);
        if (raw == null && !warnedMissing.getAndSet(true)) {
            warnings.accept(dir + ": chunk " + (meta.innerChunks() == null ? meta.key(pos)
                    : Arrays.toString(pos) + " of shard " + meta.key(shardOrChunk(pos)))
                    + " is missing: its samples read as the fill value " + fillText() + " (warned once)");
        }
        byte[] decoded = raw == null ? null : decode(raw, pos);
        if (decoded != null && meta.byteOrder() != ByteOrder.nativeOrder()) {
            swap(decoded, meta.dataType().bytes());
        }
        if (multiFrame) {
            synchronized (cacheLock) {
                cachedKey = id;
                cachedChunk = decoded;
            }
        }
        return decoded;
    }

    private Path keyPath(long[] gridPos) {
        return dir.resolve(meta.key(gridPos));
    }

    private byte[] chunkFile(long[] pos) throws IOException {
        Path p = keyPath(pos);
        try {
            long size = Files.size(p);
            if (size > Integer.MAX_VALUE - 64) {
                throw new CorruptInputException(p, "chunk file of " + size + " bytes");
            }
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Inner chunk {@code pos} of its shard: the shard's index (at its end) says where, or that it is missing. */
    private byte[] chunkInShard(long[] pos) throws IOException {
        int[] per = meta.chunksPerShard();
        long[] shard = new long[pos.length];
        long inner = 0;
        long count = 1;
        for (int d = 0; d < pos.length; d++) {
            shard[d] = pos[d] / per[d];
            inner = inner * per[d] + pos[d] % per[d];
            count *= per[d];
        }
        Path p = keyPath(shard);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            long indexBytes = count * 16 + (meta.indexChecksum() ? 4 : 0);
            ByteBuffer ix = shardIndex(p, ch, size, indexBytes, count);
            long offset = ix.getLong((int) (inner * 16));
            long nbytes = ix.getLong((int) (inner * 16 + 8));
            if (offset == -1L && nbytes == -1L) {
                return null;
            }
            if (offset < 0 || nbytes < 0 || nbytes > Integer.MAX_VALUE - 64 || offset + nbytes > size - indexBytes) {
                throw new CorruptInputException(p, size - indexBytes, "shard index entry " + inner + " points at "
                        + nbytes + " bytes at " + offset + ", outside the shard's " + (size - indexBytes)
                        + " bytes of chunks");
            }
            return readFully(ch, offset, (int) nbytes, p);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The index at the end of shard {@code p} (checksum verified), kept for the next read: frames are mostly read
     * in order, so one cached index spares a read per frame. A shard that changed size is read again.
     */
    private ByteBuffer shardIndex(Path p, FileChannel ch, long size, long indexBytes, long count) throws IOException {
        synchronized (cacheLock) {
            if (p.equals(cachedShard) && size == cachedShardSize) {
                return cachedShardIndex.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            }
        }
        if (size < indexBytes) {
            throw new CorruptInputException(p, "shard of " + size + " bytes is shorter than its index ("
                    + indexBytes + " bytes)");
        }
        byte[] index = readFully(ch, size - indexBytes, (int) indexBytes, p);
        if (meta.indexChecksum()) {
            try {
                index = new ChunkCodec.Crc32c().decode(index, (int) (count * 16), 0);
            } catch (ChunkCodec.Failure e) {
                throw new CorruptInputException(p, size - indexBytes, "shard index: " + e.getMessage());
            }
        }
        ByteBuffer ix = ByteBuffer.wrap(index).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        synchronized (cacheLock) {
            cachedShard = p;
            cachedShardSize = size;
            cachedShardIndex = ix;
        }
        return ix.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] readFully(FileChannel ch, long at, int n, Path p) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new CorruptInputException(p, at + b.position(), "the shard ends early");
            }
        }
        return b.array();
    }

    private byte[] decode(byte[] data, long[] pos) throws IOException {
        byte[] out = data;
        var codecs = meta.codecs();
        try {
            for (int i = codecs.size() - 1; i >= 0; i--) {
                out = codecs.get(i).decode(out, i == 0 ? codecChunkBytes : -1, 2 * codecChunkBytes + (1 << 20));
            }
        } catch (ChunkCodec.Failure e) {
            throw new CorruptInputException(keyPath(shardOrChunk(pos)), -1, "chunk " + Arrays.toString(pos) + ": "
                    + e.getMessage(), e);
        }
        if (out.length != codecChunkBytes) {
            throw new CorruptInputException(keyPath(shardOrChunk(pos)), "chunk " + Arrays.toString(pos) + " holds "
                    + out.length + " bytes, expected " + codecChunkBytes + " (" + Arrays.toString(meta.codecChunk())
                    + " x " + meta.dataType().bytes() + " bytes)");
        }
        return out;
    }

    private long[] shardOrChunk(long[] pos) {
        if (meta.innerChunks() == null) {
            return pos;
        }
        int[] per = meta.chunksPerShard();
        long[] s = new long[pos.length];
        for (int d = 0; d < pos.length; d++) {
            s[d] = pos[d] / per[d];
        }
        return s;
    }

    /** Copies the part of chunk {@code pos} inside region [lo, hi) into frame bytes; a null chunk is the fill. */
    private void copyChunkToFrame(byte[] chunk, long[] pos, int[] lo, int[] hi, byte[] frame, int frameOff) {
        int rank = meta.rank();
        int[] cc = meta.codecChunk();
        int b = meta.dataType().bytes();
        int[] len = new int[rank];
        int[] chunkStart = new int[rank];
        long[] frameStride = frameStrides();
        long[] chunkStride = chunkStrides(cc, b);
        long frameBase = frameOff;
        long chunkBase = 0;
        for (int d = 0; d < rank; d++) {
            long origin = pos[d] * cc[d];
            int from = (int) Math.max(lo[d], origin);
            int to = (int) Math.min(hi[d], origin + cc[d]);
            len[d] = to - from;
            chunkStart[d] = (int) (from - origin);
            chunkBase += chunkStart[d] * chunkStride[d];
            frameBase += (d == layout.t() ? 0 : from) * frameStride[d];
        }
        if (chunk == null) {
            byte[] fill = fillBytes();
            Strided.fill(frame, frameBase, frameStride, len, fill);
        } else {
            Strided.copy(chunk, chunkBase, chunkStride, frame, frameBase, frameStride, len, b);
        }
    }

    /** Byte strides of the array's dimensions in a frame buffer (0 for time and size-1 dimensions). */
    long[] frameStrides() {
        int b = meta.dataType().bytes();
        long[] s = new long[meta.rank()];
        int ch = spec.channels();
        s[layout.y()] = (long) spec.width() * ch * b;
        s[layout.x()] = (long) ch * b;
        if (layout.c() >= 0) {
            s[layout.c()] = b;
        }
        return s;
    }

    static long[] chunkStrides(int[] cc, int b) {
        long[] s = new long[cc.length];
        long acc = b;
        for (int d = cc.length - 1; d >= 0; d--) {
            s[d] = acc;
            acc *= cc[d];
        }
        return s;
    }

    private String fillText() {
        double f = meta.fill();
        return f == Math.rint(f) && Double.isFinite(f) ? Long.toString((long) f) : Double.toString(f);
    }

    /** One sample of the fill value in native byte order. */
    byte[] fillBytes() {
        ByteBuffer bb = ByteBuffer.allocate(meta.dataType().bytes()).order(ByteOrder.nativeOrder());
        switch (meta.dataType()) {
            case UINT8 -> bb.put((byte) meta.fill());
            case UINT16 -> bb.putShort((short) meta.fill());
            case FLOAT32 -> bb.putFloat((float) meta.fill());
        }
        return bb.array();
    }

    /** Reverses the bytes of each {@code b}-byte sample in place. */
    static void swap(byte[] a, int b) {
        if (b == 2) {
            for (int i = 0; i + 1 < a.length; i += 2) {
                byte x = a[i];
                a[i] = a[i + 1];
                a[i + 1] = x;
            }
        } else if (b == 4) {
            for (int i = 0; i + 3 < a.length; i += 4) {
                byte x = a[i];
                a[i] = a[i + 3];
                a[i + 3] = x;
                x = a[i + 1];
                a[i + 1] = a[i + 2];
                a[i + 2] = x;
            }
        }
    }
}
