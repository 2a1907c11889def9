package org.easimage.io.norpix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.easimage.io.norpix.SeqHeader.Field;
import org.easimage.io.norpix.SeqHeader.Type;
import org.easimage.testing.FuzzSeeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The header's one table of fields: it round-trips every field, lays them out without overlap, shows them all. */
class SeqHeaderTest {

    /** A header whose every field holds a value unlike the default and unlike its neighbours'. */
    private static SeqHeader everyFieldSet(boolean asciiDescription) {
        SeqHeader h = SeqHeader.blank();
        for (Field f : Field.values()) {
            h = switch (f.type()) {
                // extremes of each type, and distinct per field: a field written at a wrong offset shows
                case U32 -> h.with(f, 0xFFFF_FFFFL - f.ordinal());
                case I32 -> h.with(f, Integer.MIN_VALUE + f.ordinal());
                case U16 -> h.with(f, 0xFFFF - f.ordinal());
                case I64 -> h.with(f, Long.MIN_VALUE + 12345);
                case F64 -> h.with(f, 29.970029970029973);
                case UTF16 -> h.with(f, "Caméra ✓ 11");
                case DESCRIPTION -> h.with(f, asciiDescription ? "plain ASCII, or Latin-1 é" : "ünïcode ✓ ≠ ascii");
            };
        }
        return h.with(Field.DESCRIPTION_FORMAT, asciiDescription ? 1 : 0);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void parseOfWriteIsTheSameHeaderForEveryField(boolean asciiDescription) {
        SeqHeader h = everyFieldSet(asciiDescription);
        SeqHeader back = SeqHeader.parse(h.toBytes());
        assertEquals(h, back);
        for (Field f : Field.values()) { // field by field, so a failure names the field
            switch (f.type()) {
                case F64 -> assertEquals(h.frameRate(), back.frameRate(), f.manualName());
                case UTF16, DESCRIPTION -> assertEquals(h.text(f), back.text(f), f.manualName());
                default -> assertEquals(h.get(f), back.get(f), f.manualName());
            }
        }
        assertArrayEquals(h.toBytes().array(), back.toBytes().array(), "and the bytes again");
    }

    @Test
    void fieldsTileTheHeaderInFileOrderWithoutOverlap() {
        int end = 0;
        for (Field f : Field.values()) {
            assertTrue(f.offset() >= end, f + " overlaps the field before it");
            assertTrue(f.length() > 0, f + " has no size");
            end = f.offset() + f.length();
        }
        assertTrue(end <= SeqHeader.SIZE, "the table ends at " + end);
    }

    @Test
    void eachFieldIsWrittenWhereTheTableSaysAndNowhereElse() {
        for (Field f : Field.values()) {
            SeqHeader one = switch (f.type()) {
                case F64 -> SeqHeader.blank().with(f, 1.5);
                case UTF16, DESCRIPTION -> SeqHeader.blank().with(f, "xy");
                default -> SeqHeader.blank().with(f, 1);
            };
            byte[] bytes = one.toBytes().array();
            for (int i = 0; i < bytes.length; i++) {
                if (i < f.offset() || i >= f.offset() + f.length()) {
                    assertEquals(0, bytes[i], f + " wrote byte " + i);
                }
            }
            assertTrue(!Arrays.equals(new byte[f.length()], Arrays.copyOfRange(bytes, f.offset(),
                    f.offset() + f.length())), f + " wrote nothing at its offset");
            assertEquals(one, SeqHeader.parse(ByteBuffer.wrap(bytes)), f.manualName());
        }
    }

    @Test
    void everyFieldOfTheTableIsInTheMetadata() {
        Map<String, Object> m = everyFieldSet(false).asMap();
        for (Field f : Field.values()) {
            assertTrue(m.containsKey(f.key()), f.key() + " missing from " + m.keySet());
        }
        assertEquals("0xFFFFFFFF", m.get("magic"));
        assertEquals("UTF-16LE", m.get("descriptionFormat"));
        assertEquals(Integer.MIN_VALUE + Field.VERSION.ordinal(), m.get("version"), "I32 fields as Integer");
        assertEquals("unrecognised", m.get("imageFormatName"));
        assertEquals("unknown", m.get("compressionName"));
        assertTrue(m.containsKey("bayerPatternName"));
    }

    @Test
    void valuesOutsideTheirFieldAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SeqHeader.blank().with(Field.WIDTH, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> SeqHeader.blank().with(Field.WIDTH, -1));
        assertThrows(IllegalArgumentException.class, () -> SeqHeader.blank().with(Field.REFERENCE_TIME_MS, 65536));
        assertThrows(IllegalArgumentException.class, () -> SeqHeader.blank().with(Field.VERSION, 1L << 31));
        assertThrows(IllegalArgumentException.class, () -> SeqHeader.blank().with(Field.FRAME_RATE, 3));
        assertThrows(IllegalArgumentException.class, () -> SeqHeader.blank().with(Field.WIDTH, "x"));
        assertThrows(IllegalArgumentException.class, () -> SeqHeader.blank().text(Field.WIDTH));
        assertNotEquals(SeqHeader.blank(), SeqHeader.blank().with(Field.FLAGS, 1));
    }

    /** Every stored header input (fuzz seeds and findings) decodes to a header that writes back to itself. */
    @Test
    void storedHeadersSurviveParseWriteParse() throws Exception {
        int n = 0;
        for (String target : new String[] {"header", "reader"}) {
            try (Stream<Path> s = Files.list(FuzzSeeds.inputs(SeqFuzzTest.class, target))) {
                for (Path p : s.sorted().toList()) {
                    byte[] bytes = Files.readAllBytes(p);
                    if (bytes.length < SeqHeader.SIZE) {
                        continue;
                    }
                    SeqHeader h = SeqHeader.parse(ByteBuffer.wrap(bytes));
                    assertEquals(h, SeqHeader.parse(h.toBytes()), target + "/" + p.getFileName());
                    n++;
                }
            }
        }
        assertTrue(n > 0, "no stored header of 1024 bytes");
    }

    @Test
    void typesKnowTheirSizes() {
        assertEquals(4, Field.WIDTH.length());
        assertEquals(8, Field.FRAME_RATE.length());
        assertEquals(Type.U16, Field.REFERENCE_TIME_US.type());
        assertEquals(512, Field.DESCRIPTION.length());
    }
}
