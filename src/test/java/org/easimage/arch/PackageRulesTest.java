package org.easimage.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The layering rules of the source tree, checked from the import lines: data flows one way
 * (cli → pipeline → io, transform → frame), and every format package is its own room.
 */
class PackageRulesTest {

    private static final Path SRC = Path.of("src/main/java");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(org\\.easimage\\.[\\w.]+)\\s*;",
            Pattern.MULTILINE);

    record Use(String fromPackage, String file, String imported) {
    }

    private static List<Use> uses() throws IOException {
        List<Use> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(SRC)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SRC.relativize(p.getParent()).toString().replace('/', '.');
                Matcher m = IMPORT.matcher(Files.readString(p));
                while (m.find()) {
                    out.add(new Use(pkg, p.getFileName().toString(), m.group(1)));
                }
            }
        }
        return out;
    }

    private static String packageOf(String imported) {
        String[] parts = imported.split("\\.");
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                break;
            }
            sb.append(sb.length() == 0 ? "" : ".").append(part);
        }
        return sb.toString();
    }

    private static boolean allowed(String from, String to) {
        if (to.equals(from)) {
            return true;
        }
        String frame = "org.easimage.frame";
        String io = "org.easimage.io";
        if (from.equals(frame)) {
            return false;
        }
        if (from.startsWith("org.easimage.transform")) {
            return to.equals(frame) || to.startsWith("org.easimage.transform");
        }
        if (from.equals(io)) {
            return to.equals(frame);
        }
        if (from.startsWith(io + ".")) {
            return to.equals(frame) || to.equals(io); // never another format package
        }
        if (from.equals("org.easimage.pipeline")) {
            return to.equals(frame) || to.equals(io) || to.startsWith("org.easimage.transform");
        }
        return true; // cli and compose may use everything
    }

    @Test
    void dependenciesFlowOneWayAndFormatsStayApart() throws IOException {
        List<Use> all = uses();
        assertTrue(all.size() > 20, "the scan must find the project's imports");
        List<String> broken = all.stream().filter(u -> !allowed(u.fromPackage(), packageOf(u.imported())))
                .map(u -> u.fromPackage() + "/" + u.file() + " imports " + u.imported()).toList();
        assertEquals(List.of(), broken);
    }
}
