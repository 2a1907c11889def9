package org.easimage.transform;

/**
 * Resampling methods for resizing and rotating. AREA (the mean over each output pixel's footprint) is the best
 * choice for shrinking; LINEAR and CUBIC for enlarging; NEAREST keeps sample values (labels, masks).
 */
public enum Interpolation {
    NEAREST, LINEAR, AREA, CUBIC, LANCZOS
}
