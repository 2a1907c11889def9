package org.easimage.transform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Every transform defined by the {@link TransformProvider}s on the class path, by name. The chain parser
 * ({@link TransformChain}) and the command line's transform options are generated from it.
 */
public final class TransformCatalog {

    private static final TransformCatalog DEFAULT = new TransformCatalog(
            ServiceLoader.load(TransformProvider.class, TransformCatalog.class.getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get).toList());

    private final Map<String, TransformDefinition> byName;

    /** A catalogue of the given providers' transforms; two definitions of one name are an error. */
    public TransformCatalog(List<TransformProvider> providers) {
        Map<String, TransformDefinition> m = new TreeMap<>();
        for (TransformProvider p : providers) {
            for (TransformDefinition d : p.definitions()) {
                TransformDefinition before = m.putIfAbsent(d.name(), d);
                if (before != null) {
                    throw new IllegalStateException("two transforms are called '" + d.name() + "' (one from "
                            + p.getClass().getName() + ")");
                }
            }
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    /** The catalogue of every provider on the class path. */
    public static TransformCatalog getDefault() {
        return DEFAULT;
    }

    /** All definitions, by name. */
    public List<TransformDefinition> all() {
        return new ArrayList<>(byName.values());
    }

    /** The names, sorted. */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** The definition called {@code name} (case-insensitive, dashes as underscores). */
    public Optional<TransformDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name.strip().toLowerCase(Locale.ROOT).replace('-', '_')));
    }

    /** The definition called {@code name}; an unknown name lists the known ones. */
    public TransformDefinition get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown transform '" + name
                + "' (known: " + String.join(", ", byName.keySet()) + ")"));
    }
}
