package org.easimage.io.images;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
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
import org.easimage.io.OutputWriteException;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.WriteOptions;

/** Writes one numbered image file per frame into a new directory, published by renaming the whole directory. */
final class ImagesWriter extends AbstractSequenceWriter {

    private final ImageFileType type;
    private final String prefix;
    private final String suffix;
    private final int padding;

    private ImagesWriter(Path directory, WriteOptions options, ImageFileType type, String prefix, String suffix,
            int padding) throws IOException {
        super(directory, options, true);
        this.type = type;
        this.prefix = prefix;
        this.suffix = suffix;
        this.padding = padding;
    }

    /** See {@link ImagesFormat} for the path rules. */
    static ImagesWriter create(Path path, WriteOptions options) throws IOException {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (FileList.isPrintf(name)) {
            Matcher m = FileList.PRINTF.matcher(name);
            m.find();
            String suffix = name.substring(m.end());
            String ext = ProbeExt.of(suffix);
            ImageFileType type = ImageFileType.ofExtension(ext);
            if (type == null) {
                throw new UnsupportedFormatException(path, "the pattern must end with .png, .tif, .jpg or .bmp");
            }
            int padding = m.group(2).isEmpty() ? 1 : Integer.parseInt(m.group(2));
            if (m.group(1).isEmpty()) {
                padding = 1; // %5d pads with spaces in printf; we never write spaces in names
            }
            Path dir = path.toAbsolutePath().getParent();
            return new ImagesWriter(dir, options, type, name.substring(0, m.start()), suffix, Math.max(1, padding));
        }
        ImagesWriteOptions o = options.get(ImagesWriteOptions.class).orElse(ImagesWriteOptions.DEFAULTS);
        return new ImagesWriter(path, options, o.type(), "frame_", "." + o.type().extension(), o.padding());
    }

    @Override
    protected void begin(FrameSpec spec) throws IOException {
        if (!type.writable().contains(spec.pixelType())) {
            String hint = spec.sampleType().bits() > 8 ? "; for 16-bit frames write png or tif files" : "";
            throw new UnsupportedFormatException(path, type.extension() + " files cannot store " + spec.pixelType()
                    + " (they hold " + type.writable() + ")" + hint);
        }
    }

    String fileName(int index) {
        return prefix + String.format(Locale.ROOT, "%0" + padding + "d", index) + suffix;
    }

    @Override
    protected void writeFrame(Frame frame, int index) throws IOException {
        ImageWriter w = writer();
        try (ImageOutputStream out = new FileImageOutputStream(temporary().resolve(fileName(index)).toFile())) {
            w.setOutput(out);
            ImageWriteParam p = w.getDefaultWriteParam();
            if (type == ImageFileType.JPEG) {
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(options.quality() == null ? 0.9f : options.quality() / 100f);
            }
            w.write(null, new IIOImage(Frames.toBufferedImage(frame), null, null), p);
        } catch (RuntimeException e) {
            throw new OutputWriteException(path, "cannot encode frame " + index + " as " + type + ": " + e, e);
        } catch (IOException e) { // ImageIO's own text is vague ("I/O error writing PNG file!"): keep the cause's
            throw new OutputWriteException(path, "writing " + fileName(index) + " failed: "
                    + OutputWriteException.reasons(e), e);
        } finally {
            w.dispose();
        }
    }

    /** The JDK's writer for the type (for TIFF too: it stores 16-bit colour and float, TwelveMonkeys 3.15 not). */
    private ImageWriter writer() throws IOException {
        ImageWriter fallback = null;
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(type.imageIoName()); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.imageio")) {
                return w;
            }
            fallback = w;
        }
        if (fallback == null) {
            throw new OutputWriteException(path, "no ImageIO writer for " + type, null);
        }
        return fallback;
    }

    @Override
    protected void end() {
        // every file is complete once written; the directory rename publishes them together
    }

    /** Extension of a file-name suffix such as {@code .png}. */
    private static final class ProbeExt {
        static String of(String suffix) {
            int dot = suffix.lastIndexOf('.');
            return dot < 0 ? "" : suffix.substring(dot + 1).toLowerCase(Locale.ROOT);
        }
    }
}
