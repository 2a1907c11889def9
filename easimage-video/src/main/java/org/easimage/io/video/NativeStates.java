package org.easimage.io.video;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The native state (swscale contexts, FFmpeg frames) of a transform that several threads of a transform stage run
 * at once: each call borrows one state, made on demand, and gives it back. Closing frees the idle states; one still
 * borrowed (a worker that was converting when its job failed or was cancelled) is freed when it comes back, never
 * under the thread using it.
 *
 * @param <S> the state of one caller
 */
final class NativeStates<S> implements AutoCloseable {

    private final Supplier<S> make;
    private final Consumer<S> free;
    private final String owner;
    private final ArrayDeque<S> idle = new ArrayDeque<>();
    private boolean closed;

    /**
     * @param owner what refuses to run after close, for the message
     */
    NativeStates(Supplier<S> make, Consumer<S> free, String owner) {
        this.make = make;
        this.free = free;
        this.owner = owner;
    }

    /** An idle state, or a new one. @throws IllegalStateException after close */
    synchronized S borrow() {
        if (closed) {
            throw new IllegalStateException(owner + " is closed");
        }
        S s = idle.poll();
        return s != null ? s : make.get();
    }

    /** Gives {@code s} back for the next caller, or frees it when this is closed. */
    synchronized void giveBack(S s) {
        if (closed) {
            free.accept(s);
        } else {
            idle.push(s);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (S s; (s = idle.poll()) != null;) {
            free.accept(s);
        }
    }
}
