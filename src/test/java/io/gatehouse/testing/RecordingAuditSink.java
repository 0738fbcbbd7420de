package io.gatehouse.testing;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditSink;
import io.gatehouse.audit.AuditUnavailableException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event in memory; can be switched to fail like a full disk. */
public final class RecordingAuditSink implements AuditSink {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public void record(AuditEvent event) throws AuditUnavailableException {
        if (failing) {
            throw new AuditUnavailableException("disk full", null);
        }
        events.add(event);
    }

    @Override
    public boolean writable() {
        return !failing;
    }

    public void failing(boolean value) {
        this.failing = value;
    }

    public List<String> types() {
        return events.stream().map(AuditEvent::type).toList();
    }

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }
}
