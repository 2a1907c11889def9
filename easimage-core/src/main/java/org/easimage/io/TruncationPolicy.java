package org.easimage.io;

/** How a reader treats an input that ends before its header says it should. */
public enum TruncationPolicy {
    /**
     * The default: the frame count is the header's, and reading a frame that is not fully present raises
     * {@link TruncatedInputException}; opening a file whose header is itself cut raises too.
     */
    STRICT,
    /** Expose exactly the frames that are complete, and report the loss as a warning. */
    SALVAGE
}
