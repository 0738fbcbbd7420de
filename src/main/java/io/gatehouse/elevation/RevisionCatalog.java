package io.gatehouse.elevation;

import io.gatehouse.decision.RevisionHolder;
import io.gatehouse.engine.PrivilegedOperation;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The catalog of the revision in force at the moment of the question; none loaded means nothing is listed. */
@Singleton
public class RevisionCatalog implements OperationCatalog {

    private final RevisionHolder revisions;

    public RevisionCatalog(RevisionHolder revisions) {
        this.revisions = revisions;
    }

    @Override
    public Optional<PrivilegedOperation> find(String operation) {
        return revisions.current().flatMap(revision -> revision.catalog().stream()
                .filter(entry -> entry.name().equals(operation)).findFirst());
    }
}
