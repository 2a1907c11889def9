package org.easimage.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.easimage.io.Formats;
import org.easimage.io.Overwrite;
import org.easimage.io.Rational;
import org.easimage.io.SequenceReader;
import org.easimage.io.Times;
import org.easimage.io.WriteOptions;
import org.easimage.pipeline.Conversion;
import org.easimage.pipeline.FrameRange;
import org.easimage.transform.TransformChain;

/**
 * The steps of {@code easimage demo}: record a synthetic 16-bit camera sequence as a Norpix .seq with per-frame
 * timestamps, convert it to an H.264 .mp4 through a transform chain (8-bit rescale, CLAHE, colormap, timestamp
 * annotation), archive it losslessly to FFV1 .mkv, export three frames as PNG, and describe each output.
 * Everything lives in one folder that the demo replaces on each run.
 */
final class Demo {

    static final String CHAIN = "to_8bit(auto) | clahe(2, 8x8) | colormap(viridis) | annotate(\"frame {index}  {time}\", size=18)";

    private Demo() {
    }

    static int run(Path dir, PrintWriter out) throws Exception {
        Files.createDirectories(dir);
        WriteOptions replace = WriteOptions.defaults().withOverwrite(Overwrite.REPLACE)
                .withWarnings(w -> out.println("  notice: " + w));
        Path seq = dir.resolve("recording.seq");
        Path mp4 = dir.resolve("recording.mp4");
        Path mkv = dir.resolve("recording-lossless.mkv");
        Path frames = dir.resolve("frames").resolve("frame_%03d.png");

        out.println("1. recording 300 frames of a synthetic 640x480 16-bit camera at 100 fps -> " + seq);
        step(out, Conversion.builder(Path.of("synthetic:640x480:gray16:300:100"), seq).writeOptions(replace).build().run());

        out.println("2. converting with transforms [" + CHAIN + "] -> " + mp4);
        step(out, Conversion.builder(seq, mp4).writeOptions(replace)
                .transform(TransformChain.parse(CHAIN)).build().run());

        out.println("3. archiving losslessly (16-bit FFV1) -> " + mkv);
        step(out, Conversion.builder(seq, mkv).writeOptions(replace).build().run());

        out.println("4. exporting frames 0, 100 and 200 of the mp4 as PNG -> " + frames.getParent());
        step(out, Conversion.builder(mp4, frames).writeOptions(replace.withFormat("images"))
                .range(FrameRange.parse("0:300:100")).build().run());

        out.println();
        for (Path p : new Path[] {seq, mp4, mkv}) {
            try (SequenceReader r = Formats.open(p)) {
                var info = r.info();
                out.printf("%-28s %-10s %4d frames  %s  %s fps  last frame at %s s%n", p.getFileName(),
                        info.format(), info.frameCount(), info.spec(),
                        info.frameRate().map(Rational::toString).orElse("?"),
                        r.time(info.frameCount() - 1).map(Times::seconds).map(Object::toString).orElse("?"));
            }
        }
        out.println();
        out.println("Done. Try: ./easimage info " + seq + "   or   ./easimage info --json " + mkv);
        return 0;
    }

    private static void step(PrintWriter out, Conversion.Result r) {
        out.println("   " + ConvertCommand.summary(r));
    }
}
