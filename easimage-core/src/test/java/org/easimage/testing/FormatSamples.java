package org.easimage.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.Format;
import org.easimage.io.FormatRegistry;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.io.WriteOptions;

/**
 * The inputs the format kit ({@link FormatContractSuite}) runs over: the formats a module registers, sequences each
 * format's own writer makes, and the real samples of {@code ../shared/data} those formats read.
 */
public final class FormatSamples {

    /** The first frame's timestamp of written samples: formats that store dates get one to keep. */
    public static final Instant T0 = Instant.parse("2024-05-06T07:08:09.123456Z");

    private static final String SERVICE = "META-INF/services/" + Format.class.getName();

    /**
     * One input: the path to open, the format it is a sample of, where it came from, and the options it is read
     * with (a raw file states nothing about itself: its size and pixel format are given).
     */
    public record Sample(Format format, Path path, String label, boolean real, org.easimage.io.ReadOptions options) {

        public Sample(Format format, Path path, String label, boolean real) {
            this(format, path, label, real, org.easimage.io.ReadOptions.defaults().withWarnings(w -> { }));
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private FormatSamples() {
    }

    /**
     * The formats the module under test registers: those named by the {@code META-INF/services} file of the
     * classes under the current directory (surefire runs a module's tests in its own folder), as the default
     * registry instantiated them. Other modules' formats on the class path are not this module's to test.
     */
    public static List<Format> ofThisModule() {
        Path here = Path.of("").toAbsolutePath();
        Set<String> names = new LinkedHashSet<>();
        try {
            for (URL url : Collections.list(FormatSamples.class.getClassLoader().getResources(SERVICE))) {
                if (!"file".equals(url.getProtocol()) || !Path.of(url.toURI()).startsWith(here)) {
                    continue;
                }
                try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(),
                        StandardCharsets.UTF_8))) {
                    in.lines().map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no " + SERVICE + " under " + here + ": run the kit from a module that "
                    + "registers formats");
        }
        return FormatRegistry.getDefault().formats().stream().filter(f -> names.contains(f.getClass().getName()))
                .toList();
    }

    /**
     * One short sequence per pixel type {@code format} writes (5 frames of 13x7 with times 1/25 s apart and
     * timestamps from {@link #T0}), each written into its own folder under {@code dir} with the first of the
     * format's extensions that takes those frames. Empty for a format that does not write.
     */
    public static List<Sample> written(Format format, Path dir) throws IOException {
        List<Sample> out = new ArrayList<>();
        if (!format.canWrite()) {
            return out;
        }
        for (PixelType type : EnumSet.copyOf(format.writablePixelTypes())) {
            String label = format.name() + " " + type.name().toLowerCase(java.util.Locale.ROOT) + " (written)";
            Path folder = Files.createDirectories(dir.resolve(format.name() + "-" + type.name()));
            Path dest = destination(format, folder, FrameSpec.of(13, 7, type));
            if (dest == null) {
                continue; // no extension takes this type alone (e.g. a codec needs an option): not a default sample
            }
            List<Frame> frames = new ArrayList<>();
            for (Frame f : TestSequences.synthetic("synthetic:13x7:" + type.name() + ":5:25")) {
                frames.add(f.withTimestamp(T0.plus(f.time().orElseThrow())));
            }
            TestSequences.write(format, dest, frames, quiet());
            org.easimage.io.ReadOptions read = org.easimage.io.ReadOptions.defaults().withWarnings(w -> { });
            if (format.name().equals(org.easimage.io.raw.RawFormat.NAME)) {
                read = read.with(new org.easimage.io.raw.RawReadOptions(13, 7,
                        org.easimage.io.raw.RawPixelFormat.of(type), java.util.Optional.empty()));
            }
            out.add(new Sample(format, TestSequences.published(dest), label, false, read));
        }
        return out;
    }

    private static Path destination(Format format, Path folder, FrameSpec spec) {
        for (String ext : format.extensions().isEmpty() ? List.of("") : format.extensions()) {
            Path dest = TestSequences.destination(format, folder, "sample", ext);
            try {
                format.checkFrames(dest, spec, quiet());
                return dest;
            } catch (UnsupportedOutputException e) {
                // try the next extension
            }
        }
        return null;
    }

    /**
     * The real samples of {@code ../shared/data} that one of {@code formats} reads (by detection, as a user's
     * file would be): every file but the README, and every folder under {@code images/} (a sequence of image
     * files). Empty when the folder is absent.
     */
    public static List<Sample> shared(List<Format> formats) throws IOException {
        Path root = SharedData.root();
        List<Sample> out = new ArrayList<>();
        if (root == null) {
            return out;
        }
        List<Path> candidates;
        try (Stream<Path> s = Files.walk(root)) {
            candidates = s.filter(p -> {
                Path rel = root.relativize(p);
                boolean inImages = rel.getNameCount() > 1 && rel.startsWith("images");
                return Files.isRegularFile(p) ? !inImages && !rel.toString().endsWith(".md")
                        : inImages && rel.getNameCount() == 2;
            }).sorted().toList();
        }
        for (Path p : candidates) {
            Format f;
            try {
                f = FormatRegistry.getDefault().forInput(p, null);
            } catch (IOException e) {
                continue; // read by a format of another module
            }
            if (formats.contains(f)) {
                out.add(new Sample(f, p, f.name() + " " + root.relativize(p) + " (shared)", true));
            }
        }
        return out;
    }

    /** Write options that keep warnings off the test output. */
    public static WriteOptions quiet() {
        return WriteOptions.defaults().withWarnings(w -> { });
    }
}
