package org.easimage.io.video;

import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;
import org.easimage.io.CorruptInputException;
import org.easimage.io.EasimageException;
import org.easimage.io.OutputWriteException;

/**
 * Loads the FFmpeg natives this package needs and turns negative FFmpeg return codes into typed exceptions.
 *
 * <p>Only avutil, avcodec, avformat and swscale are loaded. JavaCV's {@code FFmpegFrameGrabber} and
 * {@code FFmpegFrameRecorder} also load avdevice in their static initialisers, whose library needs PulseAudio's
 * {@code libpulse.so.0}; a clean machine lacks it, which is why this package uses the low-level API only.
 */
final class FFmpeg {

    private static volatile boolean loaded;

    private FFmpeg() {
    }

    /** Loads the natives once; FFmpeg's own log is silenced (errors surface as exceptions instead). */
    static void load() {
        if (loaded) {
            return;
        }
        synchronized (FFmpeg.class) {
            if (!loaded) {
                Loader.load(org.bytedeco.ffmpeg.global.avutil.class);
                Loader.load(org.bytedeco.ffmpeg.global.avcodec.class);
                Loader.load(org.bytedeco.ffmpeg.global.avformat.class);
                Loader.load(org.bytedeco.ffmpeg.global.swscale.class);
                avutil.av_log_set_level(Integer.getInteger("easimage.ffmpeg.loglevel", avutil.AV_LOG_QUIET));
                loaded = true;
            }
        }
    }

    /** FFmpeg's text for an error code. */
    static String errorText(int code) {
        byte[] buf = new byte[256];
        if (avutil.av_strerror(code, buf, buf.length) < 0) {
            return "FFmpeg error " + code;
        }
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8) + " (" + code + ")";
    }

    /** Throws a {@link CorruptInputException} for a negative {@code code} while reading {@code path}. */
    static int checkRead(int code, Path path, String what) throws CorruptInputException {
        if (code < 0) {
            throw new CorruptInputException(path, what + " failed: " + errorText(code));
        }
        return code;
    }

    /** Throws an {@link OutputWriteException} for a negative {@code code} while writing {@code path}. */
    static int checkWrite(int code, Path path, String what) throws EasimageException {
        if (code < 0) {
            throw new OutputWriteException(path, what + " failed: " + errorText(code), null);
        }
        return code;
    }
}
