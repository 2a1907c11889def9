package org.easimage.io.video;

/**
 * Video encoders the writer knows how to configure, each with the FFmpeg encoder name it uses.
 * {@link VideoWriteOptions#encoderName()} can name another implementation of the same codec.
 */
public enum VideoCodec {
    /** H.264 through libx264 (GPL natives only); the LGPL natives use libopenh264 when H.264 is a default. */
    H264("libx264", true),
    /** H.265 through libx265 (GPL natives only). */
    HEVC("libx265", true),
    /** Motion JPEG: every frame a JPEG, trivially seekable, large. */
    MJPEG("mjpeg", true),
    /** FFV1 version 3: lossless, 8 and 16-bit gray and RGB; the archival choice. */
    FFV1("ffv1", false),
    /** MPEG-4 Part 2: fast, widely readable. */
    MPEG4("mpeg4", true),
    /** Apple ProRes 422 HQ (prores_ks, 10-bit 4:2:2). */
    PRORES("prores_ks", true),
    /** VP9 through libvpx (for .webm). */
    VP9("libvpx-vp9", true),
    /** Uncompressed frames (NUT pipes to ffmpeg): gray8/16, RGB24/48 exactly as they are. */
    RAWVIDEO("rawvideo", false);

    private final String encoder;
    private final boolean lossy;

    VideoCodec(String encoder, boolean lossy) {
        this.encoder = encoder;
        this.lossy = lossy;
    }

    /** The FFmpeg encoder name used by default. */
    public String encoder() {
        return encoder;
    }

    /** False only for lossless codecs, where quality is ignored. */
    public boolean lossy() {
        return lossy;
    }
}
