package org.easimage.io.images;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.AtomicOutput;
import org.easimage.io.Format;
import org.easimage.io.FormatOptions;
import org.easimage.io.OutputExistsException;
import org.easimage.io.ProbeInput;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.io.WriteOptions;

/**
 * A folder of image files (png, jpg/jpeg, tif/tiff, bmp), one frame per file.
 *
 * <p><b>Reading</b> accepts: a directory (every file with a supported extension, case-insensitive, hidden files
 * skipped, in natural order: {@code f2} before {@code f10}); a glob in the last path component
 * ({@code dir/T76*.png}); a printf pattern ({@code dir/frame_%05d.png}, ordered by number); or a single image
 * file (a one-frame sequence). All files must have one size and pixel type (checked from headers at open; a file
 * that differs or does not decode fails the open naming it). 8-bit gray gives GRAY8, 16-bit PNG/TIFF GRAY16 or
 * RGB48, palette images RGB24 (RGBA32 with a transparent palette entry), alpha stays RGBA32. No timestamps, no
 * frame rate. Multi-page TIFF files in a folder contribute their first page only.
 *
 * <p><b>Writing</b> puts numbered files into a folder, created if needed. The files appear together when the job
 * succeeds (a new folder appears whole); the folder may already hold other files, which are never touched. A
 * file of the set that exists already is refused before any frame is encoded unless {@code Overwrite.REPLACE},
 * which replaces exactly the files of the set; older files of the same naming beyond the new last frame are
 * left alone, with a warning:
 * <ul>
 * <li>{@code out/frame_%05d.png}: a printf pattern; the directory is {@code out}, the files
 * {@code frame_00000.png}, {@code frame_00001.png}, ...; the pattern's extension gives the file type and its
 * width the zero padding ({@code %d} = no padding);</li>
 * <li>{@code frame.png} (an image extension, no pattern): that one file; the output must be a single frame;</li>
 * <li>any other path (typically without extension, e.g. {@code out/frames}): that path is the directory, files
 * {@code frame_000000.png}... with the type and padding of {@link ImagesWriteOptions} (default PNG, 6 digits:
 * the frame count is unknown while streaming, and 6 digits keep the names sortable up to a million frames).</li>
 * </ul>
 * {@link #probeOutput} answers CONTENT for a {@code %0Nd} pattern (so {@code frames/f_%04d.tif} is a folder of
 * TIFFs while {@code stack.tif} is a multi-page TIFF), EXTENSION for one .png, .jpg or .bmp file, and NO for a
 * path without extension (a folder is written only when the format is named). JPEG quality
 * comes from {@code WriteOptions.quality()} (default 90). JPEG holds only GRAY8/RGB24 and BMP only RGB24; 16-bit
 * frames are rejected with a message suggesting png or tif.
 */
public final class ImagesFormat implements Format {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    /** Extensions of raw Motion JPEG streams: JPEG content, but many frames (the video format reads them). */
    private static final Set<String> MOTION_JPEG = Set.of("mjpeg", "mjpg");
    private static final byte[] BMP = {'B', 'M'};

    @Override
    public String name() {
        return "images";
    }

    @Override
    public String description() {
        return "folder, glob or %0Nd pattern of png/jpg/tif/bmp files";
    }

    @Override
    public List<String> extensions() {
        return List.of("png", "jpg", "jpeg", "tif", "tiff", "bmp");
    }

