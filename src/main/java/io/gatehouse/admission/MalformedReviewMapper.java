package io.gatehouse.admission;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers an unanswerable review with an RFC 9457 problem detail that names the offending field. */
@Provider
public class MalformedReviewMapper implements ExceptionMapper<MalformedReviewException> {

    static final String PROBLEM_TYPE = "urn:gatehouse:problem:malformed-admission-review";

    @Override
    public Response toResponse(MalformedReviewException exception) {
        ObjectNode problem = JsonNodeFactory.instance.objectNode();
        problem.put("type", PROBLEM_TYPE);
        problem.put("title", "malformed admission review");
        problem.put("status", 400);
        problem.put("detail", exception.getMessage());
        problem.put("field", exception.field());
        return Response.status(400).type("application/problem+json").entity(problem).build();
    }
}
