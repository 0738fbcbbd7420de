package io.gatehouse.elevation;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditSink;
import io.gatehouse.audit.AuditUnavailableException;
import io.gatehouse.state.RevocationStore;
import io.gatehouse.state.StateStores;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The elevation store for the configured backend, and the service over it. */
@ApplicationScoped
public class ElevationBeans {

    @Produces
    @Singleton
    ElevationStore elevationStore(StateStores state, ElevationConfig config) {
        return state.redis().<ElevationStore>map(
                        redis -> new RedisElevationStore(redis, config.retention(), state.clock()))
                .orElseGet(() -> new InMemoryElevationStore(config.maxRecords(), config.retention(), state.clock()));
    }

    @Produces
    @Singleton
    ElevationService elevationService(ElevationStore store, RevocationStore revocations, ElevationPolicy policy,
            OperationCatalog catalog, Instance<AuditSink> audit, ElevationConfig config, Clock clock,
            MeterRegistry registry) {
        return new ElevationService(store, revocations, policy, catalog,
                audit.isResolvable() ? audit.get() : NO_AUDIT_SINK, ElevationLimits.from(config), clock, registry);
    }

    /** Without an audit log nothing is granted: every grant's record fails, so the grant is undone and refused. */
    static final AuditSink NO_AUDIT_SINK = new AuditSink() {
        @Override
        public void record(AuditEvent event) throws AuditUnavailableException {
            throw new AuditUnavailableException("no audit sink is configured", null);
        }

        @Override
        public boolean writable() {
            return false;
        }
    };
}
