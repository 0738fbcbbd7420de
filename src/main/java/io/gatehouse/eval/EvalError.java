package io.gatehouse.eval;

import io.gatehouse.ast.Pos;

/**
 * A policy mistake met during evaluation. It unwinds the evaluation of the decision and becomes the decision's
 * error; it never leaves the engine. No stack trace: it is control flow for the evaluator, not a bug report.
 */
public final class EvalError extends RuntimeException {

    public static final String TYPE_ERROR = "eval_type_error";
    public static final String CONFLICT = "eval_conflict";
    public static final String LIMIT = "eval_limit";
    public static final String BUILTIN = "eval_builtin_error";

    private final String code;
    private final Pos pos;

    public EvalError(String code, Pos pos, String message) {
        super(message, null, false, false);
        this.code = code;
        this.pos = pos;
    }

    public String code() {
        return code;
    }

    /** Where in the policy it happened, or null. */
    public Pos pos() {
        return pos;
    }

    /** {@code message at file:line:column}. */
    public String describe() {
        return pos == null ? getMessage() : getMessage() + " at " + pos;
    }
}
