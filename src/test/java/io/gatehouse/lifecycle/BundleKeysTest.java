package io.gatehouse.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleKeysTest {

    @TempDir
    Path state;

    @Test
    void whenThereIsNoKeyThenOneIsGeneratedAndTheSameIsLoadedNextTime() throws IOException {
        KeyPair first = BundleKeys.loadOrCreate(state);
        KeyPair second = BundleKeys.loadOrCreate(state);

        assertThat(second.getPublic().getEncoded()).isEqualTo(first.getPublic().getEncoded());
        assertThat(second.getPrivate().getEncoded()).isEqualTo(first.getPrivate().getEncoded());
    }

    @Test
    void whenTheKeyIsGeneratedThenThePrivateKeyFileIsReadableByItsOwnerOnly() throws IOException {
        BundleKeys.loadOrCreate(state);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(
                BundleKeys.PRIVATE_FILE)))).isEqualTo("rw-------");
    }

    @Test
    void whenThePublicKeyFileIsReadThenItIsTheKeyThatVerifies() throws IOException {
        KeyPair keys = BundleKeys.loadOrCreate(state);

        assertThat(BundleKeys.readPublicKey(state.resolve(BundleKeys.PUBLIC_FILE)).getEncoded())
                .isEqualTo(keys.getPublic().getEncoded());
    }

    @Test
    void whenTheFileHoldsNoPublicKeyThenReadingItFailsNamingTheFile() throws IOException {
        Path file = Files.writeString(state.resolve("bad.pem"), "not a key");

        assertThatThrownBy(() -> BundleKeys.readPublicKey(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("bad.pem");
    }
}
