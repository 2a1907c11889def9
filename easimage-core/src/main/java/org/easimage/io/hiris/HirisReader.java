package org.easimage.io.hiris;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.easimage.io.AbstractSequenceReader;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.Rational;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceInfo;
import org.easimage.io.Times;
import org.easimage.io.TruncatedInputException;
import org.easimage.io.UnsupportedFormatException;

/**
 * Reads a HIRIS sequence: the settings file plus the {@code .bin} frame files it names and counts
 * ({@link HirisBins}), concatenated. Each bin holds whole frames of
 * Width x Height x BytesPerPixel bytes: 1 -> GRAY8, 2 -> GRAY16 little-endian with BitsPerPixel significant bits,
 * 3 -> RGB24 (bytes taken in R, G, B order). A partial frame at the end of a bin is never counted (under either
 * truncation policy) and is reported as a warning. Frame i's time is {@code i / FramePerSecond} (the rate as an
 * exact ratio, e.g. 30000/1001) when the rate parses, and its timestamp {@code Start Time} plus that time when the
 * start parses too (a settings file without {@code Start Time} has no timestamps). Positional reads on one channel
 * per bin make it thread-safe without locks.
 */
final class HirisReader extends AbstractSequenceReader {

    private static final long MAX_SETTINGS_BYTES = 1 << 20;

    private final SequenceInfo info;
    private final List<Path> bins;
    private final FileChannel[] channels;
    private final long[] firstFrame; // cumulative frame counts: bin b holds frames [firstFrame[b], firstFrame[b+1])
    private final int frameBytes;
    private final Instant start;

    private HirisReader(Path path, SequenceInfo info, List<Path> bins, FileChannel[] channels, long[] firstFrame,
            Instant start) {
        super(path);
        this.info = info;
        this.bins = bins;
        this.channels = channels;
        this.firstFrame = firstFrame;
        this.frameBytes = info.spec().frameBytes();
        this.start = start;
    }

    static HirisReader open(Path path, ReadOptions options) throws IOException {
        long size = requireFile(path, "a HIRIS .seq settings file");
        if (size > MAX_SETTINGS_BYTES) {
            throw new CorruptInputException(path, "a HIRIS settings file of " + size + " bytes is implausible");
        }
        HirisSettings s = HirisSettings.parse(path, Files.readAllBytes(path));
        int w = s.positiveInt(path, "Width");
        int h = s.positiveInt(path, "Height");
        int bpp = s.positiveInt(path, "BytesPerPixel");
        PixelType type = switch (bpp) {
            case 1 -> PixelType.GRAY8;
            case 2 -> PixelType.GRAY16;
            case 3 -> PixelType.RGB24;
            default -> throw new UnsupportedFormatException(path, "HIRIS BytesPerPixel = " + bpp
                    + " is not supported (1, 2 and 3 are)");
        };
        int bits = type.sampleType().bits();
        Optional<String> bitsText = s.get("BitsPerPixel");
        if (type == PixelType.GRAY16 && bitsText.isPresent()) {
            try {
                int b = Integer.parseInt(bitsText.get().strip());
                if (b >= 1 && b <= 16) {
                    bits = b;
                } else {
                    options.warnings().accept(path + ": ignoring BitsPerPixel = " + b + " for 16-bit samples");
                }
            } catch (NumberFormatException e) {
                options.warnings().accept(path + ": ignoring non-numeric BitsPerPixel '" + bitsText.get() + "'");
            }
        }
        FrameSpec spec;
        try {
            spec = new FrameSpec(w, h, type, bits);
        } catch (IllegalArgumentException e) {
            throw new CorruptInputException(path, "HIRIS frame size " + w + "x" + h + "x" + bpp + ": "
                    + e.getMessage());
        }
        List<HirisBins.Bin> found = HirisBins.resolve(path, s, spec.frameBytes(), options);
        List<Path> bins = found.stream().map(HirisBins.Bin::path).toList();
        long[] first = new long[bins.size() + 1];
        Map<String, Object> binMeta = new LinkedHashMap<>();
        for (int b = 0; b < bins.size(); b++) {
            binMeta.put(bins.get(b).getFileName().toString(), found.get(b).frames());
            first[b + 1] = first[b] + found.get(b).frames();
        }
        long fb = spec.frameBytes();
        long total = first[bins.size()];
        if (total == 0) {
            throw new TruncatedInputException(path, 0, 0, "the .bin files hold no complete frame of " + fb
                    + " bytes");
        }
        if (total > Integer.MAX_VALUE) {
            throw new CorruptInputException(path, "the .bin files hold " + total + " frames, more than supported");
        }
        Optional<Rational> fps = s.framesPerSecond();
        Optional<Instant> startTime = s.startTime();
        if (s.get("Start Time").isPresent() && startTime.isEmpty()) {
            options.warnings().accept(path + ": Start Time '" + s.get("Start Time").get()
                    + "' is not a date this reader understands; frames have no timestamps");
        }
        Map<String, Object> meta = new LinkedHashMap<>(s.keys());
        meta.put("frameBinSize", fb);
        meta.put("bins", Collections.unmodifiableMap(binMeta));
        startTime.ifPresent(t -> meta.put("startTimeUtc", t));
        Map<String, Object> frozen = Collections.unmodifiableMap(meta);
        SequenceInfo info = new SequenceInfo(HirisFormat.NAME, (int) total, spec,
                fps, () -> frozen);
        FileChannel[] chs = new FileChannel[bins.size()];
        try {
            for (int b = 0; b < chs.length; b++) {
                chs[b] = FileChannel.open(bins.get(b), StandardOpenOption.READ);
            }
        } catch (IOException e) {
            closeAll(chs);
            throw new EasimageException(path, "cannot open its frame file: " + e.getMessage(), e);
        }
        return new HirisReader(path, info, List.copyOf(bins), chs, first, startTime.orElse(null));
    }

