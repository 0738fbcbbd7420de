package io.gatehouse.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.identity.TestPki;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("mounted signing keys")
class KeyStorageTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final RotationPolicy POLICY = new RotationPolicy(Duration.ofHours(24), Duration.ofMinutes(10),
            Duration.ofMinutes(20));
    static final TestPki.Issued CA = TestPki.ca("gatehouse.example.org", NOW);

    @Test
    void aDirectoryOfPemFilesGivesOneKeyPerFileNamedByTheFile(@TempDir Path keys) throws Exception {
        TestPki.Issued first = TestPki.server(CA, NOW);
        TestPki.write(keys.resolve("2026-03.pem"), new JcaPKCS8Generator(first.keys().getPrivate(), null),
                first.certificate());
        Files.writeString(keys.resolve("README"), "not a key");

        List<SigningKey> loaded = KeyStorage.loadPemDirectory(keys, POLICY);

        assertThat(loaded).singleElement().satisfies(key -> {
            assertThat(key.kid()).isEqualTo("2026-03");
            assertThat(key.algorithm()).isEqualTo("ES256");
            assertThat(key.publicKey()).isEqualTo(first.certificate().getPublicKey());
            assertThat(key.signsUntil()).isEqualTo(first.certificate().getNotAfter().toInstant());
        });
    }

    @Test
    void aPemFileWithoutItsCertificateStopsStartup(@TempDir Path keys) throws Exception {
        TestPki.write(keys.resolve("lonely.pem"), new JcaPKCS8Generator(TestPki.server(CA, NOW).keys()
                .getPrivate(), null));

        assertThatThrownBy(() -> KeyStorage.loadPemDirectory(keys, POLICY))
                .hasMessageContaining("must hold a private key and its certificate");
    }

    @Test
    void aPkcs12StoreGivesOneKeyPerAliasThatStopsSigningAtItsCertificatesEnd(@TempDir Path dir) throws Exception {
        TestPki.Issued issued = TestPki.server(CA, NOW);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("signer-1", issued.keys().getPrivate(), "secret".toCharArray(),
                new Certificate[] {issued.certificate()});
        Path file = dir.resolve("keys.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "secret".toCharArray());
        }

        KeyRing ring = new KeyRing(KeyStorage.loadPkcs12(file, "secret".toCharArray(), POLICY), POLICY, false);

        assertThat(ring.signing(NOW).kid()).isEqualTo("signer-1");
        Instant pastValidity = issued.certificate().getNotAfter().toInstant().plusSeconds(1);
        assertThatThrownBy(() -> ring.signing(pastValidity)).isInstanceOf(KeyUnavailableException.class);
        assertThat(ring.verificationKey("signer-1", pastValidity)).as("still published for its tokens").isPresent();
    }

    @Test
    void aWrongPkcs12PasswordDoesNotEchoIt(@TempDir Path dir) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        Path file = dir.resolve("keys.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "secret".toCharArray());
        }

        assertThatThrownBy(() -> KeyStorage.loadPkcs12(file, "guess-me".toCharArray(), POLICY))
                .hasMessageNotContaining("guess-me").hasMessageNotContaining("secret");
    }
}
