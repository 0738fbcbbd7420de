package io.gatehouse.audit;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * The {@link AuditSink} of the service: the {@link AuditLog} in the configured directory, opened at startup so that
 * a damaged log or an unusable directory stops the service instead of surfacing at the first decision.
 */
@Startup
@ApplicationScoped
public class AuditService implements AuditSink {

    private static final Logger LOG = Logger.getLogger(AuditService.class);

    @Inject
    AuditConfig config;

    @Inject
    AuditMetrics metrics;

    private AuditLog log;

    @PostConstruct
    void open() {
        AuditLogOptions options = AuditLogOptions.defaults(config.dir())
                .withNode(config.node().orElseGet(AuditService::hostName))
                .withSegmentMaxBytes(config.segmentSize().asLongValue())
                .withCheckpoints(config.checkpointInterval(), config.checkpointEvery())
                .withDurability(config.durability())
                .withRetryInterval(config.retryInterval())
                .withMaskedPaths(config.maskedPaths().orElse(List.of()))
                .withListener(metrics);
        options = new AuditLogOptions(options.dir(), config.keyFile().orElse(options.keyFile()), options.node(),
                options.segmentMaxBytes(), options.checkpointInterval(), options.checkpointEvery(),
                options.durability(), config.batchMax(), config.queueCapacity(), config.writeTimeout(),
                options.retryInterval(), options.maskedPaths(), Clock.systemUTC(), options.channels(),
                options.listener());
        try {
            log = AuditLog.open(options);
        } catch (IOException unusable) {
            throw new UncheckedIOException("cannot open the audit log in " + config.dir().toAbsolutePath(), unusable);
        }
        metrics.watch(log);
        LOG.infof("audit log open in %s: %d records, node %s, key %s, durability %s",
                config.dir().toAbsolutePath(), log.treeSize(), options.node(), log.keyId(), options.durability());
    }

    @PreDestroy
    void close() {
        log.close();
    }

    @Override
    public void record(AuditEvent event) throws AuditUnavailableException {
        log.record(event);
    }

    @Override
    public CompletionStage<Void> recordAsync(AuditEvent event) {
        return log.recordAsync(event);
    }

    @Override
    public boolean writable() {
        return log.writable();
    }

    /** The log itself, for the checkpoint and proof endpoints. */
    public AuditLog log() {
        return log;
    }

    private static String hostName() {
        return Optional.ofNullable(System.getenv("HOSTNAME")).filter(name -> !name.isBlank()).orElse("gatehouse");
    }
}
