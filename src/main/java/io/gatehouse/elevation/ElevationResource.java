package io.gatehouse.elevation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.VerifiedPrincipal;
import io.gatehouse.replay.HttpRequestInfo;
import io.gatehouse.replay.ProofException;
import io.gatehouse.replay.ReplayGuard;
import io.gatehouse.replay.ReplayVerdict;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;

/**
 * {@code /v1/elevations}: request, approve and revoke temporary elevations. Every call needs a verified caller and,
 * since each changes who may do what, a fresh proof ({@code Gatehouse-Proof} or {@code DPoP} header).
 */
@Path("/v1/elevations")
@Produces(MediaType.APPLICATION_JSON)
public class ElevationResource {

    private final ElevationService elevations;
    private final ElevationPrincipalResolver principals;
    private final ReplayGuard replay;
    private final Clock clock;

    public ElevationResource(ElevationService elevations, ElevationPrincipalResolver principals, ReplayGuard replay,
            Clock clock) {
        this.elevations = elevations;
        this.principals = principals;
        this.replay = replay;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(ElevationRequest body, @Context HttpHeaders headers, @Context UriInfo uri,
            @Context HttpServerRequest http) throws ElevationException {
        VerifiedPrincipal principal = privilegedCaller("POST", headers, uri, http);
        Elevation elevation = elevations.request(principal, body, context(headers, http));
        return Response.status(Response.Status.CREATED)
                .location(uri.getAbsolutePathBuilder().path(elevation.id()).build())
                .entity(view(elevation)).build();
    }

    @POST
    @Path("{id}/approve")
    public ObjectNode approve(@PathParam("id") String id, @Context HttpHeaders headers, @Context UriInfo uri,
            @Context HttpServerRequest http) throws ElevationException {
        VerifiedPrincipal approver = privilegedCaller("POST", headers, uri, http);
        return view(elevations.approve(approver, id, context(headers, http)));
    }

    @DELETE
    @Path("{id}")
    public ObjectNode revoke(@PathParam("id") String id, @Context HttpHeaders headers, @Context UriInfo uri,
            @Context HttpServerRequest http) throws ElevationException {
        VerifiedPrincipal revoker = privilegedCaller("DELETE", headers, uri, http);
        return view(elevations.revoke(revoker, id, context(headers, http)));
    }

    /** Reading an elevation needs a verified caller, who must be its requester or approver. */
    @GET
    @Path("{id}")
    public ObjectNode read(@PathParam("id") String id, @Context HttpHeaders headers, @Context HttpServerRequest http)
            throws ElevationException {
        VerifiedPrincipal caller = caller(headers, http);
        Elevation elevation = elevations.find(id)
                .filter(found -> caller.subject().equals(found.principal())
                        || caller.subject().equals(found.approvedBy()))
                .orElseThrow(() -> new ElevationException(404, "not_found", "no elevation '" + id + "'"));
        return view(elevation);
    }

    private VerifiedPrincipal privilegedCaller(String method, HttpHeaders headers, UriInfo uri,
            HttpServerRequest http) throws ElevationException {
        VerifiedPrincipal principal = caller(headers, http);
        HttpRequestInfo request = new HttpRequestInfo(method, uri.getRequestUri(), principals.accessToken(headers));
        String proof;
        try {
            proof = ReplayGuard.proofHeader(headers.getHeaderString(ReplayGuard.PROOF_HEADER),
                    headers.getHeaderString(ReplayGuard.DPOP_HEADER)).orElse(null);
        } catch (ProofException ambiguous) {
            throw new ProofRefusedException(new ReplayVerdict.Refused(ambiguous.reason(), ambiguous.getMessage()));
        }
        ReplayVerdict verdict = replay.check(request, proof, principal);
        if (verdict instanceof ReplayVerdict.Refused refused) {
            throw new ProofRefusedException(refused);
        }
        return principal;
    }

    private VerifiedPrincipal caller(HttpHeaders headers, HttpServerRequest http) throws ElevationException {
        return principals.resolve(headers, http).orElseThrow(() -> new ElevationException(401, "unauthenticated",
                "the caller is not authenticated: present a client certificate or a bearer token"));
    }

    private ObjectNode view(Elevation elevation) {
        return ElevationJson.view(elevation, clock.instant());
    }

    private static CallerContext context(HttpHeaders headers, HttpServerRequest http) {
        String correlation = headers.getHeaderString("traceparent");
        if (correlation == null) {
            correlation = headers.getHeaderString("X-Request-Id");
        }
        String address = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        return new CallerContext(address, correlation);
    }
}
