package io.gatehouse.state;

/**
 * The shared state store could not answer (Redis down, timed out or refusing writes). Callers fail closed: a
 * privileged request that needed the store is refused.
 */
public class StateUnavailableException extends Exception {

    public StateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
