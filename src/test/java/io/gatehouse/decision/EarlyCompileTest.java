package io.gatehouse.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.engine.Revision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyCompileTest {

    @Test
    @DisplayName("the compile started for the configured directory is taken, once, and holds its revision")
    void whenStartedForTheConfiguredDirectoryThenItIsTakenOnce(@TempDir Path policies) throws Exception {
        Files.writeString(policies.resolve("app.pol"), "package app\n\nallow if { input.user == \"alice\" }\n");

        EarlyCompile.start(policies);
        Optional<FutureTask<Revision>> taken = EarlyCompile.take(policies.resolve("sub").resolve(".."));

        assertThat(taken).isPresent();
        assertThat(taken.get().get().packages()).contains("app");
        assertThat(EarlyCompile.take(policies)).isEmpty();
    }

    @Test
    @DisplayName("a compile started for another directory is not taken, and is discarded, so the loader compiles its own")
    void whenStartedForAnotherDirectoryThenItIsNotTaken(@TempDir Path root) throws Exception {
        Path other = Files.createDirectory(root.resolve("other"));
        Path configured = Files.createDirectory(root.resolve("configured"));

        EarlyCompile.start(other);

        assertThat(EarlyCompile.take(configured)).isEmpty();
        assertThat(EarlyCompile.take(other)).isEmpty();
    }

    @Test
    @DisplayName("without a started compile nothing is taken")
    void whenNothingWasStartedThenNothingIsTaken(@TempDir Path policies) {
        assertThat(EarlyCompile.take(policies)).isEmpty();
    }
}
