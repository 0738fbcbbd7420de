package io.gatehouse.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyWatcherTest {

    private static final Duration DEBOUNCE = Duration.ofMillis(200);
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path directory;

    private final AtomicInteger changes = new AtomicInteger();
    private final AtomicInteger checks = new AtomicInteger();

    @Test
    void whenAFileChangesThenTheChangeCallbackRunsAfterTheDebounce() throws IOException {
        try (PolicyWatcher watcher = PolicyWatcher.start(directory, DEBOUNCE, NEVER, changes::incrementAndGet,
                checks::incrementAndGet)) {
            Files.writeString(directory.resolve("a.pol"), "package a");

            await().atMost(Duration.ofSeconds(15)).until(() -> changes.get() == 1);
        }
    }

    @Test
    void whenManyFilesChangeInABurstThenTheCallbackRunsOnce() throws IOException, InterruptedException {
        try (PolicyWatcher watcher = PolicyWatcher.start(directory, Duration.ofMillis(800), NEVER,
                changes::incrementAndGet, checks::incrementAndGet)) {
            for (int index = 0; index < 20; index++) {
                Files.writeString(directory.resolve("f" + index + ".pol"), "package f" + index);
            }

            await().atMost(Duration.ofSeconds(15)).until(() -> changes.get() >= 1);
            Thread.sleep(1500);
            assertThat(changes.get()).isEqualTo(1);
        }
    }

    @Test
    void whenAFileAppearsInANewSubdirectoryThenItIsSeen() throws IOException {
        try (PolicyWatcher watcher = PolicyWatcher.start(directory, DEBOUNCE, NEVER, changes::incrementAndGet,
                checks::incrementAndGet)) {
            Path sub = Files.createDirectory(directory.resolve("team"));
            await().atMost(Duration.ofSeconds(15)).until(() -> changes.get() >= 1);
            int afterDirectory = changes.get();

            Files.writeString(sub.resolve("b.pol"), "package team.b");

            await().atMost(Duration.ofSeconds(15)).until(() -> changes.get() > afterDirectory);
        }
    }

    @Test
    void whenTheIntervalPassesThenThePeriodicCheckRunsWithoutAnyFileEvent() throws IOException {
        try (PolicyWatcher watcher = PolicyWatcher.start(directory, DEBOUNCE, Duration.ofMillis(100),
                changes::incrementAndGet, checks::incrementAndGet)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> checks.get() >= 2);
            assertThat(changes.get()).isZero();
        }
    }

    @Test
    void whenACallbackThrowsThenLaterChecksStillRun() throws IOException {
        try (PolicyWatcher watcher = PolicyWatcher.start(directory, DEBOUNCE, Duration.ofMillis(100),
                changes::incrementAndGet, () -> {
                    checks.incrementAndGet();
                    throw new IllegalStateException("boom");
                })) {
            await().atMost(Duration.ofSeconds(5)).until(() -> checks.get() >= 3);
        }
    }
}
