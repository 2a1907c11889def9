package org.easimage.imagej;

import static org.easimage.imagej.ImageJSequencesTest.assertSliceIsFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.view.Views;
import org.easimage.frame.Frame;
import org.easimage.frame.PixelType;
import org.easimage.io.EasimageException;
import org.easimage.io.Formats;
import org.easimage.io.Rational;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ImageJ images and ImgLib2 images written through easimage writers and read back bit-exact, with times. */
class WriteThroughEasimageTest {

    @TempDir
    Path dir;

    /** A hyperstack of random samples: {@code channels} x {@code frames} of a bit depth (8, 16, 24 or 32). */
    static ImagePlus image(int bitDepth, int channels, int w, int h, int frames, long seed) {
        Random rnd = new Random(seed);
        ImageStack stack = new ImageStack(w, h);
        for (int i = 0; i < channels * frames; i++) {
            ImageProcessor ip = switch (bitDepth) {
                case 8 -> new ByteProcessor(w, h);
                case 16 -> new ShortProcessor(w, h);
                case 24 -> new ColorProcessor(w, h);
                default -> new FloatProcessor(w, h);
            };
            for (int p = 0; p < w * h; p++) {
                switch (bitDepth) {
                    case 8 -> ((byte[]) ip.getPixels())[p] = (byte) rnd.nextInt();
                    case 16 -> ((short[]) ip.getPixels())[p] = (short) rnd.nextInt();
                    case 24 -> ((int[]) ip.getPixels())[p] = rnd.nextInt() | 0xFF000000;
                    default -> ((float[]) ip.getPixels())[p] = p == 1 ? Float.NaN : (float) rnd.nextGaussian() * 1e5f;
                }
            }
            stack.addSlice(ip);
        }
        ImagePlus imp = new ImagePlus("random", stack);
        imp.setDimensions(channels, 1, frames);
        return channels > 1 ? new CompositeImage(imp, IJ.COMPOSITE) : imp;
    }

    static void write(SequenceReader frames, Path out) throws IOException {
        try (SequenceWriter w = Formats.create(out)) {
            w.writeAll(frames);
            w.finish();
        }
    }

    static Stream<Arguments> imageJTypes() {
        return Stream.of(
                Arguments.of(8, 1, PixelType.GRAY8, "seq"), Arguments.of(8, 1, PixelType.GRAY8, "tif"),
                Arguments.of(16, 1, PixelType.GRAY16, "seq"), Arguments.of(16, 1, PixelType.GRAY16, "tif"),
                Arguments.of(24, 1, PixelType.RGB24, "seq"), Arguments.of(24, 1, PixelType.RGB24, "tif"),
                Arguments.of(32, 1, PixelType.GRAY32F, "tif"), Arguments.of(8, 3, PixelType.RGB24, "seq"),
                Arguments.of(8, 3, PixelType.RGB24, "tif"), Arguments.of(16, 3, PixelType.RGB48, "tif"),
                Arguments.of(32, 3, PixelType.RGB96F, "tif"), Arguments.of(8, 4, PixelType.RGBA32, "tif"),
                Arguments.of(16, 4, PixelType.RGBA64, "tif"));
    }

    @ParameterizedTest(name = "{0}-bit x {1} -> {2} .{3}")
    @MethodSource("imageJTypes")
    void imagePlusRoundTripsBitExact(int bitDepth, int channels, PixelType expected, String ext) throws IOException {
        for (int[] size : new int[][] {{1, 1}, {13, 7}, {31, 2}}) {
            ImagePlus imp = image(bitDepth, channels, size[0], size[1], 3, bitDepth * 100L + channels + size[0]);
            imp.getCalibration().frameInterval = 0.04;
            imp.getCalibration().setTimeUnit("sec");
            Path out = dir.resolve(bitDepth + "x" + channels + "_" + size[0] + "." + ext);
            SequenceReader frames = ImageJSequences.asReader(imp);
            assertEquals(expected, frames.spec().pixelType());
            assertEquals(Optional.of(Rational.of(25)), frames.info().frameRate());
            write(frames, out);
            try (SequenceReader back = Formats.open(out)) {
                assertEquals(3, back.frameCount());
                assertEquals(expected, back.spec().pixelType());
                for (int t = 0; t < 3; t++) {
                    Frame f = back.read(t);
                    assertEquals(Optional.of(Duration.ofMillis(40L * t)), f.time(), "frame " + t + " time");
                    for (int c = 0; c < Math.max(1, channels); c++) {
                        ImageProcessor ip = imp.getStack().getProcessor(imp.getStackIndex(c + 1, 1, t + 1));
                        assertSliceIsFrame(ip, f, c, out.getFileName() + " frame " + t + " channel " + c);
                    }
                }
            }
        }
    }

