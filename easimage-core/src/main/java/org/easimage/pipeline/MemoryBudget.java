package org.easimage.pipeline;

/**
 * A number of bytes shared by concurrent conversions: each takes its estimate before it starts streaming and
 * gives it back at the end. A job larger than the whole budget waits until it can run alone.
 */
public final class MemoryBudget {

    /**
     * The share of the JVM's maximum heap that frames in flight may take. The rest is headroom for what the
     * readers, writers and transforms allocate themselves, and for the collector: with the serial collector the
     * old generation is two thirds of the heap, and a frame larger than the young generation is allocated there.
     */
    public static final double HEAP_SHARE = 0.5;

    private final long total;
    private long available;

    public MemoryBudget(long totalBytes) {
        if (totalBytes <= 0) {
            throw new IllegalArgumentException("memory budget must be positive");
        }
        this.total = totalBytes;
        this.available = totalBytes;
    }

    /** The bytes frames in flight may take in this JVM: {@link #HEAP_SHARE} of its maximum heap. */
    public static long frameHeap() {
        return (long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE);
    }

    /** Blocks until {@code bytes} (capped at the total) are available; returns what was taken. */
    public synchronized long acquire(long bytes) throws InterruptedException {
        long want = Math.min(Math.max(bytes, 1), total);
        while (available < want) {
            wait();
        }
        available -= want;
        return want;
    }

    public synchronized void release(long taken) {
        available = Math.min(total, available + taken);
        notifyAll();
    }

    public long total() {
        return total;
    }
}
