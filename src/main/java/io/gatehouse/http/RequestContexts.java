package io.gatehouse.http;

import io.gatehouse.decision.RequestContext;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Builds the audit context of an HTTP request: the caller's address and the correlation id. */
@ApplicationScoped
public class RequestContexts {

    public RequestContext of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return new RequestContext(remote == null ? null : remote.hostAddress(), correlationId(request));
    }

    /** The W3C trace id when a {@code traceparent} is present, else {@code X-Request-Id}, else a new id. */
    static String correlationId(HttpServerRequest request) {
        String traceparent = request.getHeader("traceparent");
        if (traceparent != null) {
            String[] parts = traceparent.split("-");
            if (parts.length == 4 && parts[1].length() == 32) {
                return parts[1];
            }
        }
        String requestId = request.getHeader("X-Request-Id");
        if (requestId != null && !requestId.isBlank() && requestId.length() <= 128) {
            return requestId;
        }
        return UUID.randomUUID().toString();
    }
}
