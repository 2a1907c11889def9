package org.easimage.io;

import java.nio.file.Path;

/** Writing the output failed (disk full, file too large, permission, encoder error); nothing was published. */
public class OutputWriteException extends EasimageException {
    public OutputWriteException(Path path, String message, Throwable cause) {
        super(path, message, cause);
    }
}
