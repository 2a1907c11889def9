/**
 * Colour for gray data: {@link org.easimage.transform.colormap.Colormap} (named 256-colour maps from OpenCV, in
 * RGB order) applied by {@link org.easimage.transform.colormap.ApplyColormap}; merging of 1 to 4 gray channels
 * into RGB ({@link org.easimage.transform.colormap.ChannelMerge}); and layer blending with
 * {@link org.easimage.transform.colormap.BlendMode}s ({@link org.easimage.transform.colormap.Blend}).
 */
package org.easimage.transform.colormap;
