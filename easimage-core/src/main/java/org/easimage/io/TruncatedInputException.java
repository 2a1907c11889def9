package org.easimage.io;

import java.nio.file.Path;

/**
 * The input ends before the data its header promises. {@link #completeFrames()} tells how many frames are fully
 * present, so a caller can reopen with {@link TruncationPolicy#SALVAGE} to read those.
 */
public class TruncatedInputException extends CorruptInputException {

    private final int completeFrames;

    public TruncatedInputException(Path path, long offset, int completeFrames, String message) {
        super(path, offset, message + "; " + completeFrames + " complete frame(s) present");
        this.completeFrames = completeFrames;
    }

    public int completeFrames() {
        return completeFrames;
    }
}
