package org.easimage.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.AbstractSequenceWriter;
import org.easimage.io.CorruptInputException;
import org.easimage.io.Format;
import org.easimage.io.FormatRegistry;
import org.easimage.io.OutputWriteException;
import org.easimage.io.ProbeInput;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceInfo;
import org.easimage.io.SequenceReader;
import org.easimage.io.SequenceWriter;
import org.easimage.io.WriteOptions;
import org.easimage.io.synthetic.SyntheticFormat;

/** Minimal formats for pipeline tests: a raw dump writer that can fail on demand, and a failing source. */
final class TestFormats {

    private TestFormats() {
    }

    /** Registry with the synthetic source, a "bad:" source failing at frame 5, and raw writers. */
    static FormatRegistry registry() {
        return new FormatRegistry(List.of(new SyntheticFormat(), new FailingSource(), new RawDump()));
    }

    /** Writes frames back to back; a file name containing "failat7" fails on the 8th frame like a full disk. */
    static final class RawDump implements Format {
        @Override
        public String name() {
            return "rawdump";
        }

        @Override
        public String description() {
            return "test raw dump";
        }

        @Override
        public List<String> extensions() {
            return List.of("rawdump");
        }

        @Override
        public Probe probe(ProbeInput input) {
            return Probe.no("write only");
        }

        @Override
        public boolean canRead() {
            return false;
        }

        @Override
        public boolean canWrite() {
            return true;
        }

        @Override
        public Set<PixelType> writablePixelTypes() {
            return EnumSet.allOf(PixelType.class);
        }

        @Override
        public SequenceReader open(Path path, ReadOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SequenceWriter create(Path path, WriteOptions options) throws IOException {
            boolean fail = path.getFileName().toString().contains("failat7");
            return new AbstractSequenceWriter(path, options) {
                private FileChannel ch;

                @Override
                protected void begin(FrameSpec spec) throws IOException {
                    ch = FileChannel.open(temporary(), StandardOpenOption.WRITE);
                }

                @Override
                protected void writeFrame(Frame frame, int index) throws IOException {
                    if (fail && index == 7) {
                        throw new IOException("No space left on device");
                    }
                    ByteBuffer b = frame.buffer();
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                }

                @Override
                protected void end() throws IOException {
                    ch.close();
                }

                @Override
                protected void release() throws IOException {
                    if (ch != null) {
                        ch.close();
                    }
                }
            };
        }
    }

    /** {@code bad:N} gives N synthetic 16x16 frames, and frame 5 is corrupt. */
    static final class FailingSource implements Format {
        @Override
        public String name() {
            return "bad";
        }

        @Override
        public String description() {
            return "test source failing at frame 5";
        }

        @Override
        public List<String> extensions() {
            return List.of();
        }

        @Override
        public Probe probe(ProbeInput input) {
            return input.path().toString().startsWith("bad:") ? Probe.content() : Probe.no("not bad:");
        }

        @Override
        public boolean canRead() {
            return true;
        }

        @Override
        public boolean canWrite() {
            return false;
        }

        @Override
        public Set<PixelType> writablePixelTypes() {
            return Set.of();
        }

        @Override
        public SequenceReader open(Path path, ReadOptions options) throws IOException {
            int n = Integer.parseInt(path.toString().substring(4));
            SequenceReader inner = new SyntheticFormat().open(Path.of("synthetic:16x16:gray8:" + n), options);
            return new SequenceReader() {
                @Override
                public SequenceInfo info() {
                    return inner.info();
                }

                @Override
                public Frame read(int index) throws IOException {
                    if (index == 5) {
                        throw new CorruptInputException(path, 12345, "frame 5 is damaged");
                    }
                    return inner.read(index);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public SequenceWriter create(Path path, WriteOptions options) {
            throw new UnsupportedOperationException();
        }
    }

    static Class<OutputWriteException> diskFull() {
        return OutputWriteException.class;
    }
}
