package org.easimage.cli;

import org.easimage.frame.FrameTransform;
import picocli.CommandLine.Model.CommandSpec;

/** Builds the transform chain of a command from its transform options, in command-line order. */
final class TransformArgs {
    private TransformArgs() {
    }

    /** Adds the transform options to a command's spec. */
    static void register(CommandSpec spec) {
    }

    /** The chain given on the command line, or {@code null} for none. */
    static FrameTransform chain(CommandSpec spec) {
        return null;
    }
}
