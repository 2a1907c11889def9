package org.easimage.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.easimage.frame.Frame;
import org.easimage.io.Formats;
import org.easimage.io.OutputExistsException;
import org.easimage.io.Overwrite;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.testing.CountingReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contact sheet reads only the frames it shows, and shows them. */
class ContactSheetTest {

    @TempDir
    Path tmp;

    private static CountingReader counting(String synthetic) throws IOException {
        return new CountingReader(Formats.open(Path.of("synthetic:" + synthetic)));
    }

    @Test
    void aLongSequenceCostsOnlyTheFramesShown() throws IOException {
        for (String type : new String[] {"gray8", "gray16", "rgb24"}) {
            try (CountingReader r = counting("96x54:" + type + ":200000:1000")) {
                ContactSheet sheet = ContactSheet.builder().count(16).columns(4).thumbWidth(96).build();
                int[] shown = sheet.indexes(r.frameCount());
                assertEquals(16, shown.length);
                assertEquals(0, shown[0]);
                assertEquals(199_999, shown[15]);
                for (int j = 1; j < 16; j++) {
                    assertEquals(Math.round(j * 199_999.0 / 15), shown[j]);
                }
                Frame f = sheet.render(r);
                List<Integer> want = new ArrayList<>();
                for (int i : shown) {
                    want.add(i);
                }
                assertEquals(want, r.reads, type + ": each shown frame read once, in order, and nothing else");
                assertTrue(f.width() >= 4 * 96 && f.height() > 4 * 54, f.spec().toString());
            }
        }
    }

    @Test
    void fewerFramesThanAskedShowsThemAll() throws IOException {
        try (CountingReader r = counting("20x20:gray8:5:10")) {
            ContactSheet sheet = ContactSheet.builder().count(16).build();
            assertArrayEquals(new int[] {0, 1, 2, 3, 4}, sheet.indexes(5));
            sheet.render(r);
            assertEquals(List.of(0, 1, 2, 3, 4), r.reads);
        }
        assertArrayEquals(new int[] {50}, ContactSheet.builder().count(1).build().indexes(100));
    }

    @Test
    void thumbnailsAreTheFramesResized() throws IOException {
        try (CountingReader r = counting("200x100:gray8:1000:100")) {
            ContactSheet sheet = ContactSheet.builder().count(4).columns(2).thumbWidth(100).build();
            Frame f = sheet.render(r);
            // find thumbnail 3 (frame 999): the synthetic frame holds its index in its first pixels, so compare a
            // whole thumbnail against the resized direct read at every offset where it could be
            Frame src = r.read(999);
            byte[] thumb = new byte[100 * 50];
            new Resampler(200, 100, 100, 50).resize8(org.easimage.frame.Frames.toBytes(src), 0, 1, 1, thumb);
            boolean found = false;
            for (int y = 0; y + 50 <= f.height() && !found; y++) {
                for (int x = 0; x + 100 <= f.width() && !found; x++) {
                    found = matches(f, thumb, x, y);
                }
            }
            assertTrue(found, "the last thumbnail is frame 999 resized");
        }
    }

    private static boolean matches(Frame f, byte[] thumb, int x0, int y0) {
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 100; x++) {
                int v = thumb[y * 100 + x] & 0xFF;
                if (f.sample(x0 + x, y0 + y, 0) != v || f.sample(x0 + x, y0 + y, 2) != v) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void writtenAtomicallyAsAnImageNeverOverAnExistingFile() throws IOException {
        Path png = tmp.resolve("sheet.png");
        Frame f;
        try (CountingReader r = counting("64x48:rgb24:100:25")) {
            f = ContactSheet.builder().title("synthetic").build().render(r);
        }
        ContactSheet.write(f, png, Overwrite.NEVER);
        var img = ImageIO.read(png.toFile());
        assertEquals(f.width(), img.getWidth());
        assertEquals(f.height(), img.getHeight());
        assertThrows(OutputExistsException.class, () -> ContactSheet.checkOutput(png, Overwrite.NEVER));
        assertThrows(OutputExistsException.class, () -> ContactSheet.write(f, png, Overwrite.NEVER));
        ContactSheet.write(f, png, Overwrite.REPLACE);
        assertThrows(UnsupportedOutputException.class, () -> ContactSheet.checkOutput(tmp.resolve("s.mp4"),
                Overwrite.NEVER));
        ContactSheet.write(f, tmp.resolve("sheet.jpg"), Overwrite.NEVER);
        try (var s = Files.list(tmp)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".easimage-")), "no temporaries");
        }
    }

    @Test
    void clockFormats() {
        assertEquals("12.345 s", ContactSheet.clock(java.time.Duration.ofMillis(12_345), false));
        assertEquals("1:02:03.456", ContactSheet.clock(java.time.Duration.ofMillis(3_723_456), true));
    }
}
