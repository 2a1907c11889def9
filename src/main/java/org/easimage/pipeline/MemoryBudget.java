package org.easimage.pipeline;

/**
 * A number of bytes shared by concurrent conversions: each takes its estimate before it starts streaming and
 * gives it back at the end. A job larger than the whole budget waits until it can run alone.
 */
public final class MemoryBudget {

    private final long total;
    private long available;

    public MemoryBudget(long totalBytes) {
        if (totalBytes <= 0) {
            throw new IllegalArgumentException("memory budget must be positive");
        }
        this.total = totalBytes;
        this.available = totalBytes;
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
