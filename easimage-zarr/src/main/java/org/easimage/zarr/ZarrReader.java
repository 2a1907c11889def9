package org.easimage.zarr;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.easimage.frame.Frame;
import org.easimage.io.EasimageException;
import org.easimage.io.FormatMetadata;
import org.easimage.io.Rational;
import org.easimage.io.ReadOptions;
import org.easimage.io.SequenceInfo;
import org.easimage.io.AbstractSequenceReader;
import org.easimage.io.Times;
import org.easimage.io.UnsupportedFormatException;

/**
 * Reads a Zarr v2 or v3 store as frames: a bare array, or an OME-Zarr image group (NGFF 0.4 or 0.5), whose first
 * multiscale's level 0 is read. Opening reads metadata only; {@link #read(int)} decodes exactly the chunks that
 * hold the frame. Times come from the attributes easimage writes ({@code frame_times}, {@code fps},
 * {@code acquisition_start}), else from the NGFF time scale.
 */
final class ZarrReader extends AbstractSequenceReader {

    private final ZarrArray array;
    private final SequenceInfo info;
    private final long[] times;
    private final Rational rate;
    private final Instant start;

    private ZarrReader(Path store, ZarrArray array, SequenceInfo info, long[] times, Rational rate, Instant start) {
        super(store);
        this.array = array;
        this.info = info;
        this.times = times;
        this.rate = rate;
        this.start = start;
    }

    static ZarrReader open(Path path, ReadOptions options) throws IOException {
        Path root = path;
        Map<String, Object> groupAttrs = Map.of();
        Map<?, ?> multiscale = null;
        String node;
        Path arrayDir = root;
        int levels = 1;
        if (Files.isRegularFile(root.resolve(ArrayMeta.ZARR_JSON))) {
            JsonDoc doc = JsonDoc.read(root.resolve(ArrayMeta.ZARR_JSON));
            Object type = doc.get("node_type");
            if ("group".equals(type)) {
                if (!Long.valueOf(3).equals(doc.get("zarr_format"))) {
                    throw doc.corrupt("zarr_format is " + doc.get("zarr_format") + " in a zarr.json, expected 3");
                }
                groupAttrs = doc.has("attributes") ? doc.object("attributes").root() : Map.of();
                multiscale = Ngff.firstMultiscale(groupAttrs);
                node = "OME-Zarr " + omeVersion(groupAttrs, multiscale) + " image (Zarr v3 group)";
            } else {
                node = "Zarr v3 array";
            }
        } else if (Files.isRegularFile(root.resolve(ArrayMeta.ZARRAY))) {
            node = "Zarr v2 array";
        } else if (Files.isRegularFile(root.resolve(ArrayMeta.ZGROUP))) {
            Path za = root.resolve(ArrayMeta.ZATTRS);
            groupAttrs = Files.isRegularFile(za) ? JsonDoc.read(za).root() : Map.of();
            multiscale = Ngff.firstMultiscale(groupAttrs);
            node = "OME-Zarr " + omeVersion(groupAttrs, multiscale) + " image (Zarr v2 group)";
        } else {
            throw new UnsupportedFormatException(path, "not a Zarr store: no .zarray, .zgroup or zarr.json");
        }
        boolean group = node.startsWith("OME");
        if (group) {
            if (multiscale == null) {
                throw new UnsupportedFormatException(path, "a Zarr group without OME-Zarr multiscales; open one of "
                        + "its arrays instead: " + arraysIn(root));
            }
            Object ds = multiscale.get("datasets");
            if (!(ds instanceof List<?> l) || l.isEmpty() || !(l.get(0) instanceof Map<?, ?> d0)
                    || !(d0.get("path") instanceof String p) || p.isEmpty()) {
                throw new org.easimage.io.CorruptInputException(path, "the multiscales metadata name no dataset path");
            }
            levels = l.size();
            arrayDir = root.resolve(p).normalize();
            if (Path.of(p).isAbsolute() || !arrayDir.startsWith(root.normalize()) || arrayDir.equals(root.normalize())) {
                throw new org.easimage.io.CorruptInputException(path, "the dataset path \"" + p + "\" leads outside "
                        + "the image group; only its own arrays are read");
            }
        }
        ArrayMeta meta = ArrayMeta.read(arrayDir);
        List<String> names = group ? Ngff.axisNames(multiscale) : meta.dimensionNames();
        if (names == null) {
            names = meta.dimensionNames();
        }
        Path metaFile = arrayDir.resolve(meta.version() == ZarrVersion.V2 ? ArrayMeta.ZARRAY : ArrayMeta.ZARR_JSON);
        FrameLayout layout = FrameLayout.infer(meta.shape(), names, metaFile);
        ZarrArray array = new ZarrArray(arrayDir, meta, layout, options.warnings());
        int n = array.frames();

        // times: the array's attributes, else the group's; frame_times > fps > NGFF time scale
        Map<String, Object> attrs = new LinkedHashMap<>(groupAttrs);
        attrs.putAll(meta.attributes());
        long[] times = null;
        Rational rate = null;
        Instant start = null;
        if (attrs.get("frame_times") instanceof List<?> ft) {
            if (ft.size() != n) {
                options.warnings().accept(path + ": frame_times lists " + ft.size() + " times for " + n + " frames;"
                        + " they are ignored");
            } else {
                times = new long[n];
                for (int i = 0; i < n && times != null; i++) {
                    Object v = ft.get(i);
                    long t = v instanceof Number num && Double.isFinite(num.doubleValue()) ? nanos(num) : Long.MIN_VALUE;
                    if (t != Long.MIN_VALUE) {
                        times[i] = t;
                    } else {
                        options.warnings().accept(path + ": frame_times[" + i + "] is not a number; the frame times"
                                + " are ignored");
                        times = null;
                    }
                }
            }
        }
        Object fps = attrs.get("fps");
        if (fps != null) {
            try {
                rate = Rational.parse(fps.toString());
            } catch (IllegalArgumentException e) {
                options.warnings().accept(path + ": fps " + fps + " is not a frame rate; ignored");
            }
        }
        if (rate == null && times == null) {
            Double interval = Ngff.frameInterval(multiscale);
            if (interval != null && interval >= 1e-9 && interval <= 1e6) {
                rate = Rational.approximate(1 / interval);
            }
        }
        if (attrs.get("acquisition_start") instanceof String s) {
            try {
                start = Instant.parse(s);
            } catch (DateTimeParseException e) {
                options.warnings().accept(path + ": acquisition_start '" + s + "' is not an ISO-8601 instant; frames "
                        + "have no timestamps");
            }
        }

        org.easimage.frame.FrameSpec spec = array.spec();
        if (attrs.get("significant_bits") instanceof Long bits) {
            if (bits >= 1 && bits < spec.sampleType().bits() && spec.sampleType().isInteger()) {
                spec = spec.withSignificantBits(bits.intValue());
            } else {
                options.warnings().accept(path + ": significant_bits " + bits + " does not fit " + spec.pixelType()
                        + "; ignored");
            }
        }
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("node", node);
        if (group) {
            md.put("array", root.relativize(arrayDir).toString());
            md.put("levels", levels);
            md.put("axes", names);
        } else if (meta.dimensionNames() != null) {
            md.put("dimensions", meta.dimensionNames());
        }
        md.put("zarr_format", meta.version().number());
        md.put("shape", Arrays.stream(meta.shape()).boxed().toList());
        md.put("chunks", Arrays.stream(meta.codecChunk()).boxed().toList());
        if (meta.innerChunks() != null) {
            md.put("shards", Arrays.stream(meta.chunks()).boxed().toList());
        }
        md.put("dtype", meta.dataType().v3Name() + (meta.dataType().bytes() > 1
                ? (meta.byteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN ? " little-endian" : " big-endian") : ""));
        md.put("compressor", meta.codecs().isEmpty() ? "none"
                : meta.codecs().stream().map(ChunkCodec::describe).collect(Collectors.joining(" + ")));
        md.put("fill_value", meta.fill());
        FormatMetadata metadata = () -> md;
        SequenceInfo info = new SequenceInfo("zarr", n, spec, Optional.ofNullable(rate), metadata);
        return new ZarrReader(path, array, info, times, rate, start);
    }

