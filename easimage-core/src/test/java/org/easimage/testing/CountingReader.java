package org.easimage.testing;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.io.SequenceInfo;
import org.easimage.io.SequenceReader;

/**
 * A reader that records the index of every frame whose pixels are read through it, for tests of what a view,
 * a composition or a bridge reads. Times and timestamps are passed through uncounted (they read no pixel), a read
 * after close fails, and {@code read(index, reuse)} goes through {@link #read(int)}, so a test can override that one
 * method to break or change frames.
 */
public class CountingReader implements SequenceReader {

    /** The indexes read, in order (safe to read from the test's thread while others read). */
    public final List<Integer> reads = Collections.synchronizedList(new ArrayList<>());
    /** Whether {@link #close} was called. */
    public volatile boolean closed;
    private final SequenceReader source;

    public CountingReader(SequenceReader source) {
        this.source = source;
    }

    @Override
    public SequenceInfo info() {
        return source.info();
    }

    @Override
    public Frame read(int index) throws IOException {
        if (closed) {
            throw new IllegalStateException("read after close");
        }
        reads.add(index);
        return source.read(index);
    }

    @Override
    public Optional<Duration> time(int index) throws IOException {
        return source.time(index);
    }

    @Override
    public Optional<Instant> timestamp(int index) throws IOException {
        return source.timestamp(index);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        source.close();
    }
}
