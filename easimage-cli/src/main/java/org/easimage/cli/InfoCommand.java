package org.easimage.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.easimage.frame.FrameSpec;
import org.easimage.io.Formats;
import org.easimage.io.ReadOptions;
import org.easimage.io.Rational;
import org.easimage.io.SequenceInfo;
import org.easimage.io.SequenceReader;
import org.easimage.io.Times;
import org.easimage.io.TruncatedInputException;
import org.easimage.io.TruncationPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code easimage info FILE [--json] [--frames]}: what a sequence holds, without decoding its pixels; with
 * {@code --frames}, every frame's time, streamed (constant memory whatever the length). A truncated input is
 * described, with the number of complete frames, instead of failing.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show the format, frame count, size, pixel type, frame rate and timestamps of a sequence.",
                "With --frames, one line per frame instead: index, timestamp (UTC), seconds from the first frame, "
                        + "interval from the previous one, and frames dropped before it (estimated from the "
                        + "interval), as CSV or, with --json, a JSON array."})
final class InfoCommand implements Callable<Integer> {

    /** An interval this many times the typical one marks dropped frames. */
    static final double DROP_FACTOR = 1.5;
    /** Intervals from the start that give the typical one (their median): a bounded look-ahead. */
    static final int TYPICAL_SAMPLE = 100;

    @Parameters(index = "0", paramLabel = "FILE", description = "A file, folder, glob pattern or synthetic:... source.")
    Path file;

    @Option(names = "--json", description = "Print JSON: one object (or, with --frames, an array of one object per frame).")
    boolean json;

    @Option(names = "--frames", description = "One line per frame: index, timestamp, seconds, interval, dropped (CSV, or JSON with --json).")
    boolean frames;

    @Option(names = "--salvage", description = "Describe only the complete frames of a truncated input (info does this by itself, with a warning, when the input turns out truncated).")
    boolean salvage;

