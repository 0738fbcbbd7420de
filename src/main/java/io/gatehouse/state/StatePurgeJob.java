package io.gatehouse.state;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Purges expired entries from the in-memory stores; Redis expires its keys itself. */
@ApplicationScoped
public class StatePurgeJob {

    private final NonceStore nonces;
    private final RevocationStore revocations;

    public StatePurgeJob(NonceStore nonces, RevocationStore revocations) {
        this.nonces = nonces;
        this.revocations = revocations;
    }

    @Scheduled(every = "${gatehouse.state.memory.purge-interval:30s}", delayed = "30s")
    void purge() {
        if (nonces instanceof InMemoryNonceStore memory) {
            memory.purgeExpired();
        }
        if (revocations instanceof InMemoryRevocationStore memory) {
            memory.purgeExpired();
        }
    }
}
