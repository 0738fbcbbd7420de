package io.gatehouse.builtin;

/** A builtin refused its arguments; the message is lowercase and says what was given and what was expected. */
public final class BuiltinException extends Exception {

    public BuiltinException(String message) {
        super(message);
    }
}
