package org.easimage.io;

import java.util.Objects;
import java.util.Optional;
import org.easimage.frame.FrameSpec;

/**
 * What is known about a sequence without decoding pixels: its format, exact frame count, frame spec and nominal
 * frame rate, plus the format's own metadata.
 *
 * @param format     the name of the format that opened it (see {@link Format#name()})
 * @param frameCount exact number of readable frames (never an estimate)
 * @param spec       the spec every frame has
 * @param frameRate  nominal frame rate, when the source states one
 * @param metadata   format-specific fields
 */
public record SequenceInfo(String format, int frameCount, FrameSpec spec, Optional<Rational> frameRate,
        FormatMetadata metadata) {

    public SequenceInfo {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(frameRate, "frameRate");
        Objects.requireNonNull(metadata, "metadata");
        if (frameCount < 0) {
            throw new IllegalArgumentException("negative frame count " + frameCount);
        }
    }

    public SequenceInfo withFrameCount(int n) {
        return new SequenceInfo(format, n, spec, frameRate, metadata);
    }

    public SequenceInfo withSpec(FrameSpec s) {
        return new SequenceInfo(format, frameCount, s, frameRate, metadata);
    }

    public SequenceInfo withFrameRate(Optional<Rational> rate) {
        return new SequenceInfo(format, frameCount, spec, rate, metadata);
    }
}
