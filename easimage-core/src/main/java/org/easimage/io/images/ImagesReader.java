package org.easimage.io.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.io.AbstractSequenceReader;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.ProbeInput;
import org.easimage.io.SequenceInfo;

/**
 * Frames from a list of image files, one file per frame. At open every file's header is read (size and pixel
 * type, no pixel decoded) so that a file that differs, or does not decode, fails the open naming it. Each read
 * opens its own ImageIO reader, so reads are independent and thread-safe.
 */
final class ImagesReader extends AbstractSequenceReader {

    /** Compressed images can expand a lot; a header claiming more than this per file byte is lying. */
    private static final long MAX_EXPANSION = 1100;

    private final List<Path> files;
    private final SequenceInfo info;

    private ImagesReader(Path path, List<Path> files, SequenceInfo info) {
        super(path);
        this.files = files;
        this.info = info;
    }

    static ImagesReader open(Path path) throws IOException {
        List<Path> files = FileList.resolve(path);
        FrameSpec spec = null;
        Path first = null;
        for (Path f : files) {
            FrameSpec s = header(f);
            if (spec == null) {
                spec = s;
                first = f;
            } else if (!spec.sameLayout(s)) {
                throw new CorruptInputException(f, "is " + s + " but " + first.getFileName() + " is " + spec
                        + "; all files of a sequence must match");
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", files.size());
        m.put("firstFile", files.get(0).toString());
        m.put("lastFile", files.get(files.size() - 1).toString());
        return new ImagesReader(path, List.copyOf(files), new SequenceInfo("images", files.size(), spec,
                Optional.empty(), () -> m));
    }

    /** The frame spec a file's header declares. */
    private static FrameSpec header(Path f) throws IOException {
        long size = requireFile(f, "an image file");
        try (ImageInputStream in = new FileImageInputStream(f.toFile())) {
            ImageReader r = reader(f, in);
            try {
                r.setInput(in, true, false); // with metadata: the significant bits are there
                int w = r.getWidth(0);
                int h = r.getHeight(0);
                ImageTypeSpecifier t = r.getRawImageType(0);
                if (t == null) {
                    Iterator<ImageTypeSpecifier> it = r.getImageTypes(0);
                    t = it.hasNext() ? it.next() : null;
                }
                if (t == null) {
                    throw new CorruptInputException(f, "unsupported pixel layout");
                }
                FrameSpec one = Frames.fromBufferedImage(t.createBufferedImage(1, 1)).spec();
                int bits = one.sampleType().isInteger()
                        ? Math.min(one.significantBits(), SignificantBits.read(r, one.sampleType().bits()))
                        : one.significantBits();
                FrameSpec s = new FrameSpec(w, h, one.pixelType(), bits);
                if (s.frameBytes() > size * MAX_EXPANSION + (1 << 20)) {
                    throw new CorruptInputException(f, "image size " + s + " is implausible for a file of " + size
                            + " bytes");
                }
                return s;
            } finally {
                r.dispose();
            }
        } catch (EasimageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorruptInputException(f, -1, "cannot read the image header: " + e, e);
        }
    }

    /** An ImageIO reader chosen by content; for TIFF the JDK's (TwelveMonkeys 3.15 clamps float samples). */
    private static ImageReader reader(Path f, ImageInputStream in) throws IOException {
        ImageReader chosen = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReaders(in); it.hasNext(); ) {
            ImageReader r = it.next();
            if (chosen == null || r.getClass().getName().startsWith("com.sun.imageio.plugins.tiff")) {
                chosen = r;
            }
        }
        if (chosen == null) {
            String ext = ProbeInput.extensionOf(f);
            throw new CorruptInputException(f, 0, "not a decodable image (no ImageIO reader recognises this ." + ext
                    + " file)");
        }
        return chosen;
    }

    @Override
    public List<Path> sourceFiles() {
        return files;
    }

    @Override
    public SequenceInfo info() {
        return info;
    }

    @Override
    protected Frame readFrame(int index, Frame reuse) throws IOException {
        Path f = files.get(index);
        BufferedImage img;
        try (ImageInputStream in = new FileImageInputStream(f.toFile())) {
            ImageReader r = reader(f, in);
            try {
                r.setInput(in, true, true);
                img = r.read(0);
            } finally {
                r.dispose();
            }
        } catch (EasimageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorruptInputException(f, -1, "cannot decode frame " + index + ": " + e, e);
        }
        Frame frame;
        try {
            frame = Frames.fromBufferedImage(img, info.spec(), index);
        } catch (RuntimeException e) {
            throw new CorruptInputException(f, -1, "unsupported pixel layout: " + e, e);
        }
        if (!frame.spec().sameLayout(info.spec())) {
            throw new CorruptInputException(f, "decodes as " + frame.spec() + ", not " + info.spec());
        }
        return frame.withSpec(info.spec());
    }

    /** Image files carry no frame times (file dates are not acquisition times): none, without decoding. */
    @Override
    protected Optional<java.time.Duration> frameTime(int index) {
        return Optional.empty();
    }

    @Override
    protected Optional<java.time.Instant> frameTimestamp(int index) {
        return Optional.empty();
    }
}
