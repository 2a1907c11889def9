package org.easimage.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.easimage.frame.PixelType;
import org.easimage.testing.HeapCheckedJvm;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@link SizeMatrix}: the file formats written in Java in this JVM, one test per pair and pixel type;
 * the video pairs in a child JVM under glibc's heap checker ({@link HeapCheckedJvm}), one child per pair, so a
 * native write past a buffer fails the pair's test (the child aborts) instead of corrupting or killing the test
 * JVM. The video cases cost the same there as here, so every one of them is also a memory-check case.
 *
 * <p>{@code -Deasimage.sizeMatrix=video-mp4,gif} runs only the named pairs (while working on one format).
 */
class SizeMatrixTest {

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyPairTypeAndSize() {
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> only = Set.of(System.getProperty("easimage.sizeMatrix", "").split(","));
        for (SizeMatrix.Pair p : SizeMatrix.pairs()) {
            if (!only.equals(Set.of("")) && !only.contains(p.name())) {
                continue;
            }
            if (p.video()) {
                tests.add(DynamicTest.dynamicTest(p.name() + " (child JVM, heap-checked)", () -> inChild(p)));
                continue;
            }
            for (PixelType t : p.types()) {
                tests.add(DynamicTest.dynamicTest(p.name() + " " + t, () -> inProcess(p, t)));
            }
            for (PixelType t : p.refused()) {
                tests.add(DynamicTest.dynamicTest(p.name() + " refuses " + t,
                        () -> SizeMatrix.checkRefused(p, t, Files.createTempDirectory(dir, "r"))));
            }
        }
        return tests.stream();
    }

    private void inProcess(SizeMatrix.Pair p, PixelType t) throws Exception {
        Path d = Files.createTempDirectory(dir, p.name());
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (SizeMatrix.Case c : SizeMatrix.cases(p)) {
            if (c.type() != t) {
                continue;
            }
            n++;
            try {
                SizeMatrix.check(c, d);
            } catch (Exception | AssertionError e) {
                failures.add(e.getMessage() == null ? c + ": " + e : e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + n + " sizes failed:\n"
                + failures.stream().limit(15).collect(Collectors.joining("\n")));
    }

    private void inChild(SizeMatrix.Pair p) throws Exception {
        HeapCheckedJvm.Result r = HeapCheckedJvm.run(Duration.ofMinutes(10), Files.createTempDirectory(dir, p.name()),
                SizeMatrix.class, p.name());
        List<String> failures = r.output().lines().filter(l -> l.startsWith("FAIL ")).toList();
        String lastCase = r.output().lines().filter(l -> l.startsWith("CASE ")).reduce((a, b) -> b).orElse("none");
        assertTrue(!r.aborted(), p.name() + ": the child JVM aborted (a native write past a buffer?) during "
                + lastCase.substring(Math.min(5, lastCase.length())) + ":\n" + r.tail(12));
        assertTrue(failures.isEmpty(), failures.size() + " cases failed:\n"
                + failures.stream().limit(15).collect(Collectors.joining("\n")));
        assertEquals(0, r.exitCode(), () -> "child exit status " + r.exitCode() + ":\n" + r.tail(20));
        assertTrue(r.output().contains("DONE "), () -> "the child did not finish:\n" + r.tail(20));
    }

    /** The matrix has a pair for every writable format, so a new format cannot be left out of it. */
    @Test
    void everyWritableFormatHasAPair() {
        Set<String> covered = SizeMatrix.pairs().stream().map(SizeMatrix.Pair::format).collect(Collectors.toSet());
        for (Format f : FormatRegistry.getDefault().formats()) {
            if (f.canWrite() && !f.name().equals("null")) { // null is a sink: nothing to read back
                assertTrue(covered.contains(f.name()), "no size-matrix pair writes " + f.name());
            }
        }
    }

    /** The heap checker the video pairs rely on really aborts a child that writes one byte past a buffer. */
    @Test
    void heapCheckerCatchesAOneByteOverflow() throws Exception {
        assumeTrue(HeapCheckedJvm.mallocDebugLibrary().isPresent(),
                "glibc's libc_malloc_debug.so is absent: MALLOC_CHECK_ cannot be armed on this machine");
        HeapCheckedJvm.Result r = HeapCheckedJvm.run(Duration.ofMinutes(1), dir, HeapCheckedJvm.Canary.class);
        assertTrue(r.aborted(), "a one-byte overflow went unnoticed (exit " + r.exitCode() + "):\n" + r.tail(5));
    }
}
