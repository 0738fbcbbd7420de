package io.gatehouse.admission;

import java.util.Optional;

/** The operations an API server sends to an admission webhook. */
public enum Operation {
    CREATE, UPDATE, DELETE, CONNECT;

    /** The operation named exactly as the API server spells it, or empty for anything else. */
    public static Optional<Operation> parse(String name) {
        for (Operation operation : values()) {
            if (operation.name().equals(name)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
