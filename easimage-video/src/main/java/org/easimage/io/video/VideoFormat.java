package org.easimage.io.video;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;
import org.easimage.frame.PixelType;
import org.easimage.io.Format;
import org.easimage.io.FormatOptions;
import org.easimage.io.ProbeInput;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.StandardStreams;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.io.WriteOptions;

/**
 * Video files through FFmpeg (MP4/MOV, AVI, Matroska/WebM, MPEG-PS/TS, WMV, FLV, Ogg): frame-exact reading
 * and writing with H.264, FFV1, MJPEG and more. See docs/video.md.
 */
public final class VideoFormat implements Format {

    /** The format name. */
    public static final String NAME = "video";

    private static final List<String> EXTENSIONS = List.of("mp4", "m4v", "mov", "avi", "mkv", "webm", "mpg",
            "mpeg", "ts", "mts", "m2ts", "wmv", "asf", "flv", "ogv", "3gp", "nut", "mjpeg", "mjpg");

    private static final Set<String> IMAGE_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "mif1",
            "msf1", "avif", "avis", "jp2 ", "crx ");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Video through FFmpeg (.mp4 .mov .avi .mkv .webm ...)";
    }

    @Override
    public List<String> extensions() {
        return EXTENSIONS;
    }

    @Override
    public Probe probe(ProbeInput in) {
        if (in.directory() || !in.exists()) {
            return Probe.no("not a file");
        }
        byte[] h = in.head();
        if (h.length >= 12) {
            String box = ascii(h, 4, 4);
            if (box.equals("ftyp")) {
                String brand = ascii(h, 8, 4);
                return IMAGE_BRANDS.contains(brand) ? Probe.no("ISO-BMFF image brand " + brand) : Probe.content();
            }
            if (box.equals("moov") || box.equals("mdat") || box.equals("wide") || box.equals("free")) {
                return Probe.content(); // QuickTime files without ftyp
            }
            if (ascii(h, 0, 4).equals("RIFF") && ascii(h, 8, 4).equals("AVI ")) {
                return Probe.content();
            }
        }
        if (in.startsWith(0, new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3})
                || in.startsWith(0, new byte[] {0, 0, 1, (byte) 0xBA})
                || in.startsWith(0, new byte[] {0x30, 0x26, (byte) 0xB2, 0x75, (byte) 0x8E, 0x66, (byte) 0xCF, 0x11})
                || in.startsWith(0, new byte[] {'F', 'L', 'V', 1})) {
            return Probe.content();
        }
        if (h.length >= 3 * 188 + 1 && h[0] == 0x47 && h[188] == 0x47 && h[376] == 0x47) {
            return Probe.content();
        }
        if (in.startsWith(0, "OggS".getBytes(StandardCharsets.US_ASCII)) && contains(h, "theora")) {
            return Probe.content();
        }
        if (in.startsWith(0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})
                && (in.extension().equals("mjpeg") || in.extension().equals("mjpg"))) {
            return Probe.content(); // a raw Motion JPEG stream: JPEG images one after another
        }
        return EXTENSIONS.contains(in.extension()) ? Probe.extension() : Probe.no("no video signature");
    }

    private static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    private static boolean contains(byte[] h, String s) {
        return new String(h, StandardCharsets.ISO_8859_1).contains(s);
    }

    @Override
    public Probe probeOutput(Path path) {
        String ext = ProbeInput.extensionOf(path);
        return EncoderPlan.MUXERS.containsKey(ext) ? Probe.extension() : Probe.no("cannot write ." + ext + " video");
    }

    /** The containers the writer makes ({@link EncoderPlan#MUXERS}); the others are read only. */
    @Override
    public List<String> writeExtensions() {
        return EncoderPlan.MUXERS.keySet().stream().sorted().toList();
    }

    @Override
    public Set<Class<? extends FormatOptions>> writeOptionTypes() {
        return Set.of(VideoWriteOptions.class, StandardStreams.class);
    }


    @Override
    public Set<PixelType> writablePixelTypes() {
        return EnumSet.of(PixelType.GRAY8, PixelType.GRAY16, PixelType.RGB24, PixelType.RGB48, PixelType.YUV420P,
                PixelType.YUV422P, PixelType.YUV444P);
    }

    @Override
    public void checkOptions(Path path, WriteOptions options) throws UnsupportedOutputException {
        EncoderPlan.checkOptions(path, options);
    }

    @Override
    public void checkFrames(Path path, FrameSpec spec, WriteOptions options) throws UnsupportedOutputException {
        EncoderPlan.of(path, spec, options.withWarnings(w -> { })); // the writer announces them when it starts
    }

    @Override
    public long writerNativeBytes(Path path, FrameSpec spec, WriteOptions options) {
        try {
            return EncoderPlan.of(path, spec, options.withWarnings(w -> { })).nativeBytes(spec);
        } catch (UnsupportedOutputException e) {
            return 0; // checkFrames refuses these frames anyway
        }
    }

    /** RGB or studio-range frames into the encoder's Y'CbCr, converted on the transform threads: {@link EncoderIntake}. */
    @Override
    public Optional<FrameTransform> intake(Path path, FrameSpec spec, WriteOptions options) {
        return EncoderIntake.of(path, spec, options).map(t -> t);
    }

    @Override
    public SequenceReader open(Path path, ReadOptions options) throws IOException {
        return new VideoReader(path, options);
    }

    @Override
    public SequenceWriter create(Path path, WriteOptions options) throws IOException {
        return StandardStreams.isPipe(path) ? new VideoWriter(options) : new VideoWriter(path, options);
    }
}
