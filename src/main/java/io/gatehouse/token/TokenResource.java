package io.gatehouse.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditSink;
import io.gatehouse.audit.AuditUnavailableException;
import io.gatehouse.decision.RequestContext;
import io.gatehouse.http.RequestContexts;
import io.gatehouse.identity.CallerIdentity;
import io.gatehouse.identity.CredentialRejectedException;
import io.gatehouse.identity.JwtVerifier;
import io.gatehouse.identity.VerifiedPrincipal;
import io.gatehouse.identity.VerifiedToken;
import io.gatehouse.replay.HttpRequestInfo;
import io.gatehouse.replay.ReplayGuard;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/** {@code POST /oauth2/token} (RFC 8693 token exchange) and {@code POST /oauth2/revoke} (RFC 7009). */
@Path("/oauth2")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    private static final Logger LOG = Logger.getLogger(TokenResource.class);
    /** RFC 6749 section 3.2: parameters other than these must not repeat. */
    private static final Set<String> REPEATABLE = Set.of("audience", "resource");

    private final TokenExchange exchange;
    private final CallerIdentity identity;
    private final JwtVerifier verifier;
    private final RevocationList revocations;
    private final TokenMetrics metrics;
    private final RequestContexts contexts;
    private final Instance<AuditSink> audit;
    private final Clock clock;
    private final ReplayGuard replay;

    TokenResource(TokenExchange exchange, CallerIdentity identity, JwtVerifier verifier, RevocationList revocations,
            TokenMetrics metrics, RequestContexts contexts, Instance<AuditSink> audit, Clock clock,
            ReplayGuard replay) {
        this.replay = replay;
        this.exchange = exchange;
        this.identity = identity;
        this.verifier = verifier;
        this.revocations = revocations;
        this.metrics = metrics;
        this.contexts = contexts;
        this.audit = audit;
        this.clock = clock;
    }

    /** RFC 8693 section 2.2.1 success response. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("issued_token_type") String issuedTokenType,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn,
            String scope) {
    }

    /** RFC 6749 section 5.2 error response. */
    public record ErrorResponse(String error, @JsonProperty("error_description") String description) {
    }

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(MultivaluedMap<String, String> form, @Context HttpServerRequest http,
            @Context UriInfo uri) {
        RequestContext context = contexts.of(http);
        ExchangeResult result;
        try {
            checkNoRepeats(form);
            VerifiedPrincipal peer = identity.fromPeerCertificate(http).orElse(null);
            result = exchange.exchange(request(form), peer, context, caller -> proofRefusal(http, uri, caller));
        } catch (CredentialRejectedException e) {
            result = new ExchangeResult.Refused("invalid_client", "client certificate rejected: " + e.getMessage(),
                    e.reason().code(), 401);
        } catch (IllegalArgumentException e) {
            result = new ExchangeResult.Refused("invalid_request", e.getMessage(), "invalid_request", 400);
        }
        return respond(result);
    }

    /**
     * A privileged exchange carries a fresh proof (header {@code Gatehouse-Proof} or {@code DPoP}) bound to the caller
     * the exchange identifies; its nonce is used once. Empty when the proof holds, else why it does not.
     */
    private Optional<String> proofRefusal(HttpServerRequest http, UriInfo uri, VerifiedPrincipal caller) {
        return replay.refusal(http.getHeader(ReplayGuard.PROOF_HEADER), http.getHeader(ReplayGuard.DPOP_HEADER),
                new HttpRequestInfo("POST", uri.getRequestUri(), null), caller);
    }

    private static void checkNoRepeats(MultivaluedMap<String, String> form) {
        form.forEach((name, values) -> {
            if (values.size() > 1 && !REPEATABLE.contains(name)) {
                throw new IllegalArgumentException("parameter " + name + " is sent more than once");
            }
        });
    }

    private static ExchangeRequest request(MultivaluedMap<String, String> form) {
        return new ExchangeRequest(form.getFirst("grant_type"), form.getFirst("subject_token"),
                form.getFirst("subject_token_type"), form.getFirst("actor_token"), form.getFirst("actor_token_type"),
                form.get("audience"), form.get("resource"), form.getFirst("scope"),
                form.getFirst("requested_token_type"));
    }

    private Response respond(ExchangeResult result) {
        if (result instanceof ExchangeResult.Issued issued) {
            metrics.issued();
            TokenResponse body = new TokenResponse(issued.accessToken(), issued.issuedTokenType(),
                    issued.tokenType(), issued.expiresIn(), issued.scopeNarrowed() ? issued.scope() : null);
            return noStore(Response.ok(body)).build();
        }
        ExchangeResult.Refused refused = (ExchangeResult.Refused) result;
        metrics.refused(refused.reason());
        LOG.debugf("token exchange refused: %s (%s)", refused.error(), refused.reason());
        return error(refused.status(), refused.error(), refused.description());
    }

    /**
     * RFC 7009: revokes one of Gatehouse's own tokens. Holding the token is the proof: revoking only takes access
     * away. An invalid, expired or foreign token is answered 200 like a successful revocation, as the RFC asks.
     */
    @POST
    @Path("/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(MultivaluedMap<String, String> form, @Context HttpServerRequest http) {
        String token = form.getFirst("token");
        if (token == null || token.isBlank() || form.get("token").size() > 1) {
            return error(400, "invalid_request", "exactly one token parameter is required");
        }
        try {
            VerifiedToken verified = verifier.verifyForRevocation(token);
            revocations.revoke(verified.jti(), verified.expiresAt());
            recordRevocation(verified, contexts.of(http));
        } catch (CredentialRejectedException e) {
            LOG.debugf("revocation of an unverifiable token ignored: %s", e.reason().code());
        } catch (IOException e) {
            LOG.errorf("revocation list cannot be written: %s", e.getMessage());
            return error(503, "temporarily_unavailable", "the revocation could not be stored");
        }
        return noStore(Response.ok()).build();
    }

    private void recordRevocation(VerifiedToken token, RequestContext context) {
        if (!audit.isResolvable()) {
            return;
        }
        try {
            audit.get().record(new AuditEvent("token.revoked", UUID.randomUUID().toString(), clock.instant(),
                    token.principal().subject(), null, "token.revoke", null, "revoked", List.of(), List.of(), null,
                    null, context.callerAddress(), context.correlationId(), null, true,
                    Map.of("jti", token.jti(), "expires_at", token.expiresAt().toString())));
        } catch (AuditUnavailableException e) {
            // the revocation is already durable; losing its audit record must not undo it
            LOG.warnf("revocation of %s could not be audited: %s", token.jti(), e.getMessage());
        }
    }

    private static Response error(int status, String error, String description) {
        return noStore(Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorResponse(error, description))).build();
    }

    private static Response.ResponseBuilder noStore(Response.ResponseBuilder builder) {
        return builder.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }
}
