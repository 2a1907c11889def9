package org.easimage.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.PixelType;

/**
 * A file format: the service a format package registers (in
 * {@code META-INF/services/org.easimage.io.Format}) so the {@link FormatRegistry} can find it.
 *
 * <p>Detection asks two separate questions, fed by one definition of the format's magic bytes: does the content
 * say it is mine ({@link #probe}), and does the name say so ({@link #extensions()}). Content wins over names, so a
 * file with the wrong extension still opens with the right format.
 */
public interface Format {

    /** Short unique name, e.g. {@code norpix-seq}, used to force a format. */
    String name();

    /** One line for humans, e.g. {@code Norpix StreamPix sequence (.seq)}. */
    String description();

    /** Lower-case extensions without the dot that this format reads or writes. */
    List<String> extensions();

    /** Higher wins when two formats claim the same input with the same confidence. */
    default int priority() {
        return 0;
    }

    /** How sure this format is that it can read {@code input}; must not throw. */
    Probe probe(ProbeInput input);

    /** How sure this format is that it should write {@code path}; by default, by extension. */
    default Probe probeOutput(Path path) {
        if (!canWrite()) {
            return Probe.no("cannot write");
        }
        String ext = ProbeInput.extensionOf(path);
        return writeExtensions().contains(ext) ? Probe.extension() : Probe.no("extension ." + ext + " is not mine");
    }

    /**
     * The extensions among {@link #extensions()} that name an output of this format (the ones an error lists as
     * writable); all of them by default, none for a format that cannot write.
     */
    default List<String> writeExtensions() {
        return canWrite() ? extensions() : List.of();
    }

    /** Whether {@link #open} reads this format; every format so far does. */
    default boolean canRead() {
        return true;
    }

    /** Whether {@link #create} writes this format: it does when it stores at least one pixel type. */
    default boolean canWrite() {
        return !writablePixelTypes().isEmpty();
    }

    /** Pixel types the writer stores without conversion; none for a read-only format. */
    default Set<PixelType> writablePixelTypes() {
        return Set.of();
    }

    /** The {@link FormatOptions} classes this format's writer reads from {@link WriteOptions#extras()}. */
    default Set<Class<? extends FormatOptions>> writeOptionTypes() {
        return Set.of();
    }

    /**
     * Refuses, before any work, options this format cannot honour: values outside the range its codec takes, a
     * preset or pixel format the codec does not know. Options of other formats and the frame rate's range are
     * checked by {@link FormatRegistry#checkWrite} before this is called. The message names the valid values.
     */
    default void checkOptions(Path path, WriteOptions options) throws UnsupportedOutputException {
    }

    /**
     * Refuses, before the output is created, frames of {@code spec} that this format cannot hold with these
     * options; by default those whose pixel type is not in {@link #writablePixelTypes()}.
     */
    default void checkFrames(Path path, FrameSpec spec, WriteOptions options) throws UnsupportedOutputException {
        if (!writablePixelTypes().contains(spec.pixelType())) {
            throw new UnsupportedOutputException(path, "the " + name() + " format cannot store " + spec.pixelType()
                    + " frames (it writes " + writablePixelTypes() + "); convert them first, e.g. with to_8bit or gray");
        }
    }

    /**
     * About how many bytes of native (off-heap) memory a writer of {@code spec} frames to {@code path} holds
     * besides the frames it is given (encoder state, reference frames, packet buffers); 0 when negligible or
     * unknown. Used to refuse, before any work, a job that cannot fit in the machine's memory.
     */
    default long writerNativeBytes(Path path, FrameSpec spec, WriteOptions options) {
        return 0;
    }

    /**
     * The step that brings frames of {@code spec} into the layout the writer of {@code path} stores, when that is
     * real work (a colour conversion) which the writer would otherwise do on the one writing thread; empty (the
     * default) when the writer takes such frames as they are. A conversion runs the step on its transform threads,
     * in parallel, and gives the writer its frames, from which the writer must make the same output, byte for byte,
     * as from the original ones. A step that is also {@link AutoCloseable} is closed when the conversion ends.
     */
    default Optional<FrameTransform> intake(Path path, FrameSpec spec, WriteOptions options) {
        return Optional.empty();
    }

    /**
     * Opens {@code path} for reading, with the errors {@link SequenceReader} lists (a format reading one file
     * starts with {@link AbstractSequenceReader#requireFile}). Another {@link IOException} that is not an
     * {@link EasimageException} is wrapped into one naming the file by {@link FormatRegistry#open}.
     */
    SequenceReader open(Path path, ReadOptions options) throws IOException;

    /**
     * Fails with {@link OutputExistsException} when writing {@code path} with {@code options} would have to replace
     * something it may not. Cheap (no output is created), so a job can call it before it opens its input; the
     * writer checks again when it is created. A pipe ({@code -}) to a format that writes pipes is written as it
     * goes: nothing on disk to check.
     */
    default void checkDestination(Path path, WriteOptions options) throws IOException {
        if (StandardStreams.isPipe(path) && writeOptionTypes().contains(StandardStreams.class)) {
            return;
        }
        if (java.nio.file.Files.isDirectory(path)) {
            throw new OutputExistsException(path, "is a folder; easimage never replaces a folder with a file");
        }
        AtomicOutput.checkDestination(path, options.overwrite());
    }

    /** Creates a writer for {@code path}; fails now (before any frame) if the destination exists. */
    SequenceWriter create(Path path, WriteOptions options) throws IOException;

    /** Answer of {@link #probe}: the confidence and, for {@code NO}, why not. */
    record Probe(Confidence confidence, String reason) {
        public static Probe no(String reason) {
            return new Probe(Confidence.NO, reason);
        }

        public static Probe extension() {
            return new Probe(Confidence.EXTENSION, "extension matches");
        }

        public static Probe content() {
            return new Probe(Confidence.CONTENT, "content matches");
        }
    }

    /** How a format recognised an input. */
    enum Confidence {
        /** Not this format. */
        NO,
        /** The name fits and the content does not contradict it (the format cannot tell from bytes alone). */
        EXTENSION,
        /** The content (magic bytes, structure, directory layout) identifies the format. */
        CONTENT
    }
}
