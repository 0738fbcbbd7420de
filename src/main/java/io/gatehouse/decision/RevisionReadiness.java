package io.gatehouse.decision;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once a policy revision answers decisions. */
@Readiness
@ApplicationScoped
public class RevisionReadiness implements HealthCheck {

    private final RevisionHolder revisions;

    RevisionReadiness(RevisionHolder revisions) {
        this.revisions = revisions;
    }

    @Override
    public HealthCheckResponse call() {
        return revisions.current()
                .map(revision -> HealthCheckResponse.named("policy-revision").up()
                        .withData("revision", revision.id())
                        .withData("packages", revision.packages().size())
                        .build())
                .orElseGet(() -> HealthCheckResponse.named("policy-revision").down()
                        .withData("reason", "no policy revision is loaded")
                        .build());
    }
}
