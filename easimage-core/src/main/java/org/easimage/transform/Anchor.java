package org.easimage.transform;

/** Where a text box is placed in the frame; the offset of {@link Annotate} moves it inwards from there. */
public enum Anchor {
    TOP_LEFT, TOP, TOP_RIGHT, LEFT, CENTER, RIGHT, BOTTOM_LEFT, BOTTOM, BOTTOM_RIGHT;

    /** -1 (left), 0 (centre) or 1 (right). */
    int horizontal() {
        return switch (this) {
            case TOP_LEFT, LEFT, BOTTOM_LEFT -> -1;
            case TOP, CENTER, BOTTOM -> 0;
            default -> 1;
        };
    }

    /** -1 (top), 0 (middle) or 1 (bottom). */
    int vertical() {
        return switch (this) {
            case TOP_LEFT, TOP, TOP_RIGHT -> -1;
            case LEFT, CENTER, RIGHT -> 0;
            default -> 1;
        };
    }
}
