package io.gatehouse.elevation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.replay.ReplayReason;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Refusals as RFC 9457 problem details: a stable {@code code}, a lowercase {@code detail}, the policy's reasons. */
public class ElevationProblems {

    static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response elevation(ElevationException refused) {
        ObjectNode problem = problem(refused.status(), refused.code(), refused.getMessage());
        refused.reasons().forEach(problem.withArray("reasons")::add);
        return Response.status(refused.status()).type(PROBLEM_JSON).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response proof(ProofRefusedException refused) {
        ReplayReason reason = refused.verdict().reason();
        boolean storeTrouble = reason == ReplayReason.STORE_FULL || reason == ReplayReason.UNAVAILABLE;
        int status = storeTrouble ? 503 : 401;
        ObjectNode problem = problem(status, "proof_" + reason.label(), refused.getMessage());
        Response.ResponseBuilder response = Response.status(status).type(PROBLEM_JSON).entity(problem);
        if (!storeTrouble) {
            response.header("WWW-Authenticate", "DPoP error=\"invalid_dpop_proof\", algs=\"ES256 EdDSA\"");
        }
        return response.build();
    }

    private static ObjectNode problem(int status, String code, String detail) {
        ObjectNode problem = JsonNodeFactory.instance.objectNode();
        problem.put("type", "https://gatehouse.dev/problems/" + code.replace('_', '-'));
        problem.put("title", Response.Status.fromStatusCode(status) == null
                ? "error" : Response.Status.fromStatusCode(status).getReasonPhrase());
        problem.put("status", status);
        problem.put("code", code);
        problem.put("detail", detail);
        return problem;
    }
}
