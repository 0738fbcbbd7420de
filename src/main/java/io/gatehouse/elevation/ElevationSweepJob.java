package io.gatehouse.elevation;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Marks lapsed elevations expired. Expiry itself never waits for it: an elevation past its hard expiry is inactive
 * whatever its record says; the sweep only records and audits the end and revokes the tokens issued under it.
 */
@ApplicationScoped
public class ElevationSweepJob {

    private final ElevationService elevations;

    public ElevationSweepJob(ElevationService elevations) {
        this.elevations = elevations;
    }

    @Scheduled(every = "${gatehouse.elevation.sweep-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        elevations.sweep();
    }
}
