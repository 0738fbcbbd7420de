package io.gatehouse.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.decision.RevisionHolder;
import io.gatehouse.decision.RevisionHolder.Activation;
import io.gatehouse.engine.Diagnostic;
import io.gatehouse.engine.PrivilegedOperation;
import io.gatehouse.engine.Revision;
import io.gatehouse.identity.CallerIdentity;
import io.gatehouse.identity.CredentialRejectedException;
import io.gatehouse.lifecycle.AdminAuthorizer;
import io.gatehouse.lifecycle.BundlePuller;
import io.gatehouse.lifecycle.LifecycleService;
import io.gatehouse.lifecycle.ReloadFailure;
import io.gatehouse.lifecycle.ReloadResult;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/policies} and {@code GET /v1/catalog}: what this node decides with; {@code POST /v1/policies/reload}
 * and {@code POST /v1/policies/rollback}: the admin side of the policy lifecycle.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RevisionHolder revisions;
    private final LifecycleService lifecycle;
    private final AdminAuthorizer admins;
    private final CallerIdentity callers;

    PolicyResource(RevisionHolder revisions, LifecycleService lifecycle, AdminAuthorizer admins,
            CallerIdentity callers) {
        this.revisions = revisions;
        this.lifecycle = lifecycle;
        this.admins = admins;
        this.callers = callers;
    }

    /**
     * The loaded revision. {@code history} lists the kept revisions, newest (the current one) first;
     * {@code last_reload_error} is the last refused reload or bundle since the last good one; {@code bundle} is
     * present on a sidecar only.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PoliciesResponse(
            String revision, List<String> packages, List<String> warnings, long sequence,
            @JsonProperty("activated_at") Instant activatedAt, String mode, List<HistoryEntry> history,
            @JsonProperty("last_reload_error") ReloadError lastReloadError, SidecarBundle bundle) {
    }

    public record HistoryEntry(String revision, @JsonProperty("activated_at") Instant activatedAt, long sequence) {

        static HistoryEntry of(Activation activation) {
            return new HistoryEntry(activation.revision().id(), activation.activatedAt(), activation.sequence());
        }
    }

    public record ReloadError(Instant time, String trigger, List<String> errors) {

        static ReloadError of(ReloadFailure failure) {
            return failure == null ? null : new ReloadError(failure.time(), failure.trigger(), failure.errors());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SidecarBundle(
            @JsonProperty("central_revision") String centralRevision, long sequence,
            @JsonProperty("last_pull") Instant lastPull) {
    }

    /** What a reload or rollback did: {@code activated} or {@code unchanged}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LifecycleResponse(String status, String revision, String previous) {

        static LifecycleResponse of(ReloadResult result) {
            return new LifecycleResponse(result.status().name().toLowerCase(java.util.Locale.ROOT), result.revision(),
                    result.previous());
        }
    }

    /** Body of a rollback; without {@code revision} it returns to the previous kept revision. */
    public record RollbackRequest(String revision) {
    }

    public record CatalogResponse(String revision, List<CatalogEntry> operations) {
    }

    public record CatalogEntry(
            String name, String owner, String risk, String description,
            @JsonProperty("package") String packageName, List<String> rules, String location) {

        static CatalogEntry of(PrivilegedOperation operation) {
            return new CatalogEntry(operation.name(), operation.owner(), operation.risk(), operation.description(),
                    operation.packageName(), operation.rules(), operation.location());
        }
    }

    @GET
    @Path("/policies")
    public PoliciesResponse policies() {
        Activation activation = revisions.currentActivation().orElseThrow(PolicyResource::noRevision);
        Revision revision = activation.revision();
        SidecarBundle bundle = lifecycle.sidecarStatus().map(PolicyResource::bundleOf).orElse(null);
        return new PoliciesResponse(revision.id(), revision.packages(),
                revision.warnings().stream().map(Diagnostic::format).toList(), activation.sequence(),
                activation.activatedAt(), lifecycle.isSidecar() ? "sidecar" : "central",
                revisions.history().stream().map(HistoryEntry::of).toList(),
                ReloadError.of(lifecycle.lastFailure().orElse(null)), bundle);
    }

    @POST
    @Path("/policies/reload")
    public Response reload(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpServerRequest http) {
        Response refused = authorize(authorization, http);
        if (refused != null) {
            return refused;
        }
        ReloadResult result = lifecycle.reload("admin");
        if (result.status() == ReloadResult.Status.REFUSED) {
            List<Problem.FieldError> errors = result.failure().errors().stream()
                    .map(error -> new Problem.FieldError(fieldOf(error), error)).toList();
            return Problem.of(422, "reload-refused", "Reload refused",
                    "the new policies were refused; revision " + result.revision() + " keeps serving", errors)
                    .toResponse();
        }
        return Response.ok(LifecycleResponse.of(result)).build();
    }

    @POST
    @Path("/policies/rollback")
    @Consumes(MediaType.WILDCARD)
    public Response rollback(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpServerRequest http, String body) {
        Response refused = authorize(authorization, http);
        if (refused != null) {
            return refused;
        }
        String target;
        try {
            target = body == null || body.isBlank() ? null : JSON.readValue(body, RollbackRequest.class).revision();
        } catch (JsonProcessingException malformed) {
            return Problem.badRequest("/", "malformed JSON: " + malformed.getOriginalMessage()).toResponse();
        }
        try {
            return Response.ok(LifecycleResponse.of(target == null || target.isBlank()
                    ? lifecycle.rollback() : lifecycle.rollbackTo(target))).build();
        } catch (IllegalStateException nothingKept) {
            return Problem.of(409, "nothing-to-roll-back", "Nothing to roll back to", nothingKept.getMessage(),
                    List.of()).toResponse();
        } catch (IllegalArgumentException unknown) {
            return Problem.of(404, "revision-not-kept", "Revision not kept", unknown.getMessage(),
                    List.of(new Problem.FieldError("revision", unknown.getMessage()))).toResponse();
        }
    }

    @GET
    @Path("/catalog")
    public CatalogResponse catalog() {
        Revision revision = revisions.current().orElseThrow(PolicyResource::noRevision);
        return new CatalogResponse(revision.id(), revision.catalog().stream().map(CatalogEntry::of).toList());
    }

    private Response authorize(String authorization, HttpServerRequest http) {
        AdminAuthorizer.Verdict verdict = admins.authorize(authorization, peerIdentity(http));
        return switch (verdict) {
            case ALLOWED -> null;
            case NO_CREDENTIALS -> Response.fromResponse(Problem.of(401, "unauthenticated", "Authentication required",
                    "admin endpoints need the admin bearer secret or an admin mTLS identity", List.of())
                    .toResponse()).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
            case WRONG_CREDENTIALS -> Problem.of(403, "forbidden", "Forbidden",
                    "the credentials presented are not an admin's", List.of()).toResponse();
            case DISABLED -> Problem.of(403, "admin-disabled", "Admin endpoints disabled",
                    "no admin is configured\n  hint: set gatehouse.lifecycle.admin-secret or admin-identities",
                    List.of()).toResponse();
        };
    }

    /**
     * The SPIFFE ID of the mTLS client certificate, verified by the identity layer against the configured trust
     * bundles; null without one. A certificate that does not verify counts as no identity.
     */
    private String peerIdentity(HttpServerRequest http) {
        try {
            return callers.fromPeerCertificate(http)
                    .map(principal -> principal.spiffeId() != null ? principal.spiffeId() : principal.subject())
                    .orElse(null);
        } catch (CredentialRejectedException rejected) {
            return null;
        }
    }

    private static SidecarBundle bundleOf(BundlePuller.Status status) {
        return new SidecarBundle(status.revision(), status.sequence(), status.lastPull());
    }

    /** The {@code file:line:column} prefix of a formatted diagnostic, or {@code policies} when there is none. */
    private static String fieldOf(String error) {
        int colon = error.indexOf(": ");
        return colon > 0 && error.substring(0, colon).matches(".+:\\d+:\\d+") ? error.substring(0, colon) : "policies";
    }

    private static ProblemException noRevision() {
        return new ProblemException(Problem.of(503, "no-revision", "No policy revision", "no policy revision is loaded",
                List.of()));
    }
}
