package io.gatehouse.engine;

/** A policy evaluation failed: a type error, a conflict, a limit hit. Never escapes a decision. */
public final class EvaluationException extends Exception {

    private final String code;
    private final String location;

    public EvaluationException(String code, String location, String message) {
        super(message);
        this.code = code;
        this.location = location;
    }

    /** Stable error code, e.g. {@code eval_type_error}. */
    public String code() {
        return code;
    }

    /** {@code file:line:column} where it happened, or null. */
    public String location() {
        return location;
    }
}
