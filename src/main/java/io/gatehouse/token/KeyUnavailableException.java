package io.gatehouse.token;

/** No key may sign now: none is configured, or every key is past its validity. Tokens are refused. */
public final class KeyUnavailableException extends Exception {

    public KeyUnavailableException(String message) {
        super(message);
    }
}
