package org.easimage.io.norpix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.easimage.frame.Frame;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.Formats;
import org.easimage.io.SequenceReader;
import org.easimage.testing.ReaderContract;
import org.easimage.testing.SharedData;
import org.junit.jupiter.api.Test;

/** The three real StreamPix files of ../shared/data, checked against raw bytes read here independently. */
class SeqRealFilesTest {

    /** Pixel bytes of frame i read straight from the file (8192 + i * stride). */
    private static ByteBuffer rawFrame(Path f, int i, int stride, int imageBytes) throws Exception {
        byte[] all = Files.readAllBytes(f);
        return ByteBuffer.wrap(all, 8192 + i * stride, imageBytes).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void pimsSample() throws Exception {
        Path f = SharedData.file("seq/pims_sample_norpix6.seq");
        try (SequenceReader r = Formats.open(f)) {
            assertEquals("norpix-seq", r.info().format());
            assertEquals(6, r.frameCount());
            assertEquals(36, r.spec().width());
            assertEquals(32, r.spec().height());
            assertEquals(PixelType.GRAY8, r.spec().pixelType());
            assertEquals(10.0, r.info().frameRate().orElseThrow().toDouble(), 1e-9);
            String[] times = {"15.775430", "15.808227", "15.841228", "15.874230", "15.910819", "15.944373"};
            Set<Long> distinct = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                Instant want = Instant.parse("2015-07-01T18:41:" + times[i] + "Z");
                assertEquals(want, r.timestamp(i).orElseThrow(), "timestamp " + i);
                Frame fr = r.read(i);
                assertEquals(want, fr.timestamp().orElseThrow());
                // times come from the stamps (~33 ms apart), not from the header's 10 fps
                Duration t = Duration.between(Instant.parse("2015-07-01T18:41:15.775430Z"), want);
                assertEquals(Optional.of(t), r.time(i));
                assertEquals(Optional.of(t), fr.time());
                ByteBuffer raw = rawFrame(f, i, 8192, 1152);
                assertEquals(raw, fr.buffer(), "pixels of frame " + i);
                distinct.add(Frames.crc32(fr));
            }
            assertEquals(6, distinct.size(), "every frame distinct");
            ReaderContract.check(r);
        }
    }

    @Test
    void directElectronTestFileHasTenFramesNotFifteen() throws Exception {
        Path f = SharedData.file("seq/rsciio_de_test.seq");
        try (SequenceReader r = Formats.open(f)) {
            assertEquals(10, r.frameCount());
            assertEquals(64, r.spec().width());
            assertEquals(64, r.spec().height());
            assertEquals(PixelType.GRAY16, r.spec().pixelType());
            assertEquals(12, r.spec().significantBits());
            Instant want = Instant.parse("2022-08-11T19:21:27.069646Z");
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int i = 0; i < 10; i++) {
                assertEquals(want, r.timestamp(i).orElseThrow());
                Frame fr = r.read(i);
                ByteBuffer raw = rawFrame(f, i, 16384, 8192);
                short[] s = Frames.toShorts(fr);
                for (int k = 0; k < s.length; k++) {
                    int v = s[k] & 0xFFFF;
                    assertEquals(raw.getShort(2 * k) & 0xFFFF, v);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            assertEquals(228, min);
            assertEquals(444, max);
            assertEquals(10, r.info().metadata().asMap().get("completeFrames"));
            ReaderContract.check(r);
        }
    }

    @Test
    void celeritasFrameCounterAndTimes() throws Exception {
        Path f = SharedData.file("seq/rsciio_de_celeritas_Movie_00785_Top.seq");
        try (SequenceReader r = Formats.open(f)) {
            assertEquals(5, r.frameCount());
            assertEquals(256, r.spec().width());
            assertEquals(128, r.spec().height());
            assertEquals(PixelType.GRAY16, r.spec().pixelType());
            assertEquals(12, r.spec().significantBits());
            Instant t0 = Instant.parse("2022-08-11T18:49:10.652366Z");
            assertEquals(t0, r.timestamp(0).orElseThrow());
            for (int i = 0; i < 5; i++) {
                Frame fr = r.read(i);
                assertEquals(i, (int) fr.sample(0, 0, 0), "frame counter in the first pixel");
                // about 1 s apart (the camera clock adds tens of microseconds): 18:49:10.652366, 11.652402 ...
                Instant got = fr.timestamp().orElseThrow();
                assertTrue(Math.abs(java.time.Duration.between(t0.plusSeconds(i), got).toNanos()) < 1_000_000, got
                        + " for frame " + i);
                ByteBuffer tsRaw = rawFrame(f, i, 73728, 65544);
                assertEquals(Instant.ofEpochSecond(Integer.toUnsignedLong(tsRaw.getInt(65536)),
                        (tsRaw.getShort(65540) * 1000L + tsRaw.getShort(65542)) * 1000L), got);
                ByteBuffer raw = rawFrame(f, i, 73728, 65536);
                short[] s = Frames.toShorts(fr);
                for (int k = 0; k < s.length; k += 97) {
                    assertEquals(raw.getShort(2 * k), s[k]);
                }
            }
            assertEquals(1L, ((Number) r.info().metadata().asMap().get("bayerPattern")).longValue());
            assertTrue(r.info().metadata().asMap().containsKey("bytesAlignment"));
            ReaderContract.check(r);
        }
    }

    @Test
    void renamedToAviStillOpensByContent(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = SharedData.file("seq/pims_sample_norpix6.seq");
        Path avi = dir.resolve("camera.avi");
        Files.copy(f, avi);
        try (SequenceReader r = Formats.open(avi)) {
            assertEquals("norpix-seq", r.info().format());
            assertEquals(6, r.frameCount());
        }
    }

    /** A Norpix copy keeps the source's description and, only while the pixels are the source's own, its Bayer field. */
    @Test
    void copyKeepsDescriptionAndBayerOfItsSource(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = SharedData.file("seq/rsciio_de_celeritas_Movie_00785_Top.seq");
        try (SequenceReader r = Formats.open(f)) {
            java.util.Map<String, Object> src = r.info().metadata().asMap();
            for (boolean same : new boolean[] {true, false}) {
                Path out = dir.resolve("copy-" + same + ".seq");
                try (org.easimage.io.SequenceWriter w = Formats.create(out, org.easimage.io.WriteOptions.defaults())) {
                    w.inherit(r.info(), same);
                    for (int i = 0; i < r.frameCount(); i++) {
                        w.write(r.read(i));
                    }
                    w.finish();
                }
                try (SequenceReader c = Formats.open(out)) {
                    java.util.Map<String, Object> got = c.info().metadata().asMap();
                    assertEquals(src.get("description"), got.get("description"));
                    assertEquals(same ? 1L : 0L, ((Number) got.get("bayerPattern")).longValue(), "bayer kept: " + same);
                    long srcFormat = ((Number) src.get("imageFormat")).longValue();
                    assertEquals(same ? srcFormat : SeqHeader.MONO, ((Number) got.get("imageFormat")).longValue());
                }
            }
        }
    }
}
