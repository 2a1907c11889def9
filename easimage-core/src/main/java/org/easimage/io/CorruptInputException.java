package org.easimage.io;

import java.nio.file.Path;

/** The input does not follow its format: a bad magic number, an impossible header field, an undecodable frame. */
public class CorruptInputException extends EasimageException {

    private final long offset;

    /** @param offset byte offset where the problem was found, or -1 when unknown */
    public CorruptInputException(Path path, long offset, String message) {
        this(path, offset, message, null);
    }

    public CorruptInputException(Path path, long offset, String message, Throwable cause) {
        super(path, offset >= 0 ? message + " (at byte " + offset + ")" : message, cause);
        this.offset = offset;
    }

    public CorruptInputException(Path path, String message) {
        this(path, -1, message, null);
    }

    /** Byte offset of the problem, or -1 when unknown. */
    public long offset() {
        return offset;
    }
}
