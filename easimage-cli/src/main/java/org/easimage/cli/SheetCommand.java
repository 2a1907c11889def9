package org.easimage.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.easimage.compose.ContactSheet;
import org.easimage.frame.Frame;
import org.easimage.io.Formats;
import org.easimage.io.Overwrite;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.transform.DisplayRange;
import org.easimage.transform.RescaleTo8Bit;
import org.easimage.transform.TransformChain;
import org.easimage.transform.colormap.Colormap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code easimage sheet IN OUT.png}: a contact sheet of evenly spaced frames, reading only those. */
@Command(name = "sheet", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Make one picture of what a recording holds: evenly spaced frames (first and last included) as "
                + "a grid of thumbnails with each frame's index and time, under the file's name and facts.",
                "Only the frames shown are read, so a long video costs a few seeks."})
final class SheetCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "Input sequence (any readable format).")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output image: .png, .jpg, .bmp or .tif.")
    Path output;

    @Option(names = "--count", paramLabel = "N", description = "Frames to show (default ${DEFAULT-VALUE}).", defaultValue = "16")
    int count;

    @Option(names = "--cols", paramLabel = "N", description = "Thumbnails per row (default ${DEFAULT-VALUE}).", defaultValue = "4")
    int cols;

    @Option(names = "--width", paramLabel = "PX", description = "Thumbnail width (default ${DEFAULT-VALUE}).", defaultValue = "320")
    int width;

    @Option(names = "--display", paramLabel = "auto|frame|bits|VMIN:VMAX", description = "How 16-bit and float frames become 8-bit, as for --to-8bit (default auto: the shown frames' 0.1..99.9 percentiles).")
    String display;

    @Option(names = "--display-colormap", paramLabel = "NAME", description = "Colormap for gray frames: viridis, magma, inferno, plasma, cividis, turbo, jet, hot (default gray).")
    String displayColormap;

    @Option(names = {"-y", "--overwrite"}, description = "Replace an existing output (atomically).")
    boolean overwrite;

    @Option(names = {"-f", "--input-format"}, paramLabel = "NAME", description = "Force the input format.")
    String inputFormat;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        ContactSheet.Builder b;
        try {
            b = ContactSheet.builder().count(count).columns(cols).thumbWidth(width);
            if (display != null) {
                DisplayRange r = ((RescaleTo8Bit) TransformChain.parseOne("to_8bit(" + display.replace(':', ',')
                        + ")")).displayRange();
                b.range(r);
            }
            if (displayColormap != null) {
                b.colormap(Colormap.valueOf(displayColormap.strip().toUpperCase(Locale.ROOT)).rgbTable());
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        Overwrite ow = overwrite ? Overwrite.REPLACE : Overwrite.NEVER;
        try {
            ContactSheet.checkOutput(output, ow);
        } catch (UnsupportedOutputException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        Path name = input.getFileName();
        ContactSheet sheet = b.title(name == null ? input.toString() : name.toString()).build();
        try (SequenceReader r = Formats.open(input, ReadOptions.defaults().withFormat(inputFormat)
                .withWarnings(w -> cl.getErr().println("warning: " + w)))) {
            long t0 = System.nanoTime();
            Frame f = sheet.render(r);
            ContactSheet.write(f, output, ow);
            cl.getOut().println("Done");
            cl.getOut().printf(Locale.ROOT, "%d of %d frames in %.2f s -> %s (%dx%d)%n",
                    sheet.indexes(r.frameCount()).length, r.frameCount(), (System.nanoTime() - t0) / 1e9, output,
                    f.width(), f.height());
        }
        return 0;
    }
}
