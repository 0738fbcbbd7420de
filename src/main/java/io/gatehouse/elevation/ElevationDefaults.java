package io.gatehouse.elevation;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditSink;
import io.gatehouse.state.RevocationStore;
import io.gatehouse.state.StateStores;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The elevation store for the configured backend, and fallbacks for the ports other layers provide: each yields to
 * a bean the integrator declares.
 */
@ApplicationScoped
public class ElevationDefaults {

    private static final Logger LOG = Logger.getLogger(ElevationDefaults.class);

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
            OperationCatalog catalog, AuditSink audit, ElevationConfig config, Clock clock, MeterRegistry registry) {
        return new ElevationService(store, revocations, policy, catalog, audit, ElevationLimits.from(config), clock,
                registry);
    }

    /**
     * Stands in for the audit log until the audit layer provides its sink: events go to the application log only,
     * which is neither durable nor tamper-evident.
     */
    @Produces
    @DefaultBean
    @Singleton
    AuditSink logOnlyAuditSink() {
        LOG.warn("no audit sink wired: elevation audit events go to the application log only");
        return new AuditSink() {
            @Override
            public void record(AuditEvent event) {
                LOG.infof("audit %s %s principal=%s operation=%s outcome=%s", event.type(), event.id(),
                        event.principal(), event.operation(), event.outcome());
            }

            @Override
            public boolean writable() {
                return true;
            }
        };
    }

    @Produces
    @DefaultBean
    @Singleton
    ElevationPolicy builtinPolicy() {
        LOG.info("elevation policy: built-in rules (no decision-path policy wired)");
        return new BuiltinElevationPolicy();
    }

    @Produces
    @DefaultBean
    @Singleton
    OperationCatalog emptyCatalog() {
        return operation -> Optional.empty();
    }

    @Produces
    @DefaultBean
    @Singleton
    ElevationPrincipalResolver staticPrincipals(ElevationConfig config) {
        StaticTokenPrincipalResolver resolver = new StaticTokenPrincipalResolver(config.staticPrincipals());
        if (!resolver.isEmpty()) {
            LOG.warn("elevation endpoints accept static development principals from gatehouse.elevation."
                    + "static-principals; remove them outside development");
        }
        return resolver;
    }
}
