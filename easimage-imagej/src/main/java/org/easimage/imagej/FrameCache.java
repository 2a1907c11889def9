package org.easimage.imagej;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The last few frames read from a source (or what a bridge makes of each: an ImgLib2 cell), least recently used
 * evicted first, so that a viewer moving over a few
 * neighbouring frames (ImageJ's slice slider, an ImgLib2 random access walking along time) reads each frame once,
 * while memory stays at {@code capacity} frames whatever the length of the sequence.
 *
 * <p>Safe from any number of threads: a frame being read is shared by every thread that asks for it meanwhile
 * (one read, not one per thread), and reads of different frames run in parallel (the lock is never held while
 * reading). A failed read is not cached, so asking again retries.
 */
final class FrameCache<V> {

    /** Reads frame {@code index} (and makes of it what is cached). */
    @FunctionalInterface
    interface Loader<V> {
        V load(int index) throws IOException;
    }


    private final Loader<V> loader;
    private final int capacity;
    private final Map<Integer, FutureTask<V>> frames;

    FrameCache(Loader<V> loader, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a frame cache holds at least 1 frame, not " + capacity);
        }
        this.loader = loader;
        this.capacity = capacity;
        this.frames = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, FutureTask<V>> eldest) {
                return size() > FrameCache.this.capacity;
            }
        };
    }

    /**
     * The default capacity for frames of {@code frameBytes}: what fits in 1/16 of the maximum heap, between 2 and
     * 32 frames (2 at least so that moving back and forth between two frames does not read each time).
     */
    static int defaultCapacity(long frameBytes) {
        long fit = Runtime.getRuntime().maxMemory() / 16 / Math.max(1, frameBytes);
        return (int) Math.max(2, Math.min(32, fit));
    }

    int capacity() {
        return capacity;
    }

    /**
     * What is cached for frame {@code index}, loaded now unless cached. It is shared with the cache and other
     * callers: do not modify it.
     */
    V get(int index) throws IOException {
        FutureTask<V> task;
        boolean mine = false;
        synchronized (frames) {
            task = frames.get(index);
            if (task == null) {
                task = new FutureTask<>(() -> loader.load(index));
                frames.put(index, task);
                mine = true;
            }
        }
        if (mine) {
            task.run();
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for frame " + index);
        } catch (ExecutionException e) {
            synchronized (frames) {
                frames.remove(index, task);
            }
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException("reading frame " + index + " failed", cause);
        }
    }

    /** {@link #get}, for callers whose interface cannot throw {@link IOException} (ImgLib2, ImageJ). */
    V getUnchecked(int index) {
        try {
            return get(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is cached for frame {@code index} when it is loaded already, else {@code null} (never loads). */
    V peek(int index) {
        FutureTask<V> task;
        synchronized (frames) {
            task = frames.get(index);
        }
        if (task == null || !task.isDone()) {
            return null;
        }
        try {
            return task.get();
        } catch (InterruptedException | ExecutionException e) {
            return null; // a failed load: the caller reads and reports it
        }
    }

    /** Forgets every frame. */
    void clear() {
        synchronized (frames) {
            frames.clear();
        }
    }
}
