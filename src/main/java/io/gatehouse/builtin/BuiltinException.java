package io.gatehouse.builtin;

/**
 * A builtin refused its arguments. The message is lowercase, starts with the builtin's name and says what was given
 * and what was expected, e.g. {@code lower: argument 1 must be a string, given number 5}; callers show it as it is.
 */
public final class BuiltinException extends Exception {

    public BuiltinException(String message) {
        super(message);
    }
}
