package io.gatehouse.lifecycle;

import io.gatehouse.decision.RevisionHolder;
import io.gatehouse.decision.RevisionHolder.Activation;
import io.gatehouse.engine.Diagnostic;
import io.gatehouse.engine.PolicyCompileException;
import io.gatehouse.engine.Revision;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Reloads a policy directory and rolls back to a kept revision.
 *
 * <p>The new revision is compiled on the caller's thread (the watcher's, or an admin request's worker), never on a
 * decision's: decisions keep reading the current revision until the holder swaps the reference, so a decision is
 * made wholly by one revision. A directory that does not compile is refused with every error logged and kept for
 * {@code GET /v1/policies}; the last good revision keeps serving.
 *
 * <p>Reloads and rollbacks are serialized by this object's lock, so two triggers cannot interleave their swaps.
 */
public final class PolicyReloader {

    private static final Logger LOG = Logger.getLogger(PolicyReloader.class);

    private final Path directory;
    private final RevisionLoader loader;
    private final RevisionHolder revisions;
    private final Clock clock;
    private final Consumer<ReloadFailure> onFailure;

    private String loadedFingerprint;
    private ReloadFailure lastFailure;

    public PolicyReloader(
            Path directory, RevisionLoader loader, RevisionHolder revisions, Clock clock,
            Consumer<ReloadFailure> onFailure) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.revisions = Objects.requireNonNull(revisions, "revisions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    /** Compiles the directory and activates the result when it differs from the current revision. */
    public synchronized ReloadResult reload(String trigger) {
        String fingerprint;
        try {
            fingerprint = DirectoryFingerprint.of(directory);
        } catch (IOException unreadable) {
            return refuse(trigger, null, List.of("cannot read policy directory " + directory + ": " + unreadable));
        }
        Revision revision;
        try {
            revision = loader.load(directory);
        } catch (PolicyCompileException failed) {
            return refuse(trigger, fingerprint, errorsOf(failed));
        } catch (RuntimeException failed) {
            return refuse(trigger, fingerprint, List.of(String.valueOf(failed.getMessage())));
        }
        loadedFingerprint = fingerprint;
        lastFailure = null;
        return activateIfNew(revision, trigger);
    }

    /**
     * Reloads when the directory's content hash differs from the one last loaded and from the one last refused; the
     * fallback for file events the watcher missed.
     */
    public synchronized Optional<ReloadResult> reloadIfChanged(String trigger) {
        String fingerprint;
        try {
            fingerprint = DirectoryFingerprint.of(directory);
        } catch (IOException unreadable) {
            LOG.warnf("cannot read policy directory %s: %s; the loaded revision keeps serving", directory, unreadable);
            return Optional.empty();
        }
        if (fingerprint.equals(loadedFingerprint)) {
            // the directory is back to what is loaded (a broken edit was reverted): the failure no longer applies
            lastFailure = null;
            return Optional.empty();
        }
        if (lastFailure != null && fingerprint.equals(lastFailure.fingerprint())) {
            return Optional.empty();
        }
        return Optional.of(reload(trigger));
    }

    /** Returns to the most recent kept revision other than the current one. */
    public synchronized ReloadResult rollback() {
        List<Activation> history = revisions.history();
        if (history.size() < 2) {
            throw new IllegalStateException("no earlier revision is kept to roll back to");
        }
        return activateForRollback(history.get(1).revision());
    }

    /** Returns to the kept revision {@code revisionId}. */
    public synchronized ReloadResult rollbackTo(String revisionId) {
        Revision target = revisions.kept(revisionId).orElseThrow(() -> new IllegalArgumentException(
                "revision \"" + revisionId + "\" is not among the kept revisions"));
        return activateForRollback(target);
    }

    /** The last refused reload, or empty when the latest reload succeeded. */
    public synchronized Optional<ReloadFailure> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    public Path directory() {
        return directory;
    }

    private ReloadResult activateForRollback(Revision target) {
        String previous = revisions.current().map(Revision::id).orElse(null);
        if (target.id().equals(previous)) {
            return new ReloadResult(ReloadResult.Status.UNCHANGED, previous, null, null);
        }
        revisions.activate(target, 0L);
        // invariant: the directory's fingerprint stays the loaded one, so the hash check does not undo the rollback;
        // the next change to the directory (or an explicit reload) replaces it
        LOG.infof("rolled back from revision %s to %s", shortId(previous), shortId(target.id()));
        return new ReloadResult(ReloadResult.Status.ACTIVATED, target.id(), previous, null);
    }

    private ReloadResult activateIfNew(Revision revision, String trigger) {
        String previous = revisions.current().map(Revision::id).orElse(null);
        if (revision.id().equals(previous)) {
            LOG.debugf("reload (%s): revision %s unchanged", trigger, shortId(previous));
            return new ReloadResult(ReloadResult.Status.UNCHANGED, previous, null, null);
        }
        revisions.activate(revision, 0L);
        LOG.infof("policy revision %s activated (%s), replacing %s: %d packages, %d privileged operations",
                shortId(revision.id()), trigger, shortId(previous), revision.packages().size(),
                revision.catalog().size());
        revision.warnings().forEach(warning -> LOG.warn(warning.format()));
        return new ReloadResult(ReloadResult.Status.ACTIVATED, revision.id(), previous, null);
    }

    private ReloadResult refuse(String trigger, String fingerprint, List<String> errors) {
        ReloadFailure failure = new ReloadFailure(clock.instant(), trigger, fingerprint, errors);
        lastFailure = failure;
        String current = revisions.current().map(Revision::id).orElse(null);
        LOG.errorf("policy reload (%s) refused; revision %s keeps serving. %d error(s):%n  %s", trigger,
                shortId(current), errors.size(), String.join("\n  ", errors));
        onFailure.accept(failure);
        return new ReloadResult(ReloadResult.Status.REFUSED, current, null, failure);
    }

    static List<String> errorsOf(PolicyCompileException failed) {
        List<String> errors = failed.diagnostics().stream()
                .filter(diagnostic -> diagnostic.severity() == Diagnostic.Severity.ERROR)
                .map(Diagnostic::format)
                .toList();
        return errors.isEmpty() ? List.of(String.valueOf(failed.getMessage())) : errors;
    }

    static String shortId(String revisionId) {
        if (revisionId == null) {
            return "(none)";
        }
        return revisionId.length() > 12 ? revisionId.substring(0, 12) : revisionId;
    }
}
