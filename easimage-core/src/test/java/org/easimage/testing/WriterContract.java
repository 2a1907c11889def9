package org.easimage.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.EasimageException;
import org.easimage.io.Format;
import org.easimage.io.FrameMismatchException;
import org.easimage.io.OutputExistsException;
import org.easimage.io.Overwrite;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.WriteOptions;

/**
 * The output contract every writable format must meet, as reusable assertions: atomic publication, existing
 * destinations never touched, abandoned writers leave nothing, mismatched frames rejected, no frame no file.
 */
public final class WriterContract {

    private static final ReadOptions QUIET = ReadOptions.defaults().withWarnings(w -> { });

    private WriterContract() {
    }

    private static Path outputFor(Format f, Path d, String stem) {
        return TestSequences.destination(f, d, stem, f.extensions().get(0));
    }

    private static Path published(Path out) {
        return TestSequences.published(out);
    }

    private static Frame[] frames(PixelType t, int w, int h, int n) throws Exception {
        return TestSequences.synthetic("synthetic:" + w + "x" + h + ":" + t.name() + ":" + n).toArray(Frame[]::new);
    }

    /** Checks {@code f}'s writer in a new folder under {@code dir}. */
    public static void check(Format f, Path dir) throws Exception {
        Path d = Files.createDirectory(dir.resolve(f.name()));
        PixelType type = f.writablePixelTypes().contains(PixelType.GRAY8) ? PixelType.GRAY8
                : f.writablePixelTypes().contains(PixelType.RGB24) ? PixelType.RGB24
                : f.writablePixelTypes().iterator().next();
        Frame[] frames = frames(type, 64, 48, 4);
        WriteOptions wo = WriteOptions.defaults().withWarnings(w -> { });

        // success: exactly the destination appears, and it reads back
        Path dest = outputFor(f, d, "ok");
        Path out = published(dest);
        try (SequenceWriter w = f.create(dest, wo)) {
            for (Frame fr : frames) {
                w.write(fr);
            }
            assertFalse(Files.exists(out), "nothing at the destination before finish()");
            w.finish();
        }
        assertTrue(Files.exists(out), "published on finish()");
        assertEquals(List.of(), temporaries(d), "no temporary left after success");
        List<String> published = names(d);
        if (f.canRead()) {
            // raw frames state nothing about themselves: the reader is told
            ReadOptions ro = f.name().equals("raw") ? QUIET.with(new org.easimage.io.raw.RawReadOptions(64, 48,
                    org.easimage.io.raw.RawPixelFormat.of(type), java.util.Optional.empty())) : QUIET;
            try (SequenceReader r = f.open(out, ro)) {
                assertEquals(frames.length, r.frameCount(), "frames read back");
                assertEquals(64, r.spec().width());
                assertEquals(48, r.spec().height());
            }
        }
        byte[] before = Files.isRegularFile(out) ? Files.readAllBytes(out) : null;

        // destination exists, overwrite not asked: refused before any frame (before the input is even opened, by
        // checkDestination), destination untouched
        assertThrows(OutputExistsException.class, () -> f.checkDestination(dest, wo));
        assertThrows(OutputExistsException.class, () -> {
            try (SequenceWriter w = f.create(dest, wo)) {
                w.expect(frames.length);
            }
        });
        if (before != null) {
            assertArrayEquals(before, Files.readAllBytes(out));
        }

        // overwrite asked but the job is abandoned: destination untouched, no temporary
        try (SequenceWriter w = f.create(dest, wo.withOverwrite(Overwrite.REPLACE))) {
            w.write(frames[0]);
        }
        if (before != null) {
            assertArrayEquals(before, Files.readAllBytes(out), "an abandoned replacement keeps the original");
        }
        assertEquals(published, names(d), "no temporary after an abandoned job");

        // a frame of another size is rejected with both specs named, and nothing is published
        Path mismatch = outputFor(f, d, "mismatch");
        try (SequenceWriter w = f.create(mismatch, wo)) {
            w.write(frames[0]);
            Frame other = frames(type, 32, 48, 1)[0];
            FrameMismatchException e = assertThrows(FrameMismatchException.class, () -> w.write(other));
            assertEquals(FrameSpec.of(32, 48, type).width(), e.actual().width());
            assertTrue(e.getMessage().contains("64x48") && e.getMessage().contains("32x48"), e.getMessage());
        }
        assertFalse(Files.exists(published(mismatch)));
        assertEquals(published, names(d));

        // finishing with no frame is an error and creates nothing
        Path empty = outputFor(f, d, "empty");
        try (SequenceWriter w = f.create(empty, wo)) {
            assertThrows(EasimageException.class, w::finish);
        }
        assertFalse(Files.exists(published(empty)));
    }

    private static List<String> temporaries(Path d) throws Exception {
        return names(d).stream().filter(n -> n.startsWith(".easimage-")).toList();
    }

    private static List<String> names(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
