package org.easimage.io.gif;

import org.easimage.io.FormatOptions;

/**
 * Options of the animated GIF writer.
 *
 * @param loopCount how many times viewers replay the animation: 0 = forever (NETSCAPE2.0 loop 0), n > 0 = n
 *                  extra plays, -1 = no loop extension (play once)
 */
public record GifWriteOptions(int loopCount) implements FormatOptions {

    /** Loop forever. */
    public static final GifWriteOptions DEFAULTS = new GifWriteOptions(0);

    public GifWriteOptions {
        if (loopCount < -1 || loopCount > 65535) {
            throw new IllegalArgumentException("loop count must be -1..65535, got " + loopCount);
        }
    }
}
