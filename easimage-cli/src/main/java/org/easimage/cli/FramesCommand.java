package org.easimage.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.easimage.io.ProbeInput;
import org.easimage.io.StandardStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code easimage frames IN OUT --range a:b[:step]}: export frames as image files. */
@Command(name = "frames", mixinStandardHelpOptions = true,
        description = {"Export frames as image files (png, tif, jpg, bmp).",
                "OUT is a pattern whose counter is each frame's index in the source (out/frame_%%05d.png; see "
                        + "--start-number), one file for one frame (frame.png with --at 12.5 or --range 5:6), or "
                        + "an existing folder (files frame_000000.png...)."})
final class FramesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "Input sequence.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "Image files: frames/f_%%05d.png, one.png, or an existing folder.")
    Path output;

    @Mixin
    ConversionOptions options;

    @Mixin
    CommonOptions common;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String name = output.getFileName() == null ? "" : output.getFileName().toString();
        if (StandardStreams.isPipe(output) || StandardStreams.isPipe(input)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "frames writes image files; to pipe frames "
                    + "use: easimage convert IN - --pipe y4m|raw|nut");
        }
        if (ProbeInput.extensionOf(output).isEmpty() && name.indexOf('%') < 0 && !Files.isDirectory(output)) {
            throw new CommandLine.ParameterException(spec.commandLine(), output + " is neither a pattern of "
                    + "numbered images (frames/f_%05d.png), an image file (frame.png) nor an existing folder");
        }
        return ConvertCommand.convert(spec, main, input, output, options, null, "images", "frames");
    }
}
