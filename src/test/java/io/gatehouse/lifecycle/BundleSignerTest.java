package io.gatehouse.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BundleSignerTest {

    private static final KeyPair KEYS = BundleKeys.generate();
    private static final BundleSigner SIGNER = new BundleSigner(KEYS);
    private static final byte[] ARCHIVE = BundleArchive.write("default", "rev1", 1, "t",
            new TreeMap<>(Map.of("a.pol", "package a\n")));

    @Test
    void whenSignedThenTheSignatureIsADetachedCompactJwsThatVerifies() {
        String jws = SIGNER.sign(ARCHIVE);

        assertThat(jws).matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+");
        assertThat(header(jws)).contains("\"alg\":\"ES256\"").contains("\"kid\":\"" + SIGNER.keyId() + "\"");
        assertThatCode(() -> BundleSigner.verify(ARCHIVE, jws, KEYS.getPublic())).doesNotThrowAnyException();
    }

    @Test
    void whenOneByteOfTheArchiveChangesThenTheSignatureNoLongerVerifies() {
        String jws = SIGNER.sign(ARCHIVE);
        byte[] tampered = ARCHIVE.clone();
        tampered[tampered.length / 2] ^= 1;

        assertThatThrownBy(() -> BundleSigner.verify(tampered, jws, KEYS.getPublic()))
                .isInstanceOf(BundleException.class).hasMessageContaining("does not verify");
    }

    @Test
    void whenSignedByAnotherKeyThenItDoesNotVerifyAgainstThePinnedOne() {
        String jws = new BundleSigner(BundleKeys.generate()).sign(ARCHIVE);

        assertThatThrownBy(() -> BundleSigner.verify(ARCHIVE, jws, KEYS.getPublic()))
                .isInstanceOf(BundleException.class).hasMessageContaining("pinned bundle key");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"alg\":\"none\",\"typ\":\"gatehouse-bundle+jws\"}|an unsigned header is refused|algorithm must be ES256",
        "{\"alg\":\"HS256\",\"typ\":\"gatehouse-bundle+jws\"}|a symmetric algorithm is refused|algorithm must be ES256",
        "{\"alg\":\"ES256\",\"typ\":\"JWT\"}|a token is not a bundle signature|type must be",
        "{\"alg\":\"ES256\",\"typ\":\"gatehouse-bundle+jws\",\"crit\":[\"x\"]}|unknown critical headers|critical",
        "[1]|a header that is not an object is refused|not a JSON object"})
    void whenTheHeaderIsNotThePinnedOneThenTheSignatureIsRefused(String header, String note, String expected) {
        String signature = SIGNER.sign(ARCHIVE).split("\\.")[2];
        String forged = b64(header) + ".." + signature;

        assertThatThrownBy(() -> BundleSigner.verify(ARCHIVE, forged, KEYS.getPublic()))
                .isInstanceOf(BundleException.class).hasMessageContaining(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "an empty signature|''",
        "an attached payload|ATTACHED",
        "a truncated signature|TRUNCATED",
        "an all-zero signature|ZERO"})
    void whenTheSignatureIsMalformedThenItIsRefused(String note, String shape) {
        String[] parts = SIGNER.sign(ARCHIVE).split("\\.", -1);
        String jws = switch (shape) {
            case "ATTACHED" -> parts[0] + "." + b64("payload") + "." + parts[2];
            case "TRUNCATED" -> parts[0] + ".." + parts[2].substring(0, 20);
            case "ZERO" -> parts[0] + ".." + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
            default -> "";
        };

        assertThatThrownBy(() -> BundleSigner.verify(ARCHIVE, jws, KEYS.getPublic()))
                .isInstanceOf(BundleException.class);
    }

    private static String header(String jws) {
        return new String(Base64.getUrlDecoder().decode(jws.split("\\.")[0]), StandardCharsets.UTF_8);
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
