package org.easimage.transform;

import java.util.List;

/**
 * The service a module registers (in {@code META-INF/services/org.easimage.transform.TransformProvider}) to add
 * its transforms to the {@link TransformCatalog}, as formats plug into the format registry: a module present on
 * the class path contributes its transforms to chains and to the command line.
 */
public interface TransformProvider {

    /** The transforms this module defines. */
    List<TransformDefinition> definitions();
}
