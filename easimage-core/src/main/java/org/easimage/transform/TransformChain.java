package org.easimage.transform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.easimage.frame.FrameTransform;

/**
 * A text form for chains of transforms, shared by the converter, the command line and saved chain files:
 * transforms separated by {@code |} or new lines, each {@code name(arg, key=value, ...)} (parentheses optional
 * when there are no arguments), strings in double quotes with backslash escapes, {@code #} starting a comment
 * line. Example: {@code clahe(2.0, 8x8) | crop(10,10,10,10) | annotate("{time}", size=18, anchor=top_left)}.
 * {@link #format} writes each transform's {@code describe()}, which parses back to an equal transform.
 *
 * <p>The names and their arguments are those of the {@link TransformCatalog}: each
 * {@link TransformDefinition#syntax()} gives a transform's arguments with their defaults in brackets.
 */
public final class TransformChain {

    private TransformChain() {
    }

    /** The transform names this parser knows: those of the catalogue. */
    public static List<String> names() {
        return TransformCatalog.getDefault().names();
    }

    /** Parses a chain into its transforms, in order (empty for a blank text). */
    public static List<FrameTransform> parseList(String text) {
        List<FrameTransform> out = new ArrayList<>();
        for (Item item : split(text)) {
            out.add(parseOne(item.text()));
        }
        return out;
    }

    /** Parses a chain into one transform (the identity for a blank text). */
    public static FrameTransform parse(String text) {
        return compose(parseList(text));
    }

    /** One transform applying {@code transforms} in order (the identity for none). */
    private static FrameTransform compose(List<FrameTransform> transforms) {
        FrameTransform t = null;
        for (FrameTransform f : transforms) {
            t = t == null ? f : t.andThen(f);
        }
        return t == null ? FrameTransform.identity() : t;
    }

    /** Parses one transform, {@code name(args)}. */
    public static FrameTransform parseOne(String item) {
        String s = item.strip();
        int open = s.indexOf('(');
        String name = (open < 0 ? s : s.substring(0, open)).strip().toLowerCase(Locale.ROOT).replace('-', '_');
        String inner = "";
        if (open >= 0) {
            if (!s.endsWith(")")) {
                throw new IllegalArgumentException(name + ": missing ')' in '" + s + "'");
            }
            inner = s.substring(open + 1, s.length() - 1);
        }
        return TransformCatalog.getDefault().get(name).create(inner);
    }

    /** Chain files are a few lines of text; a larger file is not one, and is not read into memory. */
    public static final long MAX_FILE_BYTES = 1 << 20;

    /**
     * Reads a chain file: the text form, one transform per line or joined with |, # comment lines allowed. Its
     * errors name the file, the line and what is wrong, never the file's content: a path given by mistake (a
     * password or key file) must not end up on a terminal or in a log.
     */
    public static List<FrameTransform> load(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file + " is " + size + " bytes, too large for a chain file (at most "
                    + MAX_FILE_BYTES + ")");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + " is not a UTF-8 text file", e);
        }
        List<Item> items;
        try {
            items = split(text);
        } catch (UnterminatedQuote e) {
            throw new IllegalArgumentException("chain file " + file + ", line " + lineOf(text, e.offset)
                    + ": unterminated quoted string");
        }
        List<FrameTransform> out = new ArrayList<>();
        for (Item item : items) {
            try {
                out.add(parseOne(item.text()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("chain file " + file + ", line " + lineOf(text, item.start())
                        + ": " + problemWithoutContent(item.text()));
            }
        }
        return out;
    }

    /** What is wrong with an item that does not parse, in words that quote nothing from it but known names. */
    private static String problemWithoutContent(String item) {
        String s = item.strip();
        int open = s.indexOf('(');
        String name = (open < 0 ? s : s.substring(0, open)).strip().toLowerCase(Locale.ROOT).replace('-', '_');
        if (TransformCatalog.getDefault().find(name).isEmpty()) {
            return "not a transform (known: " + String.join(", ", names()) + ")";
        }
        if (open >= 0 && !s.endsWith(")")) {
            return name + ": missing ')'";
        }
        return "invalid arguments for " + name + " (give the line to --transforms \"...\" to see why)";
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Saves transforms one per line in the text form, which {@link #load} reads back to equal transforms. */
    public static void save(Path file, List<? extends FrameTransform> transforms) throws IOException {
        Files.writeString(file, transforms.stream().map(FrameTransform::describe)
                .collect(Collectors.joining("\n", "# easimage transform chain\n", "\n")));
    }

    /** A chain given as text, or as the path of a chain file (a value without parentheses naming a file). */
    public static FrameTransform parseOrLoad(String textOrFile) {
        if (textOrFile.indexOf('(') < 0) {
            try {
                Path p = Path.of(textOrFile.strip());
                if (Files.isRegularFile(p)) {
                    return compose(load(p));
                }
            } catch (InvalidPathException e) {
                // not a path: parse it as text below
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read chain file " + textOrFile + ": " + e.getMessage(), e);
            }
        }
        return parse(textOrFile);
    }

    /** The text form of these transforms, joined with " | ". */
    public static String format(List<? extends FrameTransform> transforms) {
        return transforms.stream().map(FrameTransform::describe).collect(Collectors.joining(" | "));
    }

    /** One transform's text in a chain, and where it starts. */
    record Item(String text, int start) {
    }

    /** A quoted string runs to the end of the chain; {@code offset} is where it opens. */
    private static final class UnterminatedQuote extends IllegalArgumentException {
        final int offset;

        UnterminatedQuote(int offset) {
            super("unterminated quoted string in the transform chain (from character " + (offset + 1) + ")");
            this.offset = offset;
        }
    }

    /** Splits on | and new lines outside quotes and parentheses; drops blank items and # comment lines. */
    static List<Item> split(String text) {
        List<Item> items = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int start = 0;
        int quoteAt = -1;
        boolean quoted = false;
        int depth = 0;
        boolean comment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (comment) {
                if (c == '\n') {
                    comment = false;
                    start = i + 1;
                }
                continue;
            }
            if (quoted && c == '\\' && i + 1 < text.length()) {
                cur.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
                quoteAt = i;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == '#' && cur.toString().isBlank()) {
                comment = true;
                continue;
            }
            if (!quoted && depth == 0 && (c == '|' || c == '\n')) {
                items.add(new Item(cur.toString(), start));
                cur.setLength(0);
                start = i + 1;
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new UnterminatedQuote(quoteAt);
        }
        items.add(new Item(cur.toString(), start));
        items.removeIf(item -> item.text().isBlank());
        return items;
    }
}
