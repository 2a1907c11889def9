package org.easimage.cli;

import org.easimage.io.WriteOptions;

/** Turns the command line's --codec into the video format's typed write options. */
final class CodecOptions {
    private CodecOptions() {
    }

    static WriteOptions apply(WriteOptions wo, String codec) {
        if (codec == null) {
            return wo;
        }
        throw new IllegalArgumentException("--codec needs the video format, which this build does not have");
    }
}
