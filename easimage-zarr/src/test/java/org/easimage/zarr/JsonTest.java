package org.easimage.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metadata JSON parser: RFC 8259 values, Python's non-finite numbers, and strict refusals with offsets. */
class JsonTest {

    @Test
    void parsesValues() throws Exception {
        Object v = Json.parse(" {\"a\": [1, -2.5e3, 0.0, 9223372036854775808, true, false, null, \"x\\u00e9\\n\\\"\"],"
                + " \"b\": {}, \"n\": NaN, \"i\": -Infinity} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of(1L, -2500.0, 0.0, new BigInteger("9223372036854775808"), true, false),
                ((List<?>) m.get("a")).subList(0, 6));
        assertEquals(null, ((List<?>) m.get("a")).get(6));
        assertEquals("xé\n\"", ((List<?>) m.get("a")).get(7));
        assertTrue(Double.isNaN((Double) m.get("n")));
        assertEquals(Double.NEGATIVE_INFINITY, m.get("i"));
        assertEquals(Map.of(), m.get("b"));
    }

    @Test
    void refusesWhatRfc8259Refuses() {
        for (String bad : List.of("", "{", "{\"a\":1,}", "[1,]", "{'a': 1}", "{\"a\" 1}", "01", "1.", ".5", "1e",
                "\"a\u0001\"", "\"\\x\"", "{\"a\":1,\"a\":2}", "[1] 2", "tru", "// c\n1", "-", "1e999")) {
            Json.SyntaxException e = assertThrows(Json.SyntaxException.class, () -> Json.parse(bad), bad);
            assertTrue(e.offset() >= 0);
        }
        assertThrows(Json.SyntaxException.class, () -> Json.parse("[".repeat(Json.MAX_DEPTH + 2)));
    }

    @Test
    void writesWhatItReads() throws Exception {
        Map<String, Object> m = Json.obj("shape", new int[] {3, 4}, "name", "a\"b\\c\td", "f", 0.5, "z", 1.0,
                "nested", List.of(Json.obj("k", null)), "big", 1e-7);
        Object back = Json.parse(Json.write(m));
        assertEquals(Json.obj("shape", List.of(3L, 4L), "name", "a\"b\\c\td", "f", 0.5, "z", 1.0,
                "nested", List.of(Json.obj("k", null)), "big", 1e-7), back);
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
    }
}
