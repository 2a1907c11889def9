package org.easimage.io.images;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;

/**
 * Bulk copy of a decoded image into a frame when the raster already has the frame's layout (one bank,
 * interleaved, tightly packed, bands in order): the common 8/16-bit gray and RGB cases skip the per-sample
 * path of {@link Frames#fromBufferedImage}, which dominated read time.
 */
final class FastCopy {

    private FastCopy() {
    }

    /** The frame, copied in bulk when possible, else through {@link Frames#fromBufferedImage}. */
    static Frame toFrame(BufferedImage img, FrameSpec expected, int index) {
        Raster r = img.getRaster();
        int w = expected.width();
        int c = expected.channels();
        if (img.getWidth() == w && img.getHeight() == expected.height() && r.getNumBands() == c
                && r.getMinX() == 0 && r.getMinY() == 0 && r.getParent() == null
                && r.getSampleModel() instanceof ComponentSampleModel sm
                && sm.getPixelStride() == c && sm.getScanlineStride() == w * c && inOrder(sm.getBandOffsets())
                && r.getDataBuffer().getNumBanks() == 1 && r.getDataBuffer().getOffset() == 0
                && !(img.getColorModel() instanceof java.awt.image.IndexColorModel)) {
            DataBuffer db = r.getDataBuffer();
            int samples = expected.sampleCount();
            if (expected.sampleType().bits() == 8 && db instanceof DataBufferByte b && b.getData().length >= samples) {
                Frame f = Frames.allocate(expected, index, null);
                f.buffer().put(b.getData(), 0, samples);
                return f;
            }
            if (expected.sampleType().bits() == 16 && expected.sampleType().isInteger()
                    && db instanceof DataBufferUShort s && s.getData().length >= samples) {
                Frame f = Frames.allocate(expected, index, null);
                f.buffer().asShortBuffer().put(s.getData(), 0, samples);
                return f;
            }
        }
        return Frames.fromBufferedImage(img, index, null);
    }

    private static boolean inOrder(int[] offsets) {
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] != i) {
                return false;
            }
        }
        return true;
    }
}
