package io.gatehouse.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.decision.RevisionHolder;
import io.gatehouse.engine.Diagnostic;
import io.gatehouse.engine.PolicyCompileException;
import io.gatehouse.engine.Revision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidecar's pull against a fake central service and a fake compiler that names each revision after the text of
 * the bundle's {@code main.pol} (and refuses one containing {@code broken}).
 */
class BundlePullerTest {

    private static final KeyPair CENTRAL = BundleKeys.generate();
    private static final BundleSigner SIGNER = new BundleSigner(CENTRAL);

    @TempDir
    Path state;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
    private final RevisionHolder revisions = new RevisionHolder(3, clock);
    private final List<String> refusals = new ArrayList<>();
    private final FakeCentral central = new FakeCentral();

    /** Serves whatever bundle it was last given, answering 304 when the sidecar already has its revision. */
    static final class FakeCentral implements BundlePuller.Source {
        byte[] archive;
        String signature;
        String revision;
        boolean down;
        final List<String> askedWith = new ArrayList<>();

        void publish(String revision, long sequence, String text) {
            this.revision = revision;
            this.archive = BundleArchive.write("default", revision, sequence, "t",
                    new TreeMap<>(Map.of("main.pol", text)));
            this.signature = SIGNER.sign(archive);
        }

        @Override
        public BundlePuller.Fetched fetch(String ifNoneMatch) throws IOException {
            askedWith.add(ifNoneMatch);
            if (down) {
                throw new IOException("connection refused");
            }
            if (revision == null) {
                return new BundlePuller.Fetched(503, new byte[0], null);
            }
            if (revision.equals(ifNoneMatch)) {
                return new BundlePuller.Fetched(304, new byte[0], null);
            }
            return new BundlePuller.Fetched(200, archive, signature);
        }
    }

    private BundlePuller puller(java.security.PublicKey pinned, boolean allowOlder) {
        return new BundlePuller(central, pinned, "default", state, allowOlder, 1 << 20, BundlePullerTest::compile,
                revisions, clock, refusals::add);
    }

