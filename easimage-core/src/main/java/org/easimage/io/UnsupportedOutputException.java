package org.easimage.io;

import java.nio.file.Path;

/**
 * The output format cannot write what was asked: an option it does not take or a value outside its range, or
 * frames it cannot hold. Raised before anything is created (see {@link FormatRegistry#checkWrite}); the message
 * names the option and its valid values. On the command line this is a usage error.
 */
public class UnsupportedOutputException extends UnsupportedFormatException {
    public UnsupportedOutputException(Path path, String message) {
        super(path, message);
    }
}
