package org.easimage.io;

import java.nio.file.Path;

/** The destination exists and overwriting was not asked for ({@link Overwrite#NEVER}). */
public class OutputExistsException extends EasimageException {
    public OutputExistsException(Path path) {
        super(path, "output already exists (Overwrite.REPLACE replaces it once the new one is complete)");
    }
}
