package org.easimage.io.gif;

/**
 * What one GIF image block says about its place on the canvas, read from ImageIO's metadata without decoding.
 *
 * @param delayCs     display time in centiseconds, as stored (0 kept as 0)
 * @param disposal    0/1 = leave in place, 2 = restore to background, 3 = restore to previous
 */
record GifFrameInfo(int left, int top, int width, int height, int disposal, boolean transparent,
        int transparentIndex, int delayCs) {
}
