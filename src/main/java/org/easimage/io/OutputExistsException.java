package org.easimage.io;

import java.nio.file.Path;

/** The destination exists and overwriting was not asked for ({@link Overwrite#NEVER}), or may never be replaced. */
public class OutputExistsException extends EasimageException {
    public OutputExistsException(Path path) {
        super(path, "output already exists (Overwrite.REPLACE replaces it once the new one is complete)");
    }

    /** The destination is taken, for the reason given (e.g. it is a folder, or not an output of this format). */
    public OutputExistsException(Path path, String reason) {
        super(path, reason);
    }
}
