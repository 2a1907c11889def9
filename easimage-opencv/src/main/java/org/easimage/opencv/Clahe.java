package org.easimage.opencv;

import static org.bytedeco.opencv.global.opencv_core.*;
import static org.bytedeco.opencv.global.opencv_imgproc.*;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_imgproc.CLAHE;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.transform.Args;
import org.easimage.frame.IntoTransform;

/**
 * Contrast-limited adaptive histogram equalisation (OpenCV's CLAHE). GRAY8 and GRAY16 are equalised directly
 * (16-bit keeps 16 bits). RGB24 is equalised on the L channel of CIE Lab (colours keep their hue). RGB48 is
 * converted to float Lab and its L channel (0..100) is equalised at 16-bit precision (L x 655.35), so no 8-bit
 * round trip loses precision. Float and RGBA frames are rejected: convert them first (e.g. to_8bit).
 *
 * <p>OpenCV's CLAHE object keeps state, so each thread gets its own (a thread-local).
 */
public final class Clahe implements IntoTransform {

    /** Tiles per side at most; a larger grid is a typing mistake (and OpenCV would pad the frame to fit it). */
    public static final int MAX_TILES_PER_SIDE = 1024;

    /**
     * The largest lookup table a CLAHE object may build, per transform thread: OpenCV keeps one table of
     * 256 (8-bit) or 65536 (16-bit) entries per tile, so 16-bit frames take 128 KiB per tile, at most 1024 tiles
     * (32x32) here.
     */
    static final long MAX_TABLE_BYTES = 128L << 20;

    private final double clipLimit;
    private final int tilesX;
    private final int tilesY;
    private final ThreadLocal<CLAHE> clahe;

    public Clahe(double clipLimit, int tilesX, int tilesY) {
        if (!(clipLimit > 0) || !Double.isFinite(clipLimit)) {
            throw new IllegalArgumentException("clahe: the clip limit must be a positive number, got " + clipLimit);
        }
        if (tilesX < 1 || tilesY < 1 || tilesX > MAX_TILES_PER_SIDE || tilesY > MAX_TILES_PER_SIDE) {
            throw new IllegalArgumentException("clahe: the tile grid must be 1x1 to " + MAX_TILES_PER_SIDE + "x"
                    + MAX_TILES_PER_SIDE + ", got " + tilesX + "x" + tilesY);
        }
        this.clipLimit = clipLimit;
        this.tilesX = tilesX;
        this.tilesY = tilesY;
        this.clahe = ThreadLocal.withInitial(() -> createCLAHE(clipLimit, new Size(tilesX, tilesY)));
    }

    @Override
    public FrameSpec outputSpec(FrameSpec input) {
        PixelType t = input.pixelType();
        if (t != PixelType.GRAY8 && t != PixelType.GRAY16 && t != PixelType.RGB24 && t != PixelType.RGB48) {
            throw new IllegalArgumentException("clahe does not handle " + input
                    + " (only GRAY8, GRAY16, RGB24, RGB48; convert float frames with to_8bit first)");
        }
        if (tilesX > input.width() || tilesY > input.height()) {
            throw new IllegalArgumentException("clahe: a " + tilesX + "x" + tilesY + " tile grid does not fit "
                    + input + " frames (at most " + input.width() + "x" + input.height() + " tiles)");
        }
        long entryBytes = input.sampleType().bytes() == 1 ? 256 : 65536 * 2;
        long maxTiles = MAX_TABLE_BYTES / entryBytes;
        if ((long) tilesX * tilesY > maxTiles) {
            throw new IllegalArgumentException("clahe: a " + tilesX + "x" + tilesY + " tile grid needs "
                    + ((long) tilesX * tilesY * entryBytes >> 20) + " MiB of lookup tables on " + input.pixelType()
                    + " frames; at most " + maxTiles + " tiles (e.g. " + (int) Math.sqrt(maxTiles) + "x"
                    + (int) Math.sqrt(maxTiles) + ") for " + input.sampleType().bits() + "-bit frames");
        }
        return input;
    }

    /**
     * The Lab frame, its lightness and the equalised lightness of 8-bit colour frames, one set per thread and
     * reused (OpenCV keeps their memory while size and type repeat), rather than three fresh mappings per frame.
     */
    private static final ThreadLocal<Mat[]> LAB = ThreadLocal.withInitial(() -> new Mat[] {new Mat(), new Mat(),
            new Mat()});

    @Override
    public Frame applyInto(Frame input, Frame output) {
        CvFrames.requireLayout(this, input, output);
        FrameSpec spec = output.spec();
        CLAHE c = clahe.get();
        return switch (spec.pixelType()) {
            case GRAY8, GRAY16 -> CvFrames.runInto(input, output, c::apply);
            case RGB24 -> CvFrames.runInto(input, output, (src, dst) -> {
                Mat[] t = LAB.get();
                Mat lab = t[0];
                Mat l = t[1];
                Mat eq = t[2];
                cvtColor(src, lab, COLOR_RGB2Lab);
                extractChannel(lab, l, 0);
                c.apply(l, eq);
                insertChannel(eq, lab, 0);
                cvtColor(lab, dst, COLOR_Lab2RGB);
            });
            default -> CvFrames.runInto(input, output, (src, dst) -> {
                try (Mat f = new Mat(); Mat lab = new Mat(); Mat l = new Mat(); Mat l16 = new Mat();
                     Mat eq = new Mat(); Mat rgb = new Mat()) {
                    src.convertTo(f, CV_32F, 1 / 65535.0, 0);
                    cvtColor(f, lab, COLOR_RGB2Lab);
                    extractChannel(lab, l, 0);
                    l.convertTo(l16, CV_16U, 655.35, 0);
                    c.apply(l16, eq);
                    eq.convertTo(l, CV_32F, 1 / 655.35, 0);
                    insertChannel(l, lab, 0);
                    cvtColor(lab, rgb, COLOR_Lab2RGB);
                    rgb.convertTo(dst, CV_16U, 65535.0, 0);
                }
            });
        };
    }

    @Override
    public String describe() {
        return "clahe(" + Args.num(clipLimit) + ", " + tilesX + "x" + tilesY + ")";
    }
}
