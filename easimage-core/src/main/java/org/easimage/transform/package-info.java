/**
 * Per-frame transforms ({@link org.easimage.frame.FrameTransform} implementations), built with
 * {@link org.easimage.transform.Transforms}, chained with {@code andThen}, written and read as text with
 * {@link org.easimage.transform.TransformChain} and exposed to the command line by
 * {@link org.easimage.transform.Transforms#cliOptions()}.
 *
 * <p>Rules shared by every transform here: the input frame is never modified; the output is a new frame
 * with the input's index and timestamp; integer results saturate to the frame's range
 * (0..2^significantBits-1) instead of wrapping; 16-bit input stays 16-bit unless the transform converts
 * (to_8bit, colormap); instances are immutable and safe to share between threads (stateful OpenCV objects such
 * as CLAHE are thread-local). OpenCV (bytedeco) does the work where it has the operation: direct frame buffers
 * are wrapped without copying and OpenCV writes straight into the output frame; heap-backed frames are copied
 * once. Transforms implementing {@link org.easimage.frame.IntoTransform} can also write into a
 * caller-provided output frame, so a pipeline can recycle buffers.
 *
 * <p>Float frames use 1.0 as full scale for the curves (gamma, S-curve, threshold) and are not clipped by
 * contrast/brightness.
 */
package org.easimage.transform;
