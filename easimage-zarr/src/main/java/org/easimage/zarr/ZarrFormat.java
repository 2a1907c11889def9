package org.easimage.zarr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.AtomicOutput;
import org.easimage.io.Format;
import org.easimage.io.FormatOptions;
import org.easimage.io.OutputExistsException;
import org.easimage.io.ProbeInput;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.io.WriteOptions;

/**
 * Zarr v2 and v3 stores ({@code .zarr} folders): frame stacks as chunked, compressed arrays that zarr-python,
 * tensorstore, zarrita, napari and Fiji open lazily.
 *
 * <p>Reading: recognised by content (a folder holding {@code .zarray}, {@code .zgroup} or {@code zarr.json});
 * a bare array of 2 to 5 dimensions (t, c, z = 1, y, x in any order its dimension names state) or an OME-Zarr image
 * group, whose first multiscale's level 0 is read; uint8, uint16 and float32 samples; blosc (any internal
 * compressor), zstd, gzip, zlib, crc32c, sharding. Writing: every pixel type, chosen by the {@code .zarr}
 * extension, with {@link ZarrWriteOptions} (default Zarr v2 OME-Zarr 0.4, blosc-lz4, one frame per chunk); see
 * {@link ZarrWriter} and, for several writers of one store, {@link ZarrStore}.
 */
public final class ZarrFormat implements Format {

    @Override
    public String name() {
        return "zarr";
    }

    @Override
    public String description() {
        return "Zarr v2/v3 array or OME-Zarr image (.zarr folder)";
    }

    @Override
    public List<String> extensions() {
        return List.of("zarr");
    }

    /** Above the folder-of-images format, which also looks at folders. */
    @Override
    public int priority() {
        return 10;
    }

    /** True when {@code dir} is a folder holding Zarr metadata at its top: a store easimage may replace. */
    public static boolean isStore(Path dir) {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                && (Files.isRegularFile(dir.resolve(ArrayMeta.ZARRAY), LinkOption.NOFOLLOW_LINKS)
                || Files.isRegularFile(dir.resolve(ArrayMeta.ZGROUP), LinkOption.NOFOLLOW_LINKS)
                || Files.isRegularFile(dir.resolve(ArrayMeta.ZARR_JSON), LinkOption.NOFOLLOW_LINKS));
    }

    @Override
    public Probe probe(ProbeInput input) {
        if (!input.directory()) {
            return Probe.no("not a folder");
        }
        return isStore(input.path()) ? Probe.content() : Probe.no("the folder holds no .zarray, .zgroup or zarr.json");
    }

    @Override
    public Set<PixelType> writablePixelTypes() {
        // every packed type; planar Y'CbCr frames (a video path's) have no single array shape
        Set<PixelType> types = EnumSet.allOf(PixelType.class);
        types.removeIf(PixelType::isPlanar);
        return types;
    }

    @Override
    public Set<Class<? extends FormatOptions>> writeOptionTypes() {
        return Set.of(ZarrWriteOptions.class);
    }

    private static ZarrWriteOptions zarrOptions(WriteOptions options) {
        return options.get(ZarrWriteOptions.class).orElse(ZarrWriteOptions.DEFAULTS);
    }

    /** Refuses inconsistent options, and a compressor whose native library does not load here, naming it. */
    @Override
    public void checkOptions(Path path, WriteOptions options) throws UnsupportedOutputException {
        ZarrWriteOptions z = zarrOptions(options);
        String problem = z.problem();
        if (problem != null) {
            throw new UnsupportedOutputException(path, "Zarr options: " + problem);
        }
        var unavailable = ChunkCodec.unavailable(z.compressor());
        if (unavailable.isPresent()) {
            throw new UnsupportedOutputException(path, "the " + z.compressor() + " compressor cannot be used on this "
                    + "machine: " + unavailable.get() + "; choose gzip or none");
        }
    }

    @Override
    public void checkFrames(Path path, FrameSpec spec, WriteOptions options) throws UnsupportedOutputException {
        ZarrWriteOptions z = zarrOptions(options);
        if ((long) spec.frameBytes() * z.framesPerChunk() > Integer.MAX_VALUE - 64) {
            throw new UnsupportedOutputException(path, "a chunk of " + z.framesPerChunk() + " frames of " + spec
                    + " would exceed 2 GiB; write fewer frames per chunk");
        }
    }

    @Override
    public SequenceReader open(Path path, ReadOptions options) throws IOException {
        if (!Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "no such Zarr store");
        }
        if (!Files.isDirectory(path)) {
            // the rows of SequenceReader's error table first (an empty file, a FIFO), then: a store is a folder
            org.easimage.io.AbstractSequenceReader.requireFile(path, "a Zarr store");
            throw new org.easimage.io.UnsupportedFormatException(path, "is a file, not a Zarr store (a folder)");
        }
        return ZarrReader.open(path, options);
    }

    /** A folder is refused unless it is a Zarr store and overwriting was asked; a file is never replaced. */
    @Override
    public void checkDestination(Path path, WriteOptions options) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (options.overwrite() == org.easimage.io.Overwrite.NEVER) {
                throw new OutputExistsException(path);
            }
            if (!isStore(path)) {
                throw new OutputExistsException(path, "exists and is not a Zarr store, so it is never replaced; "
                        + "choose another name or remove it yourself");
            }
        }
        AtomicOutput.checkDestination(path, options.overwrite());
    }

    @Override
    public SequenceWriter create(Path path, WriteOptions options) throws IOException {
        checkOptions(path, options);
        return new ZarrWriter(path, options, zarrOptions(options));
    }
}
