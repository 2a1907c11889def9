package org.easimage.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The formats found through {@link ServiceLoader}, and the rules that pick one for a path: an explicit name
 * first; else the content (magic bytes) of an existing input; else its extension (case-insensitive). When none
 * fits, the error lists every format and what it objected to.
 */
public final class FormatRegistry {

    private static final FormatRegistry DEFAULT = new FormatRegistry(
            ServiceLoader.load(Format.class, FormatRegistry.class.getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get).toList());

    private final List<Format> formats;

    /** A registry over the given formats (tests use this to isolate one format). */
    public FormatRegistry(List<Format> formats) {
        List<Format> l = new ArrayList<>(formats);
        l.sort(Comparator.comparingInt(Format::priority).reversed().thenComparing(Format::name));
        this.formats = List.copyOf(l);
    }

    /** The registry of every format on the class path. */
    public static FormatRegistry getDefault() {
        return DEFAULT;
    }

    /** All formats, highest priority first. */
    public List<Format> formats() {
        return formats;
    }

    /** The format called {@code name}, if registered. */
    public Optional<Format> byName(String name) {
        return formats.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }

    private Format named(Path path, String name) throws UnsupportedFormatException {
        return byName(name).orElseThrow(() -> new UnsupportedFormatException(path,
                "no format is called '" + name + "'; known formats: "
                        + formats.stream().map(Format::name).collect(Collectors.joining(", "))));
    }

    /** The format that should read {@code path}. */
    public Format forInput(Path path, String forcedName) throws IOException {
        if (forcedName != null) {
            Format f = named(path, forcedName);
            if (!f.canRead()) {
                throw new UnsupportedFormatException(path, "format " + f.name() + " cannot read");
            }
            return f;
        }
        ProbeInput in = ProbeInput.of(path);
        Format best = null;
        Format.Confidence bestConfidence = Format.Confidence.NO;
        List<String> reasons = new ArrayList<>();
        for (Format f : formats) {
            if (!f.canRead()) {
                continue;
            }
            Format.Probe p;
            try {
                p = f.probe(in);
            } catch (RuntimeException e) {
                p = Format.Probe.no("probe failed: " + e);
            }
            if (p.confidence().compareTo(bestConfidence) > 0) {
                best = f;
                bestConfidence = p.confidence();
            }
            if (p.confidence() == Format.Confidence.NO) {
                reasons.add(f.name() + ": " + p.reason());
            }
        }
        if (best != null) {
            return best;
        }
        if (!in.exists()) {
            throw new NoSuchFileException(path.toString(), null, "no such file or directory");
        }
        if (Files.isRegularFile(path) && Files.size(path) == 0) {
            throw new CorruptInputException(path, 0, "file is empty");
        }
        throw new UnsupportedFormatException(path, "no format recognises this input ("
                + String.join("; ", reasons) + ")");
    }

    /** The format that should write {@code path}. */
    public Format forOutput(Path path, String forcedName) throws IOException {
        if (forcedName != null) {
            Format f = named(path, forcedName);
            if (!f.canWrite()) {
                throw new UnsupportedFormatException(path, "format " + f.name() + " cannot write");
            }
            return f;
        }
        Format best = null;
        Format.Confidence bestConfidence = Format.Confidence.NO;
        for (Format f : formats) {
            if (!f.canWrite()) {
                continue;
            }
            Format.Probe p = f.probeOutput(path);
            if (p.confidence().compareTo(bestConfidence) > 0) {
                best = f;
                bestConfidence = p.confidence();
            }
        }
        if (best == null) {
            throw new UnsupportedFormatException(path, "no format writes ." + ProbeInput.extensionOf(path)
                    + " files; writable extensions: " + writableExtensions());
        }
        return best;
    }

    private String writableExtensions() {
        return formats.stream().filter(Format::canWrite).flatMap(f -> f.extensions().stream())
                .distinct().sorted().collect(Collectors.joining(", "));
    }

    /** Opens {@code path} with the format the options name, or the detected one. */
    public SequenceReader open(Path path, ReadOptions options) throws IOException {
        Format format = forInput(path, options.format());
        try {
            return format.open(path, options);
        } catch (EasimageException e) {
            throw e;
        } catch (IOException e) { // a plain I/O error still names the file and the format that tried it
            throw new EasimageException(path, "cannot read as " + format.name() + ": " + e, e);
        }
    }

    /** Creates a writer for {@code path} with the format the options name, or the one its extension implies. */
    public SequenceWriter create(Path path, WriteOptions options) throws IOException {
        return forOutput(path, options.format()).create(path, options);
    }
}
