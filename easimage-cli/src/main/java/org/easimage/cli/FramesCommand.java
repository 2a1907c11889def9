package org.easimage.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code easimage frames IN OUT_PATTERN --range a:b[:step]}: export frames as numbered image files. */
@Command(name = "frames", mixinStandardHelpOptions = true,
        description = {"Export frames as image files.",
                "OUT_PATTERN names the files with a zero-padded counter, e.g. out/frame_%05d.png (png, tif, jpg, bmp)."})
final class FramesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "Input sequence.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT_PATTERN", description = "Output files, e.g. frames/f_%04d.png.")
    Path output;

    @Mixin
    ConversionOptions options;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return ConvertCommand.convert(spec, input, output, options, "images", "frames");
    }
}
