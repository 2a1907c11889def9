package org.easimage.zarr;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.io.AbstractSequenceWriter;
import org.easimage.io.AtomicOutput;
import org.easimage.io.Rational;
import org.easimage.io.Times;
import org.easimage.io.WriteOptions;

/**
 * Streams frames into a new Zarr store: each chunk is encoded and written as soon as its frames have arrived (one
 * frame per chunk by default), so memory stays at one chunk per level whatever the length. The metadata, which
 * need the frame count, are written at the end; everything lives in a temporary folder beside the destination
 * and appears whole, with one rename, on {@link #finish()}.
 *
 * <p>Times go into the level-0 array's attributes, as in the TIFF writer's description: {@code acquisition_start}
 * (the first frame's timestamp, when it has one) and either {@code fps} (a ratio such as {@code "30000/1001"},
 * when every frame's time is exactly index / the frame rate) or {@code frame_times} (seconds since the first frame,
 * exact decimals). The OME-Zarr time scale is the frame interval. Samples with fewer significant bits than
 * their type (12-bit camera data in 16-bit samples) state it as {@code significant_bits}.
 */
final class ZarrWriter extends AbstractSequenceWriter {

    private final ZarrWriteOptions zarr;
    private ZarrStore store;
    private FrameSpec spec;
    private ZarrStore.RangeWriter frames;
    private long[] times = new long[1024];
    private int count;

    ZarrWriter(Path path, WriteOptions options, ZarrWriteOptions zarr) throws IOException {
        super(path, options, AtomicOutput.directory(path, options.overwrite(), ZarrFormat::isStore));
        this.zarr = zarr;
    }

    @Override
    protected void begin(FrameSpec spec) throws IOException {
        store = ZarrStore.plan(temporary(), spec, 0, zarr);
        this.spec = spec;
        frames = store.writer(0);
    }

    @Override
    protected void writeFrame(Frame frame, int index) throws IOException {
        if (count == times.length) {
            times = Arrays.copyOf(times, count * 2);
        }
        times[count++] = timeOf(frame, index, frameRate(Rational.of(1))).toNanos();
        frames.write(frame);
    }

    @Override
    protected void end() throws IOException {
        frames.close();
        Map<String, Object> attrs = new LinkedHashMap<>();
        if (spec.significantBits() < spec.sampleType().bits()) {
            attrs.put("significant_bits", spec.significantBits()); // a 12-bit camera in 16-bit samples stays 12-bit
        }
        start().ifPresent(t -> attrs.put("acquisition_start", t.toString()));
        Rational rate = options.frameRate();
        Double interval = null;
        if (rate != null && regular(rate)) {
            attrs.put("fps", rate.toString());
            interval = rate.inverse().toDouble();
        } else if (framesHaveTimes()) {
            List<Object> seconds = new java.util.ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                seconds.add(Times.seconds(Duration.ofNanos(times[i])));
            }
            attrs.put("frame_times", seconds);
            interval = count > 1 ? (times[count - 1] - times[0]) / 1e9 / (count - 1) : null;
            if (interval != null && interval <= 0) {
                interval = null;
            }
        }
        String name = path.getFileName().toString().replaceFirst("(?i)\\.zarr$", "");
        store.withFrameCount(count).writeMetadata(name, attrs, interval);
    }

    /** True when every frame's time is exactly index / rate. */
    private boolean regular(Rational rate) {
        for (int i = 0; i < count; i++) {
            if (times[i] != Times.atIndex(i, rate).toNanos()) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void release() throws IOException {
        if (frames != null) {
            try {
                frames.close();
            } catch (IOException ignored) {
                // the temporary folder is discarded anyway
            }
        }
    }
}
