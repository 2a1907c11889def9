package org.easimage.cli;

import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.easimage.frame.FrameTransform;
import org.easimage.transform.TransformCatalog;
import org.easimage.transform.TransformChain;
import org.easimage.transform.TransformDefinition;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The transform options ({@code --clahe 2:8x8 --crop 10 --annotate "{time}" ...}) added to the commands that
 * write, generated from the {@link TransformCatalog} (plus {@code --transforms CHAIN}); they apply in command-line
 * order and may repeat.
 */
final class TransformArgs {

    private static final String SECTION = "Transforms (applied in the order given, repeatable):";

    /** One transform option: from a catalogue definition, or the chain option {@code --transforms}. */
    private record TransformOption(String longName, String paramLabel, String description,
            Function<String, FrameTransform> factory) {
    }

    private TransformArgs() {
    }

    /** The options: one per transform of the catalogue, then {@code --transforms CHAIN}. */
    private static List<TransformOption> options() {
        List<TransformOption> l = new ArrayList<>();
        for (TransformDefinition d : TransformCatalog.getDefault().all()) {
            l.add(new TransformOption(d.option(), d.cliLabel(), d.help(), d::fromOption));
        }
        l.add(new TransformOption("--transforms", "CHAIN", "a chain in the text syntax, e.g. \"clahe(2, 8x8) | "
                + "gaussian(1.5)\", or a chain file saved with TransformChain.save (one transform per line)",
                TransformChain::parseOrLoad));
        return l;
    }

    /** Adds one option per transform to {@code spec}. */
    static void register(CommandSpec spec) {
        for (TransformOption t : options()) {
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
        for (TransformOption t : options()) {
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
