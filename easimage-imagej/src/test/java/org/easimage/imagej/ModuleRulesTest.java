package org.easimage.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * org.easimage.imagej becomes the module easimage-imagej on easimage-core alone, and its two halves each need only
 * their own library (ij and imglib2 are provided, so a user of one half need not have the other): checked from
 * the import lines.
 */
class ModuleRulesTest {

    private static final Path SRC = Path.of("src/main/java/org/easimage/imagej");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    /** What core offers: the frame model and io (the front door and SPI), never a format, video, OpenCV or CLI. */
    private static final Pattern CORE = Pattern.compile("org\\.easimage\\.(frame|io)\\.[A-Z]\\w*");
    private static final List<String> IMGLIB2_HALF = List.of("SequenceImg.java", "ImgSequenceReader.java");
    private static final List<String> SHARED = List.of("FrameCache.java");

    @Test
    void onlyCoreAndEachHalfItsOwnLibrary() throws IOException {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.list(SRC)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = p.getFileName().toString();
                Matcher m = IMPORT.matcher(Files.readString(p));
                while (m.find()) {
                    String imported = m.group(1);
                    boolean ok;
                    if (imported.startsWith("java.")) {
                        ok = true;
                    } else if (imported.startsWith("org.easimage.")) {
                        ok = CORE.matcher(imported).matches();
                    } else if (imported.startsWith("net.imglib2.")) {
                        ok = IMGLIB2_HALF.contains(name);
                    } else if (imported.startsWith("ij.")) {
                        ok = !IMGLIB2_HALF.contains(name) && !SHARED.contains(name);
                    } else {
                        ok = false;
                    }
                    if (!ok) {
                        wrong.add(name + " imports " + imported);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
