package org.easimage.cli;

import picocli.CommandLine.Option;

/** Options every command accepts. */
final class CommonOptions {
    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;
}
