package org.easimage.io.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.easimage.frame.Frames;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs where the bundled ffmpeg executable runs (skipped, with the reason, where it cannot;
 * {@code -Deasimage.ffmpegCli=false} skips it): the reader's RGB24 pixels equal the ffmpeg command line's own
 * decode ({@code -pix_fmt rgb24}, the same bicubic swscale flags), byte for byte, for every width 1..67 and the
 * widths of issue 17 (clips the CLI encodes as FFV1 4:2:0 at an even and an odd height), and for every sample
 * video. Needs the ffmpeg executable of the FFmpeg natives jar, whose libavdevice needs libpulse.so.0
 * ({@code apt-get install libpulse0}); it is located in a child JVM so this JVM never loads avdevice.
 */
class MatchesFfmpegCliTest {

    private static String ffmpeg;

    @TempDir
    Path dir;

    @BeforeAll
    static void findCli() throws Exception {
        assumeTrue(!"false".equals(System.getProperty("easimage.ffmpegCli")), "-Deasimage.ffmpegCli=false");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), MatchesFfmpegCliTest.class.getName()).redirectErrorStream(true)
                .start();
        List<String> out = new String(p.getInputStream().readAllBytes()).lines().toList();
        assumeTrue(p.waitFor() == 0 && !out.isEmpty(), "the bundled ffmpeg cannot be loaded (libpulse0?): " + out);
        ffmpeg = out.get(out.size() - 1);
    }

    /** Prints the path of the ffmpeg executable of the FFmpeg natives jar: what {@link #findCli} runs. */
    public static void main(String[] args) {
        System.out.println(org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
    }

    @TestFactory
    Stream<DynamicTest> everyWidth() {
        IntStream widths = IntStream.concat(IntStream.rangeClosed(1, 67), IntStream.of(100, 200, 300));
        return widths.boxed().flatMap(w -> Stream.of(32, 31).map(h -> DynamicTest.dynamicTest(w + "x" + h, () -> {
            Path clip = dir.resolve(w + "x" + h + ".mkv");
            // a gradient with noise in every channel, 3 frames, FFV1 4:2:0 (any size, lossless)
            cli("-f", "lavfi", "-i", "nullsrc=s=" + w + "x" + h + ":r=10:d=0.3,format=gbrp,"
                    + "geq=r='mod(X*7+Y*3+N*5,256)':g='mod(X*X+Y*2,256)':b='mod(Y*11+X*5+random(1)*40,256)'",
                    "-c:v", "ffv1", "-slices", "1", "-pix_fmt", "yuv420p", clip.toString());
            assertSameAsCli(clip);
        })));
    }

    /**
     * Videos whose frames the reader numbers by their order out of the decoder: B-frames in AVI (no pts at all but
     * FFmpeg's for B-frames) and in MPEG program streams (pts left out of some frames).
     */
    @TestFactory
    Stream<DynamicTest> numberedVideos() {
        String src = "testsrc=s=96x64:r=25:d=4";
        return Stream.of(List.of("-c:v", "libx264", "-bf", "3", "b.avi"),
                List.of("-c:v", "mpeg4", "-bf", "2", "-g", "12", "m4.avi"),
                List.of("-vf", "select='not(mod(n\\,3))+eq(mod(n\\,5)\\,1)'", "-fps_mode", "vfr", "-c:v", "libx264",
                        "-bf", "2", "vfr.avi"),
                List.of("-c:v", "mpeg2video", "-bf", "2", "-g", "12", "m2.mpg"),
                List.of("-c:v", "mpeg1video", "-bf", "2", "m1.mpg")).map(args -> DynamicTest.dynamicTest(
                        String.join(" ", args), () -> {
                            Path clip = dir.resolve(args.get(args.size() - 1));
                            List<String> cmd = new ArrayList<>(List.of("-f", "lavfi", "-i", src));
                            cmd.addAll(args.subList(0, args.size() - 1));
                            cmd.add(clip.toString());
                            cli(cmd.toArray(String[]::new));
                            assertSameAsCli(clip);
                        }));
    }

    @TestFactory
    Stream<DynamicTest> everySampleVideo() {
        return Stream.of("cockatoo.mp4", "cockatoo_yuv420.mp4", "realshort.mp4", "test.webm", "pims_bulk-water.mov",
                "dynamix_sample.avi").map(n -> DynamicTest.dynamicTest(n,
                        () -> assertSameAsCli(SharedData.file("video/" + n))));
    }

    private void assertSameAsCli(Path video) throws Exception {
        Path raw = dir.resolve(video.getFileName() + ".rgb");
        // every decoded frame once (passthrough): a variable-rate source is not made constant-rate by repeats
        cli("-i", video.toString(), "-map", "0:v", "-fps_mode", "passthrough", "-pix_fmt", "rgb24", "-f", "rawvideo",
                raw.toString());
        byte[] ref = Files.readAllBytes(raw);
        try (SequenceReader r = new VideoFormat().open(video, ReadOptions.defaults())) {
            int fb = r.spec().frameBytes();
            assertEquals(ref.length, (long) fb * r.frameCount(), "frames decoded by the CLI");
            for (int i = 0; i < r.frameCount(); i++) {
                byte[] got = Frames.toBytes(r.read(i));
                for (int p = 0; p < fb; p++) {
                    if (got[p] != ref[i * fb + p]) {
                        int x = p % r.spec().rowBytes() / 3;
                        int y = p / r.spec().rowBytes();
                        throw new AssertionError(video.getFileName() + " frame " + i + " differs first at (" + x
                                + "," + y + "): " + (got[p] & 0xFF) + " vs the CLI's " + (ref[i * fb + p] & 0xFF));
                    }
                }
            }
        }
    }

    private static void cli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", Path.of(ffmpeg).getParent().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            assumeTrue(false, "the ffmpeg CLI could not run " + cmd + ": " + out); // e.g. an encoder it lacks
        }
    }
}
