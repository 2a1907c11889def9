package org.easimage.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.easimage.compose.ContactSheet;
import org.easimage.compose.Layout;
import org.easimage.compose.Mosaic;
import org.easimage.compose.Tile;
import org.easimage.compose.Trace;
import org.easimage.frame.Frame;
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
 * annotation), archive it losslessly to FFV1 .mkv, export three frames as PNG, show the three side by side with a
 * signal measured on the recording (a 2x2 mosaic in step by time) and make a contact sheet, then describe each
 * output.
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
        // numbered by source index, as the command line does: frame_000, frame_100, frame_200
        step(out, Conversion.builder(mp4, frames).writeOptions(replace.withFormat("images")
                .with(new org.easimage.io.images.ImagesWriteOptions(org.easimage.io.images.ImageFileType.PNG, 3,
                        org.easimage.io.images.ImagesWriteOptions.SOURCE_INDEX)))
                .range(FrameRange.parse("0:300:100")).build().run());

        Path csv = dir.resolve("signal.csv");
        Path mosaic = dir.resolve("mosaic.mp4");
        Path sheet = dir.resolve("sheet.png");
        out.println("5. measuring the mean brightness of every frame as a signal -> " + csv);
        writeMeans(seq, csv);
        out.println("6. a 2x2 mosaic in step by time: the raw 16-bit recording, the processed mp4, the lossless copy "
                + "at half speed and the signal with a moving cursor -> " + mosaic);
        Mosaic m = Mosaic.builder()
                .add(Tile.open(seq).withTitle("recording.seq (16-bit, auto range)"))
                .add(Tile.open(mp4).withTitle("recording.mp4 (transformed)"))
                .add(Tile.open(mkv).withTitle("lossless, half speed").withRate(Rational.of(1, 2)))
                .add(Tile.of(Trace.csv(csv, List.of("mean")).title("mean brightness").build()).withTitle("signal.csv"))
                .layout(Layout.grid(2, 2)).padding(4).maxSize(1280, 720).build();
        try (m) {
            step(out, Conversion.builder(m, mosaic).writeOptions(replace).build().run());
        }
        out.println("7. a contact sheet of the mp4 (16 frames, reading only those) -> " + sheet);
        try (SequenceReader r = Formats.open(mp4)) {
            ContactSheet.write(ContactSheet.builder().title(mp4.getFileName().toString()).build().render(r), sheet,
                    Overwrite.REPLACE);
        }

        out.println();
        for (Path p : new Path[] {seq, mp4, mkv, mosaic}) {
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

    /** A CSV of each frame's time and mean sample value: a signal recorded beside the video. */
    private static void writeMeans(Path seq, Path csv) throws IOException {
        StringBuilder sb = new StringBuilder("time,mean\n");
        try (SequenceReader r = Formats.open(seq)) {
            Frame f = null;
            for (int i = 0; i < r.frameCount(); i++) {
                f = r.read(i, f);
                double sum = 0;
                java.nio.ShortBuffer px = f.shorts();
                for (int p = 0; p < px.limit(); p++) {
                    sum += px.get(p) & 0xFFFF;
                }
                sb.append(Times.seconds(f.time().orElseThrow()).toPlainString()).append(',')
                        .append(String.format(java.util.Locale.ROOT, "%.2f", sum / px.limit())).append('\n');
            }
        }
        Files.writeString(csv, sb);
    }

    private static void step(PrintWriter out, Conversion.Result r) {
        out.println("   " + ConvertCommand.summary(r));
    }
}
