package org.easimage.io;

import java.util.Map;

/**
 * A format's own metadata (the second tier, next to the standard {@link SequenceInfo}): typically a record of
 * every header field. {@link #asMap()} gives it as ordered name/value pairs for display and JSON.
 */
public interface FormatMetadata {

    /** Field names to values (strings, numbers, booleans, instants, nested maps or lists), in a stable order. */
    Map<String, Object> asMap();

    /** Metadata with no fields. */
    FormatMetadata NONE = Map::of;
}
