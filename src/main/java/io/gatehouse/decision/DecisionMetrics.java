package io.gatehouse.decision;

import io.gatehouse.engine.Decision;
import io.gatehouse.engine.Revision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Decision metrics. Labels carry only the package (when the revision knows it, else {@code unknown}) and the
 * outcome, never request values, so a caller cannot blow up the series count.
 */
@ApplicationScoped
public class DecisionMetrics {

    static final String UNKNOWN_PACKAGE = "unknown";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> failClosed = new ConcurrentHashMap<>();

    DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(Revision revision, String policy, Decision decision, long nanos) {
        String packageTag = revision != null && revision.packages().contains(policy) ? policy : UNKNOWN_PACKAGE;
        String outcome = decision.error() != null ? "error" : decision.allowed() ? "allow" : "deny";
        timers.computeIfAbsent(packageTag + '\u0000' + outcome, key -> Timer.builder("gatehouse.decisions")
                        .description("Decisions answered, by entrypoint package and outcome")
                        .tag("package", packageTag)
                        .tag("outcome", outcome)
                        .publishPercentileHistogram()
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts a decision the service denied on its own account: no revision, engine fault, audit down. */
    public void failClosed(String reason) {
        failClosed.computeIfAbsent(reason, key -> Counter.builder("gatehouse.decisions.failed.closed")
                        .description("Decisions denied because the decision path could not be trusted")
                        .tag("reason", reason)
                        .register(registry))
                .increment();
    }
}
