package org.easimage.pipeline;

/**
 * Receives the progress of a {@link Conversion}. Called from the writing thread after each frame, so
 * implementations must be cheap (rate-limit any printing themselves).
 */
public interface ProgressListener {

    /** Called once before the first frame, with the number of frames the conversion will write. */
    default void started(int totalFrames) {
    }

    /**
     * Called after each written frame.
     *
     * @param done            frames written so far
     * @param total           frames to write in all
     * @param framesPerSecond average rate since the start
     */
    void progress(int done, int total, double framesPerSecond);

    /** A listener that ignores everything. */
    ProgressListener NONE = (done, total, fps) -> {
    };
}
