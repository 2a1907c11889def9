package org.easimage.io;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;

/**
 * The lazy reader views behind {@link SequenceReader#slice} and {@link SequenceReader#map}. Like indexes, times and
 * timestamps are the source's: a slice's first frame keeps its time in the recording (writers measure from the
 * first frame they are given). Both forward {@code read(i, reuse)}, so a loop over a view recycles frames as it
 * would over the source; the source's checks (closed, damaged data) apply through them.
 */
final class Views {

    private Views() {
    }

    static final class Sliced implements SequenceReader {
        private final SequenceReader source;
        private final int start;
        private final int step;
        private final SequenceInfo info;

        Sliced(SequenceReader source, int start, int stop, int step) {
            this.source = Objects.requireNonNull(source);
            int n = source.frameCount();
            if (step <= 0) {
                throw new IllegalArgumentException("step must be positive, got " + step);
            }
            if (start < 0 || start >= n || stop <= start || stop > n) {
                throw new IllegalArgumentException(
                        "range " + start + ":" + stop + " is empty or outside the " + n + " frames of the sequence");
            }
            this.start = start;
            this.step = step;
            int count = (stop - start + step - 1) / step;
            SequenceInfo si = source.info().withFrameCount(count);
            if (step > 1 && si.frameRate().isPresent()) {
                Rational r = si.frameRate().get();
                si = si.withFrameRate(Optional.of(Rational.of(r.numerator(), r.denominator() * step)));
            }
            this.info = si;
        }

        @Override
        public SequenceInfo info() {
            return info;
        }

        @Override
        public Frame read(int index) throws IOException {
            return source.read(toSource(index));
        }

        @Override
        public Frame read(int index, Frame reuse) throws IOException {
            return source.read(toSource(index), reuse);
        }

        @Override
        public Optional<Duration> time(int index) throws IOException {
            return source.time(toSource(index));
        }

        @Override
        public Optional<Instant> timestamp(int index) throws IOException {
            return source.timestamp(toSource(index));
        }

        private int toSource(int index) {
            AbstractSequenceReader.checkIndex(index, info.frameCount(), null);
            return start + index * step;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    static final class Mapped implements SequenceReader {
        private final SequenceReader source;
        private final FrameTransform transform;
        private final SequenceInfo info;
        /** {@code transform} bound to {@code source}, on the first read (binding may read frames). */
        private volatile FrameTransform bound;

        Mapped(SequenceReader source, FrameTransform transform) {
            this.source = Objects.requireNonNull(source);
            this.transform = Objects.requireNonNull(transform);
            this.info = source.info().withSpec(transform.outputSpec(source.spec()));
        }

        @Override
        public SequenceInfo info() {
            return info;
        }

        @Override
        public Frame read(int index) throws IOException {
            return bound().apply(source.read(index));
        }

        /**
         * {@code reuse} (a frame of this view the caller gives up) takes the source frame when it has the source's
         * layout, as for a transform that keeps the spec: the transform then allocates only its output.
         */
        @Override
        public Frame read(int index, Frame reuse) throws IOException {
            return bound().apply(source.read(index, reuse));
        }

        private FrameTransform bound() throws IOException {
            FrameTransform b = bound;
            if (b == null) {
                synchronized (this) {
                    b = bound;
                    if (b == null) {
                        b = transform.bind(source);
                        bound = b;
                    }
                }
            }
            return b;
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
}
