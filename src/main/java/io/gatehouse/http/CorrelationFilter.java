package io.gatehouse.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every HTTP request a correlation id and returns it in the {@code X-Request-Id} response header, so one id
 * joins the audit records of a request across services.
 *
 * <p>The id is the trace id of a valid W3C {@code traceparent}, else a well-formed {@code X-Request-Id}, else a new
 * random UUID. Incoming values are checked, since they end up in audit records: a header that is not a plain token
 * of at most 128 characters is ignored and a new id is generated.
 *
 * <p>How callers read it: {@link #current()} on the request's Vert.x context (works in JAX-RS resources, on the
 * event loop and on worker threads, since Quarkus carries the request's duplicated context), or
 * {@code routingContext.get(CorrelationFilter.KEY)}.
 */
@ApplicationScoped
public class CorrelationFilter {

    /** The key of the id in the Vert.x context locals and in the routing context. */
    public static final String KEY = "gatehouse.correlation-id";
    public static final String HEADER = "X-Request-Id";

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final Pattern TRACEPARENT =
            Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");

    // runs before every route, including Quarkus REST and the management endpoints
    void register(@Observes Filters filters) {
        filters.register(CorrelationFilter::handle, 1_000);
    }

    static void handle(RoutingContext routing) {
        String id = correlationId(routing.request());
        routing.put(KEY, id);
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(KEY, id);
        }
        routing.addHeadersEndHandler(ignored -> routing.response().headers().set(HEADER, id));
        routing.next();
    }

    /** The correlation id of the request being handled, if this thread handles one. */
    public static Optional<String> current() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return Optional.empty();
        }
        return ContextLocals.get(KEY);
    }

    /** The id this request carries or a new one; the same rule the filter applies. */
    public static String correlationId(HttpServerRequest request) {
        return correlationId(request.getHeader("traceparent"), request.getHeader(HEADER));
    }

    /** The trace id of a valid {@code traceparent}, else a valid request id, else a new UUID. */
    public static String correlationId(String traceparent, String requestId) {
        if (traceparent != null) {
            var match = TRACEPARENT.matcher(traceparent.strip());
            if (match.matches() && !match.group(1).equals("ff") && !match.group(2).matches("0{32}")
                    && !match.group(3).matches("0{16}")) {
                return match.group(2);
            }
        }
        if (requestId != null && REQUEST_ID.matcher(requestId.strip()).matches()) {
            return requestId.strip();
        }
        return UUID.randomUUID().toString();
    }
}
