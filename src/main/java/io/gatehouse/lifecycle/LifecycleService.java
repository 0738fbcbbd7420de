package io.gatehouse.lifecycle;

import io.gatehouse.decision.PolicyConfig;
import io.gatehouse.decision.RevisionHolder;
import io.gatehouse.decision.StartupWork;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Wires the policy lifecycle into the service. A central node watches its policy directory and reloads it; a
 * sidecar ({@code gatehouse.lifecycle.sidecar.enabled}) pulls signed bundles instead. Both answer the admin
 * endpoints: a reload on a sidecar is a pull now.
 */
@ApplicationScoped
public class LifecycleService {

    private static final Logger LOG = Logger.getLogger(LifecycleService.class);

    private final LifecycleConfig config;
    private final PolicyConfig policy;
    private final RevisionHolder revisions;
    private final LifecycleMetrics metrics;
    private final BundleService bundles;
    private final PolicyReloader reloader;
    private PolicyWatcher watcher;
    private BundlePuller puller;
    private ScheduledExecutorService pulls;
    private FutureTask<BundleSigner> bundleKey;

    LifecycleService(LifecycleConfig config, PolicyConfig policy, RevisionHolder revisions, LifecycleMetrics metrics,
            BundleService bundles, Clock clock) {
        this.config = config;
        this.policy = policy;
        this.revisions = revisions;
        this.metrics = metrics;
        this.bundles = bundles;
        this.reloader = new PolicyReloader(Path.of(policy.dir()), RevisionLoader.ENGINE, revisions, clock,
                failure -> metrics.reloadFailed());
        if (config.sidecar().enabled()) {
            this.puller = newPuller(clock);
        }
    }

    /**
     * Starts loading or generating the bundle signing key on its own thread: an EC key, and the first P-256 key in a
     * process builds the curve's tables, about 50 ms of the main thread's start-up on JDK 25 that nothing before the
     * bundle endpoints needs. {@link #onStart} waits for it, so a state directory where the key cannot be written
     * still stops startup.
     */
    void loadBundleKey(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 400)
            StartupEvent event) {
        if (puller == null) {
            bundleKey = new FutureTask<>(bundles::signer);
            Thread thread = new Thread(bundleKey, "gatehouse-bundle-key");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Runs after the policy loader, so the watcher starts on a loaded directory. */
    void onStart(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        if (puller != null) {
            startSidecar();
            return;
        }
        awaitBundleKey();
        if (config.watch() && policy.loadAtStartup()) {
            startWatching();
        }
    }

    /** Waits for the bundle signing key; a failure to load or create it is rethrown as it was thrown. */
    private void awaitBundleKey() {
        StartupWork.await(bundleKey, "the bundle signing key was loading");
    }

    void onStop(@Observes ShutdownEvent event) {
        if (watcher != null) {
            watcher.close();
        }
        if (pulls != null) {
            pulls.shutdownNow();
        }
    }

    public boolean isSidecar() {
        return puller != null;
    }

    /** Reloads the policy directory, or on a sidecar pulls the bundle now. */
    public ReloadResult reload(String trigger) {
        return puller != null ? puller.pull(trigger) : reloader.reload(trigger);
    }

    public ReloadResult rollback() {
        return reloader.rollback();
    }

    public ReloadResult rollbackTo(String revisionId) {
        return reloader.rollbackTo(revisionId);
    }

    /** The last refused reload or bundle since the last good one. */
    public Optional<ReloadFailure> lastFailure() {
        return puller != null ? Optional.ofNullable(puller.status().lastFailure()) : reloader.lastFailure();
    }

    /** The sidecar's bundle status, empty on a central node. */
    public Optional<BundlePuller.Status> sidecarStatus() {
        return puller == null ? Optional.empty() : Optional.of(puller.status());
    }

    private void startWatching() {
        try {
            watcher = PolicyWatcher.start(reloader.directory(), config.debounce(), config.hashCheckInterval(),
                    () -> reloader.reloadIfChanged("watch"), () -> reloader.reloadIfChanged("hash-check"));
            LOG.infof("watching %s for policy changes (debounce %s, hash check every %s)", reloader.directory(),
                    config.debounce(), config.hashCheckInterval());
        } catch (IOException failed) {
            LOG.errorf("cannot watch %s: %s; reload through POST /v1/policies/reload", reloader.directory(), failed);
        }
    }

    private BundlePuller newPuller(Clock clock) {
        LifecycleConfig.Sidecar sidecar = config.sidecar();
        BundlePuller.Source source = sidecar.centralUrl()
                .map(url -> BundlePuller.http(url, sidecar.bundle(), sidecar.timeout()))
                .orElse(ifNoneMatch -> {
                    throw new IOException("no central service is configured (gatehouse.lifecycle.sidecar.central-url)");
                });
        return new BundlePuller(source, pinnedKey(), sidecar.bundle(), Path.of(config.stateDir()).resolve("sidecar"),
                sidecar.allowOlder(), sidecar.maxBundleBytes(), RevisionLoader.ENGINE, revisions, clock,
                metrics::bundleRefused);
    }

    /** A missing or unreadable key is not fatal: the sidecar starts, refuses every bundle and denies everything. */
    private PublicKey pinnedKey() {
        Optional<String> file = config.sidecar().publicKeyFile();
        if (file.isEmpty()) {
            LOG.error("sidecar without gatehouse.lifecycle.sidecar.public-key-file: every bundle will be refused");
            return null;
        }
        try {
            return BundleKeys.readPublicKey(Path.of(file.get()));
        } catch (IOException unreadable) {
            LOG.errorf("cannot read the pinned bundle key: %s; every bundle will be refused", unreadable.getMessage());
            return null;
        }
    }

    private void startSidecar() {
        puller.restoreSaved();
        pulls = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gatehouse-bundle-pull");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, config.sidecar().pollInterval().toMillis());
        pulls.scheduleWithFixedDelay(this::pullQuietly, 0, every, TimeUnit.MILLISECONDS);
        LOG.infof("sidecar: pulling bundle \"%s\" from %s every %s", config.sidecar().bundle(),
                config.sidecar().centralUrl().orElse("(no central service configured)"),
                config.sidecar().pollInterval());
    }

    private void pullQuietly() {
        try {
            puller.pull("poll");
        } catch (RuntimeException failed) {
            LOG.errorf(failed, "bundle pull failed; the running revision keeps serving");
        }
    }
}
