package org.easimage.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of the source tree, checked from the import lines of every module: data flows one way
 * (cli → pipeline → io, transform → frame), every format package is its own room, and native code
 * ({@code org.bytedeco}) appears only in the modules made for it, so {@code easimage-core} stays pure Java.
 */
class PackageRulesTest {

    /** The repository root: tests run in easimage-cli. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?((?:org\\.easimage|org\\.bytedeco)"
            + "\\.[\\w.*]+)\\s*;", Pattern.MULTILINE);

    /** What each module's main code may import beyond easimage-core (which may import nothing native). */
    private static final Map<String, List<String>> MODULE_MAY_USE = Map.of(
            "easimage-core", List.of(),
            "easimage-video", List.of("org.bytedeco.ffmpeg", "org.bytedeco.javacpp"),
            "easimage-opencv", List.of("org.bytedeco.opencv", "org.bytedeco.javacpp", "org.bytedeco.openblas"),
            "easimage-zarr", List.of(),
            "easimage-compose", List.of(), // pure Java: a mosaic of .seq files needs no native library
            "easimage-cli", List.of("org.bytedeco", "org.easimage"));

    record Use(String module, String fromPackage, String file, String imported) {
    }

    private static List<Use> uses() throws IOException {
        List<Use> out = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path m : modules.filter(p -> p.getFileName().toString().startsWith("easimage-")).toList()) {
                Path src = m.resolve("src/main/java");
                if (!Files.isDirectory(src)) {
                    continue;
                }
                try (Stream<Path> s = Files.walk(src)) {
                    for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                        String pkg = src.relativize(p.getParent()).toString().replace('/', '.');
                        Matcher mt = IMPORT.matcher(Files.readString(p));
                        while (mt.find()) {
                            out.add(new Use(m.getFileName().toString(), pkg, p.getFileName().toString(), mt.group(1)));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String packageOf(String imported) {
        String[] parts = imported.split("\\.");
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (part.equals("*") || !part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                break;
            }
            sb.append(sb.length() == 0 ? "" : ".").append(part);
        }
        return sb.toString();
    }

    /** Package layering inside the easimage code. */
    private static boolean allowed(String from, String to) {
        if (to.equals(from) || !to.startsWith("org.easimage")) {
            return true;
        }
        String frame = "org.easimage.frame";
        String io = "org.easimage.io";
        String transform = "org.easimage.transform";
        if (from.equals(frame)) {
            return false;
        }
        if (from.startsWith(transform) || from.equals("org.easimage.opencv")) {
            return to.equals(frame) || to.startsWith(transform);
        }
        if (from.equals(io)) {
            return to.equals(frame);
        }
        if (from.startsWith(io + ".") || from.equals("org.easimage.zarr")) {
            return to.equals(frame) || to.equals(io); // never another format package
        }
        if (from.equals("org.easimage.pipeline")) {
            return to.equals(frame) || to.equals(io) || to.startsWith(transform);
        }
        if (from.equals("org.easimage.compose")) {
            // composition sits on frames, readers and the pure-Java transforms, never on the converter or the CLI
            return to.equals(frame) || to.equals(io) || to.equals(transform);
        }
        return true; // the command line may use everything
    }

    /** Module boundaries: native code and other modules' packages only where the module says. */
    private static boolean moduleAllows(String module, String imported) {
        boolean core = imported.startsWith("org.easimage.frame") || imported.startsWith("org.easimage.pipeline")
                || imported.startsWith("org.easimage.transform")
                || imported.startsWith("org.easimage.io") && !imported.startsWith("org.easimage.io.video");
        if (core) {
            return true;
        }
        if (imported.startsWith("org.easimage.") && module.endsWith(packageModule(imported))) {
            return true;
        }
        return MODULE_MAY_USE.getOrDefault(module, List.of()).stream().anyMatch(imported::startsWith);
    }

    private static String packageModule(String imported) {
        return imported.startsWith("org.easimage.io.video") ? "video" : imported.split("\\.")[2];
    }

    @Test
    void dependenciesFlowOneWayAndFormatsStayApart() throws IOException {
        List<Use> all = uses();
        assertTrue(all.size() > 100, "the scan must find the project's imports");
        assertTrue(all.stream().anyMatch(u -> u.module().equals("easimage-core")), "the scan must see easimage-core");
        assertTrue(all.stream().anyMatch(u -> u.module().equals("easimage-compose")),
                "the scan must see easimage-compose");
        List<String> broken = all.stream().filter(u -> !allowed(u.fromPackage(), packageOf(u.imported())))
                .map(u -> u.fromPackage() + "/" + u.file() + " imports " + u.imported()).toList();
        assertEquals(List.of(), broken);
    }

    /**
     * easimage-zarr is easimage-core plus its own codecs: no FFmpeg/OpenCV binding, not even a fully qualified
     * name that the import scan would miss.
     */
    @Test
    void zarrUsesNoNativeVideoBinding() throws IOException {
        Path zarr = ROOT.resolve("easimage-zarr/src/main/java/org/easimage/zarr");
        try (Stream<Path> s = Files.list(zarr)) {
            List<Path> files = s.toList();
            assertTrue(files.size() > 5, "the scan must see the zarr package in " + zarr);
            for (Path p : files) {
                assertTrue(!Files.readString(p).contains("org.bytedeco"), p + " refers to org.bytedeco");
            }
        }
    }

    @Test
    void nativeCodeAndOtherModulesOnlyWhereTheModuleSays() throws IOException {
        List<String> broken = uses().stream().filter(u -> !moduleAllows(u.module(), u.imported()))
                .map(u -> u.module() + ": " + u.fromPackage() + "/" + u.file() + " imports " + u.imported()).toList();
        assertEquals(List.of(), broken);
    }
}
