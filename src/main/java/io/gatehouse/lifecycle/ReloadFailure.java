package io.gatehouse.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A reload that was refused: the policies did not compile (or could not be read), so the last good revision kept
 * serving.
 *
 * @param time when the reload was tried
 * @param trigger what asked for it: {@code watch}, {@code hash-check}, {@code admin} or {@code bundle}
 * @param fingerprint content hash of the refused directory or bundle, so the same content is not retried in a loop
 * @param errors every error, formatted {@code file:line:column: code: message}
 */
public record ReloadFailure(Instant time, String trigger, String fingerprint, List<String> errors) {

    public ReloadFailure {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(trigger, "trigger");
        errors = List.copyOf(errors);
    }
}
