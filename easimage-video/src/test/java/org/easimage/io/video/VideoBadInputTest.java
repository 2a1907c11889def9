package org.easimage.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.Format;
import org.easimage.io.ProbeInput;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed inputs give typed exceptions, never runtime exceptions or hangs; detection by content. */
class VideoBadInputTest {

    private static final VideoFormat FORMAT = new VideoFormat();

    @TempDir
    Path dir;

    private Path writeVideo(String name, int frames) throws Exception {
        Path p = dir.resolve(name);
        try (SequenceWriter w = FORMAT.create(p, WriteOptions.defaults().withWarnings(s -> { }))) {
            for (Frame f : VideoWriterTest.noise(new FrameSpec(32, 24, PixelType.RGB24), frames, 3)) {
                w.write(f);
            }
            w.finish();
        }
        return p;
    }

    @Test
    void emptyFile() throws Exception {
        Path p = Files.write(dir.resolve("empty.mp4"), new byte[0]);
        assertThrows(CorruptInputException.class, () -> FORMAT.open(p, ReadOptions.defaults()));
    }

    @Test
    void garbageWithMp4Extension() throws Exception {
        byte[] junk = new byte[5000];
        new Random(1).nextBytes(junk);
        Path p = Files.write(dir.resolve("junk.mp4"), junk);
        assertEquals(Format.Confidence.EXTENSION, FORMAT.probe(ProbeInput.of(p)).confidence());
        EasimageException e = assertThrows(EasimageException.class, () -> FORMAT.open(p, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("junk.mp4"), e.getMessage());
    }

    @Test
    void directoryNamedLikeAVideo() throws Exception {
        Path p = Files.createDirectory(dir.resolve("x.mp4"));
        assertEquals(Format.Confidence.NO, FORMAT.probe(ProbeInput.of(p)).confidence());
        assertThrows(EasimageException.class, () -> FORMAT.open(p, ReadOptions.defaults()));
    }

    @Test
    void mp4WithoutMoovFailsAtOpen() throws Exception {
        Path full = writeVideo("full.mp4", 10);
        byte[] b = Files.readAllBytes(full);
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(b, b.length / 2)); // moov is at the end
        assertEquals(Format.Confidence.CONTENT, FORMAT.probe(ProbeInput.of(cut)).confidence());
        assertThrows(CorruptInputException.class, () -> FORMAT.open(cut, ReadOptions.defaults()));
    }

    @Test
    void truncatedAndDamagedFilesNeverEscapeWithRuntimeExceptions() throws Exception {
        for (String name : List.of("t.mkv", "t.avi")) {
            byte[] b = Files.readAllBytes(writeVideo(name, 6));
            for (int cut : new int[] {16, 200, b.length / 3, b.length * 2 / 3, b.length - 7}) {
                exercise(Files.write(dir.resolve("cut" + cut + name), Arrays.copyOf(b, cut)));
            }
            byte[] damaged = b.clone();
            Random rnd = new Random(5);
            for (int k = 0; k < 200; k++) {
                int at = b.length / 4 + rnd.nextInt(b.length / 2);
                damaged[at] = (byte) rnd.nextInt(256);
            }
            exercise(Files.write(dir.resolve("damaged" + name), damaged));
        }
    }

    private static void exercise(Path p) {
        SequenceReader r;
        try {
            r = FORMAT.open(p, ReadOptions.defaults());
        } catch (EasimageException e) {
            return;
        } catch (Exception e) {
            throw new AssertionError(p + ": untyped " + e, e);
        }
        try (r) {
            for (int i = r.frameCount() - 1; i >= 0; i--) {
                try {
                    assertEquals(i, r.read(i).index());
                } catch (EasimageException e) {
                    assertTrue(e.getMessage().contains(p.getFileName().toString()));
                }
            }
        } catch (Exception e) {
            throw new AssertionError(p + ": untyped " + e, e);
        }
    }

    @Test
    void contentWinsOverExtension() throws Exception {
        Path mkv = writeVideo("a.mkv", 2);
        Path renamed = Files.copy(mkv, dir.resolve("a.bin"));
        assertEquals(Format.Confidence.CONTENT, FORMAT.probe(ProbeInput.of(renamed)).confidence());
        try (SequenceReader r = FORMAT.open(renamed, ReadOptions.defaults())) {
            assertEquals(2, r.frameCount());
        }
        Path avi = writeVideo("b.avi", 2);
        assertEquals(Format.Confidence.CONTENT, FORMAT.probe(ProbeInput.of(avi)).confidence());
        assertEquals(Format.Confidence.NO, FORMAT.probe(ProbeInput.of(Files.write(dir.resolve("c.txt"),
                new byte[] {1, 2, 3}))).confidence());
    }

    @Test
    void unsupportedOutputExtensionAndOutOfRangeIndex() throws Exception {
        assertThrows(EasimageException.class, () -> FORMAT.create(dir.resolve("v.mpg"), WriteOptions.defaults()));
        assertFalse(Files.exists(dir.resolve("v.mpg")));
        try (SequenceReader r = FORMAT.open(writeVideo("r.mkv", 2), ReadOptions.defaults())) {
            assertThrows(IndexOutOfBoundsException.class, () -> r.read(2));
            assertThrows(IndexOutOfBoundsException.class, () -> r.read(-1));
        }
    }

    /** libavdevice needs libpulse.so.0, absent on clean machines: this package must never load it. */
    @Test
    void avdeviceIsNeverLoaded() throws Exception {
        try (SequenceReader r = FORMAT.open(writeVideo("d.mkv", 1), ReadOptions.defaults())) {
            r.read(0);
        }
        String maps = Files.readString(Path.of("/proc/self/maps"));
        assertFalse(maps.contains("libavdevice"), "libavdevice is mapped");
        assertFalse(maps.contains("libpulse"), "libpulse is mapped");
    }
}
