package io.gatehouse.replay;

import io.gatehouse.identity.VerifiedPrincipal;
import java.util.Map;
import java.util.Optional;

/**
 * How a proof key relates to the caller's identity.
 *
 * <ul>
 *   <li>A credential that names a key ({@code cnf.jkt} among the principal's claims, as RFC 9449 binds access tokens)
 *   is honoured: the proof must be signed by exactly that key.
 *   <li>A caller authenticated by mTLS ({@code x509-svid}) already proved possession of its private key in the TLS
 *   handshake; the proof adds freshness and binds the request, and its key need not be the certificate's.
 *   <li>Any other caller holds a bearer credential that anyone who copied it could present. Its proof key must be
 *   bound through {@code cnf.jkt}, or the request is refused, unless {@code gatehouse.replay.require-bound-bearer}
 *   is off, which makes the proof a freshness check only.
 * </ul>
 */
public final class ProofKeyBinding {

    static final String MTLS_KIND = "x509-svid";

    private ProofKeyBinding() {
    }

    /** Empty when the proof key may speak for the principal, else why not. */
    public static Optional<String> check(VerifiedPrincipal principal, String keyThumbprint, boolean requireBound) {
        if (principal == null) {
            return Optional.of("privileged requests need an authenticated caller to bind the proof to");
        }
        Optional<String> boundKey = boundKey(principal);
        if (boundKey.isPresent()) {
            return boundKey.get().equals(keyThumbprint)
                    ? Optional.empty()
                    : Optional.of("proof key does not match the key the caller's credential is bound to (cnf.jkt)");
        }
        if (MTLS_KIND.equals(principal.kind()) || !requireBound) {
            return Optional.empty();
        }
        return Optional.of("caller's " + principal.kind() + " credential is not bound to a proof key (no cnf.jkt); "
                + "use mTLS or a key-bound token");
    }

    private static Optional<String> boundKey(VerifiedPrincipal principal) {
        Object confirmation = principal.claims().get("cnf");
        if (confirmation instanceof Map<?, ?> cnf && cnf.get("jkt") instanceof String jkt) {
            return Optional.of(jkt);
        }
        return Optional.empty();
    }
}