    @Override
    public Probe probe(ProbeInput input) {
        try {
            Path p = input.path();
            if (input.directory()) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                    for (Path f : ds) {
                        if (FileList.isSupported(f) && Files.isRegularFile(f)) {
                            return Probe.content();
                        }
                    }
                }
                return Probe.no("the folder holds no supported image file");
            }
            Path name = p.getFileName();
            if (!input.exists() && name != null) {
                String n = name.toString();
                Path parent = p.toAbsolutePath().getParent();
                if ((FileList.isPrintf(n) || FileList.isGlob(n)) && parent != null && Files.isDirectory(parent)) {
                    return Probe.content();
                }
                return Probe.no("no such file");
            }
            if (input.startsWith(0, JPEG) && MOTION_JPEG.contains(input.extension())) {
                return Probe.no("a Motion JPEG stream (JPEG images one after another) is a video, not one image");
            }
            if (input.startsWith(0, PNG) || input.startsWith(0, JPEG) || input.startsWith(0, BMP)) {
                return Probe.content();
            }
            return extensions().contains(input.extension()) ? Probe.extension() : Probe.no("not an image file");
        } catch (IOException | RuntimeException e) {
            return Probe.no("cannot inspect: " + e.getMessage());
        }
    }

    /**
     * CONTENT for a {@code %0Nd} pattern; EXTENSION for one PNG, JPEG or BMP file ({@code frame.png}: a single
     * image; a single TIFF is the {@code tiff} format's); NO for anything else, a path without extension included
     * (a plain folder is written only when this format is asked for by name).
     */
    @Override
    public Probe probeOutput(Path path) {
        Path name = path.getFileName();
        if (name != null && FileList.isPrintf(name.toString())) {
            return Probe.content();
        }
        if (name != null && name.toString().indexOf('%') >= 0) {
            return Probe.no("'" + name + "' is not a frame-number pattern (give %d or %0Nd once, e.g. f_%05d.png)");
        }
        ImageFileType single = ImageFileType.ofExtension(ProbeInput.extensionOf(path));
        if (single != null && single != ImageFileType.TIFF) {
            return Probe.extension();
        }
        return Probe.no("numbered images need a %0Nd pattern, e.g. frames/f_%05d.png");
    }

    @Override
    public Set<Class<? extends FormatOptions>> writeOptionTypes() {
        return Set.of(ImagesWriteOptions.class);
    }

    @Override
    public Set<PixelType> writablePixelTypes() {
        Set<PixelType> all = EnumSet.noneOf(PixelType.class);
        for (ImageFileType t : ImageFileType.values()) {
            all.addAll(t.writable());
        }
        return all;
    }

    @Override
    public void checkOptions(Path path, WriteOptions options) throws UnsupportedOutputException {
        if (fileType(path, options) != ImageFileType.JPEG) {
            options.refuseQuality(path, "png, tif and bmp files are lossless (quality applies to jpg files)");
        }
        if (options.frameRate() != null) {
            throw new UnsupportedOutputException(path, "a frame rate does not apply: image files store no times "
                    + "or frame rate");
        }
    }

    @Override
    public void checkFrames(Path path, FrameSpec spec, WriteOptions options) throws UnsupportedOutputException {
        ImageFileType type = fileType(path, options);
        if (!type.writable().contains(spec.pixelType())) {
            String hint = spec.sampleType().bits() > 8 ? "; for 16-bit frames write png or tif files" : "";
            throw new UnsupportedOutputException(path, type.extension() + " files cannot store " + spec.pixelType()
                    + " (they hold " + type.writable() + ")" + hint);
        }
    }

    /** The file type written: the extension of a {@code %0Nd} pattern, else {@link ImagesWriteOptions#type()}. */
    private static ImageFileType fileType(Path path, WriteOptions options) throws UnsupportedOutputException {
        return ImagesWriter.Naming.of(path, options).type();
    }

    @Override
    public SequenceReader open(Path path, ReadOptions options) throws IOException {
        return ImagesReader.open(path);
    }

    /** Checks the first file the output would write (the writer checks the others once it knows the count). */
    @Override
    public void checkDestination(Path path, WriteOptions options) throws IOException {
        ImagesWriter.Naming n = ImagesWriter.Naming.of(path, options);
        if (Files.exists(n.folder()) && !Files.isDirectory(n.folder())) {
            throw new OutputExistsException(n.folder(), "is a file, not a folder to write images into");
        }
        Path first = n.folder().resolve(n.fileName(Math.max(0, n.startNumber())));
        if (n.single() && Files.isDirectory(first)) {
            throw new OutputExistsException(first, "is a folder; easimage never replaces a folder with a file");
        }
        AtomicOutput.checkDestination(first, options.overwrite());
    }

    @Override
    public SequenceWriter create(Path path, WriteOptions options) throws IOException {
        return ImagesWriter.create(path, options);
    }
}