    static String baseName(Path seq) {
        String n = seq.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static void closeAll(FileChannel[] chs) {
        for (FileChannel c : chs) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException e) {
                    // closing a read channel: nothing to recover
                }
            }
        }
    }

    @Override
    public List<Path> sourceFiles() {
        return bins;
    }

    @Override
    public SequenceInfo info() {
        return info;
    }

    @Override
    protected Frame readFrame(int index, Frame reuse) throws IOException {
        int b = Arrays.binarySearch(firstFrame, index);
        b = b >= 0 ? b : -b - 2;
        while (firstFrame[b + 1] == firstFrame[b]) { // skip bins without frames
            b++;
        }
        long pos = (index - firstFrame[b]) * (long) frameBytes;
        Frame f = Frames.allocate(info.spec(), index).withTime(frameTime(index).orElse(null))
                .withTimestamp(frameTimestamp(index).orElse(null));
        ByteBuffer dst = f.buffer();
        long p = pos;
        try {
            while (dst.hasRemaining()) {
                int n = channels[b].read(dst, p);
                if (n < 0) {
                    throw new EOFException();
                }
                p += n;
            }
        } catch (EOFException e) {
            throw new TruncatedInputException(path, pos, index, "frame " + index + " in "
                    + bins.get(b).getFileName() + " ends early (the file shrank after opening)");
        } catch (IOException e) {
            throw new EasimageException(path, "reading frame " + index + " from " + bins.get(b).getFileName()
                    + " failed: " + e, e);
        }
        if (info.spec().pixelType() == PixelType.GRAY16 && ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            ByteBuffer le = f.buffer().order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer nat = f.buffer();
            for (int i = 0; i < frameBytes; i += 2) {
                nat.putShort(i, le.getShort(i));
            }
        }
        return f;
    }

    @Override
    protected Optional<Duration> frameTime(int index) {
        return info.frameRate().map(r -> Times.atIndex(index, r));
    }

    @Override
    protected Optional<Instant> frameTimestamp(int index) {
        return frameTime(index).flatMap(t -> Times.after(Optional.ofNullable(start), t));
    }

    @Override
    protected void release() {
        closeAll(channels);
    }
}
