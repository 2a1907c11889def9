package org.easimage.pipeline;

import java.nio.file.Path;
import org.easimage.io.EasimageException;

/** The conversion was cancelled (by {@link Conversion#cancel()} or an interrupt); its output was discarded. */
public class ConversionCancelledException extends EasimageException {
    public ConversionCancelledException(Path output) {
        super(output, "conversion cancelled; the partial output was removed");
    }
}
