package io.gatehouse.decision;

import io.gatehouse.engine.Revision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Holds the revision that answers decisions. A decision reads the reference once and is made wholly by that
 * revision; a reload swaps the reference atomically, so no decision ever mixes two revisions.
 *
 * <p>It also keeps the last few revisions it activated, newest first and each at most once, so an operator can
 * return to one in a single step. Every activation gets a sequence number that only grows (the activation time in
 * milliseconds, bumped past the previous one), which signed bundles carry so a sidecar can tell a newer activation
 * from a replayed older one, even when a rollback re-activates an older revision.
 */
@ApplicationScoped
public class RevisionHolder {

    /**
     * One activation of a revision.
     *
     * @param revision the revision that answered from then on
     * @param activatedAt when it was activated
     * @param sequence grows with every activation, never repeats on this node
     */
    public record Activation(Revision revision, Instant activatedAt, long sequence) {

        public Activation {
            Objects.requireNonNull(revision, "revision");
            Objects.requireNonNull(activatedAt, "activatedAt");
        }
    }

    private final AtomicReference<Activation> current = new AtomicReference<>();
    private final List<Activation> history = new ArrayList<>();
    private final List<Consumer<Activation>> listeners = new CopyOnWriteArrayList<>();
    private final int historySize;
    private final Clock clock;

    @Inject
    RevisionHolder(PolicyConfig config, Clock clock) {
        this(config.historySize(), clock);
    }

    /** A holder outside CDI, for the command line and tests. */
    public RevisionHolder(int historySize, Clock clock) {
        if (historySize < 1) {
            throw new IllegalArgumentException("history size must be at least 1, got " + historySize);
        }
        this.historySize = historySize;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Optional<Revision> current() {
        Activation activation = current.get();
        return activation == null ? Optional.empty() : Optional.of(activation.revision());
    }

    /** The current activation with its sequence, or empty when no revision was ever loaded. */
    public Optional<Activation> currentActivation() {
        return Optional.ofNullable(current.get());
    }

    /** Makes {@code revision} the one that answers from now on and returns the one it replaced, if any. */
    public Optional<Revision> swap(Revision revision) {
        Activation replaced = activate(revision, 0L);
        return replaced == null ? Optional.empty() : Optional.of(replaced.revision());
    }

    /**
     * Activates {@code revision} with a sequence of at least {@code minimumSequence} and returns the activation it
     * replaced, or null. A sidecar passes the sequence of the bundle it activates, so its numbering follows the
     * central service's.
     */
    public synchronized Activation activate(Revision revision, long minimumSequence) {
        Objects.requireNonNull(revision, "revision");
        Activation previous = current.get();
        long floor = previous == null ? 0L : previous.sequence() + 1;
        Instant now = clock.instant();
        Activation activation = new Activation(revision, now, Math.max(Math.max(floor, minimumSequence),
                now.toEpochMilli()));
        remember(activation);
        current.set(activation);
        listeners.forEach(listener -> listener.accept(activation));
        return previous;
    }

    /** The kept activations, newest first; the first is the current one. */
    public synchronized List<Activation> history() {
        return List.copyOf(history);
    }

    /** The kept revision with this id, if it is still kept. */
    public synchronized Optional<Revision> kept(String revisionId) {
        return history.stream().map(Activation::revision).filter(revision -> revision.id().equals(revisionId))
                .findFirst();
    }

    /** Calls {@code listener} after every activation, on the activating thread. */
    public void onActivation(Consumer<Activation> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void remember(Activation activation) {
        history.removeIf(kept -> kept.revision().id().equals(activation.revision().id()));
        history.add(0, activation);
        while (history.size() > historySize) {
            history.remove(history.size() - 1);
        }
    }
}
