package org.easimage.io;

import java.nio.file.Path;
import org.easimage.frame.FrameSpec;

/** A writer was given a frame whose size or pixel type differs from the first frame's; nothing is resized. */
public class FrameMismatchException extends EasimageException {

    private final int frameIndex;
    private final FrameSpec expected;
    private final FrameSpec actual;

    public FrameMismatchException(Path path, int frameIndex, FrameSpec expected, FrameSpec actual) {
        super(path, "frame " + frameIndex + " is " + actual + " but this output holds " + expected
                + " frames (set by the first frame)");
        this.frameIndex = frameIndex;
        this.expected = expected;
        this.actual = actual;
    }

    public int frameIndex() {
        return frameIndex;
    }

    public FrameSpec expected() {
        return expected;
    }

    public FrameSpec actual() {
        return actual;
    }
}
