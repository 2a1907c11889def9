package org.easimage.io.hiris;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.easimage.io.CorruptInputException;
import org.easimage.io.NaturalOrder;
import org.easimage.io.ReadOptions;
import org.easimage.io.TruncatedInputException;
import org.easimage.io.TruncationPolicy;

/**
 * The {@code .bin} files that hold a HIRIS sequence's frames, exactly as its settings name and count them, so a
 * recording never reads another recording's frames ({@code run.seq} never takes {@code run2.bin}).
 *
 * <p>Which files: {@code Bin File} names them. A value ending in {@code .bin} is the one frame file (easimage's
 * writer); any other value is a prefix followed by a file number ({@code Bin File=run_} means {@code run_00000.bin},
 * {@code run_00001.bin}, ..., the naming public readers of R&D Vision files assume), numbered without gaps from 0 or 1.
 * Only the file name part of the value counts and the files are looked for beside the {@code .seq} (a recording
 * is moved after acquisition; {@code Bin directory} is the acquisition machine's path). Without {@code Bin File}
 * the frame files are {@code <base>.bin} and {@code <base>[_-]<number>.bin}, minus any that a {@code .seq} with a
 * longer base name beside it claims ({@code run2.bin} is {@code run2.seq}'s).
 *
 * <p>How many: {@code Number of files} is read both ways it is written, as the number of frame files (easimage's
 * writer) or as the number of images (as public readers of R&D Vision's {@code .sqb} index take it): the set is
 * complete when either matches. Files beyond
 * the count are ignored with a warning; fewer files (a missing one, or a gap in the numbering) is a
 * {@link TruncatedInputException} under {@link TruncationPolicy#STRICT}, and under {@code SALVAGE} the frames of
 * the files before the first missing one, with a warning.
 */
final class HirisBins {

    /** One frame file and the number of whole frames it holds. */
    record Bin(Path path, long frames) {
    }

    private static final Pattern BIN = Pattern.compile("(?i).*\\.bin");

    private HirisBins() {
    }

