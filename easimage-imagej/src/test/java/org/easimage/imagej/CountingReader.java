package org.easimage.imagej;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.easimage.frame.Frame;
import org.easimage.io.SequenceInfo;
import org.easimage.io.SequenceReader;

/** A reader that counts the frames read through it (times and timestamps are not counted: they read no pixel). */
class CountingReader implements SequenceReader {

    private final SequenceReader in;
    final AtomicInteger reads = new AtomicInteger();
    volatile boolean closed;

    CountingReader(SequenceReader in) {
        this.in = in;
    }

    @Override
    public SequenceInfo info() {
        return in.info();
    }

    @Override
    public Frame read(int index) throws IOException {
        if (closed) {
            throw new IllegalStateException("read after close");
        }
        reads.incrementAndGet();
        return in.read(index);
    }

    @Override
    public Optional<Duration> time(int index) throws IOException {
        return in.time(index);
    }

    @Override
    public Optional<Instant> timestamp(int index) throws IOException {
        return in.timestamp(index);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        in.close();
    }
}
