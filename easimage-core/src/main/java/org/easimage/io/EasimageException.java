package org.easimage.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Base of every error easimage reports about files: a checked {@link IOException} whose message names the file
 * and what is wrong. Subclasses carry the structured details (byte offset, frame index, both specs...).
 */
public class EasimageException extends IOException {

    private final Path path;

    public EasimageException(Path path, String message) {
        this(path, message, null);
    }

    public EasimageException(Path path, String message, Throwable cause) {
        super(path == null ? message : path + ": " + message, cause);
        this.path = path;
    }

    /** The file concerned, or {@code null} when none applies. */
    public Path path() {
        return path;
    }
}
