package io.gatehouse.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.state.NonceStore.PutResult;
import io.gatehouse.testing.FakeClock;
import io.gatehouse.testing.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryNonceStoreTest {

    final FakeClock clock = FakeClock.at("2026-03-01T12:00:00Z");
    final Instant inOneMinute = clock.instant().plusSeconds(60);

    @Test
    void whenNonceIsNewThenAcceptedAndWhenSeenAgainThenReplayed() {
        InMemoryNonceStore store = new InMemoryNonceStore(10, clock);

        assertThat(store.putIfAbsent("n-1", inOneMinute)).isEqualTo(PutResult.ACCEPTED);
        assertThat(store.putIfAbsent("n-1", inOneMinute)).isEqualTo(PutResult.REPLAYED);
    }

    @Test
    void whenNonceIsAtItsExpiryInstantThenItIsStillRemembered() {
        InMemoryNonceStore store = new InMemoryNonceStore(10, clock);
        store.putIfAbsent("n-1", inOneMinute);

        clock.set(inOneMinute);

        assertThat(store.putIfAbsent("n-1", inOneMinute.plusSeconds(60))).isEqualTo(PutResult.REPLAYED);
    }

    @Test
    void whenStoreIsFullOfLiveNoncesThenNewOnesAreRefusedAndOldOnesStillReplay() {
        InMemoryNonceStore store = new InMemoryNonceStore(3, clock);
        store.putIfAbsent("old", inOneMinute);
        store.putIfAbsent("fresh-1", inOneMinute);
        store.putIfAbsent("fresh-2", inOneMinute);

        assertThat(store.putIfAbsent("fresh-3", inOneMinute)).isEqualTo(PutResult.FULL);
        assertThat(store.putIfAbsent("old", inOneMinute)).as("never evicted to make room")
                .isEqualTo(PutResult.REPLAYED);
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void whenStoreIsFullButSomeNoncesExpiredThenTheyArePurgedToMakeRoom() {
        InMemoryNonceStore store = new InMemoryNonceStore(2, clock);
        store.putIfAbsent("short", clock.instant().plusSeconds(10));
        store.putIfAbsent("long", inOneMinute);

        clock.advance(Duration.ofSeconds(11));

        assertThat(store.putIfAbsent("new", inOneMinute)).isEqualTo(PutResult.ACCEPTED);
        assertThat(store.putIfAbsent("long", inOneMinute)).isEqualTo(PutResult.REPLAYED);
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void whenManyThreadsOfferOneNonceThenExactlyOneIsAccepted() throws Exception {
        InMemoryNonceStore store = new InMemoryNonceStore(1000, clock);
        List<PutResult> results = Race.run(32, () -> store.putIfAbsent("twin", inOneMinute));

        assertThat(results).filteredOn(PutResult.ACCEPTED::equals).hasSize(1);
        assertThat(results).filteredOn(PutResult.REPLAYED::equals).hasSize(31);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void whenManyThreadsOfferDistinctNoncesToAFullishStoreThenCapacityIsNeverExceeded() throws Exception {
        InMemoryNonceStore store = new InMemoryNonceStore(10, clock);
        int[] counter = {0};
        List<PutResult> results = Race.run(64, () -> store.putIfAbsent("n-" + next(counter), inOneMinute));

        assertThat(results).filteredOn(PutResult.ACCEPTED::equals).hasSize(10);
        assertThat(results).filteredOn(PutResult.FULL::equals).hasSize(54);
    }

    private static synchronized int next(int[] counter) {
        return counter[0]++;
    }
}
