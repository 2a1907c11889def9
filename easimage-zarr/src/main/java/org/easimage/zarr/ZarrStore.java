package org.easimage.zarr;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.io.FrameMismatchException;

/**
 * The layout of a frame stack stored as Zarr, and the writers that fill it: the lower-level API under the
 * {@code zarr} format, for jobs that write one store from several processes.
 *
 * <p>A store is a bare array, or an OME-Zarr group whose levels are arrays {@code 0}, {@code 1}, ... (see
 * {@link ZarrWriteOptions}). The layout follows from {@code (root, spec, frameCount, options)} alone, so every
 * process of a job computes the same one without talking to the others:
 * <pre>{@code
 * ZarrStore store = ZarrStore.plan(root, spec, frameCount, options);  // in every process, no I/O
 * store.writeMetadata("run 7", attributes, interval);                 // once, by the coordinator, first
 * try (ZarrStore.RangeWriter w = store.writer(first)) {               // in each worker, its own frames
 *     for (Frame f : myFrames) w.write(f);                            // first, first+1, ... in order
 * }
 * }</pre>
 * Writers are safe together when their ranges start at multiples of {@link #framesPerFile()} and do not
 * overlap: each then writes its own chunk (or shard) files and nothing else, never a file another writes. A
 * chunk file is complete once its writer's {@link RangeWriter#close()} returned. Publishing the store atomically
 * is the coordinator's part: build it under a temporary name (e.g. {@code AtomicOutput.directory}) and commit
 * once every writer succeeded, as the streaming {@code zarr} writer does.
 */
public final class ZarrStore {

    private final Path root;
    private final FrameSpec spec;
    private final int frameCount;
    private final ZarrWriteOptions options;
    private final FrameLayout layout;
    private final ChunkCodec codec;

    private ZarrStore(Path root, FrameSpec spec, int frameCount, ZarrWriteOptions options) {
        this.root = Objects.requireNonNull(root, "root");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.options = Objects.requireNonNull(options, "options");
        String problem = options.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (frameCount < 0) {
            throw new IllegalArgumentException("negative frame count " + frameCount);
        }
        this.frameCount = frameCount;
        ChunkCodec.unavailable(options.compressor()).ifPresent(why -> {
            throw new IllegalStateException("the " + options.compressor() + " compressor cannot be used: " + why);
        });
        this.layout = options.ome() ? FrameLayout.ome(spec.channels()) : FrameLayout.plain(spec.channels());
        this.codec = ChunkCodec.of(options.compressor(), options.effectiveLevel(), options.effectiveShuffle(),
                spec.sampleType().bytes());
    }

    /**
     * The layout of {@code frameCount} frames of {@code spec} under {@code root} written with {@code options}.
     * Does no I/O.
     *
     * @throws IllegalArgumentException when the options are inconsistent ({@link ZarrWriteOptions#problem()})
     * @throws IllegalStateException    when the compressor's native library does not load on this machine
     */
    public static ZarrStore plan(Path root, FrameSpec spec, int frameCount, ZarrWriteOptions options) {
        return new ZarrStore(root, spec, frameCount, options);
    }

    /** The same layout with another frame count (the streaming writer learns it at the end). */
    ZarrStore withFrameCount(int n) {
        return new ZarrStore(root, spec, n, options);
    }

    public Path root() {
        return root;
    }

    public FrameSpec spec() {
        return spec;
    }

    public int frameCount() {
        return frameCount;
    }

    public ZarrWriteOptions options() {
        return options;
    }

    /** Frames per chunk file, or per shard file when sharded: writers' ranges start at multiples of this. */
    public int framesPerFile() {
        return options.framesPerFile();
    }

    /** Resolution levels: 1 + the pyramid's extra levels. */
    public int levels() {
        return 1 + options.pyramidLevels();
    }

    /** The folder of level {@code k}'s array: the root for a bare array, {@code root/k} in an OME-Zarr group. */
    public Path levelDir(int k) {
        return options.ome() ? root.resolve(Integer.toString(k)) : root;
    }

    FrameLayout layout() {
        return layout;
    }

    /** The metadata of level {@code k}'s array, with {@code attributes} (level 0 carries the frame times). */
    ArrayMeta meta(int k, Map<String, Object> attributes) {
        FrameSpec s = Pyramid.level(spec, k);
        int t = options.framesPerChunk();
        int[] chunk = layout.shape(t, s);
        int[] shard = options.framesPerShard() > 0 ? layout.shape(options.framesPerShard(), s) : null;
        boolean v3 = options.version() == ZarrVersion.V3;
        return new ArrayMeta(options.version(), layout.shape(frameCount, s), shard != null ? shard : chunk,
                shard != null ? chunk : null, DataType.of(s.sampleType()), ByteOrder.LITTLE_ENDIAN, 0,
                codec == null ? List.of() : List.of(codec), true, v3 ? "/" : ".", v3, layout.names(), attributes);
    }

