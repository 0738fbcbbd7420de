package io.gatehouse.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Watches a policy directory tree and calls back once it has been quiet for the debounce time after a change, plus
 * on a fixed interval as a fallback for events the platform drops (overflow, network file systems, a directory
 * replaced under the watch).
 *
 * <p>Both callbacks run on one scheduler thread, so they never overlap each other; a git checkout that rewrites many
 * files produces one reload, not one per file.
 */
public final class PolicyWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PolicyWatcher.class);

    private final Path directory;
    private final Duration debounce;
    private final Runnable onChange;
    private final ScheduledExecutorService scheduler;
    private final WatchService watchService;
    private final Thread watchThread;
    private ScheduledFuture<?> pending;

    private PolicyWatcher(Path directory, Duration debounce, Runnable onChange) throws IOException {
        this.directory = directory;
        this.debounce = debounce;
        this.onChange = onChange;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "gatehouse-policy-reload"));
        this.watchService = directory.getFileSystem().newWatchService();
        this.watchThread = daemon(this::watchLoop, "gatehouse-policy-watch");
    }

    /**
     * Starts watching {@code directory}: {@code onChange} runs {@code debounce} after the last file event, and
     * {@code periodic} every {@code interval}.
     */
    public static PolicyWatcher start(
            Path directory, Duration debounce, Duration interval, Runnable onChange, Runnable periodic)
            throws IOException {
        Objects.requireNonNull(periodic, "periodic");
        PolicyWatcher watcher = new PolicyWatcher(directory, Objects.requireNonNull(debounce, "debounce"),
                Objects.requireNonNull(onChange, "onChange"));
        watcher.registerTree(directory);
        watcher.watchThread.start();
        long every = Math.max(1, interval.toMillis());
        watcher.scheduler.scheduleWithFixedDelay(guarded(periodic), every, every, TimeUnit.MILLISECONDS);
        return watcher;
    }

    private void watchLoop() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    registerIfDirectory(key, event);
                }
                key.reset();
                changed();
            }
        } catch (ClosedWatchServiceException | InterruptedException stopped) {
            LOG.debugf("stopped watching %s", directory);
        }
    }

    /** A new subdirectory is watched too, so files created in it later are seen. */
    private void registerIfDirectory(WatchKey key, WatchEvent<?> event) {
        if (event.kind() != StandardWatchEventKinds.ENTRY_CREATE || !(key.watchable() instanceof Path parent)) {
            return;
        }
        Path created = parent.resolve((Path) event.context());
        if (Files.isDirectory(created)) {
            try {
                registerTree(created);
            } catch (IOException | UncheckedIOException failed) {
                LOG.warnf("cannot watch new directory %s: %s; the periodic hash check still covers it", created,
                        failed);
            }
        }
    }

    private synchronized void changed() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = scheduler.schedule(guarded(onChange), debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void registerTree(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : (Iterable<Path>) tree.filter(Files::isDirectory)::iterator) {
                path.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.OVERFLOW);
            }
        }
    }

    /** A failing callback must not cancel the schedule it runs on. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException failed) {
                LOG.errorf(failed, "policy reload task failed; the loaded revision keeps serving");
            }
        };
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        try {
            watchService.close();
        } catch (IOException ignored) {
            // closing is best effort at shutdown; the thread is a daemon
        }
        watchThread.interrupt();
        scheduler.shutdownNow();
    }
}
