package io.gatehouse.token;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code gatehouse_tokens_issued_total} and {@code gatehouse_tokens_refused_total{reason}}. The reason label comes
 * from a fixed set (refusal reasons and credential rejection codes), never from request values.
 */
@ApplicationScoped
public class TokenMetrics {

    private final MeterRegistry registry;
    private final Counter issued;
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();

    TokenMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.issued = Counter.builder("gatehouse.tokens.issued").description("tokens issued by exchange")
                .register(registry);
    }

    public void issued() {
        issued.increment();
    }

    public void refused(String reason) {
        refused.computeIfAbsent(reason, label -> Counter.builder("gatehouse.tokens.refused")
                .description("token exchanges refused, by reason").tag("reason", label).register(registry))
                .increment();
    }
}
