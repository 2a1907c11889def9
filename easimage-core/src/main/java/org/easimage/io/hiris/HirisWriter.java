package org.easimage.io.hiris;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.AbstractSequenceWriter;
import org.easimage.io.AtomicOutput;
import org.easimage.io.Rational;
import org.easimage.io.Times;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.io.WriteOptions;

/**
 * Writes a HIRIS sequence: the settings file at the destination plus one {@code <base>.bin} beside it.
 *
 * <p>Both files are one {@link AtomicOutput#files} output: written under temporary names and published together
 * on {@link #finish()}, the {@code .bin} first, then the {@code .seq} (so a reader never sees a settings file
 * without its frames); a job killed between the two renames is completed by the next sweep of the folder. HIRIS
 * stores only a start time and a frame rate, so frame i comes back at {@code i / rate}: the
 * rate is {@link WriteOptions#frameRate()} or 30 fps, and when the frames' own times differ from that by more than
 * {@link Times#TOLERANCE} a warning gives the largest difference. {@code Start Time} is the first frame's timestamp (to
 * the microsecond); without one the line is left out (the reader then gives times but no timestamps), never
 * invented.
 */
final class HirisWriter extends AbstractSequenceWriter {

    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private final Path binPath;
    private final Path stagedBin;
    private final Path stagedSeq;
    private final Rational rate;
    private FileChannel channel;
    private FrameSpec spec;
    private long position;
    private ByteBuffer scratch;

    HirisWriter(Path path, WriteOptions options) throws IOException {
        super(path, options, AtomicOutput.files(path.toAbsolutePath().getParent(), options.overwrite()));
        this.binPath = path.resolveSibling(HirisReader.baseName(path) + ".bin");
        try {
            this.stagedBin = output().stage(binPath.getFileName().toString());
            this.stagedSeq = output().stage(path.getFileName().toString());
            Files.createFile(stagedBin);
        } catch (IOException | RuntimeException e) {
            close(); // discards what was staged
            throw e;
        }
        Rational r = frameRate(Rational.of(30));
        this.rate = r.numerator() > 0 ? r : Rational.of(30);
    }

    @Override
    protected void begin(FrameSpec s) throws IOException {
        PixelType t = s.pixelType();
        if (t != PixelType.GRAY8 && t != PixelType.GRAY16 && t != PixelType.RGB24) {
            throw new UnsupportedFormatException(path, "a HIRIS sequence cannot hold " + t
                    + " frames; it stores GRAY8, GRAY16 and RGB24 (convert the frames first)");
        }
        spec = s;
        channel = FileChannel.open(stagedBin, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        if (t == PixelType.GRAY16 && ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            scratch = ByteBuffer.allocate(s.frameBytes()).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    @Override
    protected void writeFrame(Frame frame, int index) throws IOException {
        storedTime(index, timeOf(frame, index, rate), Times.atIndex(index, rate));
        ByteBuffer src = frame.buffer();
        if (scratch != null) { // 16-bit samples are stored little-endian
            scratch.clear();
            java.nio.ShortBuffer in = frame.shorts();
            while (in.hasRemaining()) {
                scratch.putShort(in.get());
            }
            src = scratch.flip();
        }
        while (src.hasRemaining()) {
            position += channel.write(src, position);
        }
    }

    @Override
    protected void end() throws IOException {
        channel.close();
        warnIfTimesChanged("HIRIS stores a start time and a frame rate only, so frame i comes back at i / " + rate
                + " fps");
        String eol = "\r\n";
        String base = HirisReader.baseName(path);
        int bpp = spec.pixelType().bytesPerPixel();
        String fps = new BigDecimal(rate.numerator()).divide(new BigDecimal(rate.denominator()), MathContext.DECIMAL64)
                .stripTrailingZeros().toPlainString();
        String ini = "[Sequence Settings]" + eol
                + "Sequence name=" + base + eol
                + "Number of files=1" + eol
                + "Width=" + spec.width() + eol
                + "Height=" + spec.height() + eol
                + "BytesPerPixel=" + bpp + eol
                + "BitsPerPixel=" + (spec.pixelType() == PixelType.GRAY16 ? spec.significantBits() : 8) + eol
                + "Image dimension=" + spec.width() + "x" + spec.height() + eol
                + "Bin File=" + binPath.getFileName() + eol
                + start().map(t -> "Start Time=" + START.format(t) + eol).orElse("")
                + "FramePerSecond=" + fps + eol;
        Files.write(stagedSeq, ini.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void release() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
