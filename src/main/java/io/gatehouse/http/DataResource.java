package io.gatehouse.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gatehouse.decision.RevisionHolder;
import io.gatehouse.engine.EvaluationException;
import io.gatehouse.engine.Revision;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/data/{path}}: the value of any rule or package, OPA style. An undefined value answers
 * {@code {}} with no {@code result}, so a client can tell undefined from false.
 */
@Path("/v1/data")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DataResource {

    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)*");

    private final RevisionHolder revisions;

    DataResource(RevisionHolder revisions) {
        this.revisions = revisions;
    }

    /** The query body; {@code input} is optional. */
    public record DataRequest(JsonNode input) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DataResponse(JsonNode result, String revision) {
    }

    @POST
    @Path("/{path: .+}")
    public DataResponse query(@PathParam("path") String path, DataRequest request) {
        if (!PATH.matcher(path).matches()) {
            throw new ProblemException(Problem.badRequest("path",
                    "path \"" + path + "\" must be rule or package names separated by '/'"));
        }
        Revision revision = revisions.current().orElseThrow(() -> new ProblemException(Problem.of(503,
                "no-revision", "No policy revision", "no policy revision is loaded", List.of())));
        JsonNode input = request == null || request.input() == null ? JsonNodeFactory.instance.objectNode()
                : request.input();
        try {
            Optional<Value> result = revision.query(path.replace('/', '.'), Values.fromJson(input));
            return new DataResponse(result.map(Values::toJson).orElse(null), revision.id());
        } catch (EvaluationException failed) {
            String where = failed.location() == null ? "" : failed.location() + ": ";
            throw new ProblemException(Problem.of(422, "evaluation-error", "Evaluation failed",
                    where + failed.getMessage(), List.of(new Problem.FieldError("path", failed.code()))));
        }
    }
}
