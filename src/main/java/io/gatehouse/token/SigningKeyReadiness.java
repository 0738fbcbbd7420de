package io.gatehouse.token;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready when no key may sign; ready with a warning when signing ends within
 * {@code gatehouse.token.keys.expiry-warning} and no successor is published (mounted keys need an operator).
 */
@Readiness
@ApplicationScoped
public class SigningKeyReadiness implements HealthCheck {

    private final TokenKeys keys;
    private final TokenConfig config;
    private final Clock clock;

    SigningKeyReadiness(TokenKeys keys, TokenConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        Instant now = clock.instant();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("signing-keys");
        try {
            SigningKey signing = keys.ring().signing(now);
            long remaining = (long) keys.secondsUntilSigningEnds();
            response.up().withData("kid", signing.kid()).withData("signing_ends_in_seconds", remaining);
            if (Duration.ofSeconds(remaining).compareTo(config.keys().expiryWarning()) < 0) {
                response.withData("warning", "signing ends soon and no successor key is published");
            }
            return response.build();
        } catch (KeyUnavailableException e) {
            return response.down().withData("reason", "no key may sign now").build();
        }
    }
}
