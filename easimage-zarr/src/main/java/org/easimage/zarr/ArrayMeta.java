package org.easimage.zarr;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.easimage.io.CorruptInputException;
import org.easimage.io.UnsupportedFormatException;

/**
 * The metadata of one Zarr array, v2 ({@code .zarray} + {@code .zattrs}) or v3 ({@code zarr.json}), reduced to
 * what a frame stack needs, with the exact JSON it is written as and the checks it is read with.
 *
 * @param version        v2 or v3
 * @param shape          the array's shape
 * @param chunks         the chunk grid: the shape of one stored file (a shard when sharded)
 * @param innerChunks    when sharded (v3 {@code sharding_indexed}), the shape of the chunks inside a shard; else null
 * @param dataType       sample type
 * @param byteOrder      byte order of the samples in a decoded chunk
 * @param fill           the fill value (what a missing chunk holds), as the data type's value
 * @param codecs         the bytes-to-bytes codecs of a (inner) chunk, in encoding order; empty for raw samples
 * @param indexChecksum  sharded: the shard index ends with a CRC-32C
 * @param separator      the chunk key separator: {@code .} or {@code /}
 * @param v3DefaultKeys  v3 {@code default} chunk key encoding ({@code c/0/0/0}) rather than {@code v2}
 * @param dimensionNames names of the dimensions (v3 {@code dimension_names}, v2 {@code _ARRAY_DIMENSIONS}), or null
 * @param attributes     the user attributes (v2 {@code .zattrs}, v3 {@code attributes})
 */
