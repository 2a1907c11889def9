package org.easimage.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.easimage.io.Format;
import org.easimage.io.FormatRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code easimage formats}: the registered formats as an aligned table. */
@Command(name = "formats", mixinStandardHelpOptions = true, description = "List the supported formats.")
final class FormatsCommand implements Callable<Integer> {

    /** Extension lists wrap at this width, so the description column stays readable. */
    static final int EXTENSIONS_WIDTH = 24;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Format> formats = FormatRegistry.getDefault().formats();
        int nameWidth = "NAME".length();
        for (Format f : formats) {
            nameWidth = Math.max(nameWidth, f.name().length());
        }
        String row = "%-" + nameWidth + "s  %-5s  %-" + EXTENSIONS_WIDTH + "s  %s";
        out.println(String.format(row, "NAME", "MODE", "EXTENSIONS", "DESCRIPTION"));
        for (Format f : formats) {
            String mode = (f.canRead() ? "r" : "-") + (f.canWrite() ? "w" : "-");
            List<String> ext = wrap(f.extensions());
            for (int i = 0; i < ext.size(); i++) {
                out.println(String.format(row, i == 0 ? f.name() : "", i == 0 ? mode : "", ext.get(i),
                        i == 0 ? f.description() : "").stripTrailing());
            }
        }
        out.flush();
        return 0;
    }

    /** The extensions as comma-separated lines of at most {@link #EXTENSIONS_WIDTH} characters ("-" for none). */
    static List<String> wrap(List<String> extensions) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String e : extensions) {
            if (line.length() > 0 && line.length() + e.length() + 2 > EXTENSIONS_WIDTH) { // ",e," must fit
                lines.add(line.append(',').toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : ",").append(e);
        }
        lines.add(line.length() == 0 ? "-" : line.toString());
        return lines;
    }
}
