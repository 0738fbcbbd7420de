package io.gatehouse.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness reports the audit sink down while the log cannot be written: privileged decisions are denied then. */
@Readiness
@ApplicationScoped
public class AuditReadinessCheck implements HealthCheck {

    @Inject
    AuditService audit;

    @Override
    public HealthCheckResponse call() {
        AuditLog log = audit.log();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("audit")
                .status(log.writable())
                .withData("records", log.treeSize());
        log.failure().ifPresent(cause -> response.withData("failure", String.valueOf(cause.getMessage())));
        return response.build();
    }
}
