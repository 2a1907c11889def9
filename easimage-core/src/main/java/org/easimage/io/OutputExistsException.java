package org.easimage.io;

import java.nio.file.Path;

/** The destination exists and overwriting was not asked for ({@link Overwrite#NEVER}), or may never be replaced. */
public class OutputExistsException extends EasimageException {

    private final boolean replaceable;

    public OutputExistsException(Path path) {
        this(path, true, "output already exists (Overwrite.REPLACE replaces it once the new one is complete)");
    }

    /** The destination is taken, for the reason given (e.g. it is a folder, or not an output of this format). */
    public OutputExistsException(Path path, String reason) {
        this(path, false, reason);
    }

    private OutputExistsException(Path path, boolean replaceable, String message) {
        super(path, message);
        this.replaceable = replaceable;
    }

    /**
     * True when asking to overwrite would replace the destination; false when it is never replaced (a folder, an
     * input of the job, a folder that is not an output of the format).
     */
    public boolean replaceable() {
        return replaceable;
    }
}
