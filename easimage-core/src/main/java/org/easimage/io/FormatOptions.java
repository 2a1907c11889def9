package org.easimage.io;

/**
 * Marker for a format's own typed options (e.g. the video package's codec settings), carried in
 * {@link ReadOptions} and {@link WriteOptions} and picked out by class by the format that understands them.
 */
public interface FormatOptions {
}
