package io.gatehouse.engine;

/**
 * One compiler finding, in the one error shape: a stable code, a position, a lowercase message, an optional hint.
 *
 * @param code stable identifier, e.g. {@code E101}
 * @param severity error or warning
 * @param file path relative to the policy directory
 * @param line 1-based line
 * @param column 1-based column
 * @param message lowercase, no trailing period, user input quoted
 * @param hint how to fix it, or null
 */
public record Diagnostic(String code, Severity severity, String file, int line, int column, String message, String hint) {

    public enum Severity { ERROR, WARNING }

    /** {@code file:line:column: code: message}, then the hint on its own line when there is one. */
    public String format() {
        String head = file + ":" + line + ":" + column + ": " + code + ": " + message;
        return hint == null ? head : head + "\n  hint: " + hint;
    }
}
