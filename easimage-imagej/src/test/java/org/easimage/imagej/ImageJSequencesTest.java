package org.easimage.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.Formats;
import org.easimage.io.SequenceReader;
import org.easimage.io.Times;
import org.easimage.testing.CountingReader;
import org.easimage.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sequences as ImageJ virtual stacks, headless: slices, size, pixels, calibration, metadata. */
class ImageJSequencesTest {

    /** The processor holds exactly the frame's samples of channel c (a ColorProcessor: all three, packed). */
    static void assertSliceIsFrame(ImageProcessor ip, Frame f, int c, String what) {
        FrameSpec s = f.spec();
        assertEquals(s.width(), ip.getWidth(), what);
        assertEquals(s.height(), ip.getHeight(), what);
        for (int y = 0; y < s.height(); y++) {
            for (int x = 0; x < s.width(); x++) {
                if (ip instanceof ColorProcessor cp) {
                    int rgb = cp.get(x, y);
                    assertEquals((int) f.sample(x, y, 0), rgb >> 16 & 0xFF, what);
                    assertEquals((int) f.sample(x, y, 1), rgb >> 8 & 0xFF, what);
                    assertEquals((int) f.sample(x, y, 2), rgb & 0xFF, what);
                } else {
                    assertEquals(f.sample(x, y, c), ip.getf(x, y), 0, what + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void norpixEightBitSeq() throws IOException {
        Path file = SharedData.file("seq/pims_sample_norpix6.seq");
        ImagePlus imp = ImageJSequences.open(file);
        try (SequenceReader reader = Formats.open(file)) {
            assertTrue(imp.getStack().isVirtual());
            assertEquals(6, imp.getStackSize());
            assertEquals(36, imp.getWidth());
            assertEquals(32, imp.getHeight());
            assertEquals(8, imp.getBitDepth());
            assertEquals(1, imp.getNChannels());
            assertEquals(1, imp.getNSlices());
            assertEquals(6, imp.getNFrames(), "frames, not slices");
            for (int n : new int[] {1, 2, 4, 6}) {
                assertSliceIsFrame(imp.getStack().getProcessor(n), reader.read(n - 1), 0, "slice " + n);
            }
            imp.setT(3);
            assertSliceIsFrame(imp.getProcessor(), reader.read(2), 0, "displayed frame 3");
            // the real camera clock: 775.430 ... 944.373 ms, so the mean interval is 168.943 ms / 5
            Calibration cal = imp.getCalibration();
            assertEquals(0.0337886, cal.frameInterval, 1e-12);
            assertEquals(1 / 0.0337886, cal.fps, 1e-9);
            assertEquals("sec", cal.getTimeUnit());
            assertEquals("0.032797 s", imp.getStack().getSliceLabel(2));
            assertEquals("0 s", imp.getStack().getSliceLabel(1));
            String info = (String) imp.getProperty("Info");
            assertTrue(info.contains("norpix-seq") && info.contains("mean of the frame times"), info);
            assertTrue(info.contains("allocatedFrames = 6"), info);
            assertEquals("norpix-seq", imp.getProp("easimage.format"));
            assertEquals("8", imp.getProp(ImageJSequences.SIGNIFICANT_BITS));
            assertEquals("6", imp.getProp("easimage.metadata.allocatedFrames"));
        } finally {
            ((SequenceStack) imp.getStack()).close();
        }
    }

    @Test
    void twelveBitSeqWithPaddingSlots() throws IOException {
        Path file = SharedData.file("seq/rsciio_de_test.seq");
        ImagePlus imp = ImageJSequences.open(file);
        try (SequenceReader reader = Formats.open(file)) {
            assertEquals(10, imp.getStackSize(), "allocated frames, not the 15 slots of the file");
            assertEquals(10, imp.getNFrames());
            assertEquals(64, imp.getWidth());
            assertEquals(64, imp.getHeight());
            assertEquals(16, imp.getBitDepth());
            for (int n : new int[] {1, 5, 10}) {
                assertSliceIsFrame(imp.getStack().getProcessor(n), reader.read(n - 1), 0, "slice " + n);
            }
            // every frame carries the same timestamp: the interval comes from the stated 30 fps
            Calibration cal = imp.getCalibration();
            assertEquals(1 / 30.0, cal.frameInterval, 1e-15);
            assertEquals(30, cal.fps, 1e-9);
            assertTrue(((String) imp.getProperty("Info")).contains("stated frame rate"));
            assertEquals("12", imp.getProp(ImageJSequences.SIGNIFICANT_BITS));
            // 12 significant bits: 0..4095 on every frame
            assertEquals(0, imp.getDisplayRangeMin());
            assertEquals(4095, imp.getDisplayRangeMax());
            imp.setT(7);
            assertEquals(4095, imp.getDisplayRangeMax(), "the range stays when moving to another frame");
            assertSliceIsFrame(imp.getProcessor(), reader.read(6), 0, "displayed frame 7");
        } finally {
            ((SequenceStack) imp.getStack()).close();
        }
    }

    /** Every pixel type: the slices (and channels of the composite types) are the frames' samples. */
    @ParameterizedTest
    @EnumSource(value = PixelType.class, mode = EnumSource.Mode.EXCLUDE, names = {"YUV420P", "YUV422P", "YUV444P"})
    void everyPixelType(PixelType type) throws IOException {
        try (SequenceReader reader = Formats.open(Path.of("synthetic:13x7:" + type.name().toLowerCase() + ":5:25"))) {
            ImagePlus imp = ImageJSequences.toImagePlus(reader, "synthetic");
            int planes = type.isGray() || type == PixelType.RGB24 ? 1 : type.channels();
            assertEquals(planes, imp.getNChannels(), type.toString());
            assertEquals(5, imp.getNFrames());
            assertEquals(5 * planes, imp.getStackSize());
            assertEquals(planes > 1, imp instanceof CompositeImage, type.toString());
            int bitDepth = type == PixelType.RGB24 ? 24 : type.sampleType().bits();
            assertEquals(bitDepth, imp.getBitDepth());
            ImageStack stack = imp.getStack();
            for (int t = 0; t < 5; t++) {
                Frame f = reader.read(t);
                for (int c = 0; c < planes; c++) {
                    int n = imp.getStackIndex(c + 1, 1, t + 1);
                    assertSliceIsFrame(stack.getProcessor(n), f, c, type + " frame " + t + " channel " + c);
                }
            }
            assertEquals(0.04, imp.getCalibration().frameInterval, 1e-15);
        }
    }

    @Test
    void everyChannelOfATwelveBitCompositeShowsTheWholeRange() throws IOException {
        SequenceReader twelveBit = new CountingReader(Formats.open(Path.of("synthetic:6x5:rgb48:3"))) {
            @Override
            public org.easimage.io.SequenceInfo info() {
                return super.info().withSpec(super.info().spec().withSignificantBits(12));
            }
        };
        ImagePlus imp = ImageJSequences.toImagePlus(twelveBit, "rgb48");
        assertTrue(imp instanceof CompositeImage);
        CompositeImage ci = (CompositeImage) imp;
        for (int c = 1; c <= 3; c++) {
            assertEquals(0, ci.getChannelLut(c).min, "channel " + c);
            assertEquals(4095, ci.getChannelLut(c).max, "channel " + c);
        }
    }

    @Test
    void framesAreReadWhenShownAndCached() throws IOException {
        try (CountingReader reader = new CountingReader(Formats.open(Path.of("synthetic:8x8:rgb48:100")))) {
            SequenceStack stack = new SequenceStack(reader, 2);
            ImagePlus imp = ImageJSequences.toImagePlus(stack, "lazy");
            assertEquals(300, imp.getStackSize());
            int opened = reader.reads.size();
            assertTrue(opened <= 1, "opening reads at most the first frame, read " + opened);
            for (int c = 1; c <= 3; c++) {
                stack.getProcessor(imp.getStackIndex(c, 1, 50));
            }
            assertEquals(opened + 1, reader.reads.size(), "three channels of one frame: one read");
            assertEquals(49, stack.frameOf(imp.getStackIndex(2, 1, 50)));
        }
    }

    @Test
    void deletingSlicesKeepsTheRestInPlace() throws IOException {
        try (SequenceReader reader = Formats.open(Path.of("synthetic:6x4:gray8:5:10"))) {
            SequenceStack stack = new SequenceStack(reader, 2);
            stack.deleteSlice(2);
            stack.deleteLastSlice();
            assertEquals(3, stack.getSize());
            assertEquals(2, stack.frameOf(2));
            assertSliceIsFrame(stack.getProcessor(2), reader.read(2), 0, "slice 2 after deleting frame 1");
            assertEquals("0.2 s", stack.getSliceLabel(2));
            assertThrows(IndexOutOfBoundsException.class, () -> stack.getProcessor(4));
        }
    }

    @Test
    void closingAStackOpenedFromAFileReopensItWhenReadAgain() throws IOException {
        Path file = SharedData.file("seq/pims_sample_norpix6.seq");
        ImagePlus imp = ImageJSequences.open(file);
        SequenceStack stack = (SequenceStack) imp.getStack();
        stack.close();
        try (SequenceReader reader = Formats.open(file)) {
            assertSliceIsFrame(stack.getProcessor(5), reader.read(4), 0, "after close");
        } finally {
            stack.close();
        }
        // a stack over a caller's reader does not reopen anything
        CountingReader reader = new CountingReader(Formats.open(Path.of("synthetic:4x4:gray8:3")));
        SequenceStack own = new SequenceStack(reader, 1);
        own.close();
        assertTrue(reader.closed);
        assertThrows(IllegalStateException.class, () -> own.getProcessor(1));
    }

    @Test
    void aFrameThatCannotBeReadIsAnErrorNotABlankSlice() throws IOException {
        SequenceReader broken = new CountingReader(Formats.open(Path.of("synthetic:4x4:gray16:3"))) {
            @Override
            public Frame read(int index) throws IOException {
                if (index == 2) {
                    throw new org.easimage.io.CorruptInputException(Path.of("run.seq"), 99, "frame 2 is damaged");
                }
                return super.read(index);
            }
        };
        SequenceStack stack = new SequenceStack(broken, 2);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> stack.getProcessor(3));
        assertTrue(e.getMessage().contains("run.seq"), e.getMessage());
    }

    @Test
    void timesWithoutRateOrTimesLeaveTheCalibrationAlone() throws IOException {
        SequenceReader noTimes = new CountingReader(Formats.open(Path.of("synthetic:4x4:gray8:3"))) {
            @Override
            public org.easimage.io.SequenceInfo info() {
                return super.info().withFrameRate(java.util.Optional.empty());
            }

            @Override
            public java.util.Optional<java.time.Duration> time(int index) {
                return java.util.Optional.empty();
            }
        };
        ImagePlus imp = ImageJSequences.toImagePlus(noTimes, "untimed");
        assertEquals(0, imp.getCalibration().frameInterval);
        assertEquals(new Calibration().fps, imp.getCalibration().fps, "ImageJ's default fps is kept");
        assertTrue(((String) imp.getProperty("Info")).contains("Frame interval: unknown"));
        assertNull(imp.getProp("easimage.frameRate"));
    }

    @Test
    void sliceLabelsAreTheSourcesTimes() throws IOException {
        try (SequenceReader reader = Formats.open(Path.of("synthetic:3x3:gray8:4:30000/1001"))) {
            SequenceStack stack = new SequenceStack(reader);
            assertEquals(Times.seconds(reader.time(3).orElseThrow()).toPlainString() + " s", stack.getSliceLabel(4));
            assertEquals("0.033366667 s", stack.getSliceLabel(2), "1001/30000 s to the nanosecond");
        }
    }
}
