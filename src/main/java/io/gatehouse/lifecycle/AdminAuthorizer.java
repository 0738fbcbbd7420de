package io.gatehouse.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Decides who may reload and roll back policies: a caller presenting the configured admin bearer secret, or a
 * caller whose verified mTLS identity is in the configured admin list. Neither configured means nobody: the admin
 * endpoints fail closed.
 */
@ApplicationScoped
public class AdminAuthorizer {

    /** Why a caller was not let in; the resource maps each to its status. */
    public enum Verdict { ALLOWED, NO_CREDENTIALS, WRONG_CREDENTIALS, DISABLED }

    private final Optional<byte[]> secretDigest;
    private final List<String> identities;

    @Inject
    AdminAuthorizer(LifecycleConfig config) {
        this(config.adminSecret(), config.adminIdentities().orElse(List.of()));
    }

    AdminAuthorizer(Optional<String> secret, List<String> identities) {
        this.secretDigest = secret.filter(value -> !value.isBlank()).map(AdminAuthorizer::digest);
        this.identities = List.copyOf(identities);
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @param verifiedIdentity the caller's identity verified by mTLS (a SPIFFE ID), or null
     */
    public Verdict authorize(String authorization, String verifiedIdentity) {
        if (secretDigest.isEmpty() && identities.isEmpty()) {
            return Verdict.DISABLED;
        }
        if (verifiedIdentity != null && identities.contains(verifiedIdentity)) {
            return Verdict.ALLOWED;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return verifiedIdentity == null ? Verdict.NO_CREDENTIALS : Verdict.WRONG_CREDENTIALS;
        }
        // comparing digests keeps the comparison constant-time and independent of the secret's length
        byte[] presented = digest(authorization.substring(7).trim());
        return secretDigest.isPresent() && MessageDigest.isEqual(secretDigest.get(), presented)
                ? Verdict.ALLOWED : Verdict.WRONG_CREDENTIALS;
    }

    private static byte[] digest(String secret) {
        return DirectoryFingerprint.sha256().digest(secret.getBytes(StandardCharsets.UTF_8));
    }
}
