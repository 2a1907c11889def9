package org.easimage.io.gif;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.AbstractSequenceWriter;
import org.easimage.io.OutputWriteException;
import org.easimage.io.Rational;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.WriteOptions;

/**
 * Writes an animated GIF frame by frame with the JDK writer (only the current frame is in memory).
 *
 * <p>GRAY8 frames use a 256-level gray palette (exact). RGB24 frames get their own palette (see
 * {@link Quantizer}: exact up to 256 colours, median cut beyond). Delays come from the frame rate (default
 * 10 fps) in whole centiseconds: frame i lasts {@code round(100(i+1)/fps) - round(100i/fps)} cs, so rounding errors
 * do not accumulate and the mean rate is right (30 fps gives 3,3,4,3,3,4... cs). Above 100 fps some delays become 0;
 * viewers typically show those (and anything under 2 cs) as 10 cs, so a warning is given above 50 fps.
 */
final class GifWriter extends AbstractSequenceWriter {

    static final Rational DEFAULT_RATE = Rational.of(10);

    private final GifWriteOptions gifOptions;
    private final Rational rate;
    private ImageWriter writer;
    private ImageOutputStream out;
    private IndexColorModel grayModel;

    GifWriter(Path path, WriteOptions options) throws IOException {
        super(path, options);
        this.gifOptions = options.get(GifWriteOptions.class).orElse(GifWriteOptions.DEFAULTS);
        this.rate = frameRate(DEFAULT_RATE);
    }

    @Override
    protected void begin(FrameSpec spec) throws IOException {
        if (spec.pixelType() != PixelType.GRAY8 && spec.pixelType() != PixelType.RGB24) {
            throw new UnsupportedFormatException(path, "GIF stores 8-bit frames (GRAY8 or RGB24), not "
                    + spec.pixelType() + (spec.sampleType().bits() > 8 ? "; rescale to 8 bits first" : ""));
        }
        if (rate.toDouble() > 50) {
            options.warnings().accept(path + ": " + rate + " fps needs GIF delays under 2 cs, which most viewers "
                    + "replace with 10 cs");
        }
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("gif");
        if (!it.hasNext()) {
            throw new OutputWriteException(path, "no ImageIO GIF writer", null);
        }
        writer = it.next();
        out = new FileImageOutputStream(temporary().toFile());
        writer.setOutput(out);
        writer.prepareWriteSequence(null);
        byte[] ramp = new byte[256];
        for (int i = 0; i < 256; i++) {
            ramp[i] = (byte) i;
        }
        grayModel = new IndexColorModel(8, 256, ramp, ramp, ramp);
    }

    /** Centiseconds frame {@code index} lasts, rounded so that the running total stays exact. */
    static int delayCs(Rational rate, int index) {
        long n = rate.numerator();
        long d = rate.denominator();
        long end = Math.round(100.0 * d * (index + 1) / n);
        long start = Math.round(100.0 * d * index / n);
        return (int) Math.min(65535, end - start);
    }

    @Override
    protected void writeFrame(Frame frame, int index) throws IOException {
        FrameSpec s = frame.spec();
        int pixels = s.width() * s.height();
        IndexColorModel cm;
        byte[] indices;
        if (s.pixelType() == PixelType.GRAY8) {
            cm = grayModel;
            indices = Frames.toBytes(frame);
        } else {
            Quantizer.Result q = Quantizer.quantize(Frames.toBytes(frame), pixels);
            int[] pal = java.util.Arrays.copyOf(q.palette(), 256); // GIF tables are powers of two; pad to 256
            cm = new IndexColorModel(8, 256, pal, 0, false, -1, java.awt.image.DataBuffer.TYPE_BYTE);
            indices = q.indices();
        }
        BufferedImage img = new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_BYTE_INDEXED, cm);
        System.arraycopy(indices, 0, ((DataBufferByte) img.getRaster().getDataBuffer()).getData(), 0, pixels);
        try {
            ImageWriteParam p = writer.getDefaultWriteParam();
            IIOMetadata md = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), p);
            String nf = md.getNativeMetadataFormatName();
            IIOMetadataNode root = (IIOMetadataNode) md.getAsTree(nf);
            node(root, "ImageDescriptor").setAttribute("interlaceFlag", "FALSE");
            // the JDK writer otherwise writes a default global palette and no local one: give every frame its own
            IIOMetadataNode lct = node(root, "LocalColorTable");
            while (lct.getFirstChild() != null) {
                lct.removeChild(lct.getFirstChild());
            }
            lct.setAttribute("sizeOfLocalColorTable", "256");
            lct.setAttribute("sortFlag", "FALSE");
            for (int i = 0; i < 256; i++) {
                IIOMetadataNode e = new IIOMetadataNode("ColorTableEntry");
                e.setAttribute("index", Integer.toString(i));
                e.setAttribute("red", Integer.toString(cm.getRed(i)));
                e.setAttribute("green", Integer.toString(cm.getGreen(i)));
                e.setAttribute("blue", Integer.toString(cm.getBlue(i)));
                lct.appendChild(e);
            }
            IIOMetadataNode gce = node(root, "GraphicControlExtension");
            gce.setAttribute("disposalMethod", "none");
            gce.setAttribute("userInputFlag", "FALSE");
            gce.setAttribute("transparentColorFlag", "FALSE");
            gce.setAttribute("delayTime", Integer.toString(delayCs(rate, index)));
            gce.setAttribute("transparentColorIndex", "0");
            if (index == 0 && gifOptions.loopCount() >= 0) {
                IIOMetadataNode apps = node(root, "ApplicationExtensions");
                IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
                app.setAttribute("applicationID", "NETSCAPE");
                app.setAttribute("authenticationCode", "2.0");
                int loops = gifOptions.loopCount();
                app.setUserObject(new byte[] {1, (byte) loops, (byte) (loops >> 8)});
                apps.appendChild(app);
            }
            md.setFromTree(nf, root);
            writer.writeToSequence(new IIOImage(img, null, md), p);
        } catch (RuntimeException e) {
            throw new OutputWriteException(path, "the GIF writer failed on frame " + index + ": " + e, e);
        }
    }

    private static IIOMetadataNode node(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
    }

    @Override
    protected void end() throws IOException {
        writer.endWriteSequence();
        out.close();
        out = null;
    }

    @Override
    protected void release() throws IOException {
        if (writer != null) {
            writer.dispose();
        }
        if (out != null) {
            out.close();
        }
    }
}
