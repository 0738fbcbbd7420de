package io.gatehouse.state;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Readiness follows the state backend: when Redis cannot answer, privileged requests are refused, so the replica
 * reports itself not ready and the load balancer sends traffic elsewhere.
 */
@Readiness
@ApplicationScoped
public class StateHealthCheck implements HealthCheck {

    private final NonceStore nonces;
    private final StateConfig config;

    public StateHealthCheck(NonceStore nonces, StateConfig config) {
        this.nonces = nonces;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("gatehouse-state")
                .withData("backend", config.backend().name().toLowerCase(java.util.Locale.ROOT));
        try {
            nonces.ping();
            return response.up().build();
        } catch (StateUnavailableException unavailable) {
            return response.down().withData("error", unavailable.getMessage()).build();
        }
    }
}
