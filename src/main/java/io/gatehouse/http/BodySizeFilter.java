package io.gatehouse.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Refuses a body whose declared length is over the limit before it is read, with a problem detail. A body sent
 * without a length (chunked) is cut off by the HTTP server's own limit, set a little above this one.
 */
@ApplicationScoped
public class BodySizeFilter {

    private final HttpLimitsConfig limits;

    BodySizeFilter(HttpLimitsConfig limits) {
        this.limits = limits;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(this::limitBody);
        router.route().order(Integer.MIN_VALUE + 10).failureHandler(this::tooLargeWhileReading);
    }

    /** A body without a declared length that the server cut off while reading: the same problem detail. */
    private void tooLargeWhileReading(RoutingContext context) {
        if (context.statusCode() != 413 || context.response().headWritten()) {
            context.next();
            return;
        }
        String detail = "request body exceeds the limit of " + limits.maxBodyBytes() + " bytes";
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE.toString())
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(ProblemJson.write(Problem.of(413, "body-too-large", "Request body too large", detail,
                        List.of(new Problem.FieldError("/", detail)))));
    }

    private void limitBody(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && exceeds(declared)) {
            String detail = "request body of " + declared + " bytes exceeds the limit of " + limits.maxBodyBytes();
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE.toString())
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(ProblemJson.write(Problem.of(413, "body-too-large", "Request body too large", detail,
                            List.of(new Problem.FieldError("/", detail)))));
            return;
        }
        context.next();
    }

    private boolean exceeds(String declared) {
        try {
            return Long.parseLong(declared.trim()) > limits.maxBodyBytes();
        } catch (NumberFormatException malformed) {
            return true;
        }
    }
}