    @Option(names = {"-f", "--input-format"}, paramLabel = "NAME", description = "Force the input format (see 'easimage formats').")
    String format;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (org.easimage.io.StandardStreams.isPipe(file)) { // not "-: no such file": say what works
            throw new CommandLine.ParameterException(spec.commandLine(), "info describes a file, not standard "
                    + "input; for a stream use: easimage convert - null (it counts the frames)");
        }
        ReadOptions ro = ReadOptions.defaults().withFormat(format).withWarnings(w -> err.println("warning: " + w));
        Integer stated = null;
        TruncatedInputException truncated = null;
        if (!salvage) {
            java.util.List<String> warnings = new java.util.ArrayList<>();
            try (SequenceReader r = Formats.open(file, ro.withWarnings(warnings::add))) {
                Map<String, Object> m = describe(file, r);
                warnings.forEach(w -> err.println("warning: " + w));
                print(out, r, m);
                return 0;
            } catch (TruncatedInputException e) {
                truncated = e; // the header promises more than the file holds: describe what is there
            }
        }
        try (SequenceReader r = Formats.open(file, ro.withTruncation(TruncationPolicy.SALVAGE)
                .withWarnings(w -> { }))) {
            Map<String, Object> m = describe(file, r);
            if (truncated != null) {
                stated = statedFrames(r);
                m.put("truncated", true);
                m.put("completeFrames", r.frameCount());
                m.put("statedFrames", stated);
                err.println("warning: " + file + " is truncated" + (stated != null ? ": the header states "
                        + stated + " frames, " : ": ") + r.frameCount() + " are complete (" + Main.oneLine(
                        truncated.getMessage()) + "); --salvage reads the complete frames");
            }
            print(out, r, m);
        }
        return 0;
    }

    private void print(PrintWriter out, SequenceReader r, Map<String, Object> m) throws IOException {
        if (frames) {
            printFrames(out, r);
        } else if (json) {
            out.println(Json.write(m));
        } else {
            printSummary(out, m, r.info());
        }
        out.flush();
    }

    /** The frame count the header of a salvaged input states, when its metadata says (Norpix AllocatedFrames). */
    private static Integer statedFrames(SequenceReader r) {
        Object v = r.info().metadata().asMap().get("allocatedFrames");
        return v instanceof Number n && n.longValue() > r.frameCount() ? (int) n.longValue() : null;
    }

    /** The standard properties as an ordered map (the JSON form). */
    static Map<String, Object> describe(Path file, SequenceReader r) throws java.io.IOException {
        SequenceInfo info = r.info();
        FrameSpec s = info.spec();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("format", info.format());
        m.put("frames", info.frameCount());
        m.put("width", s.width());
        m.put("height", s.height());
        m.put("channels", s.channels());
        m.put("pixelType", s.pixelType().name());
        m.put("sampleType", s.sampleType().name());
        m.put("bitsPerSample", s.significantBits());
        Optional<Rational> fps = info.frameRate();
        m.put("fps", fps.map(Rational::toDouble).orElse(null));
        m.put("fpsRational", fps.map(Rational::toString).orElse(null));
        if (info.frameCount() > 0) {
            int last = info.frameCount() - 1;
            // the last frame's time since the first (seconds), and absolute instants only where the source has them
            m.put("lastFrameTime", r.time(last).map(Times::seconds).orElse(null));
            m.put("firstTimestamp", r.timestamp(0).orElse(null));
            m.put("lastTimestamp", r.timestamp(last).orElse(null));
        }
        m.put("metadata", info.metadata().asMap());
        return m;
    }

    /**
     * One line (CSV) or object (JSON array) per frame, written as the times are read: nothing is kept but the
     * first {@link #TYPICAL_SAMPLE} intervals that give the typical interval.
     */
    private void printFrames(PrintWriter out, SequenceReader r) throws IOException {
        int n = r.frameCount();
        Duration typical = typicalInterval(r);
        if (json) {
            out.print("[\n");
        } else {
            out.print("index,timestamp,seconds,interval,dropped\n");
        }
        Duration previous = null;
        for (int i = 0; i < n; i++) {
            Optional<Duration> t = r.time(i);
            Optional<Instant> ts = r.timestamp(i);
            Duration interval = t.isPresent() && previous != null ? t.get().minus(previous) : null;
            int dropped = dropped(interval, typical);
            String seconds = t.map(d -> Times.seconds(d).toPlainString()).orElse(null);
            String gap = interval == null ? null : Times.seconds(interval).toPlainString();
            if (json) {
                out.print((i == 0 ? "" : ",\n") + "{\"index\":" + i + ",\"timestamp\":"
                        + ts.map(x -> "\"" + x + "\"").orElse("null") + ",\"seconds\":" + (seconds == null ? "null"
                        : seconds) + ",\"interval\":" + (gap == null ? "null" : gap) + ",\"dropped\":" + dropped + "}");
            } else {
                out.print(i + "," + ts.map(Instant::toString).orElse("") + "," + (seconds == null ? "" : seconds) + ","
                        + (gap == null ? "" : gap) + "," + dropped + "\n");
            }
            previous = t.orElse(null);
        }
        if (json) {
            out.print(n == 0 ? "]\n" : "\n]\n");
        }
    }

    /**
     * The interval frames normally have: the median of the first {@link #TYPICAL_SAMPLE} intervals (real cameras
     * do not run at their nominal rate), else the nominal one; null when the frames have no times.
     */
    static Duration typicalInterval(SequenceReader r) throws IOException {
        int n = Math.min(r.frameCount(), TYPICAL_SAMPLE + 1);
        long[] gaps = new long[Math.max(0, n - 1)];
        Duration previous = null;
        int k = 0;
        for (int i = 0; i < n; i++) {
            Optional<Duration> t = r.time(i);
            if (t.isEmpty()) {
                return null;
            }
            if (previous != null) {
                gaps[k++] = t.get().minus(previous).toNanos();
            }
            previous = t.get();
        }
        if (k == 0) {
            return r.info().frameRate().map(rate -> Times.atIndex(1, rate)).orElse(null);
        }
        Arrays.sort(gaps, 0, k);
        return Duration.ofNanos(gaps[k / 2]);
    }

    /** Frames missing before one that came {@code interval} after the previous: 0 unless it jumps. */
    static int dropped(Duration interval, Duration typical) {
        if (interval == null || typical == null || typical.isZero() || typical.isNegative()) {
            return 0;
        }
        double ratio = (double) interval.toNanos() / typical.toNanos();
        return ratio > DROP_FACTOR ? (int) Math.min(Integer.MAX_VALUE, Math.round(ratio) - 1) : 0;
    }

    private static void printSummary(PrintWriter out, Map<String, Object> m, SequenceInfo info) {
        FrameSpec s = info.spec();
        out.printf(Locale.ROOT, "%-12s %s%n", "file:", m.get("file"));
        out.printf(Locale.ROOT, "%-12s %s%n", "format:", info.format());
        if (Boolean.TRUE.equals(m.get("truncated"))) {
            Object stated = m.get("statedFrames");
            out.printf(Locale.ROOT, "%-12s %d complete%s (truncated file; --salvage reads them)%n", "frames:",
                    info.frameCount(), stated != null ? " of the " + stated + " the header states" : "");
        } else {
            out.printf(Locale.ROOT, "%-12s %d%n", "frames:", info.frameCount());
        }
        out.printf(Locale.ROOT, "%-12s %d x %d, %d channel(s)%n", "size:", s.width(), s.height(), s.channels());
        out.printf(Locale.ROOT, "%-12s %s, %d significant bits%n", "pixels:", s.pixelType(), s.significantBits());
        info.frameRate().ifPresent(r -> {
            out.printf(Locale.ROOT, "%-12s %.6g fps (%s)%n", "frame rate:", r.toDouble(), r);
            double seconds = info.frameCount() / r.toDouble();
            out.printf(Locale.ROOT, "%-12s %s (nominal)%n", "duration:", Duration.ofMillis(Math.round(seconds * 1000))
                    .toString().substring(2).toLowerCase(Locale.ROOT));
        });
        if (m.get("lastFrameTime") != null) {
            out.printf(Locale.ROOT, "%-12s 0 .. %s s (last frame, from the first)%n", "times:", m.get("lastFrameTime"));
        } else if (info.frameCount() > 0) {
            out.printf(Locale.ROOT, "%-12s none stated%n", "times:");
        }
        if (m.get("firstTimestamp") != null) {
            out.printf(Locale.ROOT, "%-12s %s .. %s%n", "timestamps:", m.get("firstTimestamp"), m.get("lastTimestamp"));
        } else if (info.frameCount() > 0) {
            out.printf(Locale.ROOT, "%-12s no timestamp (the source states no acquisition time)%n", "timestamps:");
        }
        Map<String, Object> meta = info.metadata().asMap();
        if (!meta.isEmpty()) {
            out.println("metadata:");
            meta.forEach((k, v) -> out.printf(Locale.ROOT, "  %-24s %s%n", k + ":", v));
        }
    }
}
