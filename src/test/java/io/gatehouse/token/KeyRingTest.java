package io.gatehouse.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("signing keys and rotation")
class KeyRingTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final RotationPolicy POLICY = new RotationPolicy(Duration.ofHours(24), Duration.ofMinutes(10),
            Duration.ofMinutes(20));

    @Test
    void whenNoKeyExistsThenTheFirstRotationCreatesOneThatSignsAtOnce() throws Exception {
        KeyRing ring = new KeyRing(List.of(), POLICY, true);

        SigningKey first = ring.rotateIfDue(T0).orElseThrow();

        assertThat(ring.signing(T0)).isEqualTo(first);
        assertThat(ring.published(T0)).containsExactly(first);
        assertThat(first.algorithm()).isEqualTo("ES256");
    }

    @Test
    void whenTheSigningPeriodNearsItsEndThenTheSuccessorIsPublishedBeforeItSigns() throws Exception {
        KeyRing ring = new KeyRing(List.of(), POLICY, true);
        SigningKey first = ring.rotateIfDue(T0).orElseThrow();
        Instant beforeEnd = T0.plus(Duration.ofHours(24)).minus(Duration.ofMinutes(10));

        assertThat(ring.rotateIfDue(beforeEnd.minusSeconds(1))).isEmpty();
        SigningKey second = ring.rotateIfDue(beforeEnd).orElseThrow();

        assertThat(ring.published(beforeEnd)).containsExactly(first, second);
        assertThat(ring.signing(beforeEnd)).isEqualTo(first);
        assertThat(ring.signing(first.signsUntil())).isEqualTo(second);
    }

    @Test
    void whenTheOverlapEndsThenTheOldKeyLeavesTheJwks() throws Exception {
        KeyRing ring = new KeyRing(List.of(), POLICY, true);
        SigningKey first = ring.rotateIfDue(T0).orElseThrow();
        ring.rotateIfDue(first.signsUntil().minus(Duration.ofMinutes(10)));

        assertThat(ring.verificationKey(first.kid(), first.retiresAt().minusSeconds(1))).isPresent();
        ring.rotateIfDue(first.retiresAt());

        assertThat(ring.verificationKey(first.kid(), first.retiresAt())).isEmpty();
        assertThat(ring.all()).hasSize(1);
    }

    @Test
    void aKeyPastItsValidityNeverSigns() throws Exception {
        KeyRing mounted = new KeyRing(List.of(KeyRing.generate(T0, T0, POLICY)), POLICY, false);

        mounted.rotateIfDue(T0.plus(Duration.ofHours(25)));

        assertThatThrownBy(() -> mounted.signing(T0.plus(Duration.ofHours(25))))
                .isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void managedKeysSurviveARestartWithoutChangingTheirKid(@TempDir Path state) throws Exception {
        KeyRing ring = new KeyRing(List.of(), POLICY, true);
        SigningKey first = ring.rotateIfDue(T0).orElseThrow();
        KeyStorage.saveManaged(state, ring.all());

        List<SigningKey> reloaded = KeyStorage.loadManaged(state);

        assertThat(reloaded).hasSize(1);
        assertThat(reloaded.get(0).kid()).isEqualTo(first.kid());
        assertThat(reloaded.get(0).publicKey()).isEqualTo(first.publicKey());
        assertThat(reloaded.get(0).signsUntil()).isEqualTo(first.signsUntil());
        assertThat(Files.getPosixFilePermissions(state.resolve(KeyStorage.MANAGED_FILE)))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    @Test
    void theDescriptionOfAKeyNeverShowsItsMaterial() {
        SigningKey key = KeyRing.generate(T0, T0, POLICY);

        java.math.BigInteger secret = ((java.security.interfaces.ECPrivateKey) key.privateKey()).getS();

        assertThat(key.toString()).contains(key.kid())
                .doesNotContain(secret.toString(16), secret.toString(),
                        java.util.Base64.getEncoder().encodeToString(key.privateKey().getEncoded()));
    }
}