    /** A number of seconds as nanoseconds, or Long.MIN_VALUE when it is out of any recording's range. */
    private static long nanos(Number seconds) {
        try {
            BigDecimal s = new BigDecimal(seconds.toString());
            return s.abs().compareTo(BigDecimal.valueOf(9_000_000_000L)) > 0 ? Long.MIN_VALUE
                    : Times.ofSeconds(s).toNanos();
        } catch (NumberFormatException | ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    private static String omeVersion(Map<String, Object> attrs, Map<?, ?> multiscale) {
        if (attrs.get("ome") instanceof Map<?, ?> ome && ome.get("version") instanceof String v) {
            return v;
        }
        return multiscale != null && multiscale.get("version") instanceof String v ? v : "?";
    }

    private static String arraysIn(Path root) {
        List<String> found = new ArrayList<>();
        try (var s = Files.list(root)) {
            s.filter(p -> Files.isRegularFile(p.resolve(ArrayMeta.ZARRAY))
                    || Files.isRegularFile(p.resolve(ArrayMeta.ZARR_JSON)))
                    .map(p -> p.getFileName().toString()).sorted().limit(10).forEach(found::add);
        } catch (IOException e) {
            return "(cannot list the group)";
        }
        return found.isEmpty() ? "(none found)" : String.join(", ", found);
    }

    @Override
    public SequenceInfo info() {
        return info;
    }

    /**
     * The store's metadata file first (what a copy of the store must keep), then nothing else: chunks are many and
     * only read; the store is a folder this reader never writes.
     */
    @Override
    public java.util.List<Path> sourceFiles() {
        Path dir = array.dir();
        for (String name : new String[] {ArrayMeta.ZARR_JSON, ".zarray"}) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return java.util.List.of(dir.resolve(name));
            }
        }
        return java.util.List.of();
    }

    /** Frame {@code index}, written into {@code reuse}'s storage when it is a heap frame of this layout. */
    @Override
    protected Frame readFrame(int index, Frame reuse) throws IOException {
        Frame f;
        try {
            f = array.read(index, reuse);
        } catch (EasimageException e) {
            throw e;
        } catch (IOException e) {
            throw new EasimageException(array.dir(), "reading frame " + index + " failed: " + e.getMessage(), e);
        }
        if (!f.spec().equals(info.spec())) {
            f = f.withSpec(info.spec());
        }
        return f.withTime(frameTime(index).orElse(null)).withTimestamp(frameTimestamp(index).orElse(null));
    }

    @Override
    protected Optional<Duration> frameTime(int index) {
        if (times != null) {
            return Optional.of(Duration.ofNanos(times[index]));
        }
        return rate == null ? Optional.empty() : Optional.of(Times.atIndex(index, rate));
    }

    @Override
    protected Optional<Instant> frameTimestamp(int index) {
        return frameTime(index).flatMap(t -> Times.after(Optional.ofNullable(start), t));
    }

    @Override
    protected void release() {
        // nothing is held open between reads
    }
}
