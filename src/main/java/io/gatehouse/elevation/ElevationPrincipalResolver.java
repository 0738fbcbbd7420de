package io.gatehouse.elevation;

import io.gatehouse.identity.VerifiedPrincipal;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;

/** Who is calling the elevation endpoints: {@link CallerPrincipalResolver} in the service. */
public interface ElevationPrincipalResolver {

    /** The verified caller, or empty when the request proves no identity (answered with 401). */
    Optional<VerifiedPrincipal> resolve(HttpHeaders headers, HttpServerRequest request);

    /** The bearer credential the request carries, which the proof must hash in {@code ath}; null if none. */
    default String accessToken(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return null;
        }
        for (String scheme : new String[] {"Bearer ", "DPoP "}) {
            if (authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return authorization.substring(scheme.length()).trim();
            }
        }
        return null;
    }
}
