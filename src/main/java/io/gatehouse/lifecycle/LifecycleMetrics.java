package io.gatehouse.lifecycle;

import io.gatehouse.decision.RevisionHolder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reload and bundle metrics. The active revision is an info metric: {@code gatehouse_policy_revision_info} with the
 * revision id as its one label and the value 1. The id is chosen by the server, not by a request, and the gauge of
 * the replaced revision is removed on every activation, so there is one series at a time.
 */
@Startup
@ApplicationScoped
public class LifecycleMetrics {

    private final MeterRegistry registry;
    private final Counter reloadFailures;
    private final Counter activations;
    private final Map<String, Counter> bundleRefusals = new ConcurrentHashMap<>();
    private Gauge revisionInfo;

    LifecycleMetrics(MeterRegistry registry, RevisionHolder revisions) {
        this.registry = registry;
        this.reloadFailures = Counter.builder("gatehouse.policy.reload.failures")
                .description("Policy reloads refused because the new policies did not compile or could not be read")
                .register(registry);
        this.activations = Counter.builder("gatehouse.policy.activations")
                .description("Policy revisions activated: loads, reloads, rollbacks and bundles")
                .register(registry);
        // created at startup, so the gauge exists before the first scrape whether or not anything else asks for it
        revisions.onActivation(activation -> revisionActivated(activation.revision().id()));
        revisions.currentActivation().ifPresent(activation -> revisionActivated(activation.revision().id()));
    }

    void reloadFailed() {
        reloadFailures.increment();
    }

    /**
     * Counts a bundle a sidecar refused or could not fetch; {@code reason} is one of a fixed set
     * ({@code unreachable}, {@code bad_status}, {@code bad_signature}, {@code malformed}, {@code older},
     * {@code compile}).
     */
    void bundleRefused(String reason) {
        bundleRefusals.computeIfAbsent(reason, key -> Counter.builder("gatehouse.bundle.refusals")
                        .description("Bundles a sidecar could not fetch or refused to activate")
                        .tag("reason", key)
                        .register(registry))
                .increment();
    }

    private synchronized void revisionActivated(String revisionId) {
        activations.increment();
        if (revisionInfo != null) {
            registry.remove(revisionInfo);
        }
        revisionInfo = Gauge.builder("gatehouse.policy.revision.info", () -> 1)
                .description("The policy revision answering decisions, as its label; always 1")
                .tag("revision", revisionId)
                .strongReference(true)
                .register(registry);
    }
}
