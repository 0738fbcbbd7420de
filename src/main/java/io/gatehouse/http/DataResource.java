package io.gatehouse.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gatehouse.decision.DecisionQuery;
import io.gatehouse.decision.DecisionService;
import io.gatehouse.value.Values;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/data/{path}}: the value of any rule or package, OPA style. An undefined value answers
 * {@code {}} with no {@code result}, so a client can tell undefined from false.
 *
 * <p>The input is treated exactly as a decision's: reserved parts hold only verified identity, a privileged
 * operation needs a fresh proof, and every query is audited. Only rules answer; data documents are never handed
 * out whole.
 */
@Path("/v1/data")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DataResource {

    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)*");

    private final DecisionService decisions;
    private final DecisionCallers callers;
    private final RequestContexts contexts;

    DataResource(DecisionService decisions, DecisionCallers callers, RequestContexts contexts) {
        this.decisions = decisions;
        this.callers = callers;
        this.contexts = contexts;
    }

    /** The query body; {@code input} is optional, {@code subject_token} is the original caller's credential. */
    public record DataRequest(JsonNode input, @JsonProperty("subject_token") String subjectToken) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DataResponse(JsonNode result, String revision) {
    }

    @POST
    @Path("/{path: .+}")
    public DataResponse query(@PathParam("path") String path, DataRequest request,
            @Context HttpServerRequest http, @Context UriInfo uri) {
        if (!PATH.matcher(path).matches()) {
            throw new ProblemException(Problem.badRequest("path",
                    "path \"" + path + "\" must be rule or package names separated by '/'"));
        }
        JsonNode input = request == null || request.input() == null ? JsonNodeFactory.instance.objectNode()
                : request.input();
        DecisionResource.requireObject(input, "input");
        DecisionCallers.Callers parties = callers.resolve(http, request == null ? null : request.subjectToken());
        if (parties.rejection() != null) {
            throw new ProblemException(Problem.of(401, "credential-rejected", "Credential rejected",
                    parties.rejection(), List.of(new Problem.FieldError("subject_token", parties.rejection()))));
        }
        DecisionQuery query = new DecisionQuery(path.replace('/', '.'), input, parties.principal(), parties.peer(),
                callers.elevation(parties.principal(), input), false, contexts.of(http));
        try {
            DecisionService.DataOutcome outcome = decisions.evaluate(path.replace('/', '.'), query,
                    callers.privilegeGate(http, uri::getRequestUri, parties));
            return new DataResponse(outcome.result().map(Values::toJson).orElse(null), outcome.revision());
        } catch (DecisionService.DataQueryException refused) {
            throw new ProblemException(Problem.of(refused.status(), "data-query-refused", "Query refused",
                    refused.getMessage(), List.of(new Problem.FieldError("path", refused.getMessage()))));
        }
    }
}
