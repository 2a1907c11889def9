package org.easimage.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writing the output failed (disk full, file too large, permission, encoder error); nothing was published. */
public class OutputWriteException extends EasimageException {
    public OutputWriteException(Path path, String message, Throwable cause) {
        super(path, message, cause);
    }

    /**
     * The messages of {@code e} and its causes, joined with ": ", so that a wrapper's vague text (ImageIO's
     * "I/O error writing PNG file!") keeps the system's reason ("No space left on device", "File too large").
     */
    public static String reasons(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 8; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null || m.isBlank()) {
                m = t.getClass().getSimpleName();
            }
            String last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
            if (last == null || !last.contains(m)) {
                parts.add(m);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return String.join(": ", parts);
    }
}
