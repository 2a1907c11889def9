/**
 * Norpix StreamPix {@code .seq} sequences (format {@code norpix-seq}): reader, writer and header codec.
 *
 * <p>Decisions where the format or the brief left a choice:
 * <ul>
 *   <li>Detection by content only (magic 0xFEED); a {@code .seq} without it is left to the HIRIS format.</li>
 *   <li>Frame count = {@code AllocatedFrames}; the file size is only used to find complete frames. A file holding
 *       fewer opens under STRICT with the header's count (reading a missing frame throws
 *       {@code TruncatedInputException}) and under SALVAGE with the complete frames; both warn, and the metadata
 *       key {@code completeFrames} tells how many are present. {@code AllocatedFrames = 0} (a recording not
 *       closed properly) counts the complete frames, with a warning.</li>
 *   <li>Loop recordings ({@code OldestFrameIndex > 0}) are read in logical order: frame 0 is slot
 *       {@code OldestFrameIndex}, wrapping modulo {@code AllocatedFrames}.</li>
 *   <li>Timestamps are UTC (PIMS uses local time); 16-bit mono keeps raw values with
 *       {@code significantBits = ImageBitDepthReal}; MSB-aligned formats (112/113) are shifted down.</li>
 *   <li>JPEG sequences: blocks from byte 1024 (8192 if a JPEG only starts there); the {@code .seq.idx} sidecar is
 *       used when it agrees with the data, otherwise the blocks are scanned once. The writer writes no sidecar.</li>
 *   <li>The writer stores RGB24 as BGR (200), StreamPix's default colour layout.</li>
 * </ul>
 */
package org.easimage.io.norpix;
