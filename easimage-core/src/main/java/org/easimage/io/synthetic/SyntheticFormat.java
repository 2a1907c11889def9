package org.easimage.io.synthetic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.AbstractSequenceReader;
import org.easimage.io.Format;
import org.easimage.io.FormatMetadata;
import org.easimage.io.ProbeInput;
import org.easimage.io.Rational;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceInfo;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.Times;
import org.easimage.io.UnsupportedFormatException;

/**
 * Frames described by their name, with no file behind them: {@code synthetic:WIDTHxHEIGHT:TYPE:COUNT[:FPS]}, e.g.
 * {@code synthetic:1280x720:rgb24:2000:30}. Each frame is a moving gradient with camera-like noise, and its first
 * pixels hold the frame index (little-endian, one byte per sample) so order can be checked after any lossless
 * round trip. Frame i's time is exactly i / FPS (30 by default); being generated, frames have no acquisition
 * timestamp. Used by tests and benchmarks to stream any length without disk.
 */
public final class SyntheticFormat implements Format {

    private static final Pattern NAME = Pattern.compile(
            "synthetic:(\\d+)x(\\d+):([a-z0-9]+):(\\d+)(?::([0-9./]+))?", Pattern.CASE_INSENSITIVE);

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public String description() {
        return "generated frames, synthetic:WxH:TYPE:COUNT[:FPS]";
    }

    @Override
    public List<String> extensions() {
        return List.of();
    }

    @Override
    public Probe probe(ProbeInput input) {
        return NAME.matcher(input.path().toString()).matches() ? Probe.content()
                : Probe.no("not a synthetic:WxH:TYPE:COUNT name");
    }

    @Override
    public SequenceReader open(Path path, ReadOptions options) throws IOException {
        Matcher m = NAME.matcher(path.toString());
        if (!m.matches()) {
            throw new UnsupportedFormatException(path, "expected synthetic:WIDTHxHEIGHT:TYPE:COUNT[:FPS]");
        }
        try {
            PixelType type = PixelType.valueOf(m.group(3).toUpperCase(Locale.ROOT));
            FrameSpec spec = FrameSpec.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), type);
            int count = Integer.parseInt(m.group(4));
            Rational fps = m.group(5) == null ? Rational.of(30) : Rational.parse(m.group(5));
            return new Reader(path, spec, count, fps);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedFormatException(path, "bad synthetic description: " + e.getMessage());
        }
    }

    @Override
    public SequenceWriter create(Path path, org.easimage.io.WriteOptions options) throws IOException {
        throw new UnsupportedFormatException(path, "synthetic sources cannot be written");
    }

    /** The generator; stateless, so safe from any number of threads. */
    static final class Reader extends AbstractSequenceReader {
        private final SequenceInfo info;
        private final Rational fps;

        Reader(Path name, FrameSpec spec, int count, Rational fps) {
            super(name);
            this.fps = fps;
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("pattern", "gradient+noise, index in first pixels");
            FormatMetadata md = () -> meta;
            this.info = new SequenceInfo("synthetic", count, spec, Optional.of(fps), md);
        }

        @Override
        public SequenceInfo info() {
            return info;
        }

        @Override
        protected Frame readFrame(int index, Frame reuse) {
            FrameSpec s = info.spec();
            Frame f = Frames.allocate(s, index).withTime(Times.atIndex(index, fps));
            ByteBuffer b = f.buffer();
            int w = s.width();
            int h = s.height();
            int c = s.channels();
            long seed = index * 0x9E3779B97F4A7C15L;
            if (s.pixelType().isPlanar()) {
                // Y'CbCr planes (luma, then the subsampled chroma): a moving ramp over all the frame's bytes
                int bytes = (int) s.frameBytes();
                for (int k = 0; k < bytes; k++) {
                    b.put(k, (byte) (16 + ((k % Math.max(1, w)) * 200 / Math.max(1, w) + 3 * index) % 220));
                }
                for (int i = 0; i < Math.min(4, bytes); i++) {
                    b.put(i, (byte) (index >>> (8 * i)));
                }
                return f;
            }
            switch (s.sampleType()) {
                case U8 -> {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            for (int ch = 0; ch < c; ch++) {
                                seed = seed * 6364136223846793005L + 1442695040888963407L;
                                int v = ((x + 3 * index) * 255 / Math.max(1, w) + y * 64 / Math.max(1, h) + ch * 40)
                                        + (int) ((seed >>> 60) - 8);
                                b.put((byte) Math.max(0, Math.min(255, v)));
                            }
                        }
                    }
                }
                case U16 -> {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            for (int ch = 0; ch < c; ch++) {
                                seed = seed * 6364136223846793005L + 1442695040888963407L;
                                int v = ((x + 3 * index) * 4000 / Math.max(1, w) + y * 40 / Math.max(1, h) + ch * 500)
                                        + (int) ((seed >>> 56) - 128);
                                b.putShort((short) Math.max(0, Math.min(65535, v)));
                            }
                        }
                    }
                }
                case F32 -> {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            for (int ch = 0; ch < c; ch++) {
                                b.putFloat((float) (((x + 3 * index) % Math.max(1, w)) / (double) w
                                        + 0.1 * Math.sin(y * 0.1 + ch)));
                            }
                        }
                    }
                }
            }
            // frame index in the first 4 samples (one byte each) for order checks
            int samples = Math.min(4, s.sampleCount());
            for (int i = 0; i < samples; i++) {
                int v = (index >>> (8 * i)) & 0xFF;
                switch (s.sampleType()) {
                    case U8 -> f.buffer().put(i, (byte) v);
                    case U16 -> f.buffer().putShort(2 * i, (short) v);
                    case F32 -> f.buffer().putFloat(4 * i, v);
                }
            }
            return f;
        }

        @Override
        protected Optional<Duration> frameTime(int index) {
            return Optional.of(Times.atIndex(index, fps));
        }

        @Override
        protected Optional<Instant> frameTimestamp(int index) {
            return Optional.empty();
        }
    }
}
