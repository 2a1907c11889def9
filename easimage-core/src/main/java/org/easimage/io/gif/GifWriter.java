package org.easimage.io.gif;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
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
import org.easimage.io.Times;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.WriteOptions;

/**
 * Writes an animated GIF frame by frame with the JDK writer (only the current frame, palettised, waits in memory
 * until the next one tells how long it lasts).
 *
 * <p>GRAY8 frames use a 256-level gray palette (exact). RGB24 frames get their own palette (see
 * {@link Quantizer}: exact up to 256 colours, median cut beyond). Delays are whole centiseconds taken from the
 * frames' times (see {@link #timeOf}; index / frame rate, default 10 fps, for frames that state none): frame i
 * lasts {@code round(t(i+1)) - round(t(i))} cs, so rounding errors never accumulate and the reader's cumulative
 * delays stay within 5 ms of the real times (30 fps gives 3,3,4,3,3,4... cs). The last frame lasts as long as the
 * one before it. Above 100 fps some delays become 0; viewers typically show those (and anything under 2 cs) as
 * 10 cs, so a warning is given above 50 fps. GIF keeps no absolute timestamp.
 */
final class GifWriter extends AbstractSequenceWriter {

    static final Rational DEFAULT_RATE = Rational.of(10);
    private static final Rational CENTISECOND = Rational.of(1, 100);

    private final GifWriteOptions gifOptions;
    private final Rational rate;
    private ImageWriter writer;
    private ImageOutputStream out;
    private IndexColorModel grayModel;
    /** The last frame received, palettised, waiting for the next frame's time to know its delay. */
    private BufferedImage pending;
    private int pendingIndex;
    private Duration pendingTime;
    private Duration previousTime;
    private boolean warnedDelay;

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

    /**
     * Centiseconds a frame shown from {@code start} to {@code end} lasts: both ends rounded to the centisecond
     * grid, so that the running total stays exact.
     */
    static long delayCs(Duration start, Duration end) {
        return Times.toTicks(end, CENTISECOND) - Times.toTicks(start, CENTISECOND);
    }

    @Override
    protected void writeFrame(Frame frame, int index) throws IOException {
        Duration t = timeOf(frame, index, rate);
        if (pending != null) {
            flushPending(t);
        }
        pending = palettised(frame);
        pendingIndex = index;
        pendingTime = t;
    }

    /** Writes the waiting frame, shown until {@code end}. */
    private void flushPending(Duration end) throws IOException {
        long cs = delayCs(pendingTime, end);
        if ((cs < 0 || cs > 65535) && !warnedDelay) {
            warnedDelay = true;
            options.warnings().accept(path + ": frame " + pendingIndex + " would last " + cs + " cs, outside GIF's"
                    + " 0..65535 cs; delays are clamped (the frames' times are not increasing or too far apart)");
        }
        writeImage(pending, pendingIndex, (int) Math.max(0, Math.min(65535, cs)));
        previousTime = pendingTime;
        pending = null;
    }

    private BufferedImage palettised(Frame frame) {
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
        return img;
    }

    private void writeImage(BufferedImage img, int index, int delayCs) throws IOException {
        IndexColorModel cm = (IndexColorModel) img.getColorModel();
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
            gce.setAttribute("delayTime", Integer.toString(delayCs));
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
        Duration last = previousTime == null ? Times.atIndex(1, rate) : pendingTime.minus(previousTime);
        flushPending(pendingTime.plus(last));
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
