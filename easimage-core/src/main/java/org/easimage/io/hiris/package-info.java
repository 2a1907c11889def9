/**
 * R&D Vision HIRIS sequences (format {@code hiris-seq}): a {@code [Sequence Settings]} text file plus raw
 * {@code .bin} frame files beside it, exactly those its {@code Bin File} and {@code Number of files} keys name and
 * count ({@link org.easimage.io.hiris.HirisBins}), so {@code run.seq} never reads {@code run2.bin}.
 *
 * <p>Decisions: BytesPerPixel 1/2/3 map to GRAY8, GRAY16 (little-endian, BitsPerPixel significant bits) and RGB24
 * (R, G, B byte order assumed); a partial frame at the end of a bin is never counted and is reported as a warning;
 * a missing frame file is an error (or, under SALVAGE, the end of the frames); timestamps exist only when both
 * {@code Start Time} (taken as UTC) and {@code FramePerSecond} parse. The writer is chosen only by name
 * ({@code hiris-seq}); it writes the settings and one {@code <base>.bin}, publishing the {@code .bin} first and
 * removing both if the pair cannot be completed.
 */
package org.easimage.io.hiris;
