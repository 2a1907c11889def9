package org.easimage.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.easimage.io.EasimageException;
import org.easimage.io.OutputExistsException;
import org.easimage.io.OutputWriteException;
import org.easimage.pipeline.ConversionCancelledException;
import picocli.CommandLine;

/** The command line's exit codes, and which error maps to which. */
public enum ExitCode {
    OK(0),
    /** A bug or an unexpected failure. */
    FAILURE(1),
    /** Bad arguments (picocli's own code). */
    USAGE(2),
    /** The input is missing, unreadable, unsupported or corrupt. */
    BAD_INPUT(3),
    /** The output exists and --overwrite was not given. */
    OUTPUT_EXISTS(4),
    /** Writing the output failed (disk full, permission, encoder error); nothing was published. */
    OUTPUT_FAILED(5),
    /** Interrupted or cancelled; the partial output was removed. */
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The exit code for an exception that ended a command. */
    public static ExitCode of(Throwable e) {
        if (e instanceof CommandLine.ParameterException || e instanceof IllegalArgumentException) {
            return USAGE;
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
