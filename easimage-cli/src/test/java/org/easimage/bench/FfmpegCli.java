package org.easimage.bench;

import org.bytedeco.javacpp.Loader;

/** Prints the path of the ffmpeg executable bundled in the FFmpeg natives jar (for the bench scripts). */
public final class FfmpegCli {
    private FfmpegCli() {
    }

    public static void main(String[] args) {
        System.out.println(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
    }
}
