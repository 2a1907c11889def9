package org.easimage.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the cells of a {@link Mosaic} go, on a grid of equal unit cells: a grid whose columns are chosen for a
 * target aspect ratio ({@link #grid()}, {@link #grid(double)}), a grid of given rows and columns, a row, a
 * column, or explicit {@link Place}s (a cell may span several units, e.g. a main camera over 2x2 units beside
 * two small ones).
 */
public sealed interface Layout {

    /** A cell's position on the unit grid: top-left unit (column, row) and how many units it spans. */
    record Place(int column, int row, int columns, int rows) {
        public Place {
            if (column < 0 || row < 0 || columns < 1 || rows < 1) {
                throw new IllegalArgumentException("a place needs column, row >= 0 and a span of at least 1x1, got "
                        + this);
            }
        }

        /** A place of one unit. */
        public static Place at(int column, int row) {
            return new Place(column, row, 1, 1);
        }
    }

    /**
     * The places of {@code cells} cells whose unit aspect ratio (outer width / height, title band and border
     * included) is {@code unitAspect}, in reading order.
     *
     * @throws IllegalArgumentException when the layout cannot hold that many cells
     */
    List<Place> places(int cells, double unitAspect);

    /** A grid whose columns make the whole mosaic closest to 16:9. */
    static Layout grid() {
        return new Auto(16.0 / 9);
    }

    /** A grid whose columns make the whole mosaic closest to {@code aspect} (width / height). */
    static Layout grid(double aspect) {
        return new Auto(aspect);
    }

    /**
     * A grid of {@code rows x columns}; either may be 0 to derive it from the other and the number of cells.
     *
     * @throws IllegalArgumentException when both are 0 or negative
     */
    static Layout grid(int rows, int columns) {
        return new Grid(rows, columns);
    }

    /** All cells side by side. */
    static Layout row() {
        return new Grid(1, 0);
    }

    /** All cells one above the other. */
    static Layout column() {
        return new Grid(0, 1);
    }

    /** The cells at the places given, in order (there must be at least as many places as cells). */
    static Layout places(List<Place> places) {
        return new Explicit(List.copyOf(places));
    }

    /** Columns chosen for a target aspect ratio of the whole mosaic. */
    record Auto(double aspect) implements Layout {
        public Auto {
            if (!(aspect > 0) || Double.isInfinite(aspect)) {
                throw new IllegalArgumentException("a target aspect ratio must be positive, got " + aspect);
            }
        }

        @Override
        public List<Place> places(int cells, double unitAspect) {
            int best = 1;
            double bestScore = Double.MAX_VALUE;
            for (int cols = 1; cols <= cells; cols++) {
                int rows = (cells + cols - 1) / cols;
                // padding is small next to the cells: compare the aspects of the blocks of cells
                double score = Math.abs(Math.log(cols * unitAspect / rows / aspect));
                if (score < bestScore - 1e-9) {
                    bestScore = score;
                    best = cols;
                }
            }
            return new Grid(0, best).places(cells, unitAspect);
        }
    }

    /** A grid of rows x columns, one of them possibly derived (0). */
    record Grid(int rows, int columns) implements Layout {
        public Grid {
            if (rows < 0 || columns < 0 || (rows == 0 && columns == 0)) {
                throw new IllegalArgumentException("a grid needs rows or columns >= 1 (the other may be 0 to derive "
                        + "it), got " + rows + " rows x " + columns + " columns");
            }
        }

        @Override
        public List<Place> places(int cells, double unitAspect) {
            int c = columns;
            int r = rows;
            if (c == 0) {
                c = (cells + r - 1) / r;
            } else if (r == 0) {
                r = (cells + c - 1) / c;
            }
            if ((long) r * c < cells) {
                throw new IllegalArgumentException("a grid of " + r + " rows x " + c + " columns has " + (r * c)
                        + " cells, fewer than the " + cells + " sources");
            }
            List<Place> out = new ArrayList<>(cells);
            for (int i = 0; i < cells; i++) {
                out.add(Place.at(i % c, i / c));
            }
            return out;
        }
    }

    /** Places given one by one. */
    record Explicit(List<Place> list) implements Layout {
        @Override
        public List<Place> places(int cells, double unitAspect) {
            if (list.size() < cells) {
                throw new IllegalArgumentException(list.size() + " places given for " + cells + " cells");
            }
            return list.subList(0, cells);
        }
    }
}
