package org.easimage.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The front door: open, create and inspect sequences by path, through the default {@link FormatRegistry}.
 *
 * <pre>{@code
 * try (SequenceReader in = Formats.open(Path.of("run.seq"));
 *      SequenceWriter out = Formats.create(Path.of("run.mkv"))) {
 *     out.writeAll(in);
 *     out.finish();
 * }
 * }</pre>
 */
public final class Formats {

    private Formats() {
    }

    /** Opens a sequence, detecting its format from content, then extension. */
    public static SequenceReader open(Path path) throws IOException {
        return open(path, ReadOptions.defaults());
    }

    public static SequenceReader open(Path path, ReadOptions options) throws IOException {
        return FormatRegistry.getDefault().open(path, options);
    }

    /** Creates a writer chosen by the path's extension; fails if the destination exists. */
    public static SequenceWriter create(Path path) throws IOException {
        return create(path, WriteOptions.defaults());
    }

    public static SequenceWriter create(Path path, WriteOptions options) throws IOException {
        return FormatRegistry.getDefault().create(path, options);
    }

    /** The standard properties of a sequence, without decoding pixels. */
    public static SequenceInfo info(Path path) throws IOException {
        try (SequenceReader r = open(path)) {
            return r.info();
        }
    }
}
