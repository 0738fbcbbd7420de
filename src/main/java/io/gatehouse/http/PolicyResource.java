package io.gatehouse.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gatehouse.decision.RevisionHolder;
import io.gatehouse.engine.Diagnostic;
import io.gatehouse.engine.PrivilegedOperation;
import io.gatehouse.engine.Revision;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /v1/policies} and {@code GET /v1/catalog}: what this node decides with. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private final RevisionHolder revisions;

    PolicyResource(RevisionHolder revisions) {
        this.revisions = revisions;
    }

    public record PoliciesResponse(String revision, List<String> packages, List<String> warnings) {
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
        Revision revision = current();
        return new PoliciesResponse(revision.id(), revision.packages(),
                revision.warnings().stream().map(Diagnostic::format).toList());
    }

    @GET
    @Path("/catalog")
    public CatalogResponse catalog() {
        Revision revision = current();
        return new CatalogResponse(revision.id(), revision.catalog().stream().map(CatalogEntry::of).toList());
    }

    private Revision current() {
        return revisions.current().orElseThrow(() -> new ProblemException(Problem.of(503, "no-revision",
                "No policy revision", "no policy revision is loaded", List.of())));
    }
}
