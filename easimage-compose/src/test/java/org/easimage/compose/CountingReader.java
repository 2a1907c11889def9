package org.easimage.compose;

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

/** A reader that records the index of every frame read (pixels), for tests of what composition reads. */
final class CountingReader implements SequenceReader {

    final List<Integer> reads = Collections.synchronizedList(new ArrayList<>());
    private final SequenceReader source;

    CountingReader(SequenceReader source) {
        this.source = source;
    }

    @Override
    public SequenceInfo info() {
        return source.info();
    }

    @Override
    public Frame read(int index) throws IOException {
        reads.add(index);
        return source.read(index);
    }

    @Override
    public Frame read(int index, Frame reuse) throws IOException {
        reads.add(index);
        return source.read(index, reuse);
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
        source.close();
    }
}
