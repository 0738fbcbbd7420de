package io.gatehouse.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every request error into an RFC 9457 problem detail that names the offending field. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException exception) {
        return exception.problem().toResponse();
    }

    /** The problem of a request that binds but breaks its constraints, errors sorted by field. */
    static Problem invalid(List<Problem.FieldError> errors) {
        List<Problem.FieldError> sorted = errors.stream()
                .sorted(Comparator.comparing(Problem.FieldError::field)).collect(Collectors.toList());
        String detail = sorted.stream().map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; "));
        return Problem.of(400, "invalid-request", "Invalid request", detail, sorted);
    }

    /** The problem of one broken constraint, as {@link #invalid(List)} words it. */
    static Problem invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException exception) {
        return unreadableProblem(exception).toResponse();
    }

    /** The problem of a body that does not parse or bind; the JAX-RS mapper and the fast route share it. */
    static Problem unreadableProblem(JsonProcessingException exception) {
        if (exception instanceof StreamConstraintsException limit) {
            return Problem.of(400, "limit-exceeded", "Request exceeds a limit", firstLine(limit.getOriginalMessage()),
                    List.of(new Problem.FieldError("/", firstLine(limit.getOriginalMessage()))));
        }
        String field = exception instanceof JsonMappingException mapping ? pointerOf(mapping) : "/";
        String detail = "malformed JSON" + where(exception) + ": " + plain(exception.getOriginalMessage());
        return Problem.of(400, "malformed-json", "Malformed JSON", detail,
                List.of(new Problem.FieldError(field, detail)));
    }

    // quarkus-rest-jackson maps these two itself with an empty body; the more specific mappers here take precedence

    @ServerExceptionMapper
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException exception) {
        return unreadable(exception);
    }

    @ServerExceptionMapper
    public Response unparsable(com.fasterxml.jackson.core.JsonParseException exception) {
        return unreadable(exception);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        Throwable cause = exception.getCause();
        if (cause instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        String detail = exception.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : exception.getMessage();
        return Problem.of(status, "http-" + status, reasonPhrase(status), detail, List.of()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException exception) {
        if (exception instanceof IllegalArgumentException && fromFormDecoding(exception)) {
            String detail = "malformed form body: " + exception.getMessage();
            return Problem.of(400, "malformed-form", "Malformed form body", detail,
                    List.of(new Problem.FieldError("/", detail))).toResponse();
        }
        return unexpectedProblem(exception).toResponse();
    }

    /** Logs an error no mapper expects and gives the problem that hides its details from the caller. */
    static Problem unexpectedProblem(Throwable exception) {
        LOG.error("unexpected error while handling a request", exception);
        return Problem.of(500, "internal-error", "Internal error", "the request could not be handled", List.of());
    }

    /** A form body with broken percent-encoding fails inside the JDK's decoder before any resource runs. */
    private static boolean fromFormDecoding(Throwable exception) {
        for (StackTraceElement frame : exception.getStackTrace()) {
            if (frame.getClassName().equals("java.net.URLDecoder")) {
                return true;
            }
        }
        return false;
    }

    private static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }

    private static String pointerOf(JsonMappingException mapping) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            pointer.append('/');
            pointer.append(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
        }
        return pointer.length() == 0 ? "/" : pointer.toString();
    }

    private static String where(JsonProcessingException exception) {
        if (exception.getLocation() == null || exception.getLocation().getLineNr() < 1) {
            return "";
        }
        return " at line " + exception.getLocation().getLineNr() + ", column " + exception.getLocation().getColumnNr();
    }

    /** Jackson's message without its pointer to the parser's internal source description. */
    private static String plain(String message) {
        String line = firstLine(message);
        int marker = line.indexOf(" (start marker at");
        return marker < 0 ? line : line.substring(0, marker);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable body";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
