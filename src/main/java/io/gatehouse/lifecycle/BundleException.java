package io.gatehouse.lifecycle;

/** A bundle was refused: malformed, unsigned, signed by another key, or inconsistent with its manifest. */
public final class BundleException extends Exception {

    public BundleException(String message) {
        super(message);
    }
}
