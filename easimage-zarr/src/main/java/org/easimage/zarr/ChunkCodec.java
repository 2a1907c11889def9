package org.easimage.zarr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

/**
 * One bytes-to-bytes step of a chunk's codec chain (a compressor or a checksum), with its metadata form in Zarr v2
 * ({@code compressor}) and v3 ({@code codecs} entry). The one small interface every codec sits behind.
 *
 * <p>{@link #decode} is told the exact decoded size when the caller knows it (the last step back to the raw
 * chunk) and checks it, so a chunk of the wrong size is an error and never a short or padded frame. Failures are
 * {@link Failure}s, which the array turns into a typed error naming the chunk.
 */
interface ChunkCodec {

    /** A chunk that does not decode, or a codec that fails. */
    final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }

        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    byte[] encode(byte[] raw) throws Failure;

    /**
     * Decodes {@code data}; {@code size} is the exact size it must decode to, or -1 when unknown (then at most
     * {@code limit} bytes are accepted).
     */
    byte[] decode(byte[] data, int size, int limit) throws Failure;

    /** The Zarr v2 {@code compressor} object (numcodecs configuration); null for none. */
    Map<String, Object> v2Json();

    /** The Zarr v3 {@code codecs} entry. */
    Map<String, Object> v3Json();

    /** A short description for {@code info}, e.g. {@code blosc-lz4 level 5 shuffle}. */
    String describe();

    /** The codec for a write option; fails when its native library cannot be loaded on this machine. */
    static ChunkCodec of(ZarrCompressor c, int level, BloscShuffle shuffle, int typeSize) {
        return switch (c) {
            case NONE -> null;
            case GZIP -> new Gzip(level);
            case ZSTD -> new Zstd(level, false);
            case BLOSC_LZ4 -> new Blosc("lz4", level, shuffle, typeSize);
            case BLOSC_ZSTD -> new Blosc("zstd", level, shuffle, typeSize);
        };
    }

    /**
     * Why {@code c} cannot be used on this machine (its bundled native library did not load: no writable temporary
     * folder, a libc too old, another architecture), or empty when it can. Checked once per library.
     */
    static Optional<String> unavailable(ZarrCompressor c) {
        return switch (c) {
            case NONE, GZIP -> Optional.empty();
            case ZSTD -> Natives.ZSTD.problem();
            case BLOSC_LZ4, BLOSC_ZSTD -> Natives.BLOSC.problem();
        };
    }

    /** The two native libraries, each loaded once; a failure is remembered as a reason, never a crash. */
    enum Natives {
        ZSTD("zstd-jni") {
            @Override
            void load() {
                com.github.luben.zstd.Zstd.compress(new byte[1], 1);
            }
        },
        BLOSC("blosc-java") {
            @Override
            void load() {
                com.scalableminds.bloscjava.Blosc.compress(new byte[2], 1,
                        com.scalableminds.bloscjava.Blosc.Compressor.LZ4, 1);
            }
        };

        private final String library;
        private volatile Optional<String> problem;

        Natives(String library) {
            this.library = library;
        }

        abstract void load();

        Optional<String> problem() {
            Optional<String> p = problem;
            if (p == null) {
                synchronized (this) {
                    if (problem == null) {
                        try {
                            load();
                            problem = Optional.empty();
                        } catch (Throwable t) { // LinkageError, ExceptionInInitializerError, RuntimeException
                            problem = Optional.of("the native library of " + library + " did not load: "
                                    + reason(t));
                        }
                    }
                    p = problem;
                }
            }
            return p;
        }

        private static String reason(Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }
    }

    private static Failure sizeMismatch(String codec, int got, int size) {
        return new Failure(codec + " data decode to " + got + " bytes, expected " + size);
    }

    /** gzip (RFC 1952): numcodecs {@code gzip}, v3 {@code gzip}. */
    record Gzip(int level) implements ChunkCodec {
        @Override
        public byte[] encode(byte[] raw) throws Failure {
            ByteArrayOutputStream bos = new ByteArrayOutputStream(raw.length / 2 + 64);
            try (GZIPOutputStream gz = new GZIPOutputStream(bos, 64 * 1024) {
                {
                    def.setLevel(level);
                }
            }) {
                gz.write(raw);
            } catch (IOException e) {
                throw new Failure("gzip failed", e);
            }
            return bos.toByteArray();
        }

        @Override
        public byte[] decode(byte[] data, int size, int limit) throws Failure {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(data), 64 * 1024)) {
                return readBounded(in, size, limit, "gzip");
            } catch (IOException e) {
                throw new Failure("gzip data do not decode: " + e.getMessage(), e);
            }
        }

        @Override
        public Map<String, Object> v2Json() {
            return Json.obj("id", "gzip", "level", level);
        }

        @Override
        public Map<String, Object> v3Json() {
            return Json.obj("name", "gzip", "configuration", Json.obj("level", level));
        }

        @Override
        public String describe() {
            return "gzip level " + level;
        }
    }

    /** zlib (RFC 1950), read only: numcodecs {@code zlib}, which zarr-python users often choose. */
    record Zlib() implements ChunkCodec {
        @Override
        public byte[] encode(byte[] raw) {
            Deflater d = new Deflater();
            try {
                d.setInput(raw);
                d.finish();
                ByteArrayOutputStream bos = new ByteArrayOutputStream();
                byte[] buf = new byte[64 * 1024];
                while (!d.finished()) {
                    bos.write(buf, 0, d.deflate(buf));
                }
                return bos.toByteArray();
            } finally {
                d.end();
            }
        }

        @Override
        public byte[] decode(byte[] data, int size, int limit) throws Failure {
            Inflater inf = new Inflater();
            try {
                inf.setInput(data);
                byte[] out = new byte[size >= 0 ? size : Math.min(limit, Math.max(64, data.length * 4))];
                int n = 0;
                while (!inf.finished()) {
                    if (n == out.length) {
                        if (size >= 0 || out.length >= limit) {
                            throw new Failure("zlib data decode to more than " + out.length + " bytes");
                        }
                        out = java.util.Arrays.copyOf(out, (int) Math.min(limit, 2L * out.length));
                    }
                    int k = inf.inflate(out, n, out.length - n);
                    if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                        throw new Failure("zlib data end early");
                    }
                    n += k;
                }
                if (size >= 0 && n != size) {
                    throw sizeMismatch("zlib", n, size);
                }
                return n == out.length ? out : java.util.Arrays.copyOf(out, n);
            } catch (DataFormatException e) {
                throw new Failure("zlib data do not decode: " + e.getMessage(), e);
            } finally {
                inf.end();
            }
        }

        @Override
        public Map<String, Object> v2Json() {
            return Json.obj("id", "zlib", "level", 1);
        }

        @Override
        public Map<String, Object> v3Json() {
            return Json.obj("name", "numcodecs.zlib", "configuration", Json.obj("level", 1));
        }

        @Override
        public String describe() {
            return "zlib";
        }
    }

    /** Zstandard: numcodecs {@code zstd}, v3 {@code zstd} (whose frame checksum, when asked, zstd checks itself). */
    record Zstd(int level, boolean checksum) implements ChunkCodec {
        @Override
        public byte[] encode(byte[] raw) throws Failure {
            try {
                return com.github.luben.zstd.Zstd.compress(raw, level);
            } catch (RuntimeException e) {
                throw new Failure("zstd failed: " + e.getMessage(), e);
            }
        }

        @Override
        public byte[] decode(byte[] data, int size, int limit) throws Failure {
            try {
                int n = size;
                if (n < 0) {
                    long content = com.github.luben.zstd.Zstd.getFrameContentSize(data);
                    if (content < 0 || content > limit) {
                        throw new Failure("zstd frame states no usable content size (" + content + ")");
                    }
                    n = (int) content;
                }
                byte[] out = new byte[n];
                long got = com.github.luben.zstd.Zstd.decompressByteArray(out, 0, n, data, 0, data.length);
                if (got != n) {
                    throw sizeMismatch("zstd", (int) got, n);
                }
                return out;
            } catch (RuntimeException e) { // ZstdException: corrupt data, or more data than the chunk holds
                throw new Failure("zstd data do not decode: " + e.getMessage(), e);
            }
        }

        @Override
        public Map<String, Object> v2Json() {
            return Json.obj("id", "zstd", "level", level);
        }

        @Override
        public Map<String, Object> v3Json() {
            return Json.obj("name", "zstd", "configuration", Json.obj("level", level, "checksum", checksum));
        }

        @Override
        public String describe() {
            return "zstd level " + level;
        }
    }

    /**
     * Blosc through blosc-java: numcodecs {@code blosc}, v3 {@code blosc}. Decoding checks the 16-byte Blosc
     * header (decoded size, compressed size) before the native call, so a corrupt chunk never makes the library
     * allocate or read what the header invents.
     */
    record Blosc(String cname, int level, BloscShuffle shuffle, int typeSize) implements ChunkCodec {
        static final int HEADER = 16;

        @Override
        public byte[] encode(byte[] raw) throws Failure {
            try {
                byte[] out = com.scalableminds.bloscjava.Blosc.compress(raw, typeSize,
                        com.scalableminds.bloscjava.Blosc.Compressor.fromString(cname), level,
                        com.scalableminds.bloscjava.Blosc.Shuffle.fromInt(shuffle.code()), 0, 1);
                if (out == null || out.length < HEADER) {
                    throw new Failure("blosc returned no data");
                }
                return out;
            } catch (RuntimeException e) {
                throw new Failure("blosc failed: " + e.getMessage(), e);
            }
        }

        @Override
        public byte[] decode(byte[] data, int size, int limit) throws Failure {
            if (data.length < HEADER) {
                throw new Failure("blosc data of " + data.length + " bytes are shorter than the Blosc header");
            }
            ByteBuffer h = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            long nbytes = h.getInt(4) & 0xFFFFFFFFL;
            long cbytes = h.getInt(12) & 0xFFFFFFFFL;
            if (cbytes != data.length) {
                throw new Failure("the Blosc header states " + cbytes + " compressed bytes, the chunk holds "
                        + data.length);
            }
            if (size >= 0 ? nbytes != size : nbytes > limit) {
                throw new Failure("the Blosc header states " + nbytes + " decoded bytes, expected "
                        + (size >= 0 ? size : "at most " + limit));
            }
            try {
                byte[] out = com.scalableminds.bloscjava.Blosc.decompress(data, 1);
                if (out == null || out.length != nbytes) {
                    throw sizeMismatch("blosc", out == null ? 0 : out.length, (int) nbytes);
                }
                return out;
            } catch (RuntimeException e) {
                throw new Failure("blosc data do not decode: " + e.getMessage(), e);
            }
        }

        @Override
        public Map<String, Object> v2Json() {
            return Json.obj("id", "blosc", "cname", cname, "clevel", level, "shuffle", shuffle.code(), "blocksize", 0);
        }

        @Override
        public Map<String, Object> v3Json() {
            return Json.obj("name", "blosc", "configuration", Json.obj("cname", cname, "clevel", level, "shuffle",
                    shuffle.v3Name(), "typesize", typeSize, "blocksize", 0));
        }

        @Override
        public String describe() {
            return "blosc-" + cname + " level " + level + " " + shuffle.v3Name();
        }
    }

    /** CRC-32C checksum appended little-endian: v3 {@code crc32c} (the shard index's codec). */
    record Crc32c() implements ChunkCodec {
        @Override
        public byte[] encode(byte[] raw) {
            byte[] out = java.util.Arrays.copyOf(raw, raw.length + 4);
            CRC32C c = new CRC32C();
            c.update(raw);
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(raw.length, (int) c.getValue());
            return out;
        }

        @Override
        public byte[] decode(byte[] data, int size, int limit) throws Failure {
            if (data.length < 4) {
                throw new Failure("crc32c data shorter than their checksum");
            }
            int n = data.length - 4;
            CRC32C c = new CRC32C();
            c.update(data, 0, n);
            int stored = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt(n);
            if (stored != (int) c.getValue()) {
                throw new Failure("CRC-32C checksum mismatch");
            }
            if (size >= 0 && n != size) {
                throw sizeMismatch("crc32c", n, size);
            }
            return java.util.Arrays.copyOf(data, n);
        }

        @Override
        public Map<String, Object> v2Json() {
            throw new UnsupportedOperationException("crc32c is a Zarr v3 codec");
        }

        @Override
        public Map<String, Object> v3Json() {
            return Json.obj("name", "crc32c");
        }

        @Override
        public String describe() {
            return "crc32c";
        }
    }

    /** Reads {@code in} to its end: exactly {@code size} bytes when known, else at most {@code limit}. */
    private static byte[] readBounded(InputStream in, int size, int limit, String codec) throws IOException,
            Failure {
        if (size >= 0) {
            byte[] out = in.readNBytes(size);
            if (out.length != size) {
                throw sizeMismatch(codec, out.length, size);
            }
            if (in.read() >= 0) {
                throw new Failure(codec + " data decode to more than " + size + " bytes");
            }
            return out;
        }
        byte[] out = in.readNBytes(limit);
        if (in.read() >= 0) {
            throw new Failure(codec + " data decode to more than " + limit + " bytes");
        }
        return out;
    }
}
