package org.easimage.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.easimage.pipeline.ProgressListener;

/**
 * Shows a conversion's progress: a redrawn bar with frames/s and ETA on a terminal (only for jobs of more than
 * {@link #MIN_FRAMES} frames), plain periodic lines when the output is a log or a pipe, nothing when quiet.
 */
final class ProgressReporter implements ProgressListener, AutoCloseable {

    /** Shorter jobs show no progress, as in the Python original. */
    static final int MIN_FRAMES = 100;

    enum Mode { TERMINAL, LINES, QUIET }

    private final Mode mode;
    private final PrintWriter out;
    private final String task;
    private final long lineIntervalNanos;
    private ProgressBar bar;
    private long lastLine;
    private int total;

    ProgressReporter(Mode mode, PrintWriter out, String task, long lineIntervalMillis) {
        this.mode = mode;
        this.out = out;
        this.task = task;
        this.lineIntervalNanos = lineIntervalMillis * 1_000_000L;
    }

    /** The mode for this process: terminal when stdout and stdin are a console. */
    static Mode detect(boolean quiet) {
        if (quiet) {
            return Mode.QUIET;
        }
        return System.console() != null ? Mode.TERMINAL : Mode.LINES;
    }

    @Override
    public void started(int totalFrames) {
        this.total = totalFrames;
        this.lastLine = System.nanoTime();
        if (mode == Mode.TERMINAL && totalFrames > MIN_FRAMES) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalFrames).setUnit(" fr", 1)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).showSpeed().setUpdateIntervalMillis(200)
                    .setConsumer(new BarConsumer(out)).build();
        }
    }

    @Override
    public void progress(int done, int totalFrames, double fps) {
        if (bar != null) {
            bar.stepTo(done);
            return;
        }
        if (mode != Mode.LINES || totalFrames <= MIN_FRAMES) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastLine >= lineIntervalNanos && done < totalFrames) {
            lastLine = now;
            double eta = fps > 0 ? (totalFrames - done) / fps : Double.NaN;
            out.println(String.format(Locale.ROOT, "%s: frame %d/%d (%.0f%%), %.1f frames/s, ETA %s",
                    task, done, totalFrames, 100.0 * done / totalFrames, fps, formatSeconds(eta)));
            out.flush();
        }
    }

    static String formatSeconds(double s) {
        if (!Double.isFinite(s)) {
            return "?";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
                : String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    int total() {
        return total;
    }

    /** Draws the bar in place on the error stream (carriage return, no newline until closed). */
    private record BarConsumer(PrintWriter out) implements ProgressBarConsumer {
        @Override
        public int getMaxRenderedLength() {
            return 100;
        }

        @Override
        public void accept(String rendered) {
            out.print('\r' + rendered);
            out.flush();
        }

        @Override
        public void close() {
            out.println();
            out.flush();
        }
    }
}
