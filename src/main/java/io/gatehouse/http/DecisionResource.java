package io.gatehouse.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.decision.DecisionOutcome;
import io.gatehouse.decision.DecisionQuery;
import io.gatehouse.decision.DecisionService;
import io.gatehouse.decision.PolicyConfig;
import io.gatehouse.decision.RequestContext;
import io.gatehouse.engine.Decision;
import io.gatehouse.engine.Explanation;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** {@code POST /v1/decisions} and {@code POST /v1/decisions/batch}: the decision API. */
@Path("/v1/decisions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    static final String PACKAGE_PATTERN = "[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*";
    static final String REQUIRED = "is required";
    static final String NOT_A_PACKAGE = "must be a dotted package path such as payments.refunds";
    static final String NO_BODY = "a JSON body is required";
    static final String NO_QUERIES = "must hold at least one query";
    private static final Pattern PACKAGE_PATH = Pattern.compile(PACKAGE_PATTERN);

    private final DecisionService decisions;
    private final PolicyConfig config;
    private final RequestContexts contexts;
    private final DecisionCallers callers;

    DecisionResource(DecisionService decisions, PolicyConfig config, RequestContexts contexts,
            DecisionCallers callers) {
        this.decisions = decisions;
        this.config = config;
        this.contexts = contexts;
        this.callers = callers;
    }

    /**
     * A decision query. The constraint annotations document the record (the OpenAPI document is generated from
     * them); {@link #problems} checks them, and {@code DecisionResourceConstraintsTest} keeps the two in step.
     *
     * @param policy the entrypoint package
     * @param input the input document, a JSON object
     */
    public record DecisionRequest(
            @NotNull(message = REQUIRED)
            @jakarta.validation.constraints.Pattern(regexp = PACKAGE_PATTERN, message = NOT_A_PACKAGE)
            String policy,
            @NotNull(message = REQUIRED) JsonNode input,
            @JsonProperty("subject_token") String subjectToken) {

        /** The constraints this query breaks, each named by its field under {@code prefix}. */
        void problems(String prefix, List<Problem.FieldError> problems) {
            if (policy == null) {
                problems.add(new Problem.FieldError(prefix + "policy", REQUIRED));
            } else if (!PACKAGE_PATH.matcher(policy).matches()) {
                problems.add(new Problem.FieldError(prefix + "policy", NOT_A_PACKAGE));
            }
            if (input == null) {
                problems.add(new Problem.FieldError(prefix + "input", REQUIRED));
            }
        }
    }

    /** Many decision queries in one round trip; each is decided and audited on its own. */
    public record BatchRequest(@NotEmpty(message = NO_QUERIES) List<@Valid @NotNull DecisionRequest> queries) {

        /** The constraints this batch or one of its queries breaks, each named by its field. */
        void problems(List<Problem.FieldError> problems) {
            if (queries == null || queries.isEmpty()) {
                problems.add(new Problem.FieldError("queries", NO_QUERIES));
                return;
            }
            for (int index = 0; index < queries.size(); index++) {
                if (queries.get(index) == null) {
                    problems.add(new Problem.FieldError("queries[" + index + "]", "must not be null"));
                } else {
                    queries.get(index).problems("queries[" + index + "].", problems);
                }
            }
        }
    }

    /**
     * Fails with the problem of a body that is missing or breaks its record's constraints. Checked by hand rather than
     * by Hibernate Validator: the validator's start-up (its metadata for every constrained class) was about a tenth of
     * the time to ready for these few checks.
     */
    static void requireValid(DecisionRequest request) {
        requireBody(request);
        List<Problem.FieldError> problems = new ArrayList<>(2);
        request.problems("", problems);
        requireNone(problems);
    }

    static void requireValid(BatchRequest request) {
        requireBody(request);
        List<Problem.FieldError> problems = new ArrayList<>();
        request.problems(problems);
        requireNone(problems);
    }

    private static void requireBody(Object request) {
        if (request == null) {
            throw new ProblemException(ProblemMappers.invalid("request", NO_BODY));
        }
    }

    private static void requireNone(List<Problem.FieldError> problems) {
        if (!problems.isEmpty()) {
            throw new ProblemException(ProblemMappers.invalid(problems));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DecisionResponse(
            @JsonProperty("decision_id") String decisionId,
            boolean allow,
            List<String> reasons,
            JsonNode obligations,
            String revision,
            String error,
            Explanation explanation) {

        static DecisionResponse of(DecisionOutcome outcome) {
            Decision decision = outcome.decision();
            return new DecisionResponse(outcome.decisionId(), decision.allowed(), decision.reasons(),
                    DecisionService.obligationsJson(decision), decision.revision(), decision.error(),
                    decision.explanation());
        }
    }

    public record BatchResponse(List<DecisionResponse> results) {
    }

    @POST
    public DecisionResponse decide(
            DecisionRequest request,
            @QueryParam("explain") @DefaultValue("false") boolean explain,
            @Context HttpServerRequest http, @Context UriInfo uri) {
        requireValid(request);
        requireObject(request.input(), "input");
        return DecisionResponse.of(decideOne(request, explain, http, uri, contexts.of(http)));
    }

    @POST
    @Path("/batch")
    public BatchResponse batch(
            BatchRequest request,
            @QueryParam("explain") @DefaultValue("false") boolean explain,
            @Context HttpServerRequest http, @Context UriInfo uri) {
        requireValid(request);
        if (request.queries().size() > config.maxBatchSize()) {
            throw new ProblemException(Problem.of(413, "batch-too-large", "Batch too large",
                    "batch of " + request.queries().size() + " queries exceeds the limit of " + config.maxBatchSize(),
                    List.of(new Problem.FieldError("queries", "at most " + config.maxBatchSize() + " queries"))));
        }
        for (int index = 0; index < request.queries().size(); index++) {
            requireObject(request.queries().get(index).input(), "queries[" + index + "].input");
        }
        RequestContext context = contexts.of(http);
        List<DecisionResponse> results = new ArrayList<>(request.queries().size());
        for (DecisionRequest query : request.queries()) {
            results.add(DecisionResponse.of(decideOne(query, explain, http, uri, context)));
        }
        return new BatchResponse(results);
    }

    /**
     * One query through the decision path with verified identity. In a batch every query is decided on its own; a
     * privileged one needs the request's proof, whose nonce only the first privileged query can use.
     */
    private DecisionOutcome decideOne(
            DecisionRequest request, boolean explain, HttpServerRequest http, UriInfo uri, RequestContext context) {
        DecisionCallers.Callers parties = callers.resolve(http, request.subjectToken());
        return decideOne(decisions, callers, parties, request, explain, http, uri::getRequestUri, context);
    }

    /** The decision of one query whose parties are resolved; the thread waits for the audit record. */
    static DecisionOutcome decideOne(DecisionService decisions, DecisionCallers callers,
            DecisionCallers.Callers parties, DecisionRequest request, boolean explain, HttpServerRequest http,
            Supplier<URI> uri, RequestContext context) {
        DecisionQuery query = callers.query(parties, request.policy(), request.input(), explain, context);
        if (parties.rejection() != null) {
            return decisions.refuseUnverified(query, parties.rejection());
        }
        return decisions.decide(query, callers.privilegeGate(http, uri, parties));
    }

    static void requireObject(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new ProblemException(Problem.badRequest(field,
                    field + " must be a JSON object, got " + node.getNodeType().name().toLowerCase()));
        }
    }
}
