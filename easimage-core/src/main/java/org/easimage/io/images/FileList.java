package org.easimage.io.images;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.easimage.io.AbstractSequenceReader;
import org.easimage.io.NaturalOrder;
import org.easimage.io.ProbeInput;
import org.easimage.io.UnsupportedFormatException;

/** Turns a folder, a glob ({@code dir/T76*.png}) or a printf pattern ({@code dir/frame_%05d.png}) into files. */
final class FileList {

    /** {@code %d}, {@code %5d} or {@code %05d} in a file name. */
    static final Pattern PRINTF = Pattern.compile("%(0?)(\\d{0,2})d");

    private FileList() {
    }

    static boolean isPrintf(String name) {
        Matcher m = PRINTF.matcher(name);
        return m.find() && !m.find();
    }

    static boolean isGlob(String name) {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0;
    }

    static boolean isSupported(Path p) {
        return ImageFileType.ofExtension(ProbeInput.extensionOf(p)) != null;
    }

    /**
     * The image files of {@code path}, in frame order; fails as every reader does (see SequenceReader): nothing
     * there or nothing matching: {@link NoSuchFileException}; a folder without images or a special file:
     * {@link UnsupportedFormatException}.
     */
    static List<Path> resolve(Path path) throws IOException {
        AbstractSequenceReader.refuseSpecialFile(path);
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
                for (Path p : ds) {
                    if (isSupported(p) && Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                        files.add(p);
                    }
                }
            }
            files.sort(Comparator.comparing((Path p) -> p.getFileName().toString(), NaturalOrder::compare));
            if (files.isEmpty()) {
                throw new UnsupportedFormatException(path, "the folder holds no png, jpg, jpeg, tif, tiff or bmp"
                        + " file");
            }
            return files;
        }
        Path name = path.getFileName();
        Path parent = path.toAbsolutePath().getParent();
        if (name == null || parent == null || !Files.isDirectory(parent)) {
            throw new NoSuchFileException(path.toString(), null, "no such file or folder");
        }
        String n = name.toString();
        if (isPrintf(n)) {
            Matcher m = PRINTF.matcher(n);
            m.find();
            Pattern re = Pattern.compile(Pattern.quote(n.substring(0, m.start())) + "(\\d+)"
                    + Pattern.quote(n.substring(m.end())));
            int width = m.group(2).isEmpty() ? 1 : Integer.parseInt(m.group(2));
            boolean zero = !m.group(1).isEmpty();
            List<long[]> numbered = new ArrayList<>();
            List<Path> byIndex = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
                for (Path p : ds) {
                    Matcher fm = re.matcher(p.getFileName().toString());
                    if (fm.matches() && fm.group(1).length() <= 18 && (!zero || fm.group(1).length() >= width)
                            && Files.isRegularFile(p)) {
                        numbered.add(new long[] {Long.parseLong(fm.group(1)), byIndex.size()});
                        byIndex.add(p);
                    }
                }
            }
            numbered.sort(Comparator.comparingLong(a -> a[0]));
            for (long[] e : numbered) {
                files.add(byIndex.get((int) e[1]));
            }
        } else if (isGlob(n)) {
            PathMatcher pm = FileSystems.getDefault().getPathMatcher("glob:" + n);
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
                for (Path p : ds) {
                    if (pm.matches(p.getFileName()) && isSupported(p) && Files.isRegularFile(p)) {
                        files.add(p);
                    }
                }
            }
            files.sort(Comparator.comparing((Path p) -> p.getFileName().toString(), NaturalOrder::compare));
        } else if (Files.isRegularFile(path)) {
            files.add(path);
        } else {
            throw new NoSuchFileException(path.toString(), null, "no such file or folder");
        }
        if (files.isEmpty()) {
            throw new NoSuchFileException(path.toString(), null, "no image file matches the pattern");
        }
        return files;
    }
}
