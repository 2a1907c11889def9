/**
 * R&D Vision HIRIS sequences (format {@code hiris-seq}): a {@code [Sequence Settings]} text file plus raw
 * {@code <base>*.bin} frame files beside it, read in natural name order.
 *
 * <p>Decisions: BytesPerPixel 1/2/3 map to GRAY8, GRAY16 (little-endian, BitsPerPixel significant bits) and RGB24
 * (R, G, B byte order assumed); a partial frame at the end of a bin is never counted and is reported as a warning;
 * timestamps exist only when both {@code Start Time} (taken as UTC) and {@code FramePerSecond} parse. The writer
 * is chosen only by name ({@code hiris-seq}); it writes the settings and one {@code <base>.bin}, publishing the
 * {@code .bin} first and removing both if the pair cannot be completed. Note that every {@code .bin} whose name
 * starts with the base name belongs to the sequence, so {@code run.seq} also claims {@code run2.bin}.
 */
package org.easimage.io.hiris;
