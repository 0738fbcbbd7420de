package io.gatehouse.elevation;

import io.gatehouse.identity.CallerIdentity;
import io.gatehouse.identity.CredentialRejectedException;
import io.gatehouse.identity.VerifiedPrincipal;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The elevation endpoints' caller, from the identity layer: this connection's mTLS client certificate first, then a
 * bearer token verified by the configured issuers. Development principals configured under
 * {@code gatehouse.elevation.static-principals} are recognised by their token hash before any JWT verification; none
 * are configured by default.
 */
@Singleton
public class CallerPrincipalResolver implements ElevationPrincipalResolver {

    private static final Logger LOG = Logger.getLogger(CallerPrincipalResolver.class);

    private final CallerIdentity identity;
    private final StaticTokenPrincipalResolver development;

    public CallerPrincipalResolver(CallerIdentity identity, ElevationConfig config) {
        this.identity = identity;
        this.development = new StaticTokenPrincipalResolver(config.staticPrincipals());
        if (!development.isEmpty()) {
            LOG.warn("elevation endpoints accept static development principals from gatehouse.elevation."
                    + "static-principals; remove them outside development");
        }
    }

    @Override
    public Optional<VerifiedPrincipal> resolve(HttpHeaders headers, HttpServerRequest request) {
        try {
            Optional<VerifiedPrincipal> peer = identity.fromPeerCertificate(request);
            if (peer.isPresent()) {
                return peer;
            }
            Optional<VerifiedPrincipal> configured = development.resolve(headers, request);
            if (configured.isPresent()) {
                return configured;
            }
            String token = accessToken(headers);
            return token == null ? Optional.empty() : identity.fromBearer(token);
        } catch (CredentialRejectedException rejected) {
            LOG.debugf("elevation caller rejected: %s", rejected.getMessage());
            return Optional.empty();
        }
    }
}