    /**
     * Writes every metadata file of the store for {@link #frameCount()} frames: each level's array metadata and,
     * for OME-Zarr, the group with its multiscales.
     *
     * @param name           the image's name in the OME metadata
     * @param level0Attributes attributes of the level-0 array (frame times, acquisition start)
     * @param frameInterval  seconds between frames for the NGFF time scale, or null when unknown
     */
    public void writeMetadata(String name, Map<String, Object> level0Attributes, Double frameInterval)
            throws IOException {
        for (int k = 0; k < levels(); k++) {
            meta(k, k == 0 ? level0Attributes : Map.of()).write(levelDir(k));
        }
        if (options.ome()) {
            Map<String, Object> attrs = Ngff.groupAttributes(options.version(), name, spec, levels(), frameInterval);
            if (options.version() == ZarrVersion.V2) {
                Files.writeString(root.resolve(ArrayMeta.ZGROUP), Json.write(Json.obj("zarr_format", 2)));
                Files.writeString(root.resolve(ArrayMeta.ZATTRS), Json.write(attrs));
            } else {
                Map<String, Object> g = new java.util.LinkedHashMap<>();
                g.put("zarr_format", 3);
                g.put("node_type", "group");
                g.put("attributes", attrs);
                Files.writeString(root.resolve(ArrayMeta.ZARR_JSON), Json.write(g));
            }
        }
    }

    /**
     * A writer of frames {@code first}, {@code first + 1}, ... into every level's chunk files.
     *
     * @throws IllegalArgumentException when {@code first} is not a multiple of {@link #framesPerFile()}
     */
    public RangeWriter writer(int first) throws IOException {
        if (first < 0 || first % framesPerFile() != 0) {
            throw new IllegalArgumentException("a range must start at a multiple of " + framesPerFile()
                    + " frames (one chunk or shard file), not at " + first);
        }
        return new RangeWriter(this, first);
    }

    /**
     * Writes consecutive frames into the chunk (and shard) files of every level. Frames must have the store's
     * spec; the last chunk is completed (with zeros past the last frame) by {@link #close()}.
     */
    public static final class RangeWriter implements Closeable {
        private final ZarrStore store;
        private final List<LevelWriter> levels = new ArrayList<>();
        private int next;
        private boolean closed;

        private RangeWriter(ZarrStore store, int first) throws IOException {
            this.store = store;
            this.next = first;
            for (int k = 0; k < store.levels(); k++) {
                levels.add(new LevelWriter(store.levelDir(k), store.meta(k, Map.of()), store.layout,
                        Pyramid.level(store.spec, k), first));
            }
        }

        /** Writes the next frame (and its pyramid levels). */
        public void write(Frame frame) throws IOException {
            if (closed) {
                throw new IllegalStateException("writer closed");
            }
            if (!frame.spec().sameLayout(store.spec)) {
                throw new FrameMismatchException(store.root, next, store.spec, frame.spec());
            }
            Frame f = frame;
            for (int k = 0; k < levels.size(); k++) {
                if (k > 0) {
                    f = Pyramid.down(f);
                }
                levels.get(k).write(f);
            }
            next++;
        }

