package org.easimage.io;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The streams the path {@code -} stands for, as in every Unix tool: standard input as an input, standard output as
 * an output (pipes to and from ffmpeg and analysis scripts). Formats that write to a pipe take these streams as a
 * write option; without it they use the process's own.
 *
 * @param in  what {@code -} reads
 * @param out what {@code -} writes (binary)
 */
public record StandardStreams(InputStream in, OutputStream out) implements FormatOptions {

    /** The path that means a stream. */
    public static final Path PATH = Path.of("-");

    public StandardStreams {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
    }

    /** True when {@code path} is {@code -}. */
    public static boolean isPipe(Path path) {
        return path != null && path.toString().equals("-");
    }

    /**
     * The process's streams: standard output as its file descriptor, not {@code System.out}, a
     * {@code PrintStream} that hides write errors such as a closed pipe.
     */
    public static StandardStreams system() {
        return new StandardStreams(System.in, new FileOutputStream(FileDescriptor.out));
    }

    /** The streams in {@code options}, else the process's. */
    public static StandardStreams of(WriteOptions options) {
        return options.get(StandardStreams.class).orElseGet(StandardStreams::system);
    }
}
