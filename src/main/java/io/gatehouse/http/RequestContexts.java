package io.gatehouse.http;

import io.gatehouse.decision.RequestContext;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Builds the audit context of an HTTP request: the caller's address and the correlation id. */
@ApplicationScoped
public class RequestContexts {

    public RequestContext of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return new RequestContext(remote == null ? null : remote.hostAddress(), correlationId(request));
    }

    /** As {@link #of(HttpServerRequest)}, for a Vert.x route, where the filter left the id in the routing context. */
    public RequestContext of(RoutingContext routing) {
        SocketAddress remote = routing.request().remoteAddress();
        String id = routing.get(CorrelationFilter.KEY);
        return new RequestContext(remote == null ? null : remote.hostAddress(),
                id != null ? id : correlationId(routing.request()));
    }

    /** The id {@link CorrelationFilter} gave this request (the one in the response header), else the same rule. */
    static String correlationId(HttpServerRequest request) {
        return CorrelationFilter.current().orElseGet(() -> CorrelationFilter.correlationId(request));
    }
}
