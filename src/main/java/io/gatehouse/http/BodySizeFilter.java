package io.gatehouse.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Refuses a body whose declared length is over the limit before it is read, with a problem detail. A body sent
 * without a length (chunked) is cut off by the HTTP server's own limit, set to the same size, with a bare 413.
 */
@ApplicationScoped
public class BodySizeFilter {

    private final HttpLimitsConfig limits;

    BodySizeFilter(HttpLimitsConfig limits) {
        this.limits = limits;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(this::limitBody);
    }

    private void limitBody(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && exceeds(declared)) {
            refuse(context.response(), "request body of " + declared + " bytes exceeds the limit of "
                    + limits.maxBodyBytes());
            return;
        }
        context.next();
    }

    /** Answers 413 with a problem detail and closes the connection, whose unread body is not worth reading. */
    static void refuse(HttpServerResponse response, String detail) {
        response.setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE.toString())
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(ProblemJson.write(Problem.of(413, "body-too-large", "Request body too large", detail,
                        List.of(new Problem.FieldError("/", detail)))));
    }

    private boolean exceeds(String declared) {
        try {
            return Long.parseLong(declared.trim()) > limits.maxBodyBytes();
        } catch (NumberFormatException malformed) {
            return true;
        }
    }
}
