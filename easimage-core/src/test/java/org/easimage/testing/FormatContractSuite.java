package org.easimage.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.easimage.io.CorruptInputException;
import org.easimage.io.Format;
import org.easimage.io.FormatRegistry;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceReader;
import org.easimage.io.UnsupportedFormatException;
import org.easimage.testing.FormatSamples.Sample;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The format kit: every contract, run over every format the module under test registers
 * ({@link FormatSamples#ofThisModule()}). A module gets it with one line,
 * {@code class FormatContractsTest extends FormatContractSuite {}}, plus {@link #specSamples} for a format that
 * reads but does not write.
 *
 * <ul>
 * <li>{@link #readers}: {@link ReaderContract} (and {@link ReaderContract#checkClosed}) over samples each format's
 * own writer makes (one per pixel type it writes), its {@link #specSamples}, and the real samples of
 * {@code ../shared/data} it reads, when present (up to {@link #PIXEL_BUDGET} pixels: the contract's random and
 * concurrent reads of a long video would take minutes);</li>
 * <li>{@link #openChecks}: missing, folder, empty and FIFO inputs give SequenceReader's errors;</li>
 * <li>{@link #writers}: {@link WriterContract};</li>
 * <li>{@link #malformedInputs} and {@link #noDescriptorLeaks}: {@link MalformedInputs} and {@link ResourceLeaks}
 * over each format's real samples, or the one its writer makes when it has none.</li>
 * </ul>
 */
public abstract class FormatContractSuite {

    /** Pixels (frames x width x height) of the largest real sample the reader contract runs on. */
    public static final long PIXEL_BUDGET = 32L << 20;

    private static final ReadOptions QUIET = ReadOptions.defaults().withWarnings(w -> { });

    @TempDir
    Path work;

    /**
     * Paths that open a read-only format without a file (e.g. {@code synthetic:13x7:gray8:5}), by format name. A
     * readable format with neither a writer nor such a sample fails the kit: every format is tested.
     */
    protected Map<String, List<String>> specSamples() {
        return Map.of();
    }

    private List<Format> formats() {
        return FormatSamples.ofThisModule();
    }

    /** The samples of {@code f} for the reader contract: written, spec, and real. */
    private List<Sample> samples(Format f, List<Sample> shared) throws IOException {
        List<Sample> out = new ArrayList<>(FormatSamples.written(f, work.resolve("written")));
        for (String spec : specSamples().getOrDefault(f.name(), List.of())) {
            out.add(new Sample(f, Path.of(spec), f.name() + " " + spec, false));
        }
        assertFalse(out.isEmpty(), "format " + f.name() + " reads but the kit has no sample of it: give it a writer "
                + "or a specSamples() entry");
        shared.stream().filter(s -> s.format() == f).forEach(out::add);
        return out;
    }

    /** Each format's real samples, or the first sample its writer makes when it has none (files only). */
    private List<Sample> damageable() throws IOException {
        List<Format> formats = formats();
        List<Sample> shared = FormatSamples.shared(formats);
        List<Sample> out = new ArrayList<>();
        for (Format f : formats) {
            List<Sample> own = shared.stream().filter(s -> s.format() == f).toList();
            if (own.isEmpty() && f.canRead()) {
                own = FormatSamples.written(f, work.resolve("written")).stream().limit(1).toList();
            }
            out.addAll(own);
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> readers() throws IOException {
        List<Format> formats = formats();
        List<Sample> shared = FormatSamples.shared(formats);
        List<DynamicTest> tests = new ArrayList<>();
        for (Format f : formats) {
            if (f.canRead()) {
                for (Sample s : samples(f, shared)) {
                    tests.add(DynamicTest.dynamicTest(s.label(), () -> checkReader(s)));
                }
            }
        }
        return tests.stream();
    }

    private static void checkReader(Sample s) throws Exception {
        if (!s.real() && Files.exists(s.path())) { // what a format writes, detection gives back to it
            assertEquals(s.format().name(), FormatRegistry.getDefault().forInput(s.path(), null).name(),
                    "format detected for " + s.path().getFileName());
        }
        SequenceReader r = s.format().open(s.path(), s.options());
        try {
            long pixels = (long) r.frameCount() * r.spec().width() * r.spec().height();
            assumeTrue(pixels <= PIXEL_BUDGET, s + " has " + pixels + " pixels, more than the reader contract's "
                    + "budget of " + PIXEL_BUDGET + " (its format's own tests read it)");
            ReaderContract.check(r);
        } finally {
            ReaderContract.checkClosed(r);
        }
    }

    @TestFactory
    Stream<DynamicTest> openChecks() {
        return formats().stream().filter(f -> f.canRead() && !specSamples().containsKey(f.name()))
                .map(f -> DynamicTest.dynamicTest(f.name(), () -> checkOpen(f)));
    }

    /** The rows of SequenceReader's error table that do not depend on content, for {@code f} alone. */
    private void checkOpen(Format f) throws Exception {
        Path d = Files.createDirectory(work.resolve("open-" + f.name()));
        String ext = f.extensions().isEmpty() ? "x" : f.extensions().get(0);
        assertThrows(NoSuchFileException.class, () -> f.open(d.resolve("missing." + ext), QUIET), "missing");
        Path folder = Files.createDirectory(d.resolve("folder." + ext));
        assertThrows(UnsupportedFormatException.class, () -> f.open(folder, QUIET), "a folder (an empty one)");
        Path empty = Files.createFile(d.resolve("empty." + ext));
        CorruptInputException e = assertThrows(CorruptInputException.class, () -> f.open(empty, QUIET), "empty");
        assertEquals(0, e.offset(), "an empty file is corrupt at byte 0");
        Path fifo = d.resolve("fifo." + ext);
        if (mkfifo(fifo)) { // never opened for reading: that would block until a writer comes
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(UnsupportedFormatException.class,
                    () -> f.open(fifo, QUIET), "a FIFO"), "a FIFO must be refused, not read");
        }
    }

    private static boolean mkfifo(Path p) {
        try {
            Process proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
            return proc.waitFor() == 0 && Files.exists(p);
        } catch (IOException e) {
            return false; // no mkfifo here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @TestFactory
    Stream<DynamicTest> writers() {
        // the null format publishes nothing by design (the CLI's pipe tests cover it)
        return formats().stream().filter(Format::canWrite).filter(f -> !f.extensions().isEmpty())
                .map(f -> DynamicTest.dynamicTest(f.name(), () -> WriterContract.check(f, work)));
    }

    @TestFactory
    Stream<DynamicTest> malformedInputs() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        Path cases = Files.createDirectory(work.resolve("malformed"));
        for (Sample s : damageable()) {
            tests.addAll(MalformedInputs.of(s, cases));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> noDescriptorLeaks() throws IOException {
        assumeTrue(ResourceLeaks.supported(), "needs /proc/self/fd (Linux)");
        Path copies = Files.createDirectory(work.resolve("leaks"));
        return damageable().stream().map(s -> DynamicTest.dynamicTest(s.label(),
                () -> ResourceLeaks.check(s.path(), copies, s.options())));
    }

    /** Sanity of the kit itself: it found formats, and every one it found is registered. */
    @TestFactory
    Stream<DynamicTest> kitFindsThisModulesFormats() {
        List<Format> formats = formats();
        return Stream.of(DynamicTest.dynamicTest("formats of this module", () -> {
            assertFalse(formats.isEmpty());
            for (Format f : formats) {
                assertTrue(FormatRegistry.getDefault().byName(f.name()).isPresent(), f.name());
            }
        }));
    }
}
