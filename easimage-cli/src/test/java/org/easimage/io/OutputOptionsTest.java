package org.easimage.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.images.ImageFileType;
import org.easimage.io.images.ImagesWriteOptions;
import org.easimage.io.tiff.TiffWriteOptions;
import org.easimage.io.video.VideoCodec;
import org.easimage.io.video.VideoWriteOptions;
import org.easimage.pipeline.Conversion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write options are checked against the output format and its codec before any work (issue 17, item 9). */
class OutputOptionsTest {

    @TempDir
    Path dir;

    private static final FormatRegistry REGISTRY = FormatRegistry.getDefault();

    private String refused(String file, WriteOptions o) {
        return assertThrows(UnsupportedOutputException.class, () -> REGISTRY.checkWrite(Path.of(file), o))
                .getMessage();
    }

    private static WriteOptions video(VideoWriteOptions v) {
        return WriteOptions.defaults().with(v);
    }

    @Test
    void optionsOfAnotherFormatAreRefusedNotIgnored() {
        String m = refused("a.tif", video(VideoWriteOptions.defaults().withCodec(VideoCodec.H264)));
        assertTrue(m.contains("VideoWriteOptions do not apply to the tiff format (it takes TiffWriteOptions)"), m);
        assertTrue(refused("a.mp4", WriteOptions.defaults().with(TiffWriteOptions.DEFAULTS)).contains("video"));
        assertTrue(refused("a.gif", WriteOptions.defaults().with(ImagesWriteOptions.of(ImageFileType.PNG)))
                .contains("gif"));
        assertDoesNotThrow(() -> REGISTRY.checkWrite(Path.of("a.tif"), WriteOptions.defaults()
                .with(TiffWriteOptions.DEFAULTS)));
    }

    @Test
    void crfIsCheckedAgainstTheEncodersOwnRange() {
        assertTrue(refused("a.mp4", video(VideoWriteOptions.defaults().withCrf(52))).contains("0..51"));
        assertTrue(refused("a.webm", video(VideoWriteOptions.defaults().withCrf(64))).contains("0..63"));
        assertTrue(refused("a.mkv", video(VideoWriteOptions.defaults().withCrf(0))).contains("takes no crf"));
        assertTrue(refused("a.mp4", video(VideoWriteOptions.defaults().withCrf(20).withBitRate(1_000_000)))
                .contains("exclude"));
        for (String ok : new String[] {"a.mp4:0", "a.mp4:51", "a.webm:0", "a.webm:63"}) {
            String[] p = ok.split(":");
            assertDoesNotThrow(() -> REGISTRY.checkWrite(Path.of(p[0]),
                    video(VideoWriteOptions.defaults().withCrf(Integer.parseInt(p[1])))), ok);
        }
    }

    @Test
    void presetsPixelFormatsAndCodecOptionsAreAskedOfFfmpeg() {
        assertTrue(refused("a.mp4", video(VideoWriteOptions.defaults().withPreset("bogus"))).contains("placebo"));
        assertDoesNotThrow(() -> REGISTRY.checkWrite(Path.of("a.mp4"),
                video(VideoWriteOptions.defaults().withPreset("veryfast"))));
        assertTrue(refused("a.mkv", video(VideoWriteOptions.defaults().withPreset("fast"))).contains("no presets"));
        assertTrue(refused("a.avi", video(VideoWriteOptions.defaults().withPixelFormat("gray16le")))
                .contains("yuvj420p"), "lists the encoder's own pixel formats");
        assertTrue(refused("a.mp4", video(VideoWriteOptions.defaults().withExtraCodecOptions(Map.of("bogus", "1"))))
                .contains("no option 'bogus'"));
        assertDoesNotThrow(() -> REGISTRY.checkWrite(Path.of("a.mp4"),
                video(VideoWriteOptions.defaults().withExtraCodecOptions(Map.of("tune", "grain", "g", "10")))));
        assertTrue(refused("a.webm", video(VideoWriteOptions.defaults().withCodec(VideoCodec.PRORES)))
                .contains("container cannot hold"));
    }

    @Test
    void frameRatesOutsideTheSaneRangeAreRefusedForEveryFormat() {
        for (String file : new String[] {"a.mp4", "a.tif", "a.seq", "a.gif"}) {
            assertTrue(refused(file, WriteOptions.defaults().withFrameRate(Rational.of(1_000_000_000_000L)))
                    .contains("outside"), file);
            assertTrue(refused(file, WriteOptions.defaults().withFrameRate(Rational.of(1, 2_000_000)))
                    .contains("outside"), file);
            assertDoesNotThrow(() -> REGISTRY.checkWrite(Path.of(file),
                    WriteOptions.defaults().withFrameRate(Rational.of(1_000_000))), file);
        }
    }

    @Test
    void framesTheFormatCannotHoldAreRefusedBeforeTheOutputIsCreated() throws Exception {
        Format images = REGISTRY.forOutput(Path.of("f_%03d.jpg"), null);
        assertThrows(UnsupportedOutputException.class, () -> images.checkFrames(Path.of("f_%03d.jpg"),
                FrameSpec.of(8, 8, PixelType.GRAY16), WriteOptions.defaults()));
        assertDoesNotThrow(() -> images.checkFrames(Path.of("f_%03d.png"), FrameSpec.of(8, 8, PixelType.GRAY16),
                WriteOptions.defaults()));
        Format video = REGISTRY.forOutput(Path.of("a.mp4"), null);
        assertThrows(UnsupportedOutputException.class, () -> video.checkFrames(Path.of("a.mp4"),
                FrameSpec.of(8, 8, PixelType.GRAY32F), WriteOptions.defaults()));
    }

    @Test
    void theConverterChecksOptionsBeforeOpeningTheInput() {
        Path missing = dir.resolve("missing.seq");
        Conversion c = Conversion.builder(missing, dir.resolve("o.mp4"))
                .writeOptions(video(VideoWriteOptions.defaults().withCrf(99))).build();
        assertThrows(UnsupportedOutputException.class, c::run, "not NoSuchFileException: the input is not opened");
    }
}
