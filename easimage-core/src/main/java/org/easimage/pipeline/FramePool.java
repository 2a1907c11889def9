package org.easimage.pipeline;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;

/**
 * The frames a conversion recycles: direct (off-heap) buffers, so OpenCV and FFmpeg address them without copying,
 * allocated once per frame in flight and handed back when a stage is done with them (a fresh direct buffer costs
 * milliseconds; a recycled one nothing). One queue per frame layout; a queue keeps at most {@code perLayout} frames
 * (the frames in flight), so the pool never holds more than the memory plan counts.
 */
final class FramePool {

    private final int perLayout;
    private final Map<FrameSpec, Queue<Frame>> idle = new ConcurrentHashMap<>();
    private final Map<FrameSpec, AtomicInteger> sizes = new ConcurrentHashMap<>();
    private final Map<FrameSpec, AtomicInteger> allocated = new ConcurrentHashMap<>();

    FramePool(int perLayout) {
        this.perLayout = perLayout;
    }

    /**
     * A frame of {@code spec} (content undefined): a recycled one, else a new direct frame. Once more direct
     * frames of a layout were made than can be in flight (a stage that does not hand them back), new ones are
     * heap frames, which the collector reclaims cheaply.
     */
    Frame take(FrameSpec spec) {
        Frame f = poll(spec);
        if (f != null) {
            return f;
        }
        int made = allocated.computeIfAbsent(key(spec), s -> new AtomicInteger()).incrementAndGet();
        return made <= 2 * perLayout ? Frames.allocateDirect(spec, -1) : Frames.allocate(spec, -1);
    }

    /** A recycled frame of {@code spec}, or null when none is idle. */
    Frame poll(FrameSpec spec) {
        Queue<Frame> q = idle.get(key(spec));
        Frame f = q == null ? null : q.poll();
        if (f == null) {
            return null;
        }
        sizes.get(key(spec)).decrementAndGet();
        return f.spec().equals(spec) ? f : f.withSpec(spec);
    }

    /** Hands back a frame no stage uses any more (dropped when its layout already has enough idle frames). */
    void give(Frame f) {
        FrameSpec k = key(f.spec());
        AtomicInteger n = sizes.computeIfAbsent(k, s -> new AtomicInteger());
        if (n.incrementAndGet() > perLayout) {
            n.decrementAndGet();
            return;
        }
        idle.computeIfAbsent(k, s -> new ConcurrentLinkedQueue<>()).add(f);
    }

    /** Frames of the same layout share a queue whatever their significant bits. */
    private static FrameSpec key(FrameSpec s) {
        return new FrameSpec(s.width(), s.height(), s.pixelType(), s.pixelType().sampleType().bits(), s.yuv());
    }
}
