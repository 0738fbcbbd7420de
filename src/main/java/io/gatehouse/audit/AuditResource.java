package io.gatehouse.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.http.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * The audit log's read side: the newest signed checkpoint, inclusion proofs by decision id, consistency proofs
 * between tree sizes, and the public key that verifies them all.
 */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditService audit;

    /** The newest signed checkpoint; one is signed first when records arrived since the last. */
    @GET
    @Path("/checkpoint")
    public Response checkpoint() {
        try {
            Optional<Checkpoint> latest = audit.log().latestCheckpoint();
            Checkpoint checkpoint = latest.isPresent() && latest.get().treeSize() == audit.log().treeSize()
                    ? latest.get() : audit.log().checkpointNow();
            return Response.ok(checkpoint.toJson()).build();
        } catch (AuditUnavailableException unavailable) {
            return unavailable(unavailable);
        }
    }

    /** The record of a decision or event, its leaf index and its inclusion proof against a signed checkpoint. */
    @GET
    @Path("/proof/{decision_id}")
    public Response proof(@PathParam("decision_id") String decisionId) {
        try {
            Optional<InclusionProof> proof = audit.log().inclusionProof(decisionId);
            if (proof.isEmpty()) {
                return problem(404, "audit-record-not-found", "Audit record not found",
                        "no audit record has the id '" + decisionId + "'");
            }
            ObjectNode json = proof.get().toJson();
            json.put("decision_id", decisionId);
            return Response.ok(json).build();
        } catch (AuditUnavailableException unavailable) {
            return unavailable(unavailable);
        }
    }

    /** The consistency proof between the trees of {@code from} and {@code to} records. */
    @GET
    @Path("/consistency")
    public Response consistency(@QueryParam("from") Long from, @QueryParam("to") Long to) {
        if (from == null || to == null) {
            return problem(400, "invalid-request", "Invalid request",
                    "query parameters 'from' and 'to' (tree sizes) are required");
        }
        ConsistencyProof proof;
        try {
            proof = audit.log().consistencyProof(from, to);
        } catch (IllegalArgumentException outOfRange) {
            return problem(400, "invalid-request", "Invalid request", outOfRange.getMessage());
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("from", proof.fromSize());
        json.put("to", proof.toSize());
        json.put("from_root", Hashes.base64(proof.fromRoot()));
        json.put("to_root", Hashes.base64(proof.toRoot()));
        var hashes = json.putArray("hashes");
        proof.hashes().forEach(hash -> hashes.add(Hashes.base64(hash)));
        json.set("from_checkpoint", proof.fromCheckpoint() == null ? null : proof.fromCheckpoint().toJson());
        json.set("to_checkpoint", proof.toCheckpoint() == null ? null : proof.toCheckpoint().toJson());
        return Response.ok(json).build();
    }

    /** The audit public key (SubjectPublicKeyInfo PEM) that verifies checkpoints; {@code verify-audit} takes it. */
    @GET
    @Path("/public-key")
    @Produces("application/x-pem-file")
    public Response publicKey() {
        return Response.ok(audit.log().publicKeyPem()).header("X-Audit-Key-Id", audit.log().keyId()).build();
    }

    private static Response unavailable(AuditUnavailableException cause) {
        return problem(503, "audit-unavailable", "Audit log unavailable", cause.getMessage());
    }

    private static Response problem(int status, String slug, String title, String detail) {
        return Problem.of(status, slug, title, detail, List.of()).toResponse();
    }
}
