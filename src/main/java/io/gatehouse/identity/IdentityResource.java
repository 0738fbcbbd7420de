package io.gatehouse.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code GET /v1/whoami}: what Gatehouse verified about this request, resolved as for a decision
 * ({@link CallerIdentity#resolve}): {@code peer} from the mTLS client certificate, {@code principal} from a
 * certificate a trusted sidecar forwarded or else the {@code Authorization} bearer token. For wiring checks of
 * sidecars and clients; it shows a caller nothing but its own identity.
 */
@Path("/v1/whoami")
@Produces(MediaType.APPLICATION_JSON)
public class IdentityResource {

    private final CallerIdentity identity;

    IdentityResource(CallerIdentity identity) {
        this.identity = identity;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WhoAmI(VerifiedPrincipal peer, VerifiedPrincipal principal) {
    }

    @GET
    public Response whoami(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpServerRequest request) {
        try {
            CallerIdentity.Callers callers = identity.resolve(request, authorization);
            return Response.ok(new WhoAmI(callers.peer(), callers.principal())).build();
        } catch (CredentialRejectedException e) {
            return Response.status(401).type("application/problem+json").entity(Map.of(
                    "type", "https://gatehouse.dev/problems/credential-rejected",
                    "title", "Credential rejected", "status", 401, "detail", e.getMessage(),
                    "reason", e.reason().code())).build();
        }
    }
}