record ArrayMeta(ZarrVersion version, int[] shape, int[] chunks, int[] innerChunks, DataType dataType,
        ByteOrder byteOrder, double fill, List<ChunkCodec> codecs, boolean indexChecksum, String separator,
        boolean v3DefaultKeys, List<String> dimensionNames, Map<String, Object> attributes) {

    static final String ZARRAY = ".zarray";
    static final String ZATTRS = ".zattrs";
    static final String ZGROUP = ".zgroup";
    static final String ZARR_JSON = "zarr.json";
    /** xarray's convention for dimension names in Zarr v2. */
    static final String V2_DIMENSIONS = "_ARRAY_DIMENSIONS";

    ArrayMeta {
        codecs = List.copyOf(codecs);
        attributes = attributes == null ? Map.of() : attributes;
    }

    int rank() {
        return shape.length;
    }

    /** The chunk that is encoded on its own: the inner chunk when sharded, else the chunk. */
    int[] codecChunk() {
        return innerChunks != null ? innerChunks : chunks;
    }

    /** Bytes of one decoded (inner) chunk. */
    long codecChunkBytes() {
        long n = dataType.bytes();
        for (int c : codecChunk()) {
            n *= c;
        }
        return n;
    }

    /** Number of inner chunks per shard along each dimension (sharded only). */
    int[] chunksPerShard() {
        int[] n = new int[rank()];
        for (int d = 0; d < n.length; d++) {
            n[d] = chunks[d] / innerChunks[d];
        }
        return n;
    }

    /** The key (path relative to the array) of the stored file at grid position {@code coords}. */
    String key(long[] coords) {
        StringBuilder sb = new StringBuilder();
        if (version == ZarrVersion.V3 && v3DefaultKeys) {
            sb.append('c');
            for (long c : coords) {
                sb.append(separator).append(c);
            }
            return sb.toString();
        }
        if (coords.length == 0) {
            return "0";
        }
        for (int d = 0; d < coords.length; d++) {
            if (d > 0) {
                sb.append(separator);
            }
            sb.append(coords[d]);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- writing

    /** Writes the metadata files of this array into {@code dir}. */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (version == ZarrVersion.V2) {
            Files.writeString(dir.resolve(ZARRAY), Json.write(v2Json()));
            Map<String, Object> attrs = new LinkedHashMap<>(attributes);
            if (dimensionNames != null) {
                attrs.put(V2_DIMENSIONS, dimensionNames);
            }
            Files.writeString(dir.resolve(ZATTRS), Json.write(attrs));
        } else {
            Files.writeString(dir.resolve(ZARR_JSON), Json.write(v3Json()));
        }
    }

    private Object fillJson() {
        if (dataType == DataType.FLOAT32) {
            if (Double.isNaN(fill)) {
                return "NaN";
            }
            if (Double.isInfinite(fill)) {
                return fill > 0 ? "Infinity" : "-Infinity";
            }
            return fill;
        }
        return (long) fill;
    }

    Map<String, Object> v2Json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zarr_format", 2);
        m.put("shape", shape);
        m.put("chunks", chunks);
        m.put("dtype", (dataType.bytes() == 1 ? "|" : byteOrder == ByteOrder.LITTLE_ENDIAN ? "<" : ">")
                + dataType.v2Code());
        m.put("compressor", codecs.isEmpty() ? null : codecs.get(0).v2Json());
        m.put("fill_value", fillJson());
        m.put("order", "C");
        m.put("filters", null);
        m.put("dimension_separator", separator);
        return m;
    }

    Map<String, Object> v3Json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zarr_format", 3);
        m.put("node_type", "array");
        m.put("shape", shape);
        m.put("data_type", dataType.v3Name());
        m.put("chunk_grid", Json.obj("name", "regular", "configuration", Json.obj("chunk_shape", chunks)));
        m.put("chunk_key_encoding", Json.obj("name", v3DefaultKeys ? "default" : "v2", "configuration",
                Json.obj("separator", separator)));
        m.put("fill_value", fillJson());
        List<Object> chunkCodecs = new ArrayList<>();
        chunkCodecs.add(bytesCodec(byteOrder));
        for (ChunkCodec c : codecs) {
            chunkCodecs.add(c.v3Json());
        }
        if (innerChunks != null) {
            Map<String, Object> conf = new LinkedHashMap<>();
            conf.put("chunk_shape", innerChunks);
            conf.put("codecs", chunkCodecs);
            List<Object> index = new ArrayList<>(List.of(bytesCodec(ByteOrder.LITTLE_ENDIAN)));
            if (indexChecksum) {
                index.add(new ChunkCodec.Crc32c().v3Json());
            }
            conf.put("index_codecs", index);
            conf.put("index_location", "end");
            m.put("codecs", List.of(Json.obj("name", "sharding_indexed", "configuration", conf)));
        } else {
            m.put("codecs", chunkCodecs);
        }
        m.put("attributes", attributes);
        if (dimensionNames != null) {
            m.put("dimension_names", dimensionNames);
        }
        return m;
    }

    private static Map<String, Object> bytesCodec(ByteOrder order) {
        return Json.obj("name", "bytes", "configuration", Json.obj("endian",
                order == ByteOrder.LITTLE_ENDIAN ? "little" : "big"));
    }

    // ---------------------------------------------------------------- reading

    /** Reads the array whose metadata is in {@code dir} ({@code .zarray} or {@code zarr.json}). */
    static ArrayMeta read(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve(ZARRAY))) {
            JsonDoc attrs = Files.isRegularFile(dir.resolve(ZATTRS)) ? JsonDoc.read(dir.resolve(ZATTRS)) : null;
            return readV2(JsonDoc.read(dir.resolve(ZARRAY)), attrs);
        }
        JsonDoc doc = JsonDoc.read(dir.resolve(ZARR_JSON));
        return readV3(doc);
    }

    static ArrayMeta readV2(JsonDoc doc, JsonDoc attrsDoc) throws IOException {
        Path file = doc.file();
        if (doc.integer("zarr_format") != 2) {
            throw doc.corrupt("zarr_format is " + doc.get("zarr_format") + " in a .zarray, expected 2");
        }
        int[] shape = doc.ints("shape", 0);
        int[] chunks = doc.ints("chunks", 1);
        if (chunks.length != shape.length) {
            throw doc.corrupt("chunks " + Arrays.toString(chunks) + " and shape " + Arrays.toString(shape)
                    + " differ in rank");
        }
        Object dt = doc.get("dtype");
        if (!(dt instanceof String dtype) || dtype.length() < 2) {
            throw doc.corrupt("dtype must be a numpy type string such as \"<u2\", not " + JsonDoc.describe(dt));
        }
        DataType type = DataType.ofV2Code(dtype.substring(1));
        char bo = dtype.charAt(0);
        if (type == null || "<>|=".indexOf(bo) < 0 || (bo == '|' && type.bytes() > 1)) {
            throw new UnsupportedFormatException(file, "data type " + dtype + " is not a frame sample type "
                    + "(easimage reads uint8 |u1, uint16 <u2 / >u2 and float32 <f4 / >f4)");
        }
        ByteOrder order = bo == '>' ? ByteOrder.BIG_ENDIAN : bo == '=' ? ByteOrder.nativeOrder()
                : ByteOrder.LITTLE_ENDIAN;
        if (doc.has("order") && !"C".equals(doc.get("order"))) {
            throw new UnsupportedFormatException(file, "order " + JsonDoc.describe(doc.get("order"))
                    + ": only C (row-major) chunks are read");
        }
        Object filters = doc.get("filters");
        if (filters != null && !(filters instanceof List<?> l && l.isEmpty())) {
            throw new UnsupportedFormatException(file, "filters " + filters + " are not supported (only a "
                    + "compressor)");
        }
        List<ChunkCodec> codecs = new ArrayList<>();
        Object comp = doc.get("compressor");
        if (comp != null) {
            codecs.add(v2Codec(JsonDoc.of(file, comp, "compressor"), type));
        }
        String sep = ".";
        if (doc.has("dimension_separator")) {
            sep = doc.string("dimension_separator");
            if (!sep.equals(".") && !sep.equals("/")) {
                throw doc.corrupt("dimension_separator must be \".\" or \"/\", not \"" + sep + "\"");
            }
        }
        double fill = fillValue(doc, doc.get("fill_value"), type);
        Map<String, Object> attrs = attrsDoc == null ? Map.of() : new LinkedHashMap<>(attrsDoc.root());
        List<String> names = null;
        if (attrs.get(V2_DIMENSIONS) instanceof List<?> l && l.size() == shape.length
                && l.stream().allMatch(o -> o instanceof String)) {
            names = l.stream().map(o -> (String) o).toList();
        }
        return new ArrayMeta(ZarrVersion.V2, shape, chunks, null, type, order, fill, codecs, false, sep, false,
                names, attrs);
    }

    private static ChunkCodec v2Codec(JsonDoc c, DataType type) throws IOException {
        String id = c.string("id");
        switch (id) {
            case "blosc": {
                String cname = c.string("cname");
                if (!List.of("lz4", "lz4hc", "blosclz", "zstd", "zlib").contains(cname)) {
                    throw c.corrupt("unknown blosc cname \"" + cname + "\"");
                }
                int shuffle = c.has("shuffle") ? (int) c.integer("shuffle") : 1;
                BloscShuffle s;
                try {
                    // -1 is numcodecs' AUTOSHUFFLE: bit shuffle for 1-byte items, byte shuffle otherwise
                    s = shuffle == -1 ? (type.bytes() == 1 ? BloscShuffle.BIT : BloscShuffle.BYTE)
                            : BloscShuffle.ofCode(shuffle);
                } catch (IllegalArgumentException e) {
                    throw c.corrupt("blosc shuffle " + shuffle + " is not -1, 0, 1 or 2");
                }
                requireNative(c.file(), ZarrCompressor.BLOSC_LZ4);
                return new ChunkCodec.Blosc(cname, c.has("clevel") ? (int) c.integer("clevel") : 5, s, type.bytes());
            }
            case "zstd":
                requireNative(c.file(), ZarrCompressor.ZSTD);
                return new ChunkCodec.Zstd(c.has("level") ? (int) c.integer("level") : 1, false);
            case "gzip":
                return new ChunkCodec.Gzip(c.has("level") ? (int) c.integer("level") : 1);
            case "zlib":
                return new ChunkCodec.Zlib();
            default:
                throw new UnsupportedFormatException(c.file(), "compressor \"" + id + "\" is not supported "
                        + "(easimage reads blosc, zstd, gzip and zlib)");
        }
    }

    /** The compressor's native library must load here, else the array cannot be read: say which and why. */
    private static void requireNative(Path file, ZarrCompressor c) throws UnsupportedFormatException {
        var problem = ChunkCodec.unavailable(c);
        if (problem.isPresent()) {
            throw new UnsupportedFormatException(file, "the array is compressed with "
                    + (c.isBlosc() ? "blosc" : c.label()) + ", which cannot be decoded on this machine: "
                    + problem.get());
        }
    }

    static ArrayMeta readV3(JsonDoc doc) throws IOException {
        Path file = doc.file();
        if (doc.integer("zarr_format") != 3) {
            throw doc.corrupt("zarr_format is " + doc.get("zarr_format") + " in a zarr.json, expected 3");
        }
        if (!"array".equals(doc.get("node_type"))) {
            throw doc.corrupt("node_type is " + JsonDoc.describe(doc.get("node_type")) + ", expected \"array\"");
        }
        for (String key : doc.root().keySet()) {
            if (!List.of("zarr_format", "node_type", "shape", "data_type", "chunk_grid", "chunk_key_encoding",
                    "fill_value", "codecs", "attributes", "dimension_names", "storage_transformers").contains(key)
                    && !(doc.get(key) instanceof Map<?, ?> ext && Boolean.FALSE.equals(ext.get("must_understand")))) {
                throw new UnsupportedFormatException(file, "extension \"" + key + "\" is not supported");
            }
        }
        if (doc.has("storage_transformers") && !doc.list("storage_transformers").isEmpty()) {
            throw new UnsupportedFormatException(file, "storage transformers are not supported");
        }
        int[] shape = doc.ints("shape", 0);
        String dt = doc.string("data_type");
        DataType type = DataType.ofV3Name(dt);
        if (type == null) {
            throw new UnsupportedFormatException(file, "data type " + dt + " is not a frame sample type "
                    + "(easimage reads uint8, uint16 and float32)");
        }
        JsonDoc grid = doc.object("chunk_grid");
        if (!"regular".equals(grid.get("name"))) {
            throw new UnsupportedFormatException(file, "chunk grid " + JsonDoc.describe(grid.get("name"))
                    + " is not supported (only regular)");
        }
        int[] chunks = grid.object("configuration").ints("chunk_shape", 1);
        if (chunks.length != shape.length) {
            throw doc.corrupt("chunk_shape " + Arrays.toString(chunks) + " and shape " + Arrays.toString(shape)
                    + " differ in rank");
        }
        JsonDoc keys = doc.object("chunk_key_encoding");
        String encoding = keys.string("name");
        if (!encoding.equals("default") && !encoding.equals("v2")) {
            throw new UnsupportedFormatException(file, "chunk key encoding \"" + encoding + "\" is not supported");
        }
        boolean defaultKeys = encoding.equals("default");
        String sep = defaultKeys ? "/" : ".";
        if (keys.has("configuration")) {
            JsonDoc conf = keys.object("configuration");
            if (conf.has("separator")) {
                sep = conf.string("separator");
                if (!sep.equals(".") && !sep.equals("/")) {
                    throw doc.corrupt("chunk key separator must be \".\" or \"/\", not \"" + sep + "\"");
                }
            }
        }
        double fill = fillValue(doc, doc.get("fill_value"), type);
        Codecs parsed = v3Codecs(file, doc.list("codecs"), type, true);
        int[] inner = null;
        List<ChunkCodec> codecs = parsed.bytesCodecs;
        ByteOrder order = parsed.order;
        boolean checksum = false;
        if (parsed.sharding != null) {
            inner = parsed.sharding.innerChunks;
            if (inner.length != shape.length) {
                throw doc.corrupt("the sharding chunk_shape " + Arrays.toString(inner) + " differs in rank from the "
                        + "array");
            }
            for (int d = 0; d < inner.length; d++) {
                if (chunks[d] % inner[d] != 0) {
                    throw doc.corrupt("the shard shape " + Arrays.toString(chunks) + " is not a multiple of the "
                            + "inner chunk shape " + Arrays.toString(inner));
                }
            }
            codecs = parsed.sharding.inner.bytesCodecs;
            order = parsed.sharding.inner.order;
            checksum = parsed.sharding.indexChecksum;
        }
        Map<String, Object> attrs = doc.has("attributes") ? doc.object("attributes").root() : Map.of();
        List<String> names = null;
        if (doc.get("dimension_names") instanceof List<?> l && l.size() == shape.length) {
            names = new ArrayList<>();
            for (Object o : l) {
                names.add(o instanceof String s ? s : null);
            }
        }
        return new ArrayMeta(ZarrVersion.V3, shape, chunks, inner, type, order, fill, codecs, checksum, sep,
                defaultKeys, names, attrs);
    }

    private record Sharding(int[] innerChunks, Codecs inner, boolean indexChecksum) {
    }

    private record Codecs(ByteOrder order, List<ChunkCodec> bytesCodecs, Sharding sharding) {
    }

    private static Codecs v3Codecs(Path file, List<Object> list, DataType type, boolean outer) throws IOException {
        ByteOrder order = null;
        Sharding sharding = null;
        List<ChunkCodec> bytes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonDoc c = JsonDoc.of(file, list.get(i), "codecs[" + i + "]");
            String name = c.string("name");
            JsonDoc conf = c.has("configuration") ? c.object("configuration") : new JsonDoc(file, Map.of());
            boolean arrayToBytesSeen = order != null || sharding != null;
            switch (name) {
                case "bytes" -> {
                    if (arrayToBytesSeen) {
                        throw new CorruptInputException(file, "two array-to-bytes codecs in one chain");
                    }
                    Object endian = conf.get("endian");
                    order = "big".equals(endian) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                    if (endian == null && type.bytes() > 1) {
                        throw new CorruptInputException(file, "the bytes codec of a " + type.v3Name()
                                + " array must state its endian");
                    }
                }
                case "sharding_indexed" -> {
                    if (!outer) {
                        throw new UnsupportedFormatException(file, "nested sharding is not supported");
                    }
                    if (arrayToBytesSeen) {
                        throw new CorruptInputException(file, "two array-to-bytes codecs in one chain");
                    }
                    int[] inner = conf.ints("chunk_shape", 1);
                    Codecs innerCodecs = v3Codecs(file, conf.list("codecs"), type, false);
                    Codecs index = v3Codecs(file, conf.has("index_codecs") ? conf.list("index_codecs")
                            : List.of(Json.obj("name", "bytes", "configuration", Json.obj("endian", "little")),
                                    Json.obj("name", "crc32c")), DataType.UINT16, false);
                    boolean crc = index.bytesCodecs.size() == 1 && index.bytesCodecs.get(0) instanceof ChunkCodec.Crc32c;
                    if (index.order != ByteOrder.LITTLE_ENDIAN || !(crc || index.bytesCodecs.isEmpty())) {
                        throw new UnsupportedFormatException(file, "shard index codecs other than little-endian "
                                + "bytes with an optional crc32c are not supported");
                    }
                    Object loc = conf.has("index_location") ? conf.get("index_location") : "end";
                    if (!"end".equals(loc)) {
                        throw new UnsupportedFormatException(file, "a shard index at the " + loc + " is not supported"
                                + " (only at the end)");
                    }
                    sharding = new Sharding(inner, innerCodecs, crc);
                }
                case "blosc", "zstd", "gzip", "crc32c", "numcodecs.zlib", "zlib" -> {
                    if (!arrayToBytesSeen) {
                        throw new CorruptInputException(file, "codec " + name + " comes before the array-to-bytes "
                                + "codec");
                    }
                    if (sharding != null) {
                        throw new UnsupportedFormatException(file, "codecs after sharding_indexed are not supported");
                    }
                    bytes.add(v3BytesCodec(file, name, conf, type));
                }
                default -> throw new UnsupportedFormatException(file, "codec \"" + name + "\" is not supported "
                        + "(easimage reads bytes, blosc, zstd, gzip, zlib, crc32c and sharding_indexed)");
            }
        }
        if (order == null && sharding == null) {
            throw new CorruptInputException(file, "the codec chain has no array-to-bytes codec (bytes)");
        }
        return new Codecs(order, bytes, sharding);
    }

    private static ChunkCodec v3BytesCodec(Path file, String name, JsonDoc conf, DataType type) throws IOException {
        switch (name) {
            case "blosc": {
                String cname = conf.string("cname");
                if (!List.of("lz4", "lz4hc", "blosclz", "zstd", "zlib").contains(cname)) {
                    throw conf.corrupt("unknown blosc cname \"" + cname + "\"");
                }
                BloscShuffle s;
                try {
                    s = BloscShuffle.ofV3Name(conf.string("shuffle"));
                } catch (IllegalArgumentException e) {
                    throw conf.corrupt(e.getMessage());
                }
                requireNative(file, ZarrCompressor.BLOSC_LZ4);
                int typesize = conf.has("typesize") ? (int) conf.integer("typesize") : type.bytes();
                return new ChunkCodec.Blosc(cname, (int) conf.integer("clevel"), s, typesize);
            }
            case "zstd":
                requireNative(file, ZarrCompressor.ZSTD);
                return new ChunkCodec.Zstd(conf.has("level") ? (int) conf.integer("level") : 0,
                        Boolean.TRUE.equals(conf.get("checksum")));
            case "gzip":
                return new ChunkCodec.Gzip(conf.has("level") ? (int) conf.integer("level") : 1);
            case "crc32c":
                return new ChunkCodec.Crc32c();
            default:
                return new ChunkCodec.Zlib();
        }
    }

    /** The fill value as a number of {@code type}; null (v2: "no fill value") is read as 0. */
    private static double fillValue(JsonDoc doc, Object v, DataType type) throws CorruptInputException {
        if (v == null) {
            return 0;
        }
        if (type == DataType.FLOAT32) {
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            if (v instanceof String s) {
                switch (s) {
                    case "NaN":
                        return Double.NaN;
                    case "Infinity":
                        return Double.POSITIVE_INFINITY;
                    case "-Infinity":
                        return Double.NEGATIVE_INFINITY;
                    default:
                        if (s.matches("0x[0-9a-fA-F]{8}")) {
                            return Float.intBitsToFloat((int) Long.parseLong(s.substring(2), 16));
                        }
                }
            }
            throw doc.corrupt("fill_value " + JsonDoc.describe(v) + " is not a float32 value");
        }
        long max = type == DataType.UINT8 ? 255 : 65535;
        if (v instanceof Long l && l >= 0 && l <= max) {
            return l;
        }
        if (v instanceof Double d && d == Math.rint(d) && d >= 0 && d <= max) {
            return d; // zarr-python 2 writes 0.0 for some integer arrays
        }
        throw doc.corrupt("fill_value " + JsonDoc.describe(v) + " is not a " + type.v3Name() + " value");
    }
}
