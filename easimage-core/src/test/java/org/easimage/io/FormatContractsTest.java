package org.easimage.io;

import java.util.List;
import java.util.Map;
import org.easimage.testing.FormatContractSuite;

/**
 * The format kit over the formats easimage-core registers: Norpix, HIRIS, TIFF, images, GIF (samples their
 * writers make, and the real ones of ../shared/data) and synthetic (read-only: spec strings).
 */
class FormatContractsTest extends FormatContractSuite {

    @Override
    protected Map<String, List<String>> specSamples() {
        return Map.of("synthetic", List.of("synthetic:13x7:gray8:5", "synthetic:5x3:gray16:4:30000/1001",
                "synthetic:4x3:rgb24:3:25", "synthetic:3x2:gray32f:2:7"));
    }
}
