package org.easimage.io.norpix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.Format;
import org.easimage.io.FormatOptions;
import org.easimage.io.ProbeInput;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.io.WriteOptions;

/**
 * Norpix StreamPix sequences ({@code norpix-seq}): recognised by the magic number 0xFEED at byte 0. A {@code .seq}
 * file without it is left to other {@code .seq} dialects (HIRIS), so the extension alone never claims it.
 * Writing {@code .seq} chooses this format (see {@link SeqWriter}).
 *
 * <p>Times: every frame carries a stamp (seconds since 1970, ms, µs). Frame i's time is its stamp minus frame 0's;
 * a stamp is an acquisition timestamp only from 1980-01-01 on ({@link org.easimage.io.Times#EARLIEST_TIMESTAMP}).
 * Frames without a date are written as their time since the first frame counted from 1970, so they read back as
 * times without a timestamp, and no date is ever invented.
 */
public final class NorpixSeqFormat implements Format {

    /** The format's name. */
    public static final String NAME = "norpix-seq";
    private static final byte[] MAGIC = {(byte) 0xED, (byte) 0xFE, 0, 0};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Norpix StreamPix sequence (.seq), raw or JPEG";
    }

    @Override
    public List<String> extensions() {
        return List.of("seq");
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public Probe probe(ProbeInput input) {
        if (input.directory()) {
            return Probe.no("is a directory");
        }
        return input.startsWith(0, MAGIC) ? Probe.content() : Probe.no("no Norpix magic 0xFEED at byte 0");
    }

    @Override
    public Set<Class<? extends FormatOptions>> writeOptionTypes() {
        return Set.of(SeqWriteOptions.class);
    }

    @Override
    public Set<PixelType> writablePixelTypes() {
        return EnumSet.of(PixelType.GRAY8, PixelType.GRAY16, PixelType.RGB24);
    }

    @Override
    public void checkOptions(Path path, WriteOptions options) throws UnsupportedOutputException {
        boolean jpeg = options.get(SeqWriteOptions.class)
                .map(o -> o.compression() == SeqWriteOptions.Compression.JPEG).orElse(false);
        if (!jpeg) {
            options.refuseQuality(path, "raw Norpix frames are stored exactly (quality applies to JPEG compression)");
        }
    }

    @Override
    public void checkFrames(Path path, FrameSpec spec, WriteOptions options) throws UnsupportedOutputException {
        Format.super.checkFrames(path, spec, options);
        boolean jpeg = options.get(SeqWriteOptions.class)
                .map(o -> o.compression() == SeqWriteOptions.Compression.JPEG).orElse(false);
        if (jpeg && spec.pixelType() == PixelType.GRAY16) {
            throw new UnsupportedOutputException(path, "a JPEG Norpix sequence cannot hold GRAY16 frames; it stores"
                    + " GRAY8 and RGB24 (write raw frames or convert them first)");
        }
    }

    @Override
    public SequenceReader open(Path path, ReadOptions options) throws IOException {
        return SeqReader.open(path, options);
    }

    @Override
    public SequenceWriter create(Path path, WriteOptions options) throws IOException {
        return new SeqWriter(path, options);
    }
}
