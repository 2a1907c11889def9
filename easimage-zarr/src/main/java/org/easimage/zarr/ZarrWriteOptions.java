package org.easimage.zarr;

import java.util.Locale;
import java.util.Objects;
import org.easimage.io.FormatOptions;

/**
 * Options of the Zarr writer, passed with {@code WriteOptions.with(...)} or, on the command line, as
 * {@code --zarr v3,zstd,level=3,shard=64} (see {@link #parse}).
 *
 * @param version        Zarr v2 (default: the widest tool support, OME-Zarr 0.4) or v3 (OME-Zarr 0.5, sharding)
 * @param compressor     how chunks are compressed (default blosc-lz4)
 * @param level          compression level; null for the compressor's default
 * @param shuffle        Blosc's shuffle filter; null for byte shuffle (Blosc compressors only)
 * @param framesPerChunk frames in one chunk (default 1: a frame read decodes exactly one chunk); each chunk holds
 *                       whole frames
 * @param framesPerShard v3 only: frames in one shard file (a multiple of {@code framesPerChunk}), 0 for no
 *                       sharding (one file per chunk)
 * @param ome            write an OME-Zarr (NGFF) multiscale group with the frames as its level 0 (default), or a
 *                       bare array
 * @param pyramidLevels  OME only: extra levels, each half the size of the one before (mean of 2x2 pixels)
 */
