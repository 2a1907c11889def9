package org.easimage.transform;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.easimage.frame.FrameTransform;

/**
 * One transform of the {@link TransformCatalog}: the single definition from which its chain syntax, its
 * command-line option, its help and its factory all come.
 *
 * <p>In a chain it is written {@code name(arguments)} (see {@link TransformChain}); on the command line it is the
 * option {@code --name} (underscores become dashes) whose value is turned into the same arguments by
 * {@link #cliArguments} (by default: {@code :} separates arguments, lower case), so the two can never disagree.
 *
 * @param name         the chain name, lower case with underscores, e.g. {@code clahe}, {@code to_8bit}
 * @param arguments    the argument syntax for documentation, defaults in brackets, e.g. {@code clip=[2], tiles=[8x8]}
 * @param cliLabel     the option value's shape for help, e.g. {@code CLIP[:TxT]}; empty for an option without value
 * @param help         one sentence for help texts
 * @param example      arguments that make a valid transform (documentation and the contract tests), e.g. {@code 2, 8x8}
 * @param factory      builds the transform from parsed arguments; throws {@link IllegalArgumentException} naming
 *                     the argument and its valid values when one is wrong
 * @param cliArguments turns an option value into chain arguments
 */
public record TransformDefinition(String name, String arguments, String cliLabel, String help, String example,
        Function<Args, FrameTransform> factory, UnaryOperator<String> cliArguments) {

    /** The default translation of an option value: {@code 2.0:8x8} gives {@code 2.0,8x8}. */
    public static final UnaryOperator<String> COLON_SEPARATED = v -> v.replace(':', ',').toLowerCase(Locale.ROOT);

    public TransformDefinition {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a transform name is lower case with underscores: " + name);
        }
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(cliLabel, "cliLabel");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(cliArguments, "cliArguments");
    }

    /** A definition whose option value uses the default translation ({@link #COLON_SEPARATED}). */
    public static TransformDefinition of(String name, String arguments, String cliLabel, String help, String example,
            Function<Args, FrameTransform> factory) {
        return new TransformDefinition(name, arguments, cliLabel, help, example, factory, COLON_SEPARATED);
    }

    /** The command-line option, e.g. {@code --to-8bit}. */
    public String option() {
        return "--" + name.replace('_', '-');
    }

    /** The transform for chain arguments (the text between the parentheses). */
    public FrameTransform create(String chainArguments) {
        Args args = Args.parse(name, chainArguments);
        FrameTransform t = factory.apply(args);
        args.done();
        return t;
    }

    /** The transform for a command-line option value. */
    public FrameTransform fromOption(String value) {
        return create(cliLabel.isEmpty() ? "" : cliArguments.apply(value));
    }

    /** The chain syntax line for documentation, e.g. {@code clahe(clip=[2], tiles=[8x8])}. */
    public String syntax() {
        return name + "(" + arguments + ")";
    }
}
