package io.gatehouse.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code errors} names each offending field of the request, so a client can tell which
 * part of its body to fix.
 *
 * @param type a URI identifying the problem type
 * @param title a short summary, the same for every occurrence of the type
 * @param status the HTTP status
 * @param detail what went wrong this time
 * @param errors one entry per offending field, possibly empty
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");
    private static final String TYPE_BASE = "https://gatehouse.dev/problems/";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * One offending field.
     *
     * @param field a JSON pointer or dotted path into the request, e.g. {@code /input} or {@code policy}
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String slug, String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + slug, title, status, detail, errors);
    }

    public static Problem badRequest(String field, String detail) {
        return of(400, "invalid-request", "Invalid request", detail, List.of(new FieldError(field, detail)));
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
