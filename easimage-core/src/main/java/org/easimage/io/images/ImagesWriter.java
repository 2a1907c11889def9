package org.easimage.io.images;

import java.awt.image.BufferedImage;
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
import org.easimage.io.ProbeInput;
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
    private long lastNumber = -1;

    private ImagesWriter(Path path, WriteOptions options, Naming naming) throws IOException {
        super(path, options, AtomicOutput.files(naming.folder(), options.overwrite()));
        if (naming.single()) {
            output().stage(naming.fileName(0)); // an existing file is refused now, before any work
        }
        this.naming = naming;
    }

    /** See {@link ImagesFormat} for the path rules. */
    static ImagesWriter create(Path path, WriteOptions options) throws IOException {
        return new ImagesWriter(path, options, Naming.of(path, options));
    }

    /**
     * How a destination names the files: the folder, the file type, the text around the number, its zero padding,
     * and the first number. A printf pattern ({@code out/f_%05d.png}) gives the names; a path with an image
     * extension ({@code frame.png}) is one file of that name ({@link #single}); any other path is the folder
     * itself, with names from {@link ImagesWriteOptions}.
     *
     * @param single true for a single image file, named {@code prefix} (the whole file name)
     */
    record Naming(Path folder, ImageFileType type, String prefix, String suffix, int padding, int startNumber,
            boolean single) {

        static Naming of(Path path, WriteOptions options) throws UnsupportedOutputException {
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            ImagesWriteOptions o = options.get(ImagesWriteOptions.class).orElse(ImagesWriteOptions.DEFAULTS);
            if (!FileList.isPrintf(name)) {
                if (name.indexOf('%') >= 0) {
                    throw new UnsupportedOutputException(path, "'" + name + "' is not a frame-number pattern: "
                            + "give %d or %0Nd once, e.g. frame_%05d.png");
                }
                ImageFileType single = ImageFileType.ofExtension(ProbeInput.extensionOf(path));
                if (single != null) {
                    return new Naming(path.toAbsolutePath().getParent(), single, name, "", 1, 0, true);
                }
                return new Naming(path.toAbsolutePath(), o.type(), "frame_", "." + o.type().extension(),
                        o.padding(), o.startNumber(), false);
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
                    Math.max(1, padding), o.startNumber(), false);
        }

        String fileName(long number) {
            return single ? prefix : prefix + String.format(Locale.ROOT, "%0" + padding + "d", number) + suffix;
        }

        /**
         * The number of the {@code k}-th file written (from 0), whose frame has index {@code index}: the start
         * number plus k, or the source index (k for a frame without one).
         */
        long number(int k, int index) {
            if (startNumber != ImagesWriteOptions.SOURCE_INDEX) {
                return (long) startNumber + k;
            }
            return index >= 0 ? index : k;
        }

        /** The number in {@code fileName} when it is one of this naming's files, else -1. */
        long numberOf(String fileName) {
            if (single || !fileName.startsWith(prefix) || !fileName.endsWith(suffix)
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
        expect(frames, 0, 1);
    }

    @Override
    public void expect(int frames, int firstIndex, int step) throws IOException {
        if (naming.single() && frames > 1) {
            throw new UnsupportedOutputException(path, "a single image file holds one frame, not " + frames
                    + "; select one frame, or name numbered files with a pattern such as frame_%05d."
                    + naming.type().extension());
        }
        for (int k = 0; k < frames; k++) {
            output().stage(naming.fileName(naming.number(k, firstIndex + k * step)));
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
        if (naming.single() && index > 0) {
            throw new UnsupportedOutputException(path, "a single image file holds one frame; a second one came");
        }
        long number = naming.number(index, frame.index());
        if (number <= lastNumber) { // two frames of one name: the second would replace the first
            throw new OutputWriteException(path, "frame " + index + " would be file number " + number + " after "
                    + lastNumber + "; numbering by source index needs increasing frame indices", null);
        }
        lastNumber = number;
        String name = naming.fileName(number);
        ImageWriter w = writer();
        try (ImageOutputStream out = new FileImageOutputStream(output().stage(name).toFile())) {
            w.setOutput(out);
            ImageWriteParam p = w.getDefaultWriteParam();
            if (type == ImageFileType.JPEG) {
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(options.quality() == null ? 0.9f : options.quality() / 100f);
            }
            BufferedImage img = Frames.toBufferedImage(frame);
            w.write(null, new IIOImage(img, null, SignificantBits.metadata(w, img, p, type, frame.spec())), p);
        } catch (RuntimeException e) {
            throw new OutputWriteException(path, "cannot encode frame " + index + " as " + type + ": " + e, e);
        } catch (EasimageException e) {
            throw e;
        } catch (IOException e) { // ImageIO's own text is vague ("I/O error writing PNG file!"): keep the cause's
            throw new OutputWriteException(path, "writing " + name + " failed: "
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
        if (naming.single()) {
            return;
        }
        int written = framesWritten();
        long last = lastNumber;
        List<String> stale = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(naming.folder())) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                long k = naming.numberOf(n);
                if (k > last) {
                    stale.add(n);
                }
            }
        } catch (NoSuchFileException e) {
            return; // a new folder: nothing else is in it
        }
        if (!stale.isEmpty()) {
            Collections.sort(stale);
            options.warnings().accept(naming.folder() + ": " + stale.size() + " older file(s) named like this "
                    + "output's but numbered after its last (" + written + " frames) were left as they are (" + stale.get(0)
                    + (stale.size() > 1 ? " ... " + stale.get(stale.size() - 1) : "") + "); remove them before "
                    + "reading the folder as one sequence");
        }
    }
}
