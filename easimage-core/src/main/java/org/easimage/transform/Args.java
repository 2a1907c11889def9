package org.easimage.transform;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one transform in a chain spec, {@code name(pos1, pos2, key=value, ...)}, with typed getters
 * whose errors name the transform and the argument. Also the formatting helpers used by {@code describe()}, so
 * that what is printed parses back.
 */
public final class Args {

    private final String transform;
    private final List<String> positional;
    private final Map<String, String> named;
    private final Set<String> used = new HashSet<>();

    Args(String transform, List<String> positional, Map<String, String> named) {
        this.transform = transform;
        this.positional = positional;
        this.named = named;
    }

    /** Parses the text between the parentheses (may be blank). */
    static Args parse(String transform, String inner) {
        List<String> pos = new ArrayList<>();
        Map<String, String> named = new LinkedHashMap<>();
        for (String part : splitTopLevel(transform, inner)) {
            String p = part.strip();
            if (p.isEmpty()) {
                if (!inner.isBlank()) {
                    throw new IllegalArgumentException(transform + ": empty argument in (" + inner + ")");
                }
                continue;
            }
            int eq = p.startsWith("\"") ? -1 : p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().matches("[A-Za-z_]+")) {
                String key = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                if (named.put(key, unquote(transform, p.substring(eq + 1).strip())) != null) {
                    throw new IllegalArgumentException(transform + ": argument '" + key + "' given twice");
                }
            } else {
                if (!named.isEmpty()) {
                    throw new IllegalArgumentException(transform + ": positional argument '" + p
                            + "' after named ones");
                }
                pos.add(unquote(transform, p));
            }
        }
        return new Args(transform, pos, named);
    }

    private static List<String> splitTopLevel(String transform, String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\' && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(transform + ": unterminated quoted string in (" + s + ")");
        }
        out.add(cur.toString());
        return out;
    }

    private static String unquote(String transform, String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i < v.length() - 1; i++) {
                char c = v.charAt(i);
                if (c == '\\' && i + 1 < v.length() - 1) {
                    char n = v.charAt(++i);
                    b.append(n == 'n' ? '\n' : n);
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
        if (v.startsWith("\"")) {
            throw new IllegalArgumentException(transform + ": badly quoted value " + v);
        }
        return v;
    }

    /** The transform these arguments belong to, e.g. {@code to_8bit}. */
    public String transform() {
        return transform;
    }

    /** Argument at position {@code i} or named {@code key}, or null when absent. */
    public String raw(int i, String key) {
        String v = named.get(key);
        if (v != null) {
            used.add(key);
            if (i >= 0 && i < positional.size()) {
                throw new IllegalArgumentException(transform + ": '" + key + "' given both by position and by name");
            }
            return v;
        }
        if (i >= 0 && i < positional.size()) {
            used.add("#" + i);
            return positional.get(i);
        }
        return null;
    }

    public int positionalCount() {
        return positional.size();
    }

    public boolean has(int i, String key) {
        return named.containsKey(key) || (i >= 0 && i < positional.size());
    }

    public String string(int i, String key, String def) {
        String v = raw(i, key);
        return v == null ? def : v;
    }

    public String requireString(int i, String key) {
        String v = raw(i, key);
        if (v == null) {
            throw new IllegalArgumentException(transform + ": missing argument '" + key + "'");
        }
        return v;
    }

    public double number(int i, String key, Double def) {
        String v = raw(i, key);
        if (v == null) {
            if (def == null) {
                throw new IllegalArgumentException(transform + ": missing argument '" + key + "'");
            }
            return def;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(transform + ": argument '" + key + "' must be a number, got '" + v + "'");
        }
    }

    public int integer(int i, String key, Integer def) {
        double d = number(i, key, def == null ? null : def.doubleValue());
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(transform + ": argument '" + key + "' must be an integer, got " + d);
        }
        return (int) d;
    }

    public boolean bool(int i, String key, boolean def) {
        String v = raw(i, key);
        if (v == null) {
            return def;
        }
        if (v.equalsIgnoreCase(key)) {
            return true; // a flag given by its name, e.g. rotate(30, expand)
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(transform + ": argument '" + key
                    + "' must be true or false, got '" + v + "'");
        };
    }

    public <E extends Enum<E>> E enumValue(int i, String key, Class<E> type, E def) {
        String v = raw(i, key);
        if (v == null) {
            if (def == null) {
                throw new IllegalArgumentException(transform + ": missing argument '" + key + "'");
            }
            return def;
        }
        try {
            return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(transform + ": argument '" + key + "' must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", got '" + v + "'");
        }
    }

    /** A size written {@code WxH} (or a single number N meaning NxN). */
    public int[] size(int i, String key, int[] def) {
        String v = raw(i, key);
        if (v == null) {
            if (def == null) {
                throw new IllegalArgumentException(transform + ": missing argument '" + key + "'");
            }
            return def;
        }
        String[] p = v.toLowerCase(Locale.ROOT).split("x", -1);
        try {
            if (p.length == 1) {
                int n = Integer.parseInt(p[0].strip());
                return new int[] {n, n};
            }
            if (p.length == 2) {
                return new int[] {Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip())};
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException(transform + ": argument '" + key + "' must be WxH, got '" + v + "'");
    }

    public Color color(int i, String key, Color def) {
        String v = raw(i, key);
        if (v == null) {
            return def;
        }
        try {
            return parseColor(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(transform + ": argument '" + key + "': " + e.getMessage());
        }
    }

    /** Fails when an argument was given that the transform does not know. */
    public void done() {
        for (int i = 0; i < positional.size(); i++) {
            if (!used.contains("#" + i)) {
                throw new IllegalArgumentException(transform + ": too many arguments (unexpected '"
                        + positional.get(i) + "')");
            }
        }
        for (String k : named.keySet()) {
            if (!used.contains(k)) {
                throw new IllegalArgumentException(transform + ": unknown argument '" + k + "'");
            }
        }
    }

    // -- formatting --

    /** A number without a useless ".0" (e.g. 2, 0.5, -20). */
    public static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** A double-quoted string with quotes and backslashes escaped. */
    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static final Map<String, Color> NAMED = new LinkedHashMap<>();

    static {
        NAMED.put("white", Color.WHITE);
        NAMED.put("black", Color.BLACK);
        NAMED.put("red", new Color(255, 0, 0));
        NAMED.put("lime", new Color(0, 255, 0));
        NAMED.put("green", new Color(0, 128, 0));
        NAMED.put("blue", new Color(0, 0, 255));
        NAMED.put("yellow", new Color(255, 255, 0));
        NAMED.put("cyan", new Color(0, 255, 255));
        NAMED.put("magenta", new Color(255, 0, 255));
        NAMED.put("orangered", new Color(255, 69, 0));
        NAMED.put("deeppink", new Color(255, 20, 147));
        NAMED.put("gray", new Color(128, 128, 128));
    }

    /** A colour name (white, black, red, lime, green, blue, yellow, cyan, magenta, orangered, deeppink, gray) or #RRGGBB. */
    public static Color parseColor(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        Color c = NAMED.get(v);
        if (c != null) {
            return c;
        }
        if (v.matches("#[0-9a-f]{6}")) {
            return new Color(Integer.parseInt(v.substring(1), 16));
        }
        throw new IllegalArgumentException("'" + s + "' is not a colour (a name such as " + NAMED.keySet()
                + " or #RRGGBB)");
    }

    /** The colour's name when it has one, else #rrggbb. */
    public static String color(Color c) {
        for (Map.Entry<String, Color> e : NAMED.entrySet()) {
            if (e.getValue().getRGB() == c.getRGB()) {
                return e.getKey();
            }
        }
        return String.format("#%06x", c.getRGB() & 0xFFFFFF);
    }
}
