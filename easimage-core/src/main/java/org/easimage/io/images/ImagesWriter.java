package org.easimage.io.images;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.io.AbstractSequenceWriter;
import org.easimage.io.AtomicOutput;
import org.easimage.io.EasimageException;
import org.easimage.io.OutputWriteException;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.io.WriteOptions;

/**
 * Writes one numbered image file per frame into a folder, as one {@link AtomicOutput#files} output: the files
 * appear together when the job succeeds, the folder's other files are never touched, and only the files this job
 * writes are ever replaced (with {@code Overwrite.REPLACE}).
 */
final class ImagesWriter extends AbstractSequenceWriter {

    private final Naming naming;

    private ImagesWriter(Path path, WriteOptions options, Naming naming) throws IOException {
        super(path, options, AtomicOutput.files(naming.folder(), options.overwrite()));
        this.naming = naming;
    }

    /** See {@link ImagesFormat} for the path rules. */
    static ImagesWriter create(Path path, WriteOptions options) throws IOException {
        return new ImagesWriter(path, options, Naming.of(path, options));
    }

    /**
     * How a destination names the files: the folder, the file type, the text around the number and its zero
     * padding. A printf pattern ({@code out/f_%05d.png}) gives all of it; any other path is the folder itself,
     * with names from {@link ImagesWriteOptions}.
     */
    record Naming(Path folder, ImageFileType type, String prefix, String suffix, int padding) {

        static Naming of(Path path, WriteOptions options) throws UnsupportedOutputException {
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (!FileList.isPrintf(name)) {
                ImagesWriteOptions o = options.get(ImagesWriteOptions.class).orElse(ImagesWriteOptions.DEFAULTS);
                return new Naming(path.toAbsolutePath(), o.type(), "frame_", "." + o.type().extension(),
                        o.padding());
            }
            Matcher m = FileList.PRINTF.matcher(name);
            m.find();
            String suffix = name.substring(m.end());
            int dot = suffix.lastIndexOf('.');
            ImageFileType type = ImageFileType.ofExtension(
                    dot < 0 ? "" : suffix.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (type == null) {
                throw new UnsupportedOutputException(path, "the pattern must end with .png, .tif, .jpg or .bmp");
            }
            // %5d pads with spaces in printf; we never write spaces in names
            int padding = m.group(1).isEmpty() || m.group(2).isEmpty() ? 1 : Integer.parseInt(m.group(2));
            return new Naming(path.toAbsolutePath().getParent(), type, name.substring(0, m.start()), suffix,
                    Math.max(1, padding));
        }

        String fileName(int index) {
            return prefix + String.format(Locale.ROOT, "%0" + padding + "d", index) + suffix;
        }

        /** The number in {@code fileName} when it is one of this naming's files, else -1. */
        long numberOf(String fileName) {
            if (!fileName.startsWith(prefix) || !fileName.endsWith(suffix)
                    || fileName.length() <= prefix.length() + suffix.length()) {
                return -1;
            }
            String digits = fileName.substring(prefix.length(), fileName.length() - suffix.length());
            if (digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -1;
            }
            return Long.parseLong(digits);
        }
    }

    /** Stages every file name now, so an existing file of the set is refused before any frame is encoded. */
    @Override
    public void expect(int frames) throws IOException {
        for (int i = 0; i < frames; i++) {
            output().stage(naming.fileName(i));
        }
    }

    @Override
    protected void begin(FrameSpec spec) throws IOException {
        ImageFileType type = naming.type();
        if (!type.writable().contains(spec.pixelType())) {
            String hint = spec.sampleType().bits() > 8 ? "; for 16-bit frames write png or tif files" : "";
            throw new UnsupportedFormatException(path, type.extension() + " files cannot store " + spec.pixelType()
                    + " (they hold " + type.writable() + ")" + hint);
        }
    }

    @Override
    protected void writeFrame(Frame frame, int index) throws IOException {
        ImageFileType type = naming.type();
        ImageWriter w = writer();
        try (ImageOutputStream out = new FileImageOutputStream(output().stage(naming.fileName(index)).toFile())) {
            w.setOutput(out);
            ImageWriteParam p = w.getDefaultWriteParam();
            if (type == ImageFileType.JPEG) {
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(options.quality() == null ? 0.9f : options.quality() / 100f);
            }
            w.write(null, new IIOImage(Frames.toBufferedImage(frame), null, null), p);
        } catch (RuntimeException e) {
            throw new OutputWriteException(path, "cannot encode frame " + index + " as " + type + ": " + e, e);
        } catch (EasimageException e) {
            throw e;
        } catch (IOException e) { // ImageIO's own text is vague ("I/O error writing PNG file!"): keep the cause's
            throw new OutputWriteException(path, "writing " + naming.fileName(index) + " failed: "
                    + OutputWriteException.reasons(e), e);
        } finally {
            w.dispose();
        }
    }

    /** The JDK's writer for the type (for TIFF too: it stores 16-bit colour and float, TwelveMonkeys 3.15 not). */
    private ImageWriter writer() throws IOException {
        ImageWriter fallback = null;
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(naming.type().imageIoName());
                it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.imageio")) {
                return w;
            }
            fallback = w;
        }
        if (fallback == null) {
            throw new OutputWriteException(path, "no ImageIO writer for " + naming.type(), null);
        }
        return fallback;
    }

    /**
     * Every file is complete once written; the output publishes them together. Files of the same naming that this
     * job does not write (an earlier, longer export) are left alone, but a reader of the folder would take them
     * for frames of this sequence: say so.
     */
    @Override
    protected void end() throws IOException {
        int written = framesWritten();
        List<String> stale = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(naming.folder())) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                long k = naming.numberOf(n);
                if (k >= written) {
                    stale.add(n);
                }
            }
        } catch (NoSuchFileException e) {
            return; // a new folder: nothing else is in it
        }
        if (!stale.isEmpty()) {
            Collections.sort(stale);
            options.warnings().accept(naming.folder() + ": " + stale.size() + " older file(s) named like this "
                    + "output's but beyond its " + written + " frames were left as they are (" + stale.get(0)
                    + (stale.size() > 1 ? " ... " + stale.get(stale.size() - 1) : "") + "); remove them before "
                    + "reading the folder as one sequence");
        }
    }
}
