package org.easimage.opencv;

import static org.bytedeco.opencv.global.opencv_imgproc.*;

import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.IntoTransform;

/**
 * RGB(A) to gray with the Rec. 601 luma weights (0.299 R + 0.587 G + 0.114 B, as OpenCV), keeping the sample
 * type (RGB48 gives GRAY16). Alpha is dropped. Gray frames are returned unchanged.
 */
public final class ToGray implements IntoTransform {

    @Override
    public FrameSpec outputSpec(FrameSpec input) {
        return input.pixelType().isGray() ? input : input.withPixelType(input.pixelType().withChannels(1));
    }

    @Override
    public Frame apply(Frame input) {
        return input.spec().pixelType().isGray() ? input : IntoTransform.super.apply(input);
    }

    @Override
    public Frame applyInto(Frame input, Frame output) {
        CvFrames.requireLayout(this, input, output);
        if (input.spec().pixelType().isGray()) {
            output.buffer().put(input.buffer());
            return output.withPositionOf(input);
        }
        int code = input.channels() == 4 ? COLOR_RGBA2GRAY : COLOR_RGB2GRAY;
        return CvFrames.runInto(input, output, (src, dst) -> cvtColor(src, dst, code));
    }

    @Override
    public String describe() {
        return "gray()";
    }
}
