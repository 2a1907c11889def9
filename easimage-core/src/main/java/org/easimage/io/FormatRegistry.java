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

    private String unknownName(String name) {
        return "no format is called '" + name + "'; known formats: "
                + formats.stream().map(Format::name).collect(Collectors.joining(", "));
    }

    /** The format that should read {@code path}. */
    public Format forInput(Path path, String forcedName) throws IOException {
        AbstractSequenceReader.refuseSpecialFile(path);
        if (forcedName != null) {
            Format f = byName(forcedName).orElseThrow(() -> new UnsupportedFormatException(path,
                    unknownName(forcedName)));
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
            throw new NoSuchFileException(path.toString(), null, "no such file or folder");
        }
        if (Files.isRegularFile(path) && Files.size(path) == 0) {
            throw new CorruptInputException(path, 0, "the file is empty");
        }
        throw new UnsupportedFormatException(path, "no format recognises this input ("
                + String.join("; ", reasons) + ")");
    }

    /** The format that should write {@code path}. */
    public Format forOutput(Path path, String forcedName) throws IOException {
        if (forcedName != null) {
            Format f = byName(forcedName).orElseThrow(() -> new UnsupportedOutputException(path,
                    unknownName(forcedName)));
            if (!f.canWrite()) {
                throw new UnsupportedOutputException(path, "format " + f.name() + " cannot write");
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
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (name.indexOf('%') >= 0) {
                throw new UnsupportedOutputException(path, "'" + name + "' is not a frame-number pattern: give %d "
                        + "or %0Nd once with an image extension, e.g. frames/f_%05d.png");
            }
            String ext = ProbeInput.extensionOf(path);
            throw new UnsupportedOutputException(path, (ext.isEmpty() ? "has no extension, so names no format"
                    : "no format writes ." + ext + " files") + "; name a file with a writable extension ("
                    + writableExtensions() + ") or numbered images with a pattern such as frames/f_%05d.png");
        }
        return best;
    }

    private String writableExtensions() {
        return formats.stream().flatMap(f -> f.writeExtensions().stream())
                .distinct().sorted().collect(Collectors.joining(", "));
    }

    /** Opens {@code path} with the format the options name, or the detected one. */
    public SequenceReader open(Path path, ReadOptions options) throws IOException {
        Format format = forInput(path, options.format());
        try {
            return format.open(path, options);
        } catch (EasimageException | NoSuchFileException e) { // typed already (see SequenceReader)
            throw e;
        } catch (IOException e) { // a plain I/O error still names the file and the format that tried it
            throw new EasimageException(path, "cannot read as " + format.name() + ": " + e, e);
        }
    }

    /**
     * The format that writes {@code path}, once it is known to honour {@code options}: no option of another
     * format, a frame rate within {@link WriteOptions#MIN_FRAME_RATE}..{@link WriteOptions#MAX_FRAME_RATE}, and
     * the format's own {@link Format#checkOptions}. Cheap and without side effects: call it before any work.
     */
    public Format checkWrite(Path path, WriteOptions options) throws IOException {
        Format f = forOutput(path, options.format());
        for (FormatOptions o : options.extras()) {
            if (!f.writeOptionTypes().contains(o.getClass())) {
                String takes = f.writeOptionTypes().stream().map(Class::getSimpleName).sorted()
                        .collect(Collectors.joining(", "));
                throw new UnsupportedOutputException(path, o.getClass().getSimpleName() + " do not apply to the "
                        + f.name() + " format (it takes " + (takes.isEmpty() ? "no format options" : takes) + ")");
            }
        }
        Rational r = options.frameRate();
        if (r != null && (r.compareTo(WriteOptions.MIN_FRAME_RATE) < 0 || r.compareTo(WriteOptions.MAX_FRAME_RATE) > 0)) {
            throw new UnsupportedOutputException(path, "frame rate " + r + " is outside "
                    + WriteOptions.MIN_FRAME_RATE + ".." + WriteOptions.MAX_FRAME_RATE + " frames/s");
        }
        f.checkOptions(path, options);
        return f;
    }

    /** Creates a writer for {@code path}, after {@link #checkWrite} of the options. */
    public SequenceWriter create(Path path, WriteOptions options) throws IOException {
        return checkWrite(path, options).create(path, options);
    }
}