    @Test
    void aPlainStackIsFramesAndItsIntervalUnitCounts() throws IOException {
        ImagePlus imp = image(16, 1, 5, 4, 4, 7);
        imp.setDimensions(1, 4, 1); // slices, not time points
        imp.getCalibration().frameInterval = 250;
        imp.getCalibration().setTimeUnit("ms");
        SequenceReader frames = ImageJSequences.asReader(imp);
        assertEquals(4, frames.frameCount());
        assertEquals(Optional.of(Duration.ofMillis(750)), frames.time(3));
        assertEquals(Optional.of(Rational.of(4)), frames.info().frameRate());
        // no interval but an animation rate: times from it; neither: no times
        imp.getCalibration().frameInterval = 0;
        imp.getCalibration().fps = 5;
        assertEquals(Optional.of(Duration.ofMillis(600)), ImageJSequences.asReader(imp).time(3));
        imp.getCalibration().fps = 0;
        assertEquals(Optional.empty(), ImageJSequences.asReader(imp).time(3));
        // an unknown time unit states nothing rather than a guess
        imp.getCalibration().frameInterval = 2;
        imp.getCalibration().setTimeUnit("fortnight");
        assertEquals(Optional.empty(), ImageJSequences.asReader(imp).time(1));
    }

    @Test
    void imagesEasimageCannotHoldAreRefusedBeforeAnyWrite() {
        ImagePlus both = image(8, 1, 4, 4, 6, 1);
        both.setDimensions(1, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageJSequences.asReader(both));
        assertTrue(e.getMessage().contains("2 slices and 3 time points"), e.getMessage());
        ImagePlus two = image(16, 2, 4, 4, 2, 1);
        e = assertThrows(IllegalArgumentException.class, () -> ImageJSequences.asReader(two));
        assertTrue(e.getMessage().contains("2 channels"), e.getMessage());
    }

    @Test
    void sixteenBitSamplesAboveTheStatedSignificantBitsAreAnErrorNotALie() throws IOException {
        ImagePlus imp = image(16, 1, 4, 4, 3, 1);
        for (int n = 1; n <= 3; n++) {
            short[] px = (short[]) imp.getStack().getPixels(n);
            for (int p = 0; p < px.length; p++) {
                px[p] = (short) (px[p] & 0x0FFF);
            }
        }
        imp.setProp(ImageJSequences.SIGNIFICANT_BITS, "12");
        Path ok = dir.resolve("twelve.seq");
        write(ImageJSequences.asReader(imp), ok);
        try (SequenceReader back = Formats.open(ok)) {
            assertEquals(12, back.spec().significantBits(), "the bits travel through the property");
        }
        ((short[]) imp.getStack().getPixels(3))[5] = 5000;
        Path bad = dir.resolve("thirteen.seq");
        EasimageException e = assertThrows(EasimageException.class, () -> write(ImageJSequences.asReader(imp), bad));
        assertTrue(e.getMessage().contains("5000") && e.getMessage().contains("12 significant bits"), e.getMessage());
        assertFalse(Files.exists(bad), "no partial output");
    }