    private static Revision compile(Path directory) throws PolicyCompileException {
        try {
            String text = Files.readString(directory.resolve("main.pol"));
            if (text.contains("broken")) {
                throw new PolicyCompileException(List.of(new Diagnostic("E1", Diagnostic.Severity.ERROR, "main.pol",
                        1, 1, "broken", null)));
            }
            return FakeRevision.withId("local-" + text);
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private String running() {
        return revisions.current().map(Revision::id).orElse(null);
    }

    @Nested
    class Activation {

        @Test
        void whenTheCentralServesASignedBundleThenItIsActivatedWithItsSequence() {
            central.publish("rev-a", 100, "a");

            ReloadResult result = puller(CENTRAL.getPublic(), false).pull("poll");

            assertThat(result.status()).isEqualTo(ReloadResult.Status.ACTIVATED);
            assertThat(running()).isEqualTo("local-a");
            assertThat(revisions.currentActivation().orElseThrow().sequence())
                    .isGreaterThanOrEqualTo(100);
        }

        @Test
        void whenTheSidecarHasTheRevisionThenItAsksWithItsEtagAndChangesNothing() {
            central.publish("rev-a", 100, "a");
            BundlePuller puller = puller(CENTRAL.getPublic(), false);
            puller.pull("poll");

            ReloadResult result = puller.pull("poll");

            assertThat(central.askedWith).containsExactly(null, "rev-a");
            assertThat(result.status()).isEqualTo(ReloadResult.Status.UNCHANGED);
        }

        @Test
        void whenTheCentralPublishesANewerBundleThenTheSidecarFollows() {
            BundlePuller puller = puller(CENTRAL.getPublic(), false);
            central.publish("rev-a", 100, "a");
            puller.pull("poll");
            central.publish("rev-b", 200, "b");

            puller.pull("poll");

            assertThat(running()).isEqualTo("local-b");
            assertThat(puller.status().revision()).isEqualTo("rev-b");
            assertThat(puller.status().sequence()).isEqualTo(200);
        }
    }

    @Nested
    class Refusal {

        @Test
        void whenTheBundleWasTamperedWithThenItIsRefusedAndTheLastGoodKeepsServing() throws IOException {
            BundlePuller puller = puller(CENTRAL.getPublic(), false);
            central.publish("rev-a", 100, "a");
            puller.pull("poll");
            central.publish("rev-b", 200, "b");
            central.archive = BundleArchiveTest.rewrite(central.archive, "main.pol", "allow everything");

            ReloadResult result = puller.pull("poll");

            assertThat(result.status()).isEqualTo(ReloadResult.Status.REFUSED);
            assertThat(result.failure().errors().get(0)).contains("does not verify");
            assertThat(running()).isEqualTo("local-a");
            assertThat(refusals).containsExactly("bad_signature");
        }

        @Test
        void whenTheBundleIsSignedByAnotherKeyThenItIsRefused() {
            central.publish("rev-a", 100, "a");
            central.signature = new BundleSigner(BundleKeys.generate()).sign(central.archive);

            puller(CENTRAL.getPublic(), false).pull("poll");

            assertThat(running()).isNull();
            assertThat(refusals).containsExactly("bad_signature");
        }

        @Test
        void whenTheBundleCarriesNoSignatureThenItIsRefused() {
            central.publish("rev-a", 100, "a");
            central.signature = null;

            puller(CENTRAL.getPublic(), false).pull("poll");

            assertThat(running()).isNull();
        }

        @Test
        void whenNoKeyIsPinnedThenEveryBundleIsRefused() {
            central.publish("rev-a", 100, "a");

            ReloadResult result = puller(null, false).pull("poll");

            assertThat(result.status()).isEqualTo(ReloadResult.Status.REFUSED);
            assertThat(running()).isNull();
        }

        @Test
        void whenAnOlderBundleIsServedThenItIsRefusedAsARollbackAttack() {
            BundlePuller puller = puller(CENTRAL.getPublic(), false);
            central.publish("rev-b", 200, "b");
            puller.pull("poll");
            central.publish("rev-a", 100, "a");

            ReloadResult result = puller.pull("poll");

            assertThat(result.status()).isEqualTo(ReloadResult.Status.REFUSED);
            assertThat(result.failure().errors().get(0)).contains("not newer than the running 200");
            assertThat(running()).isEqualTo("local-b");
            assertThat(refusals).containsExactly("older");
        }

        @Test
        void whenAnOperatorAllowsOlderBundlesThenTheOlderOneIsActivated() {
            BundlePuller puller = puller(CENTRAL.getPublic(), true);
            central.publish("rev-b", 200, "b");
            puller.pull("poll");
            central.publish("rev-a", 100, "a");

            puller.pull("poll");

            assertThat(running()).isEqualTo("local-a");
        }

        @Test
        void whenTheBundleDoesNotCompileThenItIsRefusedAndTheLastGoodKeepsServing() {
            BundlePuller puller = puller(CENTRAL.getPublic(), false);
            central.publish("rev-a", 100, "a");
            puller.pull("poll");
            central.publish("rev-b", 200, "broken");

            puller.pull("poll");

            assertThat(running()).isEqualTo("local-a");
            assertThat(refusals).containsExactly("compile");
        }

        @Test
        void whenTheBundleIsForAnotherNameThenItIsRefused() {
            central.publish("rev-a", 100, "a");
            central.archive = BundleArchive.write("payments", "rev-a", 100, "t",
                    new TreeMap<>(Map.of("main.pol", "a")));
            central.signature = SIGNER.sign(central.archive);

            puller(CENTRAL.getPublic(), false).pull("poll");

            assertThat(running()).isNull();
            assertThat(refusals).containsExactly("malformed");
        }
    }

    @Nested
    class Outage {

        @Test
        void whenTheCentralIsDownThenTheLastGoodBundleKeepsServing() {
            BundlePuller puller = puller(CENTRAL.getPublic(), false);
            central.publish("rev-a", 100, "a");
            puller.pull("poll");
            central.down = true;

            ReloadResult result = puller.pull("poll");

            assertThat(result.status()).isEqualTo(ReloadResult.Status.REFUSED);
            assertThat(running()).isEqualTo("local-a");
            assertThat(puller.status().lastFailure().errors().get(0)).contains("unreachable");
            assertThat(refusals).containsExactly("unreachable");
        }

        @Test
        void whenTheCentralWasNeverReachedThenThereIsNoRevision() {
            central.down = true;

            puller(CENTRAL.getPublic(), false).pull("poll");

            assertThat(running()).isNull();
        }

        @Test
        void whenASidecarRestartsWhileTheCentralIsDownThenItServesItsSavedBundle() {
            central.publish("rev-a", 100, "a");
            puller(CENTRAL.getPublic(), false).pull("poll");
            RevisionHolder afterRestart = new RevisionHolder(3, clock);
            BundlePuller restarted = new BundlePuller(central, CENTRAL.getPublic(), "default", state, false, 1 << 20,
                    BundlePullerTest::compile, afterRestart, clock, refusals::add);
            central.down = true;

            restarted.restoreSaved();
            restarted.pull("poll");

            assertThat(afterRestart.current().orElseThrow().id()).isEqualTo("local-a");
            assertThat(central.askedWith.get(central.askedWith.size() - 1)).isEqualTo("rev-a");
        }

        @Test
        void whenTheSavedBundleWasTamperedWithThenARestartDoesNotTrustIt() throws IOException {
            central.publish("rev-a", 100, "a");
            puller(CENTRAL.getPublic(), false).pull("poll");
            Path saved = state.resolve("bundle.zip");
            Files.write(saved, BundleArchiveTest.rewrite(Files.readAllBytes(saved), "main.pol", "evil"));
            RevisionHolder afterRestart = new RevisionHolder(3, clock);

            new BundlePuller(central, CENTRAL.getPublic(), "default", state, false, 1 << 20,
                    BundlePullerTest::compile, afterRestart, clock, refusals::add).restoreSaved();

            assertThat(afterRestart.current()).isEmpty();
        }
    }
}
