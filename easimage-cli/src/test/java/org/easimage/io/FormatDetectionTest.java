package org.easimage.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.easimage.testing.FormatSamples;
import org.easimage.testing.FormatSamples.Sample;
import org.easimage.testing.MalformedInputs.Parts;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content wins over names, across every module's formats: a file each format writes, renamed to the extension of
 * every other format (a Norpix {@code .seq} called {@code .mp4}, an MP4 called {@code .tif}), is still detected as
 * and read by its own format. (Each module's format kit checks its formats alone; only here are all on the class
 * path.)
 */
class FormatDetectionTest {

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> renamedFilesKeepTheirFormat() throws Exception {
        List<Format> formats = FormatRegistry.getDefault().formats();
        List<DynamicTest> tests = new ArrayList<>();
        for (Format f : formats) {
            if (f.name().equals(org.easimage.io.raw.RawFormat.NAME)) {
                continue; // raw bytes carry no signature: known by their extension only
            }
            List<Sample> written = FormatSamples.written(f, work.resolve("written"));
            if (written.isEmpty() || !Files.isRegularFile(written.get(0).path())) {
                continue; // reads only, or writes a folder: no file to rename
            }
            Sample s = written.get(0);
            Parts parts = Parts.of(s.path());
            byte[] bytes = Files.readAllBytes(parts.main());
            for (Format other : formats) {
                if (other == f || other.extensions().isEmpty() || f.extensions().contains(other.extensions().get(0))) {
                    continue;
                }
                String ext = other.extensions().get(0);
                tests.add(DynamicTest.dynamicTest(s.label() + " named ." + ext, () -> {
                    Path renamed = parts.copy(work.resolve("renamed"), ext, bytes);
                    assertEquals(f.name(), FormatRegistry.getDefault().forInput(renamed, null).name());
                    try (SequenceReader r = Formats.open(renamed, ReadOptions.defaults().withWarnings(w -> { }))) {
                        assertEquals(5, r.frameCount());
                        r.read(4);
                    }
                }));
            }
        }
        return tests.stream();
    }
}
