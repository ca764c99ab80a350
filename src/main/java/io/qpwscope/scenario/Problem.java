package io.qpwscope.scenario;

/**
 * One thing wrong with a scenario file, placed like a compiler error.
 *
 * @param file    the file name as the user gave it (or the source name passed to the loader)
 * @param line    1-based line
 * @param column  1-based column (characters)
 * @param path    field path such as {@code workloads[1].cpus}, or {@link #ROOT} for the whole document
 * @param message what is wrong and what would be right
 */
public record Problem(String file, int line, int column, String path, String message) {
    /** Path of the document itself. */
    public static final String ROOT = "(root)";

    /** @return {@code file:line:column: path: message} */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + path + ": " + message;
    }
}
