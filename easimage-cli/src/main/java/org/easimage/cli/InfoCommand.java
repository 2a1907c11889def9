package org.easimage.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code easimage info FILE [--json]}: what a sequence holds, without decoding its pixels. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the format, frame count, size, pixel type, frame rate and timestamps of a sequence.")
final class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "A file, folder, glob pattern or synthetic:... source.")
    Path file;

    @Option(names = "--json", description = "Print one JSON object instead of a summary.")
    boolean json;

    @Option(names = {"-f", "--input-format"}, paramLabel = "NAME", description = "Force the input format (see 'easimage formats').")
    String format;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        ReadOptions ro = ReadOptions.defaults().withFormat(format).withWarnings(w -> Streams.err().println("warning: " + w));
        try (SequenceReader r = Formats.open(file, ro)) {
            Map<String, Object> m = describe(file, r);
            PrintStream out = Streams.out();
            if (json) {
                out.println(Json.write(m));
            } else {
                printSummary(out, m, r.info());
            }
        }
        return 0;
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

    private static void printSummary(PrintStream out, Map<String, Object> m, SequenceInfo info) {
        FrameSpec s = info.spec();
        out.printf(Locale.ROOT, "%-12s %s%n", "file:", m.get("file"));
        out.printf(Locale.ROOT, "%-12s %s%n", "format:", info.format());
        out.printf(Locale.ROOT, "%-12s %d%n", "frames:", info.frameCount());
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
