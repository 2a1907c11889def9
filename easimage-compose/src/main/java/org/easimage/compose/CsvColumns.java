package org.easimage.compose;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.easimage.io.CorruptInputException;

/**
 * Columns of a CSV file of signals: a time column (seconds, or ISO-8601 instants) and value columns, read whole
 * into arrays. See {@link Trace#csv} for the rules.
 */
record CsvColumns(Path file, String timeColumn, Instant start, double[] times, List<String> names,
        List<double[]> values) {

    private static final List<String> TIME_NAMES = List.of("time", "t", "seconds", "timestamp");

    /** Reads {@code columns} against the time column {@code timeColumn} (null: found by name, else the first). */
    static CsvColumns read(Path file, String timeColumn, List<String> columns) throws IOException {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(file + ": name at least one column to plot");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = null;
            int lineNo = 0;
            for (String line; (line = in.readLine()) != null;) {
                lineNo++;
                if (!line.isBlank() && !line.startsWith("#")) {
                    header = line;
                    break;
                }
            }
            if (header == null) {
                throw new CorruptInputException(file, "the CSV file has no header line");
            }
            char sep = separator(header);
            List<String> head = split(header, sep);
            int timeAt = timeColumn != null ? head.indexOf(timeColumn) : -1;
            if (timeColumn != null && timeAt < 0) {
                throw new IllegalArgumentException(file + " has no column '" + timeColumn + "' (columns: "
                        + String.join(", ", head) + ")");
            }
            for (int i = 0; i < head.size() && timeAt < 0; i++) {
                if (TIME_NAMES.contains(head.get(i).toLowerCase(Locale.ROOT))) {
                    timeAt = i;
                }
            }
            timeAt = Math.max(timeAt, 0);
            int[] at = new int[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                at[c] = head.indexOf(columns.get(c));
                if (at[c] < 0) {
                    throw new IllegalArgumentException(file + " has no column '" + columns.get(c) + "' (columns: "
                            + String.join(", ", head) + ")");
                }
            }
            double[] times = new double[1024];
            double[][] vals = new double[columns.size()][1024];
            int n = 0;
            Instant start = null;
            Boolean iso = null;
            for (String line; (line = in.readLine()) != null;) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> f = split(line, sep);
                if (f.size() <= timeAt) {
                    throw new CorruptInputException(file, "line " + lineNo + " has no time field");
                }
                String tf = f.get(timeAt);
                if (iso == null) {
                    iso = !looksNumeric(tf);
                }
                double t;
                if (iso) {
                    Instant i = instant(file, lineNo, tf);
                    if (start == null) {
                        start = i;
                    }
                    Duration d = Duration.between(start, i);
                    t = d.getSeconds() + d.getNano() / 1e9;
                } else {
                    t = number(file, lineNo, head.get(timeAt), tf);
                    if (Double.isNaN(t)) {
                        throw new CorruptInputException(file, "line " + lineNo + ": the time is empty");
                    }
                }
                if (n > 0 && t < times[n - 1]) {
                    throw new CorruptInputException(file, "line " + lineNo + ": time " + tf + " goes back (times must "
                            + "not decrease)");
                }
                if (n == times.length) {
                    times = Arrays.copyOf(times, n * 2);
                    for (int c = 0; c < vals.length; c++) {
                        vals[c] = Arrays.copyOf(vals[c], n * 2);
                    }
                }
                times[n] = t;
                for (int c = 0; c < at.length; c++) {
                    vals[c][n] = at[c] < f.size() ? number(file, lineNo, columns.get(c), f.get(at[c])) : Double.NaN;
                }
                n++;
            }
            if (n == 0) {
                throw new CorruptInputException(file, "the CSV file has a header but no rows");
            }
            List<double[]> values = new ArrayList<>();
            for (double[] v : vals) {
                values.add(Arrays.copyOf(v, n));
            }
            return new CsvColumns(file, head.get(timeAt), start, Arrays.copyOf(times, n), List.copyOf(columns),
                    values);
        }
    }

    /** The columns as series of a trace builder (and its absolute start, for ISO times). */
    Trace.Builder into(Trace.Builder b) {
        for (int c = 0; c < names.size(); c++) {
            b.series(names.get(c), times, values.get(c));
        }
        return start != null ? b.start(start) : b;
    }

    private static char separator(String header) {
        char best = ',';
        long most = header.chars().filter(ch -> ch == ',').count();
        for (char c : new char[] {';', '\t'}) {
            long k = header.chars().filter(ch -> ch == c).count();
            if (k > most) {
                most = k;
                best = c;
            }
        }
        return best;
    }

    /** Fields of a line, trimmed, with surrounding double quotes removed (no quoted separators). */
    private static List<String> split(String line, char sep) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int i = line.indexOf(sep, from);
            String f = (i < 0 ? line.substring(from) : line.substring(from, i)).strip();
            if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
                f = f.substring(1, f.length() - 1);
            }
            out.add(f);
            if (i < 0) {
                return out;
            }
            from = i + 1;
        }
    }

    private static boolean looksNumeric(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(Path file, int line, String column, String s) throws CorruptInputException {
        if (s.isEmpty() || s.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new CorruptInputException(file, "line " + line + ": column '" + column + "' is not a number: '"
                    + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'");
        }
    }

    private static Instant instant(Path file, int line, String s) throws CorruptInputException {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new CorruptInputException(file, "line " + line + ": the time '"
                    + (s.length() > 40 ? s.substring(0, 40) + "..." : s)
                    + "' is neither seconds nor an ISO-8601 instant with an offset (2024-05-01T10:00:00.125Z)");
        }
    }
}
