package io.gatehouse.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs bundle archives as a detached JWS (RFC 7515, appendix F) in compact form, {@code header..signature}: the
 * payload is the archive's SHA-256 digest, left out of the serialization because the verifier computes it from the
 * archive it received. ES256 only, pinned on both sides; the header's {@code alg} is checked, never obeyed.
 *
 * <p>The bundle key is its own key, separate from the token signing keys: a leaked bundle key cannot mint tokens and
 * a leaked token key cannot push policies to sidecars.
 */
public final class BundleSigner {

    static final String TYPE = "gatehouse-bundle+jws";
    private static final String JDK_ES256 = "SHA256withECDSAinP1363Format";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyPair keys;
    private final String keyId;

    public BundleSigner(KeyPair keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.keyId = BundleKeys.keyId(keys.getPublic());
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return keys.getPublic();
    }

    /** The detached compact JWS over {@code archive}'s digest. */
    public String sign(byte[] archive) {
        String header = B64.encodeToString(("{\"alg\":\"ES256\",\"kid\":\"" + keyId + "\",\"typ\":\"" + TYPE + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance(JDK_ES256);
            signature.initSign(keys.getPrivate());
            signature.update(signingInput(header, archive));
            return header + ".." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException failed) {
            throw new IllegalStateException("cannot sign bundle with an ES256 key", failed);
        }
    }

    /**
     * Checks {@code jws} over {@code archive} against the pinned {@code key}.
     *
     * @throws BundleException naming the step that failed
     */
    public static void verify(byte[] archive, String jws, PublicKey key) throws BundleException {
        if (jws == null || jws.isBlank()) {
            throw new BundleException("bundle carries no signature");
        }
        String[] parts = jws.trim().split("\\.", -1);
        if (parts.length != 3 || !parts[1].isEmpty()) {
            throw new BundleException("signature is not a detached compact JWS (header..signature)");
        }
        checkHeader(parts[0]);
        try {
            Signature signature = Signature.getInstance(JDK_ES256);
            signature.initVerify(key);
            signature.update(signingInput(parts[0], archive));
            byte[] value = B64_DECODER.decode(parts[2]);
            if (value.length != 64 || !signature.verify(value)) {
                throw new BundleException("signature does not verify against the pinned bundle key");
            }
        } catch (IllegalArgumentException | GeneralSecurityException malformed) {
            throw new BundleException("signature does not verify against the pinned bundle key: "
                    + malformed.getMessage());
        }
    }

    private static void checkHeader(String encoded) throws BundleException {
        JsonNode header;
        try {
            header = JSON.readTree(B64_DECODER.decode(encoded));
        } catch (IOException | IllegalArgumentException malformed) {
            throw new BundleException("signature header is not base64url JSON");
        }
        if (header == null || !header.isObject()) {
            throw new BundleException("signature header is not a JSON object");
        }
        if (!"ES256".equals(header.path("alg").asText(null))) {
            throw new BundleException("signature algorithm must be ES256, got " + header.path("alg"));
        }
        if (!TYPE.equals(header.path("typ").asText(null))) {
            throw new BundleException("signature type must be " + TYPE + ", got " + header.path("typ"));
        }
        if (header.has("crit")) {
            throw new BundleException("signature header carries critical extensions this verifier does not know");
        }
    }

    private static byte[] signingInput(String encodedHeader, byte[] archive) {
        byte[] digest = DirectoryFingerprint.sha256().digest(archive);
        return (encodedHeader + "." + B64.encodeToString(digest)).getBytes(StandardCharsets.US_ASCII);
    }
}
