package io.gatehouse.elevation;

import io.gatehouse.state.StoreFullException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The single-node elevation store; a full store refuses new requests rather than dropping records. */
public final class InMemoryElevationStore implements ElevationStore {

    private final ConcurrentHashMap<String, Elevation> records = new ConcurrentHashMap<>();
    private final int capacity;
    private final Duration retention;
    private final Clock clock;

    public InMemoryElevationStore(int capacity, Duration retention, Clock clock) {
        this.capacity = capacity;
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void create(Elevation elevation) throws StoreFullException {
        if (records.size() >= capacity) {
            purge();
        }
        if (records.size() >= capacity) {
            throw new StoreFullException("elevation store is full (" + capacity + " records)", null);
        }
        if (records.putIfAbsent(elevation.id(), elevation) != null) {
            throw new IllegalStateException("elevation id collision");
        }
    }

    @Override
    public Optional<Elevation> find(String id) {
        return Optional.ofNullable(records.get(id)).filter(this::retained);
    }

    @Override
    public boolean replace(Elevation expected, Elevation updated) {
        return records.replace(expected.id(), expected, updated);
    }

    @Override
    public List<Elevation> forPrincipal(String principal) {
        return records.values().stream().filter(this::retained).filter(e -> e.principal().equals(principal)).toList();
    }

    @Override
    public List<Elevation> all() {
        purge();
        return List.copyOf(records.values());
    }

    private void purge() {
        records.values().removeIf(elevation -> !retained(elevation));
    }

    private boolean retained(Elevation elevation) {
        return clock.instant().isBefore(elevation.expiresAt().plus(retention));
    }
}
