package org.easimage.zarr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.easimage.frame.FrameSpec;

/**
 * OME-Zarr (OME-NGFF) image metadata: the {@code multiscales} of version 0.4 (Zarr v2, in the group's
 * {@code .zattrs}) and 0.5 (Zarr v3, under {@code "ome"} in the group's {@code zarr.json} attributes), and the
 * transitional {@code omero} channel colours for RGB(A).
 *
 * <p>Axes are {@code t} (time, seconds), {@code c} (channel, colour frames only), {@code y}, {@code x} (space,
 * without a unit: a frame's pixel size is not known). Level k's scale is {@code [frame interval, (1,) 2^k, 2^k]}:
 * the time scale is the frame interval, 1 / frame rate, so NGFF viewers show real seconds.
 */
final class Ngff {

    private Ngff() {
    }

    /**
     * The group attributes for an image of {@code spec} frames, {@code levels} levels at paths "0", "1", ...,
     * {@code interval} seconds between frames (null when unknown: scale 1 and no unit).
     */
    static Map<String, Object> groupAttributes(ZarrVersion version, String name, FrameSpec spec, int levels,
            Double interval) {
        Map<String, Object> ms = new LinkedHashMap<>();
        if (version == ZarrVersion.V2) {
            ms.put("version", "0.4");
        }
        ms.put("name", name);
        List<Object> axes = new ArrayList<>();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", "t");
        t.put("type", "time");
        if (interval != null) {
            t.put("unit", "second");
        }
        axes.add(t);
        boolean colour = spec.channels() > 1;
        if (colour) {
            axes.add(Json.obj("name", "c", "type", "channel"));
        }
        axes.add(Json.obj("name", "y", "type", "space"));
        axes.add(Json.obj("name", "x", "type", "space"));
        ms.put("axes", axes);
        List<Object> datasets = new ArrayList<>();
        double dt = interval != null ? interval : 1.0;
        for (int k = 0; k < levels; k++) {
            List<Double> scale = new ArrayList<>();
            scale.add(dt);
            if (colour) {
                scale.add(1.0);
            }
            double f = Math.scalb(1.0, k);
            scale.add(f);
            scale.add(f);
            Map<String, Object> transform = new LinkedHashMap<>();
            transform.put("type", "scale");
            transform.put("scale", scale);
            Map<String, Object> ds = new LinkedHashMap<>();
            ds.put("path", Integer.toString(k));
            ds.put("coordinateTransformations", List.of(transform));
            datasets.add(ds);
        }
        ms.put("datasets", datasets);
        ms.put("type", "mean");
        ms.put("metadata", Json.obj("description", "level k+1 is level k halved in x and y (sizes rounded up), each "
                + "pixel the mean of the 2x2 pixels it covers", "method", "easimage 2x2 mean"));
        Map<String, Object> image = new LinkedHashMap<>();
        if (version == ZarrVersion.V3) {
            image.put("version", "0.5");
        }
        image.put("multiscales", List.of(ms));
        if (colour) {
            image.put("omero", omero(spec));
        }
        if (version == ZarrVersion.V3) {
            return Json.obj("ome", image);
        }
        return image;
    }

    private static Map<String, Object> omero(FrameSpec spec) {
        String[] labels = {"red", "green", "blue", "alpha"};
        String[] colours = {"FF0000", "00FF00", "0000FF", "FFFFFF"};
        double max = spec.sampleType().maxValue();
        List<Object> channels = new ArrayList<>();
        for (int c = 0; c < spec.channels(); c++) {
            Map<String, Object> ch = new LinkedHashMap<>();
            ch.put("label", labels[c]);
            ch.put("color", colours[c]);
            ch.put("active", c < 3);
            ch.put("family", "linear");
            ch.put("window", Json.obj("min", 0.0, "max", max, "start", 0.0, "end", max));
            channels.add(ch);
        }
        Map<String, Object> omero = new LinkedHashMap<>();
        omero.put("channels", channels);
        omero.put("rdefs", Json.obj("model", "color"));
        return omero;
    }

    /**
     * The first multiscale image of group attributes, 0.4 ({@code multiscales} at the top) or 0.5 (under
     * {@code ome}), or null when there is none.
     */
    static Map<?, ?> firstMultiscale(Map<String, Object> attrs) {
        Object ms = attrs.get("multiscales");
        if (ms == null && attrs.get("ome") instanceof Map<?, ?> ome) {
            ms = ome.get("multiscales");
        }
        if (ms instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> m) {
            return m;
        }
        return null;
    }

    /** The axis names of a multiscale image, or null. */
    static List<String> axisNames(Map<?, ?> multiscale) {
        if (multiscale != null && multiscale.get("axes") instanceof List<?> axes) {
            List<String> names = new ArrayList<>();
            for (Object a : axes) {
                if (a instanceof Map<?, ?> m && m.get("name") instanceof String n) {
                    names.add(n);
                } else if (a instanceof String n) { // NGFF 0.3 listed names only
                    names.add(n);
                } else {
                    return null;
                }
            }
            return names;
        }
        return null;
    }

    /** The time axis's scale of dataset 0 in seconds (the frame interval), or null when not stated. */
    static Double frameInterval(Map<?, ?> multiscale) {
        if (multiscale == null || !(multiscale.get("axes") instanceof List<?> axes)
                || !(multiscale.get("datasets") instanceof List<?> ds) || ds.isEmpty()
                || !(ds.get(0) instanceof Map<?, ?> d0)
                || !(d0.get("coordinateTransformations") instanceof List<?> ts)) {
            return null;
        }
        int t = -1;
        double unit = 1;
        for (int i = 0; i < axes.size(); i++) {
            if (axes.get(i) instanceof Map<?, ?> a && "time".equals(a.get("type"))) {
                t = i;
                Object u = a.get("unit");
                if (u == null) {
                    return null;
                }
                unit = switch (String.valueOf(u)) {
                    case "second" -> 1;
                    case "millisecond" -> 1e-3;
                    case "microsecond" -> 1e-6;
                    case "nanosecond" -> 1e-9;
                    case "minute" -> 60;
                    case "hour" -> 3600;
                    default -> Double.NaN;
                };
            }
        }
        if (t < 0 || Double.isNaN(unit)) {
            return null;
        }
        for (Object o : ts) {
            if (o instanceof Map<?, ?> m && "scale".equals(m.get("type")) && m.get("scale") instanceof List<?> s
                    && s.size() == axes.size() && s.get(t) instanceof Number n && n.doubleValue() > 0
                    && Double.isFinite(n.doubleValue())) {
                return n.doubleValue() * unit;
            }
        }
        return null;
    }
}