    /** A real file opened in ImageJ and written again: same pixels, real times and timestamps, 12 bits. */
    @Test
    void realSeqThroughImageJKeepsPixelsTimesAndBits() throws IOException {
        for (String name : new String[] {"seq/rsciio_de_test.seq", "seq/pims_sample_norpix6.seq"}) {
            Path file = SharedData.file(name);
            ImagePlus imp = ImageJSequences.open(file);
            Path out = dir.resolve("again_" + file.getFileName());
            try (SequenceReader source = Formats.open(file)) {
                write(ImageJSequences.asReader(imp), out);
                try (SequenceReader back = Formats.open(out)) {
                    assertEquals(source.frameCount(), back.frameCount());
                    assertEquals(source.spec(), back.spec(), "size, type and significant bits");
                    for (int t = 0; t < source.frameCount(); t++) {
                        Frame a = source.read(t);
                        Frame b = back.read(t);
                        assertTrue(a.pixelsEqual(b), name + " frame " + t);
                        assertEquals(a.time(), b.time(), name + " frame " + t + " time");
                        assertEquals(a.timestamp(), b.timestamp(), name + " frame " + t + " timestamp");
                    }
                }
            } finally {
                ((SequenceStack) imp.getStack()).close();
            }
        }
    }

    @Test
    void imgLib2ImagesRoundTripBitExact() throws IOException {
        Random rnd = new Random(3);
        short[] samples = new short[11 * 5 * 3 * 4];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) rnd.nextInt();
        }
        // (x, y, c, t): 4 frames of 11x5 RGB48
        ArrayImg<UnsignedShortType, ShortArray> rgb = ArrayImgs.unsignedShorts(samples, 11, 5, 3, 4);
        SequenceReader frames = ImgSequenceReader.of(rgb, Rational.of(30000, 1001));
        assertEquals(PixelType.RGB48, frames.spec().pixelType());
        Path out = dir.resolve("rgb48.tif");
        write(frames, out);
        try (SequenceReader back = Formats.open(out)) {
            assertEquals(4, back.frameCount());
            RandomAccess<UnsignedShortType> ra = rgb.randomAccess();
            for (int t = 0; t < 4; t++) {
                Frame f = back.read(t);
                assertEquals(frames.time(t), f.time());
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < 5; y++) {
                        for (int x = 0; x < 11; x++) {
                            assertEquals(ra.setPositionAndGet(x, y, c, t).get(), (int) f.sample(x, y, c));
                        }
                    }
                }
            }
        }
        // a view with a non-zero origin, float samples, one frame of (x, y)
        float[] fl = new float[6 * 4];
        for (int i = 0; i < fl.length; i++) {
            fl[i] = (float) rnd.nextGaussian();
        }
        var shifted = Views.translate(ArrayImgs.floats(fl, 6, 4), 100, -7);
        SequenceReader one = ImgSequenceReader.of(shifted);
        assertEquals(1, one.frameCount());
        assertEquals(PixelType.GRAY32F, one.spec().pixelType());
        assertEquals(fl[4 * 0 + 5], (float) one.read(0).sample(5, 0, 0));
        assertEquals(fl[6 * 3 + 2], (float) one.read(0).sample(2, 3, 0));
    }

    @Test
    void aSequenceImgWrittenBackKeepsItsSourcesTimesAndBits() throws IOException {
        Path file = SharedData.file("seq/pims_sample_norpix6.seq");
        try (SequenceReader source = Formats.open(file)) {
            SequenceImg<UnsignedShortType> img = SequenceImg.of(source, 2);
            Path out = dir.resolve("pims_again.seq");
            write(ImgSequenceReader.of(img), out);
            try (SequenceReader back = Formats.open(out)) {
                for (int t = 0; t < source.frameCount(); t++) {
                    assertTrue(source.read(t).pixelsEqual(back.read(t)));
                    assertEquals(source.time(t), back.time(t));
                    assertEquals(source.timestamp(t), back.timestamp(t));
                }
            }
        }
    }

    @Test
    void imgLib2TypesAndShapesEasimageCannotHoldAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImgSequenceReader.of(ArrayImgs.doubles(4, 4, 2)));
        assertTrue(e.getMessage().contains("DoubleType"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ImgSequenceReader.of(ArrayImgs.unsignedBytes(4, 4, 2, 3)));
        assertTrue(e.getMessage().contains("3 (RGB) or 4 (RGBA)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ImgSequenceReader.of(ArrayImgs.unsignedBytes(4, 4, 3, 2, 2)));
        assertTrue(e.getMessage().contains("5 dimensions"), e.getMessage());
    }
}
