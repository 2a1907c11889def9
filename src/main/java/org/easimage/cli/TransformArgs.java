package org.easimage.cli;

import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.easimage.frame.FrameTransform;
import org.easimage.transform.TransformOption;
import org.easimage.transform.Transforms;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The transform options ({@code --clahe 2:8x8 --crop 10 --annotate "{time}" ...}) added to the commands that
 * write, from {@link Transforms#cliOptions()}; they apply in command-line order and may repeat.
 */
final class TransformArgs {

    private static final String SECTION = "Transforms (applied in the order given, repeatable):";

    private TransformArgs() {
    }

    /** Adds one option per transform to {@code spec}. */
    static void register(CommandSpec spec) {
        for (TransformOption t : Transforms.cliOptions()) {
            boolean flag = t.paramLabel().isEmpty();
            // picocli runs descriptions through String.format: a literal % must be doubled
            OptionSpec.Builder b = OptionSpec.builder(t.longName()).description(t.description().replace("%", "%%"))
                    .type(List.class).auxiliaryTypes(String.class);
            if (flag) {
                b.arity("0").type(boolean[].class).auxiliaryTypes(boolean.class);
            } else {
                b.arity("1").paramLabel(t.paramLabel());
            }
            spec.addOption(b.build());
        }
    }

    /** The chain given on the command line, or {@code null} for none. */
    static FrameTransform chain(CommandSpec spec) {
        Map<String, TransformOption> byName = new HashMap<>();
        for (TransformOption t : Transforms.cliOptions()) {
            byName.put(t.longName(), t);
        }
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        Map<ArgSpec, Integer> seen = new HashMap<>();
        FrameTransform chain = null;
        for (ArgSpec a : pr.matchedArgs()) {
            if (!(a instanceof OptionSpec o) || !byName.containsKey(o.longestName())) {
                continue;
            }
            int k = seen.merge(a, 1, Integer::sum) - 1;
            TransformOption t = byName.get(o.longestName());
            String value = t.paramLabel().isEmpty() ? "" : o.originalStringValues().get(k);
            FrameTransform next;
            try {
                next = t.factory().apply(value);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "invalid value '" + value + "' for " + t.longName() + ": " + e.getMessage());
            }
            chain = chain == null ? next : chain.andThen(next);
        }
        return chain;
    }
}
