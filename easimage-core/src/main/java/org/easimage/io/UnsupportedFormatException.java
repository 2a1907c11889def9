package org.easimage.io;

import java.nio.file.Path;

/** No registered format can open (or create) the path; the message lists the formats and what each objected. */
public class UnsupportedFormatException extends EasimageException {
    public UnsupportedFormatException(Path path, String message) {
        super(path, message);
    }
}