    /** The frame files of {@code seq}, in frame order. */
    static List<Bin> resolve(Path seq, HirisSettings settings, long frameBytes, ReadOptions options)
            throws IOException {
        Path dir = seq.toAbsolutePath().getParent();
        Optional<String> named = settings.get("Bin File").map(HirisBins::fileName).filter(n -> !n.isEmpty());
        List<Path> files;
        List<Path> afterGap = List.of();
        if (named.isPresent() && BIN.matcher(named.get()).matches()) {
            Path f = resolve(seq, dir, named.get());
            if (!Files.isRegularFile(f)) {
                throw new CorruptInputException(seq, "its frame file " + named.get() + " (key 'Bin File') is"
                        + " missing beside it");
            }
            files = List.of(f);
        } else if (named.isPresent()) {
            Numbered n = numbered(seq, dir, named.get());
            files = n.files;
            afterGap = n.afterGap;
            if (files.isEmpty()) {
                throw new CorruptInputException(seq, "no frame file: the settings name " + named.get()
                        + "<number>.bin (key 'Bin File') and none is beside it");
            }
        } else {
            files = byBaseName(seq, dir);
            if (files.isEmpty()) {
                String base = HirisReader.baseName(seq);
                throw new CorruptInputException(seq, "no frame file: expected " + base + ".bin or " + base
                        + "_<number>.bin beside it");
            }
        }
        List<Bin> bins = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            long len = Files.size(f);
            if (len % frameBytes != 0) {
                options.warnings().accept(seq + ": " + f.getFileName() + " ends with a partial frame ("
                        + len % frameBytes + " of " + frameBytes + " bytes), which is ignored");
            }
            bins.add(new Bin(f, len / frameBytes));
            total += len / frameBytes;
        }
        return counted(seq, settings, bins, total, afterGap, options);
    }

    /** Applies {@code Number of files} (and a gap in the numbering) to the files found. */
    private static List<Bin> counted(Path seq, HirisSettings settings, List<Bin> bins, long total,
            List<Path> afterGap, ReadOptions options) throws TruncatedInputException {
        Optional<String> text = settings.get("Number of files");
        long declared = -1;
        if (text.isPresent()) {
            try {
                declared = Long.parseLong(text.get().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
            if (declared <= 0) {
                options.warnings().accept(seq + ": ignoring 'Number of files' = '" + text.get()
                        + "', not a positive number");
                declared = -1;
            }
        }
        List<Bin> out = bins;
        if (declared > 0 && bins.size() > declared && total != declared) {
            out = List.copyOf(bins.subList(0, (int) declared));
            total = out.stream().mapToLong(Bin::frames).sum();
            options.warnings().accept(seq + ": the settings count " + declared + " frame file(s); ignoring "
                    + names(bins.subList((int) declared, bins.size()).stream().map(Bin::path).toList()));
        }
        String missing = null;
        if (declared > 0 ? out.size() < declared && total != declared : !afterGap.isEmpty()) {
            missing = declared > 0
                    ? "the settings count " + declared + " files ('Number of files') but only " + out.size()
                    + " frame file(s) holding " + total + " frame(s) are present (" + names(out.stream()
                    .map(Bin::path).toList()) + ")"
                    : "a frame file is missing after " + out.get(out.size() - 1).path().getFileName();
        }
        if (missing == null && !afterGap.isEmpty()) {
            options.warnings().accept(seq + ": ignoring " + names(afterGap) + ", numbered after a gap");
        }
        if (missing != null) {
            if (options.truncation() == TruncationPolicy.STRICT) {
                throw new TruncatedInputException(seq, -1, (int) Math.min(Integer.MAX_VALUE, total), missing
                        + " (--salvage reads the frames present)");
            }
            options.warnings().accept(seq + ": " + missing + "; reading the " + total + " frame(s) present");
        }
        return out;
    }

    private static Path resolve(Path seq, Path dir, String name) throws CorruptInputException {
        try {
            return dir.resolve(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new CorruptInputException(seq, "the frame file name '" + name + "' (key 'Bin File') is not a"
                    + " valid file name");
        }
    }

    private record Numbered(List<Path> files, List<Path> afterGap) {
    }

    /** {@code <prefix><number>.bin}, in number order, up to the first gap. */
    private static Numbered numbered(Path seq, Path dir, String prefix) throws IOException {
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "([0-9]{1,18})\\.(?i:bin)");
        List<Path> found = list(dir, name -> p.matcher(name).matches());
        found.sort(Comparator.comparingLong((Path f) -> number(p, f)).thenComparing(Path::toString));
        List<Path> out = new ArrayList<>();
        long expect = found.isEmpty() ? 0 : Math.min(1, number(p, found.get(0)));
        for (Path f : found) {
            long n = number(p, f);
            if (n != expect) {
                if (!out.isEmpty() && n == expect - 1) {
                    throw new CorruptInputException(seq, "two frame files have number " + n + ": "
                            + out.get(out.size() - 1).getFileName() + " and " + f.getFileName());
                }
                if (out.isEmpty()) {
                    throw new CorruptInputException(seq, "the first frame file " + prefix + (expect == 0 ? "0" : "1")
                            + "... is missing (the lowest number present is " + n + ")");
                }
                return new Numbered(out, found.subList(out.size(), found.size()));
            }
            out.add(f);
            expect++;
        }
        return new Numbered(out, List.of());
    }

    private static long number(Pattern p, Path f) {
        Matcher m = p.matcher(f.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Without {@code Bin File}: {@code <base>.bin} and {@code <base>[_-]<number>.bin} no longer base claims. */
    private static List<Path> byBaseName(Path seq, Path dir) throws IOException {
        String base = HirisReader.baseName(seq);
        List<String> others = new ArrayList<>();
        for (Path s : list(dir, name -> name.toLowerCase(Locale.ROOT).endsWith(".seq"))) {
            String b = HirisReader.baseName(s);
            if (b.length() > base.length() && b.startsWith(base)) {
                others.add(b);
            }
        }
        List<Path> out = list(dir, name -> ownBin(base, name) && others.stream().noneMatch(o -> ownBin(o, name)));
        out.sort((a, b) -> NaturalOrder.compare(a.getFileName().toString(), b.getFileName().toString()));
        return out;
    }

    private static boolean ownBin(String base, String name) {
        if (!name.startsWith(base)) {
            return false;
        }
        return name.substring(base.length()).matches("([_-]?[0-9]{1,18})?\\.(?i:bin)");
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<String> accept) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path f : ds) {
                if (accept.test(f.getFileName().toString()) && Files.isRegularFile(f)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** The last name of a path written on any system ({@code C:\data\run.bin} gives {@code run.bin}). */
    private static String fileName(String value) {
        String v = value.strip();
        return v.substring(Math.max(v.lastIndexOf('/'), v.lastIndexOf('\\')) + 1);
    }

    private static String names(List<Path> files) {
        StringBuilder b = new StringBuilder();
        for (Path f : files) {
            b.append(b.length() == 0 ? "" : ", ").append(f.getFileName());
        }
        return b.toString();
    }
}
