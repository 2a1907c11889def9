package org.easimage.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.io.OpenDialog;
import ij.plugin.PlugIn;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * File&gt;Import&gt;Import with easimage...: opens any file easimage reads (Norpix and HIRIS {@code .seq}, TIFF,
 * image folders, GIF, videos when easimage's video support is installed) as a virtual stack, calibrated in time
 * (see {@link ImageJSequences#toImagePlus}). Registered by {@code plugins.config} in the plugin jar.
 *
 * <p>The file comes from ImageJ's open dialog, which macros fill without showing it
 * ({@code run("Import with easimage...", "open=/data/run.seq")}) and the recorder records; or from the
 * plugin's argument. Opening is apart from the dialog ({@link #open}), so it runs headless too.
 */
public final class ImportPlugin implements PlugIn {

    static final String TITLE = "Import with easimage";

    /** Opens the file named by {@code arg}, or asks for one when {@code arg} is empty. */
    @Override
    public void run(String arg) {
        String path = arg == null || arg.isBlank() ? ask() : arg;
        if (path == null) {
            return; // cancelled
        }
        try {
            show(open(Path.of(path)));
        } catch (IOException | IllegalArgumentException e) {
            IJ.error(TITLE, e.getMessage());
        } catch (UncheckedIOException e) {
            IJ.error(TITLE, e.getCause().getMessage());
        }
    }

    private static String ask() {
        // a macro's key is the title's first word: "open=", as for ImageJ's own File>Open (or "path=")
        OpenDialog dialog = new OpenDialog("Open with easimage");
        return dialog.getFileName() == null ? null : dialog.getPath();
    }

    /** The file as a virtual stack (see {@link ImageJSequences#open}). */
    public static ImagePlus open(Path file) throws IOException {
        return ImageJSequences.open(file);
    }

    /** Shows the image, or without a display makes it the current image (for macros and scripts). */
    static void show(ImagePlus imp) {
        if (GraphicsEnvironment.isHeadless()) {
            WindowManager.setTempCurrentImage(imp);
        } else {
            imp.show();
        }
    }
}
