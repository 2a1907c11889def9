package org.easimage.opencv;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.Frames;
import org.easimage.frame.PixelType;
import org.junit.jupiter.api.io.TempDir;
import org.easimage.frame.Frame;
import org.easimage.frame.FrameTransform;
import org.junit.jupiter.api.Test;
import org.easimage.transform.TransformCatalog;
import org.easimage.transform.TransformChain;
import org.easimage.transform.TransformDefinition;
import org.easimage.transform.Transforms;

class TransformChainTest {

    @Test
    void parseAndFormatRoundTrip() {
        String text = "clahe(2.0, 8x8) | crop(10,10,10,10) | annotate(\"{time} \\\"q\\\" a|b\", size=18, anchor=top_left)"
                + "\n# a comment line\n gaussian(1.5)\n resize(0.5) | rotate(90) | flip(h) | colormap(viridis)";
        List<FrameTransform> ts = TransformChain.parseList(text);
        assertEquals(8, ts.size());
        String formatted = TransformChain.format(ts);
        assertEquals("clahe(2, 8x8)", ts.get(0).describe());
        assertTrue(ts.get(2).describe().contains("\"{time} \\\"q\\\" a|b\""), ts.get(2).describe());
        List<FrameTransform> again = TransformChain.parseList(formatted);
        assertEquals(formatted, TransformChain.format(again));
        for (String c : TransformContractTest.CHAINS) {
            String d = TransformChain.parse(c).describe();
            assertEquals(d, TransformChain.parse(d).describe(), c);
        }
    }

    @Test
    void savedChainFileLoadsBackAndServesTheTransformsOption(@TempDir Path dir) throws Exception {
        List<FrameTransform> chain = TransformChain.parseList(
                "contrast(1.5, -20) | gaussian(1.2) | crop(3, 4, 5, 6) | annotate(\"{index}\", size=12)");
        Path file = dir.resolve("enhance.chain");
        TransformChain.save(file, chain);
        assertEquals(TransformChain.format(chain), TransformChain.format(TransformChain.load(file)));
        Frame f = Frames.allocate(FrameSpec.of(64, 48, PixelType.GRAY16), 7);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                f.setSample(x, y, 0, (x * 977 + y * 131) % 65536);
            }
        }
        FrameTransform direct = TransformChain.parse(TransformChain.format(chain));
        FrameTransform fromFile = TransformChain.parseOrLoad(file.toString());
        assertEquals(Frames.crc32(direct.apply(f)), Frames.crc32(fromFile.apply(f)));
        assertTrue(Files.readString(file).lines().count() >= 4, "one transform per line");
        assertThrows(IllegalArgumentException.class, () -> TransformChain.parseOrLoad(dir.resolve("absent").toString()));
    }

    @Test
    void chainAppliesInOrder() {
        Frame g = RealFrames.gray8();
        FrameTransform chain = TransformChain.parse("crop(10, 10, 10, 10) | resize(0.5) | pad(1)");
        Frame out = chain.apply(g);
        assertEquals(Math.round((g.width() - 20) * 0.5) + 2, out.width());
        assertEquals(chain.outputSpec(g.spec()), out.spec());
        assertEquals("identity", TransformChain.parse("  ").describe());
    }

    @Test
    void errorsNameTheTransformAndTheArgument() {
        assertMessage("clahe(abc)", "clahe", "clip");
        assertMessage("clahe(2, 8y8)", "clahe", "tiles");
        assertMessage("blurr(2)", "unknown transform", "blurr");
        assertMessage("gaussian()", "gaussian", "sigma");
        assertMessage("gaussian(1, 2)", "gaussian", "too many");
        assertMessage("resize(0.5, foo)", "resize", "interpolation");
        assertMessage("annotate(\"x\", colour=red)", "annotate", "colour");
        assertMessage("annotate(\"x, size=3)", "unterminated", "");
        assertMessage("colormap(virdis)", "colormap", "name");
        assertMessage("flip(x)", "flip", "axis");
        assertMessage("crop(1, 2", "crop", "')'");
        assertMessage("gamma(-1)", "gamma", "positive");
    }

    private static void assertMessage(String spec, String a, String b) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TransformChain.parse(spec), spec);
        assertTrue(e.getMessage().contains(a) && e.getMessage().contains(b), spec + " -> " + e.getMessage());
    }

    @Test
    void optionValuesBuildEveryTransform() throws Exception {
        Frame g = RealFrames.gray8();
        String[][] examples = {
                {"--clahe", "2.0:8x8"}, {"--crop", "10,10,10,10"}, {"--annotate", "{time}: frame {index}"},
                {"--colormap", "viridis"}, {"--colormap", "hot:0:200"}, {"--colormap", "jet:frame"},
                {"--colormap", "gray:bits"}, {"--colormap", "magma:auto:1:99:frames=8"}, {"--to-8bit", "frame:2:98"},
                {"--to-8bit", "bits"}, {"--to-8bit", "auto:frames=16"}, {"--to-8bit", "AUTO:0.5:99.5"}, {"--gaussian", "1.5"}, {"--resize", "0.5"},
                {"--resize", "128x0:linear"}, {"--rotate", "90"}, {"--rotate", "30:expand"}, {"--pad", "8"},
                {"--contrast", "1.5"}, {"--contrast", "1.5:-20"}, {"--brightness", "-20"}, {"--gamma", "0.8"},
                {"--to-8bit", "auto"}, {"--to-8bit", "10:200"}, {"--flip", "h"}, {"--sharpen", "0.7:2"},
                {"--threshold", "128"}, {"--auto-levels", "1"}, {"--gray", ""}, {"--scurve", "4:0.5"},
                {"--flatfield", "30"}, {"--transforms", "gaussian(1) | gamma(2)"}};
        var byName = new java.util.HashMap<String, java.util.function.Function<String, FrameTransform>>();
        for (TransformDefinition d : TransformCatalog.getDefault().all()) {
            assertTrue(d.option().startsWith("--") && !d.help().isBlank(), d.option());
            byName.put(d.option(), d::fromOption);
        }
        byName.put("--transforms", TransformChain::parseOrLoad);
        for (String[] ex : examples) {
            var o = byName.get(ex[0]);
            assertNotNull(o, ex[0]);
            FrameTransform t = o.apply(ex[1]).bind(org.easimage.frame.FrameSource.of(g));
            assertEquals(t.outputSpec(g.spec()), t.apply(g).spec(), ex[0]);
        }
        assertThrows(IllegalArgumentException.class, () -> byName.get("--clahe").apply("x:8x8"));
    }
}
