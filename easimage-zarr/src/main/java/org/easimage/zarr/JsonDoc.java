package org.easimage.zarr;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.easimage.io.CorruptInputException;

/**
 * A metadata file's JSON object, read with typed errors that name the file: a member of the wrong type or missing
 * is a {@link CorruptInputException}, never a {@code ClassCastException}.
 */
record JsonDoc(Path file, Map<String, Object> root) {

    /** Metadata larger than this is refused: even a million frame times take ~20 MB. */
    static final long MAX_BYTES = 256L << 20;

    /** Reads and parses {@code file}, which must hold one JSON object. */
    static JsonDoc read(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw e;
        }
        if (size > MAX_BYTES) {
            throw new CorruptInputException(file, "metadata of " + size + " bytes, more than the " + MAX_BYTES
                    + " accepted");
        }
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CorruptInputException(file, "metadata are not UTF-8 text");
        }
        return parse(file, text);
    }

    static JsonDoc parse(Path file, String text) throws CorruptInputException {
        Object v;
        try {
            v = Json.parse(text);
        } catch (Json.SyntaxException e) {
            throw new CorruptInputException(file, -1, "not valid JSON: " + e.getMessage(), e);
        }
        if (!(v instanceof Map<?, ?>)) {
            throw new CorruptInputException(file, "metadata must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return new JsonDoc(file, m);
    }

    CorruptInputException corrupt(String message) {
        return new CorruptInputException(file, message);
    }

    boolean has(String key) {
        return root.containsKey(key);
    }

    Object get(String key) {
        return root.get(key);
    }

    JsonDoc object(String key) throws CorruptInputException {
        return of(file, root.get(key), key);
    }

    /** {@code value} as an object, or an error naming {@code what}. */
    static JsonDoc of(Path file, Object value, String what) throws CorruptInputException {
        if (!(value instanceof Map<?, ?>)) {
            throw new CorruptInputException(file, "\"" + what + "\" must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) value;
        return new JsonDoc(file, m);
    }

    String string(String key) throws CorruptInputException {
        Object v = root.get(key);
        if (!(v instanceof String s)) {
            throw corrupt("\"" + key + "\" must be a string, not " + describe(v));
        }
        return s;
    }

    long integer(String key) throws CorruptInputException {
        return integer(file, root.get(key), key);
    }

    static long integer(Path file, Object v, String what) throws CorruptInputException {
        if (v instanceof Long l) {
            return l;
        }
        throw new CorruptInputException(file, "\"" + what + "\" must be an integer, not " + describe(v));
    }

    List<Object> list(String key) throws CorruptInputException {
        return list(file, root.get(key), key);
    }

    static List<Object> list(Path file, Object v, String what) throws CorruptInputException {
        if (!(v instanceof List<?>)) {
            throw new CorruptInputException(file, "\"" + what + "\" must be a list, not " + describe(v));
        }
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) v;
        return l;
    }

    /** A list of non-negative integers that fit an int (a shape; {@code min} 1 for chunk shapes). */
    int[] ints(String key, int min) throws CorruptInputException {
        return ints(file, root.get(key), key, min);
    }

    static int[] ints(Path file, Object v, String what, int min) throws CorruptInputException {
        List<Object> l = list(file, v, what);
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            long x = integer(file, l.get(i), what + "[" + i + "]");
            if (x < min || x > Integer.MAX_VALUE) {
                throw new CorruptInputException(file, "\"" + what + "\"[" + i + "] = " + x + " is outside " + min
                        + ".." + Integer.MAX_VALUE);
            }
            a[i] = (int) x;
        }
        return a;
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        return v.toString();
    }
}
