package org.easimage.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/** The steps of {@code easimage demo}. */
final class Demo {
    private Demo() {
    }

    static int run(Path dir, PrintStream out) throws Exception {
        out.println("demo: not wired yet");
        return 0;
    }
}
