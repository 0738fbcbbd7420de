package io.gatehouse.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;

/** The audit log's Prometheus metrics; no label carries a request value. */
@ApplicationScoped
public class AuditMetrics implements AuditLogListener {

    private final MeterRegistry registry;
    private final Counter records;
    private final Counter writeFailures;
    private final Counter refused;
    private final Counter checkpoints;
    private final Timer fsync;
    private final DistributionSummary batchSize;

    @Inject
    public AuditMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.records = Counter.builder("gatehouse.audit.records")
                .description("audit records made durable").register(registry);
        this.writeFailures = Counter.builder("gatehouse.audit.write.failures")
                .description("failed attempts to write, fsync or rotate the audit log or store a checkpoint")
                .register(registry);
        this.refused = Counter.builder("gatehouse.audit.records.refused")
                .description("audit records refused or lost because the log could not be written")
                .register(registry);
        this.checkpoints = Counter.builder("gatehouse.audit.checkpoints")
                .description("checkpoints signed").register(registry);
        this.fsync = Timer.builder("gatehouse.audit.batch.write")
                .description("time to write and fsync one batch of audit records").register(registry);
        this.batchSize = DistributionSummary.builder("gatehouse.audit.batch.records")
                .description("audit records per fsync").register(registry);
    }

    void watch(AuditLog log) {
        Gauge.builder("gatehouse.audit.writable", log, l -> l.writable() ? 1 : 0)
                .description("1 when the audit log can be written, else 0").register(registry);
        Gauge.builder("gatehouse.audit.tree.size", log, AuditLog::treeSize)
                .description("durable audit records in the log").register(registry);
    }

    @Override
    public void appended(int count, long fsyncNanos) {
        records.increment(count);
        batchSize.record(count);
        fsync.record(fsyncNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void writeFailed(Exception cause) {
        writeFailures.increment();
    }

    @Override
    public void refused(int count) {
        refused.increment(count);
    }

    @Override
    public void checkpointed(Checkpoint checkpoint) {
        checkpoints.increment();
    }
}
