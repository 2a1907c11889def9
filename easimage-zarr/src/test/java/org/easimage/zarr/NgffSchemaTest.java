package org.easimage.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.easimage.frame.FrameSpec;
import org.easimage.frame.PixelType;
import org.easimage.io.Rational;
import org.easimage.io.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OME-Zarr metadata easimage writes validate against the NGFF JSON schemas stored under
 * {@code src/test/resources/ngff} (strict variants: name, type and metadata required too), for v2 (NGFF 0.4) and v3
 * (NGFF 0.5), gray and colour, with and without a pyramid; and a broken document does not, so the check can fail.
 */
class NgffSchemaTest {

    private static final String SITE = "https://ngff.openmicroscopy.org/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mappings(Map.of(
                    SITE + "0.4/schemas/image.schema", "classpath:ngff/0.4/schemas/image.schema",
                    SITE + "0.4/schemas/strict_image.schema", "classpath:ngff/0.4/schemas/strict_image.schema",
                    SITE + "0.5/schemas/image.schema", "classpath:ngff/0.5/image-from-0.4-defs.schema",
                    SITE + "0.5/schemas/strict_image.schema", "classpath:ngff/0.5/schemas/strict_image.schema",
                    SITE + "0.5/schemas/_version.schema", "classpath:ngff/0.5/schemas/_version.schema"))));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonSchema strict(ZarrVersion v) {
        return FACTORY.getSchema(SchemaLocation.of(SITE + (v == ZarrVersion.V2 ? "0.4" : "0.5")
                + "/schemas/strict_image.schema"));
    }

    /** The group attributes of an OME-Zarr store: .zattrs (v2) or zarr.json's attributes (v3). */
    private static JsonNode groupAttributes(Path store, ZarrVersion v) throws IOException {
        if (v == ZarrVersion.V2) {
            return JSON.readTree(Files.readString(store.resolve(".zattrs")));
        }
        JsonNode g = JSON.readTree(Files.readString(store.resolve("zarr.json")));
        assertEquals("group", g.get("node_type").asText());
        return g.get("attributes");
    }

    @Test
    void writtenMetadataValidate() throws IOException {
        for (ZarrVersion v : ZarrVersion.values()) {
            for (PixelType t : new PixelType[] {PixelType.GRAY16, PixelType.RGB24, PixelType.RGBA64}) {
                for (int pyramid : new int[] {0, 2}) {
                    Path out = ZarrRoundTripTest.write(dir.resolve(v + "-" + t + "-" + pyramid + ".zarr"),
                            ZarrRoundTripTest.randomFrames(FrameSpec.of(9, 7, t), 2, 1),
                            WriteOptions.defaults().withFrameRate(Rational.of(100))
                                    .with(ZarrWriteOptions.DEFAULTS.withVersion(v).withPyramidLevels(pyramid)));
                    JsonNode attrs = groupAttributes(out, v);
                    Set<ValidationMessage> errors = strict(v).validate(attrs);
                    assertEquals(Set.of(), errors, out.getFileName() + ": " + attrs);
                }
            }
        }
    }

    @Test
    void theSchemasRejectBrokenMetadata() throws IOException {
        for (ZarrVersion v : ZarrVersion.values()) {
            Path out = ZarrRoundTripTest.write(dir.resolve(v + ".zarr"),
                    ZarrRoundTripTest.randomFrames(FrameSpec.of(4, 4, PixelType.GRAY8), 1, 1),
                    WriteOptions.defaults().with(ZarrWriteOptions.DEFAULTS.withVersion(v)));
            JsonNode attrs = groupAttributes(out, v);
            ObjectNode ms = (ObjectNode) (v == ZarrVersion.V2 ? attrs : attrs.get("ome")).get("multiscales").get(0);
            ms.remove("axes");
            assertFalse(strict(v).validate(attrs).isEmpty(), v + ": multiscales without axes must not validate");
        }
    }
}