        /** Completes the last chunk and shard. */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            IOException first = null;
            for (LevelWriter l : levels) {
                try {
                    l.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** Assembles one level's frames into chunks, encodes them and stores them (in shards when sharded). */
    static final class LevelWriter implements Closeable {
        private final Path dir;
        private final ArrayMeta meta;
        private final FrameLayout layout;
        private final FrameSpec spec;
        private final int framesPerChunk;
        private final int chunksPerShard;
        private final byte[] chunk;
        private final long[] chunkStride;
        private final long[] frameStride;
        private final int[] frameBox;
        private byte[] frameBytes;
        private int frame; // index of the next frame
        private int inChunk; // frames of the current chunk written
        private Path madeDir;
        private FileChannel shard;
        private long shardNumber = -1;
        private long[] shardIndex;

        LevelWriter(Path dir, ArrayMeta meta, FrameLayout layout, FrameSpec spec, int first) throws IOException {
            this.dir = dir;
            this.meta = meta;
            this.layout = layout;
            this.spec = spec;
            int[] cc = meta.codecChunk();
            this.framesPerChunk = cc[layout.t()];
            this.chunksPerShard = meta.innerChunks() == null ? 0 : meta.chunks()[layout.t()] / framesPerChunk;
            long bytes = meta.codecChunkBytes();
            if (bytes > Integer.MAX_VALUE - 64) {
                throw new IllegalArgumentException("a chunk of " + framesPerChunk + " frames of " + spec
                        + " would exceed 2 GiB; write fewer frames per chunk");
            }
            this.chunk = new byte[(int) bytes];
            this.chunkStride = ZarrArray.chunkStrides(cc, meta.dataType().bytes());
            this.frameStride = frameStrides(meta, layout, spec);
            this.frameBox = layout.shape(1, spec);
            this.frame = first;
            Files.createDirectories(dir);
        }

        static long[] frameStrides(ArrayMeta meta, FrameLayout layout, FrameSpec spec) {
            int b = meta.dataType().bytes();
            long[] s = new long[meta.rank()];
            s[layout.y()] = (long) spec.width() * spec.channels() * b;
            s[layout.x()] = (long) spec.channels() * b;
            if (layout.c() >= 0) {
                s[layout.c()] = b;
            }
            return s;
        }

        void write(Frame f) throws IOException {
            ByteBuffer buf = f.buffer();
            byte[] src;
            int off;
            if (buf.hasArray()) {
                src = buf.array();
                off = buf.arrayOffset();
            } else {
                if (frameBytes == null) {
                    frameBytes = new byte[spec.frameBytes()];
                }
                buf.get(frameBytes);
                src = frameBytes;
                off = 0;
            }
            Strided.copy(src, off, frameStride, chunk, inChunk * chunkStride[layout.t()], chunkStride, frameBox,
                    meta.dataType().bytes());
            inChunk++;
            frame++;
            if (inChunk == framesPerChunk) {
                flush();
            }
        }

        /** Encodes and stores the chunk in progress; frames past the last written are zeros (the fill value). */
        private void flush() throws IOException {
            if (inChunk < framesPerChunk) {
                Arrays.fill(chunk, (int) (inChunk * chunkStride[layout.t()]), chunk.length, (byte) 0);
            }
            long chunkT = (frame - 1) / framesPerChunk;
            inChunk = 0;
            byte[] data = chunk;
            if (meta.dataType().bytes() > 1 && meta.byteOrder() != ByteOrder.nativeOrder()) {
                data = chunk.clone();
                ZarrArray.swap(data, meta.dataType().bytes());
            }
            for (ChunkCodec c : meta.codecs()) {
                try {
                    data = c.encode(data);
                } catch (ChunkCodec.Failure e) {
                    throw new IOException("chunk " + chunkT + ": " + e.getMessage(), e);
                }
            }
            if (chunksPerShard == 0) {
                Path p = dir.resolve(meta.key(position(chunkT)));
                makeParent(p);
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    writeFully(ch, ByteBuffer.wrap(data));
                }
            } else {
                long s = chunkT / chunksPerShard;
                if (s != shardNumber) {
                    closeShard();
                    Path p = dir.resolve(meta.key(position(s)));
                    makeParent(p);
                    shard = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
                    shardNumber = s;
                    shardIndex = new long[2 * chunksPerShard];
                    Arrays.fill(shardIndex, -1L);
                }
                int i = (int) (chunkT % chunksPerShard);
                shardIndex[2 * i] = shard.position();
                shardIndex[2 * i + 1] = data.length;
                writeFully(shard, ByteBuffer.wrap(data));
            }
        }

        /** Grid position of time block {@code t}: every other dimension is one chunk. */
        private long[] position(long t) {
            long[] pos = new long[meta.rank()];
            pos[layout.t()] = t;
            return pos;
        }

        private void makeParent(Path p) throws IOException {
            Path parent = p.getParent();
            if (!parent.equals(madeDir)) {
                Files.createDirectories(parent);
                madeDir = parent;
            }
        }

        private void closeShard() throws IOException {
            if (shard == null) {
                return;
            }
            ByteBuffer ix = ByteBuffer.allocate(shardIndex.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : shardIndex) {
                ix.putLong(v);
            }
            byte[] index = ix.array();
            if (meta.indexChecksum()) {
                index = new ChunkCodec.Crc32c().encode(index);
            }
            try (FileChannel ch = shard) {
                writeFully(ch, ByteBuffer.wrap(index));
            } finally {
                shard = null;
            }
        }

        private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                if (inChunk > 0) {
                    flush();
                }
            } finally {
                closeShard();
            }
        }
    }
}
