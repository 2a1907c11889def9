package org.easimage.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.easimage.io.EasimageException;
import org.easimage.io.OutputExistsException;
import org.easimage.io.OutputWriteException;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.pipeline.ConversionCancelledException;
import org.easimage.pipeline.NotEnoughMemoryException;
import picocli.CommandLine;

/** The command line's exit codes, and which error maps to which. */
public enum ExitCode {
    OK(0),
    /** A bug or an unexpected failure. */
    FAILURE(1),
    /**
     * Bad arguments (picocli's own code), including an output format or option the output cannot take and
     * frames it cannot hold, all refused before any work.
     */
    USAGE(2),
    /** The input is missing, unreadable (a FIFO, device or socket too), unsupported or corrupt. */
    BAD_INPUT(3),
    /** The output exists and --overwrite was not given. */
    OUTPUT_EXISTS(4),
    /** Writing the output failed (disk full, permission, encoder error); nothing was published. */
    OUTPUT_FAILED(5),
    /**
     * Not enough memory: the frames cannot fit the JVM's heap or the machine (refused before any work), or the
     * JVM ran out of memory; nothing was published.
     */
    OUT_OF_MEMORY(6),
    /** Interrupted or cancelled; the partial output was removed. */
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * The {@link OutOfMemoryError} that {@code e} is or was caused by (e.g. in a class initialiser: an
     * {@link ExceptionInInitializerError}), or null.
     */
    static OutOfMemoryError outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError o) {
                return o;
            }
        }
        return null;
    }

    /** The exit code for an exception that ended a command. */
    public static ExitCode of(Throwable e) {
        if (e instanceof CommandLine.ParameterException || e instanceof IllegalArgumentException
                || e instanceof UnsupportedOutputException) {
            return USAGE;
        }
        if (e instanceof NotEnoughMemoryException || outOfMemory(e) != null) {
            return OUT_OF_MEMORY;
        }
        if (e instanceof OutputExistsException) {
            return OUTPUT_EXISTS;
        }
        if (e instanceof ConversionCancelledException) {
            return INTERRUPTED;
        }
        if (e instanceof OutputWriteException) {
            return OUTPUT_FAILED;
        }
        if (e instanceof EasimageException || e instanceof NoSuchFileException
                || e instanceof AccessDeniedException) {
            return BAD_INPUT;
        }
        return FAILURE;
    }
}
