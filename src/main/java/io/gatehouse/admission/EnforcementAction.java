package io.gatehouse.admission;

import java.util.Locale;
import java.util.Optional;

/** What a constraint's violations do, as Gatekeeper's {@code spec.enforcementAction} says. */
public enum EnforcementAction {
    /** Violations deny the request; the default when the constraint states none. */
    DENY,
    /** Violations are returned as warnings; the request goes on. */
    WARN,
    /** Violations are only recorded in the audit log. */
    DRYRUN;

    /** The action named case-insensitively, or empty for an unknown name. */
    public static Optional<EnforcementAction> parse(String name) {
        for (EnforcementAction action : values()) {
            if (action.name().equals(name.toUpperCase(Locale.ROOT))) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
