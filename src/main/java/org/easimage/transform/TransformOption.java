package org.easimage.transform;

import java.util.function.Function;
import org.easimage.frame.FrameTransform;

/**
 * One command-line option that adds a transform, e.g. {@code --clahe 2.0:8x8}.
 *
 * @param longName    the option, e.g. {@code --clahe}
 * @param paramLabel  the value's shape for help, e.g. {@code CLIP:TxT}
 * @param description help text including the value syntax
 * @param factory     builds the transform from the option's value (IllegalArgumentException on bad values)
 */
public record TransformOption(String longName, String paramLabel, String description,
                              Function<String, FrameTransform> factory) {
}
