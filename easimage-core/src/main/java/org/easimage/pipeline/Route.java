package org.easimage.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.FrameTransform;
import org.easimage.io.Format;
import org.easimage.io.NativeFrames;
import org.easimage.io.SequenceReader;
import org.easimage.io.UnsupportedOutputException;
import org.easimage.io.WriteOptions;

/**
 * Where a conversion's frames change layout, decided once before any work. A reader that decodes another layout
 * than it hands out ({@link NativeFrames}: planar Y'CbCr video read as RGB) is read in that layout when it pays:
 * the transforms that take it run on it, the conversion to the reader's own frames ({@link NativeFrames#fromNative})
 * becomes a step of the transform stage just before the first transform that does not (so it runs on the transform
 * threads, not on the reading thread), and when every transform takes it and the writer does too, frames are never
 * converted at all (a plain transcode keeps the source's pixel format, as the ffmpeg command line does).
 * Last comes the writer's own intake ({@link Format#intake}), when it has one for the frames the steps give: the
 * colour conversion an encoder needs, run on the transform threads rather than on the writing thread.
 *
 * @param nativeReader the reader to read native frames from, or null to read its default frames
 * @param input        the spec of the frames read
 * @param steps        the transforms to run in order (the conversion among them), empty for none
 * @param output       the spec of the frames written
 * @param largest      the largest spec along the way (what a slot of the memory plan must hold)
 * @param intake       the writer's intake, the last of the steps, or null; the conversion closes it
 */
record Route(NativeFrames nativeReader, FrameSpec input, List<FrameTransform> steps, FrameSpec output,
        FrameSpec largest, FrameTransform intake) {

    /**
     * @param bound the transforms, bound, or null for none; they have been checked against the reader's frames
     */
    static Route of(SequenceReader source, FrameTransform bound, Format format, Path output, WriteOptions wo) {
        List<FrameTransform> parts = bound == null ? List.of() : bound.parts();
        Route route = route(source, parts, format, output, wo);
        return format.intake(output, route.output(), wo).map(intake -> {
            List<FrameTransform> steps = new ArrayList<>(route.steps());
            steps.add(intake);
            return of(route.nativeReader(), route.input(), steps, intake);
        }).orElse(route);
    }

    /** This route without the writer's intake: the writer converts on its own thread, with fewer frames in flight. */
    Route withoutIntake() {
        return intake == null ? this : of(nativeReader, input, steps.subList(0, steps.size() - 1), null);
    }

    private static Route route(SequenceReader source, List<FrameTransform> parts, Format format, Path output,
            WriteOptions wo) {
        if (source instanceof NativeFrames nf && nf.nativeSpec().isPresent()) {
            FrameSpec spec = nf.nativeSpec().get();
            List<FrameTransform> steps = new ArrayList<>();
            int k = 0;
            while (k < parts.size() && parts.get(k).handles(spec)) {
                spec = parts.get(k).outputSpec(spec);
                steps.add(parts.get(k++));
            }
            if (k < parts.size() || !writerTakes(format, output, spec, wo)) {
                steps.add(nf.fromNative());
                steps.addAll(parts.subList(k, parts.size()));
            }
            return of(nf, nf.nativeSpec().get(), steps, null);
        }
        return of(null, source.spec(), parts, null);
    }

    private static Route of(NativeFrames nativeReader, FrameSpec input, List<FrameTransform> steps,
            FrameTransform intake) {
        FrameSpec spec = input;
        FrameSpec largest = input;
        for (FrameTransform t : steps) {
            spec = t.outputSpec(spec);
            largest = spec.frameBytes() > largest.frameBytes() ? spec : largest;
        }
        return new Route(nativeReader, input, List.copyOf(steps), spec, largest, intake);
    }

    private static boolean writerTakes(Format format, Path output, FrameSpec spec, WriteOptions wo) {
        if (!format.writablePixelTypes().contains(spec.pixelType())) {
            return false;
        }
        try {
            format.checkFrames(output, spec, wo.withWarnings(w -> { }));
            return true;
        } catch (UnsupportedOutputException e) {
            return false;
        }
    }
}
