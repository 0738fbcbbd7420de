package io.gatehouse.decision;

import io.gatehouse.engine.Revision;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the revision that answers decisions. A decision reads the reference once and is made wholly by that
 * revision; a reload swaps the reference atomically, so no decision ever mixes two revisions.
 */
@ApplicationScoped
public class RevisionHolder {

    private final AtomicReference<Revision> current = new AtomicReference<>();

    public Optional<Revision> current() {
        return Optional.ofNullable(current.get());
    }

    /** Makes {@code revision} the one that answers from now on and returns the one it replaced, if any. */
    public Optional<Revision> swap(Revision revision) {
        return Optional.ofNullable(current.getAndSet(revision));
    }
}
