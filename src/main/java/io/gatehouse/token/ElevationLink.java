package io.gatehouse.token;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.identity.VerifiedPrincipal;
import java.time.Instant;
import java.util.Optional;

/**
 * How the token exchange sees temporary elevation: a subject's active elevation for {@code token.exchange} on the
 * requested audience reaches the token policy at {@code input.elevation}, and a token issued under it is linked to
 * it, so that revoking the elevation revokes the token.
 */
public interface ElevationLink {

    /** No elevations: exchanges are decided on standing grants only. */
    ElevationLink NONE = new ElevationLink() {
        @Override
        public Optional<JsonNode> active(VerifiedPrincipal subject, String audience) {
            return Optional.empty();
        }

        @Override
        public void issuedUnder(String elevationId, String jti, Instant expiresAt) {
            throw new IllegalStateException("no elevation can be active without an elevation service");
        }
    };

    /** The subject's active elevation for {@code token.exchange} on {@code audience}, as policies see it. */
    Optional<JsonNode> active(VerifiedPrincipal subject, String audience);

    /**
     * Links a token to the elevation it was issued under. Must succeed before the token is handed out.
     *
     * @throws Exception when the link cannot be stored; the exchange is then refused
     */
    void issuedUnder(String elevationId, String jti, Instant expiresAt) throws Exception;
}
