package org.easimage.io.video;

import java.io.IOException;
import java.nio.file.Path;

import org.easimage.frame.Frame;
import org.easimage.frame.FrameSpec;
import org.easimage.io.AbstractSequenceWriter;
import org.easimage.io.WriteOptions;

final class VideoWriter extends AbstractSequenceWriter {
    VideoWriter(Path path, WriteOptions options) throws IOException {
        super(path, options, false);
    }
    @Override protected void begin(FrameSpec spec) throws IOException { throw new IOException("todo"); }
    @Override protected void writeFrame(Frame frame, int index) throws IOException { }
    @Override protected void end() throws IOException { }
}
