package org.easimage.cli;

import java.io.PrintStream;

/** The output and error streams of the running command (replaceable so tests capture them). */
final class Streams {
    private static volatile PrintStream out = System.out;
    private static volatile PrintStream err = System.err;

    private Streams() {
    }

    static void set(PrintStream o, PrintStream e) {
        out = o;
        err = e;
    }

    static PrintStream out() {
        return out;
    }

    static PrintStream err() {
        return err;
    }
}
