package org.easimage.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.WindowManager;
import ij.plugin.PlugIn;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.easimage.testing.SharedData;
import org.junit.jupiter.api.Test;

/** The Fiji/ImageJ command: plugins.config names it, and it opens files headless. */
class ImportPluginTest {

    /** ImageJ's line: {@code Menu>Submenu, "Command", fully.qualified.Class("argument")}. */
    private static final Pattern LINE = Pattern.compile(
            "^([^,\"]+),\\s*\"([^\"]+)\",\\s*([\\w.$]+)(?:\\(\"(.*)\"\\))?\\s*$");

    @Test
    void pluginsConfigNamesPluginsThatExist() throws Exception {
        List<String[]> commands = new ArrayList<>();
        try (InputStream in = ImportPlugin.class.getClassLoader().getResourceAsStream("plugins.config")) {
            assertNotNull(in, "plugins.config at the root of the class path (the jar's root)");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Matcher m = LINE.matcher(line);
                assertTrue(m.matches(), "not an ImageJ plugins.config line: " + line);
                commands.add(new String[] {m.group(1).trim(), m.group(2), m.group(3)});
                Class<?> c = Class.forName(m.group(3));
                assertTrue(PlugIn.class.isAssignableFrom(c), c + " is an ImageJ PlugIn");
                c.getConstructor().newInstance();
            }
        }
        assertEquals(1, commands.size());
        assertEquals("File>Import", commands.get(0)[0]);
        assertEquals("Import with easimage...", commands.get(0)[1]);
        assertEquals(ImportPlugin.class.getName(), commands.get(0)[2]);
    }

    @Test
    void runOpensTheFileHeadlessAsTheCurrentImage() throws IOException {
        assertTrue(GraphicsEnvironment.isHeadless(), "the tests run with -Djava.awt.headless=true");
        Path file = SharedData.file("seq/rsciio_de_test.seq");
        new ImportPlugin().run(file.toString());
        ImagePlus imp = WindowManager.getCurrentImage();
        try {
            assertNotNull(imp);
            assertEquals("rsciio_de_test.seq", imp.getTitle());
            assertEquals(10, imp.getNFrames());
            assertTrue(imp.getStack() instanceof SequenceStack);
            assertEquals(30, imp.getCalibration().fps, 1e-9);
        } finally {
            ((SequenceStack) imp.getStack()).close();
            WindowManager.setTempCurrentImage(null);
        }
    }

    @Test
    void aFileThatCannotBeOpenedIsReportedNotThrown() {
        ImagePlus before = WindowManager.getCurrentImage();
        new ImportPlugin().run("/no/such/recording.seq"); // IJ.error: logged when headless
        assertSame(before, WindowManager.getCurrentImage(), "no image opened");
    }
}
