package io.gatehouse.replay;

import io.gatehouse.state.NonceStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the replay guard from configuration; a bad setting fails startup with the property's name. */
@ApplicationScoped
public class ReplayProducer {

    @Produces
    @Singleton
    ProofVerifier proofVerifier(ReplayConfig config, Clock clock) {
        return new ProofVerifier(ProofRules.from(config), clock);
    }

    /** Builds the verifier at startup, so that a setting out of bounds stops the service before it serves. */
    void validateAtStartup(@Observes StartupEvent started, ProofVerifier verifier) {
        verifier.rules();
    }

    @Produces
    @Singleton
    ReplayGuard replayGuard(ProofVerifier verifier, NonceStore nonces, MeterRegistry registry) {
        return new ReplayGuard(verifier, nonces, registry);
    }
}
