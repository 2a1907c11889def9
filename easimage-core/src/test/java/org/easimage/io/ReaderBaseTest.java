package org.easimage.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.junit.jupiter.api.Test;

/**
 * {@link AbstractSequenceReader}'s one behaviour, on a reader whose decoder can be told to fail, and the views
 * forwarding {@code read(i, reuse)}.
 */
class ReaderBaseTest {

    private static final FrameSpec SPEC = FrameSpec.of(3, 2, PixelType.GRAY8);

    /** Four frames; records the reuse frame of every read; its decoder throws {@link #failure} when set. */
    private static final class Fake extends AbstractSequenceReader {
        final List<Frame> reuses = new ArrayList<>();
        Exception failure;
        int releases;

        Fake() {
            super(Path.of("fake.seq"));
        }

        @Override
        public SequenceInfo info() {
            return new SequenceInfo("fake", 4, SPEC, Optional.empty(), FormatMetadata.NONE);
        }

        @Override
        protected Frame readFrame(int index, Frame reuse) throws IOException {
            reuses.add(reuse);
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            return reuse != null ? reuse.withIndex(index) : Frames.allocate(SPEC, index);
        }

        @Override
        protected Optional<Duration> frameTime(int index) {
            return Optional.empty();
        }

        @Override
        protected Optional<Instant> frameTimestamp(int index) {
            return Optional.empty();
        }

        @Override
        protected void release() {
            releases++;
        }
    }

    @Test
    void decoderFailuresBecomeTypedErrorsNamingTheFileAndFrame() {
        Fake r = new Fake();
        r.failure = new ArrayIndexOutOfBoundsException("damaged block");
        CorruptInputException c = assertThrows(CorruptInputException.class, () -> r.read(2));
        assertTrue(c.getMessage().contains("fake.seq") && c.getMessage().contains("frame 2"), c.getMessage());
        r.failure = new IOException("disk went away");
        EasimageException e = assertThrows(EasimageException.class, () -> r.read(1));
        assertTrue(e.getMessage().contains("fake.seq") && e.getMessage().contains("frame 1"), e.getMessage());
        TruncatedInputException typed = new TruncatedInputException(Path.of("fake.seq"), 9, 1, "cut");
        r.failure = typed;
        assertSame(typed, assertThrows(TruncatedInputException.class, () -> r.read(1)), "typed errors pass as they are");
    }

    @Test
    void indexesAreCheckedBeforeTheDecoderAndCloseIsFinal() throws Exception {
        Fake r = new Fake();
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> r.read(4));
        assertTrue(e.getMessage().contains("[0, 4)") && e.getMessage().contains("fake.seq"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> r.time(-1));
        assertEquals(List.of(), r.reuses, "the decoder never saw a bad index");
        r.close();
        r.close();
        assertEquals(1, r.releases, "released once");
        assertThrows(IllegalStateException.class, () -> r.read(4), "closed wins over a bad index");
        assertThrows(IllegalStateException.class, () -> r.timestamp(0));
        assertEquals(4, r.info().frameCount());
    }

    @Test
    void slicesAndMapsForwardTheFrameToReuse() throws Exception {
        Fake r = new Fake();
        Frame mine = Frames.allocate(SPEC);
        Frame got = r.slice(1, 4, 2).read(1, mine);
        assertEquals(3, got.index());
        assertSame(mine, r.reuses.get(0), "slice: the source got the frame to reuse");
        FrameTransform copy = new FrameTransform() {
            @Override
            public FrameSpec outputSpec(FrameSpec input) {
                return input;
            }

            @Override
            public Frame apply(Frame input) {
                return input.copy();
            }
        };
        r.map(copy).read(2, mine);
        assertSame(mine, r.reuses.get(1), "map: the source got the frame to reuse");
    }
}
