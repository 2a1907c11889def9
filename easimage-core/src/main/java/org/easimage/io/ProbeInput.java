package org.easimage.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a format looks at to recognise an input: its path, whether it exists and is a directory, its lower-case
 * extension, and up to {@link #HEAD_BYTES} bytes from its start.
 */
public record ProbeInput(Path path, boolean exists, boolean directory, String extension, byte[] head) {

    public static final int HEAD_BYTES = 64 * 1024;

    /** Gathers the probe input for {@code path}; unreadable files give an empty head. */
    public static ProbeInput of(Path path) {
        boolean exists = Files.exists(path);
        boolean dir = exists && Files.isDirectory(path);
        byte[] head = new byte[0];
        if (exists && !dir && Files.isRegularFile(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                head = in.readNBytes(HEAD_BYTES);
            } catch (IOException e) {
                head = new byte[0];
            }
        }
        return new ProbeInput(path, exists, dir, extensionOf(path), head);
    }

    /** Lower-case extension of the file name without the dot, or "" when it has none. */
    public static String extensionOf(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return "";
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        return dot <= 0 ? "" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** True when the head starts with {@code magic} at {@code offset}. */
    public boolean startsWith(int offset, byte[] magic) {
        return head.length >= offset + magic.length
                && Arrays.equals(head, offset, offset + magic.length, magic, 0, magic.length);
    }
}