public record ZarrWriteOptions(ZarrVersion version, ZarrCompressor compressor, Integer level, BloscShuffle shuffle,
        int framesPerChunk, int framesPerShard, boolean ome, int pyramidLevels) implements FormatOptions {

    /** Zarr v2, blosc-lz4 level 5 with byte shuffle, one frame per chunk, OME-Zarr 0.4, no pyramid. */
    public static final ZarrWriteOptions DEFAULTS = new ZarrWriteOptions(ZarrVersion.V2, ZarrCompressor.BLOSC_LZ4,
            null, null, 1, 0, true, 0);

    /** More pyramid levels than this would shrink any frame to one pixel. */
    public static final int MAX_PYRAMID_LEVELS = 31;

    public ZarrWriteOptions {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(compressor, "compressor");
    }

    /** The compression level used: the option's, else the compressor's default. */
    public int effectiveLevel() {
        return level != null ? level : compressor.defaultLevel();
    }

    /** The Blosc shuffle used: the option's, else byte shuffle. */
    public BloscShuffle effectiveShuffle() {
        return shuffle != null ? shuffle : BloscShuffle.BYTE;
    }

    /** Frames in one stored file: a shard, or a chunk when not sharded. */
    public int framesPerFile() {
        return framesPerShard > 0 ? framesPerShard : framesPerChunk;
    }

    /**
     * The problem with these options, or null when they are consistent: a level outside the compressor's range,
     * a shuffle without Blosc, sharding in v2, a shard that is not whole chunks, a pyramid without OME.
     */
    public String problem() {
        int l = effectiveLevel();
        if (compressor != ZarrCompressor.NONE && (l < compressor.minLevel() || l > compressor.maxLevel())) {
            return "level " + l + " is outside " + compressor.minLevel() + ".." + compressor.maxLevel() + " for "
                    + compressor;
        }
        if (compressor == ZarrCompressor.NONE && level != null) {
            return "no compressor, so no level";
        }
        if (shuffle != null && !compressor.isBlosc()) {
            return "shuffle applies to blosc-lz4 and blosc-zstd only, not " + compressor;
        }
        if (framesPerChunk < 1) {
            return "frames per chunk must be 1 or more, got " + framesPerChunk;
        }
        if (framesPerShard < 0) {
            return "frames per shard must be 0 (no sharding) or more, got " + framesPerShard;
        }
        if (framesPerShard > 0 && version != ZarrVersion.V3) {
            return "sharding needs Zarr v3 (add v3)";
        }
        if (framesPerShard > 0 && framesPerShard % framesPerChunk != 0) {
            return "frames per shard (" + framesPerShard + ") must be a multiple of frames per chunk ("
                    + framesPerChunk + ")";
        }
        if (pyramidLevels < 0 || pyramidLevels > MAX_PYRAMID_LEVELS) {
            return "pyramid levels must be 0.." + MAX_PYRAMID_LEVELS + ", got " + pyramidLevels;
        }
        if (pyramidLevels > 0 && !ome) {
            return "a pyramid is an OME-Zarr multiscale image: drop 'plain' or the pyramid";
        }
        return null;
    }

    public ZarrWriteOptions withVersion(ZarrVersion v) {
        return new ZarrWriteOptions(v, compressor, level, shuffle, framesPerChunk, framesPerShard, ome,
                pyramidLevels);
    }

    /** Another compressor, at its default level and shuffle. */
    public ZarrWriteOptions withCompressor(ZarrCompressor c) {
        return new ZarrWriteOptions(version, c, null, null, framesPerChunk, framesPerShard, ome, pyramidLevels);
    }

    public ZarrWriteOptions withLevel(Integer l) {
        return new ZarrWriteOptions(version, compressor, l, shuffle, framesPerChunk, framesPerShard, ome,
                pyramidLevels);
    }

    public ZarrWriteOptions withShuffle(BloscShuffle s) {
        return new ZarrWriteOptions(version, compressor, level, s, framesPerChunk, framesPerShard, ome,
                pyramidLevels);
    }

    public ZarrWriteOptions withFramesPerChunk(int n) {
        return new ZarrWriteOptions(version, compressor, level, shuffle, n, framesPerShard, ome, pyramidLevels);
    }

    public ZarrWriteOptions withFramesPerShard(int n) {
        return new ZarrWriteOptions(version, compressor, level, shuffle, framesPerChunk, n, ome, pyramidLevels);
    }

    public ZarrWriteOptions withOme(boolean o) {
        return new ZarrWriteOptions(version, compressor, level, shuffle, framesPerChunk, framesPerShard, o,
                pyramidLevels);
    }

    public ZarrWriteOptions withPyramidLevels(int n) {
        return new ZarrWriteOptions(version, compressor, level, shuffle, framesPerChunk, framesPerShard, ome, n);
    }

    /**
     * Options from a comma-separated list, each item changing the defaults: {@code v2} or {@code v3}; a compressor
     * ({@code none}, {@code gzip}, {@code zstd}, {@code blosc-lz4}, {@code blosc-zstd}); {@code level=N};
     * {@code shuffle=none|byte|bit}; {@code chunk=N} (frames per chunk); {@code shard=N} (frames per shard, v3);
     * {@code plain} (a bare array, no OME-Zarr group) or {@code ome}; {@code pyramid=N}. Example:
     * {@code v3,blosc-zstd,level=3,shuffle=bit,shard=100}.
     *
     * @throws IllegalArgumentException naming the item that does not parse and the valid ones
     */
    public static ZarrWriteOptions parse(String spec) {
        ZarrWriteOptions o = DEFAULTS;
        Integer level = null;
        BloscShuffle shuffle = null;
        for (String raw : spec.split(",")) {
            String item = raw.trim().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            String key = eq < 0 ? item : item.substring(0, eq).trim();
            String value = eq < 0 ? null : item.substring(eq + 1).trim();
            try {
                switch (key) {
                    case "v2" -> o = o.withVersion(ZarrVersion.V2);
                    case "v3" -> o = o.withVersion(ZarrVersion.V3);
                    case "plain" -> o = o.withOme(false);
                    case "ome" -> o = o.withOme(true);
                    case "none", "gzip", "zstd", "blosc-lz4", "blosc-zstd" ->
                            o = o.withCompressor(ZarrCompressor.byLabel(key));
                    case "level" -> level = Integer.parseInt(need(value, key));
                    case "shuffle" -> shuffle = BloscShuffle.valueOf(need(value, key).toUpperCase(Locale.ROOT));
                    case "chunk" -> o = o.withFramesPerChunk(Integer.parseInt(need(value, key)));
                    case "shard" -> o = o.withFramesPerShard(Integer.parseInt(need(value, key)));
                    case "pyramid" -> o = o.withPyramidLevels(Integer.parseInt(need(value, key)));
                    default -> throw new IllegalArgumentException("unknown item");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Zarr option '" + raw.trim() + "' does not parse ("
                        + e.getMessage() + "); use v2|v3, none|gzip|zstd|blosc-lz4|blosc-zstd, level=N, "
                        + "shuffle=none|byte|bit, chunk=N, shard=N, plain|ome, pyramid=N");
            }
        }
        return o.withLevel(level).withShuffle(shuffle);
    }

    private static String need(String value, String key) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(key + " needs a value");
        }
        return value;
    }
}
