package org.easimage.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.easimage.io.Format;
import org.easimage.io.FormatRegistry;
import picocli.CommandLine.Command;

/** {@code easimage formats}: the registered formats, what they do and their extensions. */
@Command(name = "formats", mixinStandardHelpOptions = true, description = "List the supported formats.")
final class FormatsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        PrintStream out = Streams.out();
        out.printf("%-12s %-6s %-34s %s%n", "NAME", "MODE", "EXTENSIONS", "DESCRIPTION");
        for (Format f : FormatRegistry.getDefault().formats()) {
            String mode = (f.canRead() ? "r" : "-") + (f.canWrite() ? "w" : "-");
            out.printf("%-12s %-6s %-34s %s%n", f.name(), mode, String.join(",", f.extensions()), f.description());
        }
        return 0;
    }
}
