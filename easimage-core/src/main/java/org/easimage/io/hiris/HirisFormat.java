package org.easimage.io.hiris;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.easimage.frame.PixelType;
import org.easimage.io.Format;
import org.easimage.io.ProbeInput;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.io.WriteOptions;

/**
 * R&D Vision HIRIS sequences ({@code hiris-seq}): a text {@code .seq} file starting with
 * {@code [Sequence Settings]} beside headerless {@code .bin} files of raw frames. Recognised by content only; it
 * is written only when asked for by name (a {@code .seq} destination otherwise gets the Norpix format).
 */
public final class HirisFormat implements Format {

    /** The format's name. */
    public static final String NAME = "hiris-seq";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "R&D Vision HIRIS sequence (.seq settings + .bin frames)";
    }

    @Override
    public List<String> extensions() {
        return List.of("seq");
    }

    @Override
    public Probe probe(ProbeInput input) {
        if (input.directory()) {
            return Probe.no("is a directory");
        }
        String head = new String(input.head(), 0, Math.min(input.head().length, 256), StandardCharsets.UTF_8);
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1);
        }
        return head.stripLeading().toLowerCase(Locale.ROOT).startsWith(HirisSettings.SECTION.toLowerCase(Locale.ROOT))
                ? Probe.content() : Probe.no("does not start with " + HirisSettings.SECTION);
    }

    @Override
    public Probe probeOutput(Path path) {
        return Probe.no("write HIRIS only by asking for format " + NAME + " (.seq means Norpix by default)");
    }

    @Override
    public Set<PixelType> writablePixelTypes() {
        return EnumSet.of(PixelType.GRAY8, PixelType.GRAY16, PixelType.RGB24);
    }

    @Override
    public SequenceReader open(Path path, ReadOptions options) throws IOException {
        return HirisReader.open(path, options);
    }

    @Override
    public void checkOptions(Path path, WriteOptions options) throws UnsupportedOutputException {
        options.refuseQuality(path, "HIRIS frames are stored exactly");
    }

    @Override
    public SequenceWriter create(Path path, WriteOptions options) throws IOException {
        return new HirisWriter(path, options);
    }
}
