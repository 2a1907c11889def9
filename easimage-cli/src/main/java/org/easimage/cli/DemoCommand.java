package org.easimage.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code easimage demo}: makes a sample recording, converts it with a few transforms, shows what it wrote. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Create a small sample recording, convert it with a few transforms, and print what was written.")
final class DemoCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Folder for the demo files (default: ${DEFAULT-VALUE}).", defaultValue = "easimage-demo")
    Path dir;

    @Mixin
    CommonOptions common;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return Demo.run(dir, spec.commandLine().getOut());
    }
}
