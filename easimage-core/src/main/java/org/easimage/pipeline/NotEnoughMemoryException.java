package org.easimage.pipeline;

import java.nio.file.Path;
import org.easimage.io.EasimageException;

/**
 * A conversion was refused before any work because its frames cannot fit: not even one frame in flight fits the
 * frame budget of the JVM's heap, or the frames and the encoder's estimated native memory exceed the machine's.
 */
public class NotEnoughMemoryException extends EasimageException {

    private final long suggestedMaxHeap;

    /**
     * @param suggestedMaxHeap a maximum heap (bytes) with which the job fits, or 0 when a larger heap would not
     *                         help (the machine itself is too small)
     */
    public NotEnoughMemoryException(Path path, String message, long suggestedMaxHeap) {
        super(path, message);
        this.suggestedMaxHeap = suggestedMaxHeap;
    }

    /** A maximum heap in bytes with which the job fits, or 0 when raising the heap would not help. */
    public long suggestedMaxHeap() {
        return suggestedMaxHeap;
    }
}
