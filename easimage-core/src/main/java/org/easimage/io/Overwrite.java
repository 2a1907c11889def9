package org.easimage.io;

/** What a writer does when its destination exists. */
public enum Overwrite {
    /** Fail with {@link OutputExistsException} before any work. */
    NEVER,
    /** Replace the destination atomically once the new output is complete; it stays intact if the job fails. */
    REPLACE
}
