package org.easimage.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.PixelType;
import org.easimage.testing.ReaderContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreIoTest {

    @TempDir
    Path dir;

    @Test
    void rationalStaysExact() {
        assertEquals("30000/1001", Rational.parse("30000/1001").toString());
        assertEquals("30000/1001", Rational.parse("29.97002997").toString());
        assertEquals("45000/1499", Rational.of(90000, 2998).toString());
        assertEquals("10", Rational.approximate(10.0).toString());
        assertThrows(IllegalArgumentException.class, () -> Rational.parse("abc"));
        assertThrows(IllegalArgumentException.class, () -> Rational.parse("0/1"));
    }

    @Test
    void syntheticSourceMeetsTheReaderContract() throws Exception {
        try (SequenceReader r = Formats.open(Path.of("synthetic:33x17:gray16:12:25"))) {
            assertEquals(12, r.frameCount());
            assertEquals(FrameSpec.of(33, 17, PixelType.GRAY16), r.spec());
            assertEquals(Rational.of(25), r.info().frameRate().orElseThrow());
            ReaderContract.check(r);
        }
    }

    @Test
    void slicesAndMapsStayLazyAndExact() throws Exception {
        try (SequenceReader r = Formats.open(Path.of("synthetic:8x8:gray8:20"))) {
            SequenceReader s = r.slice(3, 20, 4);
            assertEquals(5, s.frameCount());
            assertEquals(15, s.read(3).index());
            assertTrue(s.read(3).pixelsEqual(r.read(15)));
            assertEquals("15/2", s.info().frameRate().orElseThrow().toString());
            assertThrows(IllegalArgumentException.class, () -> r.slice(5, 5, 1));
            FrameTransform invert = new FrameTransform() {
                @Override
                public FrameSpec outputSpec(FrameSpec in) {
                    return in;
                }

                @Override
                public Frame apply(Frame in) {
                    Frame out = in.copy();
                    for (int i = 0; i < 64; i++) {
                        out.buffer().put(i, (byte) ~in.buffer().get(i));
                    }
                    return out;
                }
            };
            SequenceReader m = r.map(invert);
            assertEquals((byte) ~r.read(7).buffer().get(10), m.read(7).buffer().get(10));
        }
    }

    @Test
    void registryExplainsWhatItCannotOpen() throws Exception {
        Path txt = dir.resolve("notes.xyz");
        Files.writeString(txt, "hello", StandardCharsets.UTF_8);
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> Formats.open(txt));
        assertTrue(e.getMessage().contains("synthetic"), e.getMessage());
        Path empty = Files.createFile(dir.resolve("empty.xyz"));
        assertThrows(CorruptInputException.class, () -> Formats.open(empty));
        assertThrows(NoSuchFileException.class, () -> Formats.open(dir.resolve("missing.xyz")));
        assertThrows(UnsupportedFormatException.class, () -> Formats.create(dir.resolve("out.xyz")));
        assertThrows(UnsupportedFormatException.class,
                () -> Formats.open(txt, ReadOptions.defaults().withFormat("nope")));
    }

    @Test
    void atomicOutputPublishesOnlyOnCommit() throws Exception {
        Path target = dir.resolve("a.bin");
        try (AtomicOutput o = AtomicOutput.file(target, Overwrite.NEVER)) {
            Files.write(o.temporary(), new byte[] {1, 2, 3});
            assertFalse(Files.exists(target));
        }
        assertFalse(Files.exists(target), "abandoned output must not appear");
        assertEquals(0, listing().length, "temporary must be removed");

        try (AtomicOutput o = AtomicOutput.file(target, Overwrite.NEVER)) {
            Files.write(o.temporary(), new byte[] {1, 2, 3});
            o.commit();
        }
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertThrows(OutputExistsException.class, () -> AtomicOutput.file(target, Overwrite.NEVER));

        try (AtomicOutput o = AtomicOutput.file(target, Overwrite.REPLACE)) {
            Files.write(o.temporary(), new byte[] {9});
            // job fails here: the original must survive
        }
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        try (AtomicOutput o = AtomicOutput.file(target, Overwrite.REPLACE)) {
            Files.write(o.temporary(), new byte[] {9});
            o.commit();
        }
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(target));
        assertEquals(1, listing().length);
    }

    @Test
    void raceBetweenTwoNonOverwritingWritersHasOneWinner() throws Exception {
        Path target = dir.resolve("race.bin");
        AtomicOutput a = AtomicOutput.file(target, Overwrite.NEVER);
        AtomicOutput b = AtomicOutput.file(target, Overwrite.NEVER);
        Files.write(a.temporary(), new byte[] {1});
        Files.write(b.temporary(), new byte[] {2});
        a.commit();
        assertThrows(OutputExistsException.class, b::commit);
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(target));
        assertEquals(1, listing().length);
    }

    @Test
    void directoryOutputsAreAtomicToo() throws Exception {
        Path target = dir.resolve("frames");
        try (AtomicOutput o = AtomicOutput.directory(target, Overwrite.NEVER, d -> true)) {
            Files.write(o.temporary().resolve("f0.png"), new byte[] {1});
            o.commit();
        }
        assertTrue(Files.exists(target.resolve("f0.png")));
        try (AtomicOutput o = AtomicOutput.directory(target, Overwrite.REPLACE, d -> true)) {
            Files.write(o.temporary().resolve("g0.png"), new byte[] {1});
            o.commit();
        }
        assertTrue(Files.exists(target.resolve("g0.png")));
        assertFalse(Files.exists(target.resolve("f0.png")));
        assertEquals(1, listing().length);
    }

    private Path[] listing() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toArray(Path[]::new);
        }
    }
}
