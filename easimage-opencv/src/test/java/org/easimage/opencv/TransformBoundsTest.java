package org.easimage.opencv;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.easimage.transform.TransformChain;

/**
 * Transform arguments that would allocate without bound or crash OpenCV are refused when parsed, or when the
 * frame size is known (before any frame), with the valid range in the message (issue 17, item 9).
 */
class TransformBoundsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "clahe(2, 100000x100000); 1x1 to 1024x1024",
        "clahe(2, 1025x1); 1x1 to 1024x1024",
        "clahe(2, 0x8); 1x1 to 1024x1024",
        "clahe(1e400, 8x8); positive",
        "gaussian(1e9); (0, 1000]",
        "gaussian(0); (0, 1000]",
        "gaussian(Infinity); (0, 1000]",
        "sharpen(1, 1001); (0, 1000]",
        "flatfield(1e300); (0, 1000]",
        "resize(2000000x10); 0..1048576",
        "resize(1e9); (0, 1048576]",
        "pad(2000000); 0..1048576",
        "pad(1, 1, 1, -1); 0..1048576",
    })
    void refusedWhenParsed(String chain, String range) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransformChain.parseOne(chain));
        assertTrue(e.getMessage().contains(range), e.getMessage());
    }

    @Test
    void boundsThemselvesAreAccepted() {
        for (String ok : new String[] {"clahe(2, 1024x1024)", "gaussian(1000)", "sharpen(1, 1000)", "flatfield(1000)",
                "resize(1048576x1)", "pad(1048576, 0, 0, 0)"}) {
            assertDoesNotThrow(() -> TransformChain.parseOne(ok), ok);
        }
    }

    @Test
    void claheGridIsCheckedAgainstTheFrameBeforeAnyFrame() {
        Clahe grid64 = new Clahe(2, 64, 64);
        // 64x64 tiles of 16-bit lookup tables: 512 MiB per thread
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> grid64.outputSpec(FrameSpec.of(1024, 1024, PixelType.GRAY16)));
        assertTrue(e.getMessage().contains("at most 1024 tiles (e.g. 32x32) for 16-bit"), e.getMessage());
        assertDoesNotThrow(() -> grid64.outputSpec(FrameSpec.of(1024, 1024, PixelType.GRAY8)));
        assertDoesNotThrow(() -> new Clahe(2, 32, 32).outputSpec(FrameSpec.of(1024, 1024, PixelType.RGB48)));
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> new Clahe(2, 100, 8).outputSpec(FrameSpec.of(64, 64, PixelType.GRAY8)));
        assertTrue(small.getMessage().contains("at most 64x64 tiles"), small.getMessage());
        // the largest accepted grid runs
        var out = new Clahe(2, 16, 16).apply(Frames.allocate(FrameSpec.of(16, 16, PixelType.GRAY8)));
        assertEquals(16, out.width());
    }

    @Test
    void chainFileErrorsNameTheLineNeverTheContent(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("secret");
        Files.writeString(f, "# a comment\ngray | gaussian(2)\nresize(0.5,\n  s3cr3t)\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransformChain.load(f));
        assertEquals("chain file " + f + ", line 3: invalid arguments for resize (give the line to --transforms"
                + " \"...\" to see why)", e.getMessage());
        Files.write(f, new byte[] {'g', 'r', (byte) 0xC3, 0x28, '\n'});
        Exception bin = assertThrows(java.io.IOException.class, () -> TransformChain.load(f));
        assertTrue(bin.getMessage().endsWith("is not a UTF-8 text file"), bin.getMessage());
        Files.write(f, new byte[(int) TransformChain.MAX_FILE_BYTES + 1]);
        Exception big = assertThrows(java.io.IOException.class, () -> TransformChain.load(f));
        assertFalse(big.getMessage().contains("\0"), big.getMessage());
        assertTrue(big.getMessage().contains("too large for a chain file"), big.getMessage());
    }
}
