package org.easimage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.easimage.io.EasimageException;
import org.easimage.io.Formats;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceInfo;
import org.easimage.io.SequenceReader;
import org.easimage.io.TruncatedInputException;
import org.easimage.io.TruncationPolicy;

/**
 * The verdict of the parser fuzz tests and of the corrupt-sample tests: reading hostile bytes either succeeds or
 * fails with an {@link EasimageException}. Anything else escaping (a {@code RuntimeException}, an {@code Error}, an
 * {@code OutOfMemoryError}) is a finding, and so is a typed error that merely wraps a {@code RuntimeException} our
 * own code threw (a catch-all hiding a missing check; exceptions from inside the JDK's or TwelveMonkeys' image
 * decoders are not ours and may be wrapped). Hangs are caught by the fuzzer's per-input timeout and JUnit's default
 * timeout.
 *
 * <p>Like FFmpeg's decoder harness, the oracle bounds the work a legitimately large input may ask for, so only real
 * bugs count: no frame is decoded when a frame has more than {@link #MAX_PIXELS} pixels, and at most
 * {@link #MAX_FRAMES} frames (the first ones, plus the last) are read.
 */
public final class FuzzOracle {

    /** Frames larger than 4096 x 4096 pixels are not decoded by the harness. */
    public static final long MAX_PIXELS = 4096L * 4096;
    /** Frames read per input: the first ones, plus the last. */
    public static final int MAX_FRAMES = 32;

    private static final String[] DECODER_PACKAGES = {"javax.imageio.", "com.sun.imageio.", "com.twelvemonkeys.",
        "java.awt.", "sun.awt.", "java.util.zip."};

    private FuzzOracle() {
    }

    /**
     * A fresh folder for one fuzz target's files, removed when the JVM exits. Fuzz inputs are written to files
     * in it (the readers take paths), replaced on every run.
     */
    public static Path scratch(String name) {
        try {
            Path shm = Path.of("/dev/shm"); // in memory where available: the inputs are rewritten thousands of times
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "easimage-fuzz-" + name)
                    : Files.createTempDirectory("easimage-fuzz-" + name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> clear(dir, true)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the files in {@code dir} (and {@code dir} itself when asked). */
    public static void clear(Path dir, boolean andDir) {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            if (andDir) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code bytes} to {@code file} (replacing it): the fuzz input as the file a reader opens. */
    public static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens {@code file} as {@code format} (strict), reads its info, metadata, frames and timestamps; when it is
     * reported truncated, does the same again with {@link TruncationPolicy#SALVAGE}.
     */
    public static void read(Path file, String format) {
        try {
            readAll(file, format, TruncationPolicy.STRICT);
        } catch (TruncatedInputException e) {
            accept(e);
            try {
                readAll(file, format, TruncationPolicy.SALVAGE);
            } catch (EasimageException again) {
                accept(again);
            }
        } catch (EasimageException e) {
            accept(e);
        }
    }

    private static void readAll(Path file, String format, TruncationPolicy policy) throws EasimageException {
        ReadOptions options = ReadOptions.defaults().withFormat(format).withTruncation(policy).withWarnings(w -> { });
        try (SequenceReader r = Formats.open(file, options)) {
            SequenceInfo info = r.info();
            info.metadata().asMap().toString();
            int n = info.frameCount();
            if (n < 0) {
                throw new AssertionError("negative frame count " + n);
            }
            if ((long) info.spec().width() * info.spec().height() > MAX_PIXELS) {
                return;
            }
            for (int i : frames(n)) {
                if (r.read(i).index() != i) {
                    throw new AssertionError("frame " + i + " reports another index");
                }
            }
            if (n > 0) { // where times are not stored apart from the pixels this decodes again: first and last only
                r.timestamp(0);
                r.timestamp(n - 1);
            }
        } catch (EasimageException e) {
            throw e;
        } catch (IOException e) {
            throw new AssertionError("an untyped IOException escaped: " + e, e);
        }
    }

    private static List<Integer> frames(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, MAX_FRAMES); i++) {
            out.add(i);
        }
        if (n > MAX_FRAMES) {
            out.add(n - 1);
        }
        return out;
    }

    /**
     * Accepts a typed error unless it wraps a {@code RuntimeException} thrown by our own code; call it from a
     * fuzz target's {@code catch (EasimageException e)}.
     */
    public static void accept(EasimageException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof RuntimeException && !fromDecoder(c)) {
                throw new AssertionError("a typed error wraps a crash of our own code: " + e.getMessage(), e);
            }
        }
    }

    private static boolean fromDecoder(Throwable t) {
        for (StackTraceElement s : t.getStackTrace()) {
            for (String p : DECODER_PACKAGES) {
                if (s.getClassName().startsWith(p)) {
                    return true;
                }
            }
        }
        return false;
    }
}
