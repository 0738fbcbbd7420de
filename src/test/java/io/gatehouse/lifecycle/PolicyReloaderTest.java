package io.gatehouse.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.decision.RevisionHolder;
import io.gatehouse.engine.Diagnostic;
import io.gatehouse.engine.PolicyCompileException;
import io.gatehouse.engine.Revision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reloader against a fake compiler: a directory whose {@code main.pol} contains {@code broken} fails with two
 * diagnostics, anything else compiles to a revision named after the file's text.
 */
class PolicyReloaderTest {

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final RevisionHolder revisions = new RevisionHolder(3, clock);
    private final List<ReloadFailure> reported = new ArrayList<>();
    private int compiles;
    private PolicyReloader reloader;

    @BeforeEach
    void setUp() {
        reloader = new PolicyReloader(directory, this::fakeCompile, revisions, clock, reported::add);
    }

    private Revision fakeCompile(Path dir) throws PolicyCompileException {
        compiles++;
        try {
            String text = Files.readString(dir.resolve("main.pol")).trim();
            if (text.contains("broken")) {
                throw new PolicyCompileException(List.of(
                        new Diagnostic("E101", Diagnostic.Severity.ERROR, "main.pol", 1, 5, "unexpected \"broken\"",
                                null),
                        new Diagnostic("W200", Diagnostic.Severity.WARNING, "main.pol", 2, 1, "unused rule", null),
                        new Diagnostic("E102", Diagnostic.Severity.ERROR, "main.pol", 3, 7, "unknown rule \"x\"",
                                "define it")));
            }
            return FakeRevision.withId(text);
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private void write(String text) throws IOException {
        Files.writeString(directory.resolve("main.pol"), text);
    }

    @Test
    void whenTheDirectoryCompilesToANewRevisionThenItIsActivated() throws IOException {
        write("one");
        reloader.reload("admin");
        write("two");

        ReloadResult result = reloader.reload("admin");

        assertThat(result.status()).isEqualTo(ReloadResult.Status.ACTIVATED);
        assertThat(result.revision()).isEqualTo("two");
        assertThat(result.previous()).isEqualTo("one");
        assertThat(revisions.current().orElseThrow().id()).isEqualTo("two");
    }

    @Test
    void whenTheDirectoryCompilesToTheRunningRevisionThenNothingIsSwapped() throws IOException {
        write("one");
        reloader.reload("admin");

        ReloadResult result = reloader.reload("admin");

        assertThat(result.status()).isEqualTo(ReloadResult.Status.UNCHANGED);
        assertThat(revisions.history()).hasSize(1);
    }

    @Test
    void whenTheDirectoryDoesNotCompileThenTheLastGoodRevisionKeepsServingAndEveryErrorIsReported()
            throws IOException {
        write("one");
        reloader.reload("admin");
        write("broken");

        ReloadResult result = reloader.reload("watch");

        assertThat(result.status()).isEqualTo(ReloadResult.Status.REFUSED);
        assertThat(result.revision()).isEqualTo("one");
        assertThat(revisions.current().orElseThrow().id()).isEqualTo("one");
        assertThat(result.failure().errors()).containsExactly(
                "main.pol:1:5: E101: unexpected \"broken\"",
                "main.pol:3:7: E102: unknown rule \"x\"\n  hint: define it");
        assertThat(result.failure().trigger()).isEqualTo("watch");
        assertThat(reloader.lastFailure()).contains(result.failure());
        assertThat(reported).containsExactly(result.failure());
    }

    @Test
    void whenAFixedDirectoryLoadsAfterAFailureThenTheFailureIsCleared() throws IOException {
        write("broken");
        reloader.reload("admin");
        write("fixed");

        reloader.reload("admin");

        assertThat(reloader.lastFailure()).isEmpty();
        assertThat(revisions.current().orElseThrow().id()).isEqualTo("fixed");
    }

    @Test
    void whenTheDirectoryIsUnchangedThenTheHashCheckDoesNotCompile() throws IOException {
        write("one");
        reloader.reload("admin");
        int before = compiles;

        assertThat(reloader.reloadIfChanged("hash-check")).isEmpty();
        assertThat(compiles).isEqualTo(before);
    }

    @Test
    void whenTheDirectoryChangedThenTheHashCheckReloadsIt() throws IOException {
        write("one");
        reloader.reload("admin");
        write("two");

        assertThat(reloader.reloadIfChanged("hash-check")).get()
                .extracting(ReloadResult::status).isEqualTo(ReloadResult.Status.ACTIVATED);
    }

    @Test
    void whenTheSameBrokenContentIsSeenAgainThenItIsNotRecompiledOrReportedTwice() throws IOException {
        write("one");
        reloader.reload("admin");
        write("broken");
        reloader.reloadIfChanged("hash-check");
        int before = compiles;

        assertThat(reloader.reloadIfChanged("hash-check")).isEmpty();
        assertThat(compiles).isEqualTo(before);
        assertThat(reported).hasSize(1);
    }

    @Test
    void whenABrokenEditIsRevertedThenTheHashCheckClearsTheFailureWithoutCompiling() throws IOException {
        write("one");
        reloader.reload("admin");
        write("broken");
        reloader.reloadIfChanged("hash-check");
        write("one");
        int before = compiles;

        assertThat(reloader.reloadIfChanged("hash-check")).isEmpty();
        assertThat(reloader.lastFailure()).isEmpty();
        assertThat(compiles).isEqualTo(before);
    }

    @Test
    void whenRolledBackThenThePreviousRevisionAnswersAndTheHashCheckLeavesItThere() throws IOException {
        write("one");
        reloader.reload("admin");
        write("two");
        reloader.reload("admin");

        ReloadResult result = reloader.rollback();

        assertThat(result.status()).isEqualTo(ReloadResult.Status.ACTIVATED);
        assertThat(result.revision()).isEqualTo("one");
        assertThat(result.previous()).isEqualTo("two");
        assertThat(reloader.reloadIfChanged("hash-check")).isEmpty();
        assertThat(revisions.current().orElseThrow().id()).isEqualTo("one");
    }

    @Test
    void whenRolledBackToAKeptRevisionByIdThenItAnswers() throws IOException {
        for (String text : List.of("one", "two", "three")) {
            write(text);
            reloader.reload("admin");
        }

        reloader.rollbackTo("one");

        assertThat(revisions.current().orElseThrow().id()).isEqualTo("one");
    }

    @Test
    void whenOnlyOneRevisionIsKeptThenRollbackSaysThereIsNothingToReturnTo() throws IOException {
        write("one");
        reloader.reload("admin");

        assertThatThrownBy(reloader::rollback).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no earlier revision");
    }

    @Test
    void whenRollingBackToARevisionNotKeptThenItIsRefusedNamingIt() throws IOException {
        write("one");
        reloader.reload("admin");

        assertThatThrownBy(() -> reloader.rollbackTo("zzz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"zzz\"");
        assertThat(revisions.current().orElseThrow().id()).isEqualTo("one");
    }
}
