package io.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.decision.DecisionQuery;
import io.gatehouse.decision.DecisionService;
import io.gatehouse.decision.RequestContext;
import io.gatehouse.elevation.ElevationService;
import io.gatehouse.identity.CallerIdentity;
import io.gatehouse.identity.CredentialRejectedException;
import io.gatehouse.identity.VerifiedPrincipal;
import io.gatehouse.replay.HttpRequestInfo;
import io.gatehouse.replay.ReplayGuard;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who is asking, for a decision query: verified identity only, never the body's word.
 *
 * <p>The querying service is the peer, from its mTLS client certificate. The original caller (the principal) is,
 * in this order: the token the querying service forwards in the body's {@code subject_token}; the client
 * certificate a listed sidecar forwards in a header; the bearer token in {@code Authorization} when the caller asks
 * for itself. A credential that is present but does not verify makes the decision a deny naming the failed step.
 */
@ApplicationScoped
public class DecisionCallers {

    private final CallerIdentity identity;
    private final ElevationService elevations;
    private final ReplayGuard replay;

    DecisionCallers(CallerIdentity identity, ElevationService elevations, ReplayGuard replay) {
        this.identity = identity;
        this.elevations = elevations;
        this.replay = replay;
    }

    /**
     * The verified parties of one query, or the reason a presented credential was refused.
     *
     * @param principal the original caller, or null
     * @param peer the querying service, or null
     * @param rejection why a credential was refused, or null
     */
    public record Callers(VerifiedPrincipal principal, VerifiedPrincipal peer, String rejection) {
    }

    public Callers resolve(HttpServerRequest http, String subjectToken) {
        VerifiedPrincipal peer;
        try {
            peer = identity.fromPeerCertificate(http).orElse(null);
        } catch (CredentialRejectedException rejected) {
            return new Callers(null, null, "client certificate rejected: " + rejected.getMessage());
        }
        try {
            Optional<VerifiedPrincipal> principal = identity.fromBearer(subjectToken);
            if (principal.isEmpty()) {
                principal = identity.fromForwardedCertificate(http, peer);
            }
            if (principal.isEmpty()) {
                principal = identity.fromBearer(http.getHeader("Authorization"));
            }
            return new Callers(principal.orElse(null), peer, null);
        } catch (CredentialRejectedException rejected) {
            return new Callers(null, peer, "credential rejected: " + rejected.getMessage());
        }
    }

    /** The principal's active elevation for the input's operation and resource, as policies see it. */
    public JsonNode elevation(VerifiedPrincipal principal, JsonNode input) {
        JsonNode operation = input.get("operation");
        if (principal == null || operation == null || !operation.isTextual()) {
            return null;
        }
        return elevations.activeFor(principal, operation.textValue(), input.get("resource")).orElse(null);
    }

    /**
     * The gate a privileged decision passes: the request must carry a fresh proof, bound to the caller, whose nonce
     * was never used before.
     */
    public DecisionService.PrivilegeGate privilegeGate(HttpServerRequest http, Supplier<URI> uri, Callers callers) {
        VerifiedPrincipal caller = callers.principal() != null ? callers.principal() : callers.peer();
        // the request's URI is built only for a privileged decision; most decisions never ask the gate
        return () -> replay.refusal(http.getHeader(ReplayGuard.PROOF_HEADER), http.getHeader(ReplayGuard.DPOP_HEADER),
                new HttpRequestInfo(http.method().name(), uri.get(), bearer(http)), caller);
    }

    /**
     * The query a request asks, with its verified parties and, unless a credential was refused, the principal's
     * active elevation.
     */
    public DecisionQuery query(Callers callers, String policy, JsonNode input, boolean explain,
            RequestContext context) {
        if (callers.rejection() != null) {
            return new DecisionQuery(policy, input, null, callers.peer(), null, explain, context);
        }
        return new DecisionQuery(policy, input, callers.principal(), callers.peer(),
                elevation(callers.principal(), input), explain, context);
    }

    private static String bearer(HttpServerRequest http) {
        String authorization = http.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }
}
