package io.gatehouse.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.decision.RevisionHolder;
import io.gatehouse.decision.RevisionHolder.Activation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevisionHolderTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));

    @Test
    void whenNothingWasActivatedThenThereIsNoRevisionAndNoHistory() {
        RevisionHolder holder = new RevisionHolder(3, clock);

        assertThat(holder.current()).isEmpty();
        assertThat(holder.currentActivation()).isEmpty();
        assertThat(holder.history()).isEmpty();
    }

    @Test
    void whenSwappedThenTheReplacedRevisionIsReturnedAsBefore() {
        RevisionHolder holder = new RevisionHolder(3, clock);
        FakeRevision first = FakeRevision.withId("a");

        assertThat(holder.swap(first)).isEmpty();
        assertThat(holder.swap(FakeRevision.withId("b"))).contains(first);
        assertThat(holder.current().orElseThrow().id()).isEqualTo("b");
    }

    @Test
    void whenMoreRevisionsThanTheHistorySizeAreActivatedThenOnlyTheNewestAreKeptNewestFirst() {
        RevisionHolder holder = new RevisionHolder(3, clock);
        for (String id : List.of("a", "b", "c", "d")) {
            holder.swap(FakeRevision.withId(id));
        }

        assertThat(ids(holder.history())).containsExactly("d", "c", "b");
        assertThat(holder.kept("a")).isEmpty();
        assertThat(holder.kept("b")).isPresent();
    }

    @Test
    void whenARevisionIsActivatedAgainThenItIsKeptOnceAtTheFront() {
        RevisionHolder holder = new RevisionHolder(3, clock);
        FakeRevision a = FakeRevision.withId("a");
        holder.swap(a);
        holder.swap(FakeRevision.withId("b"));
        holder.swap(a);

        assertThat(ids(holder.history())).containsExactly("a", "b");
    }

    @Test
    void whenTheClockStandsStillOrGoesBackThenSequencesStillGrow() {
        RevisionHolder holder = new RevisionHolder(3, clock);
        holder.swap(FakeRevision.withId("a"));
        long first = holder.currentActivation().orElseThrow().sequence();
        holder.swap(FakeRevision.withId("b"));
        clock.advance(java.time.Duration.ofHours(-1));
        holder.swap(FakeRevision.withId("c"));

        assertThat(first).isEqualTo(clock.instant().plusSeconds(3600).toEpochMilli());
        assertThat(holder.history()).extracting(Activation::sequence).containsExactly(first + 2, first + 1, first);
    }

    @Test
    void whenABundleSequenceIsGivenThenTheActivationTakesAtLeastIt() {
        RevisionHolder holder = new RevisionHolder(3, clock);
        long far = clock.instant().toEpochMilli() + 1_000_000;

        holder.activate(FakeRevision.withId("a"), far);

        assertThat(holder.currentActivation().orElseThrow().sequence()).isEqualTo(far);
    }

    @Test
    void whenActivatedThenListenersHearOfItOnce() {
        RevisionHolder holder = new RevisionHolder(3, clock);
        List<String> heard = new ArrayList<>();
        holder.onActivation(activation -> heard.add(activation.revision().id()));

        holder.swap(FakeRevision.withId("a"));
        holder.swap(FakeRevision.withId("b"));

        assertThat(heard).containsExactly("a", "b");
    }

    @Test
    void whenTheHistorySizeIsBelowOneThenTheHolderRefusesToStart() {
        assertThatThrownBy(() -> new RevisionHolder(0, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    private static List<String> ids(List<Activation> history) {
        return history.stream().map(activation -> activation.revision().id()).toList();
    }
}
