package io.gatehouse.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.decision.DecisionOutcome;
import io.gatehouse.decision.DecisionService;
import io.gatehouse.decision.RequestContext;
import io.gatehouse.http.DecisionResource.DecisionRequest;
import io.gatehouse.http.DecisionResource.DecisionResponse;
import io.gatehouse.state.StateConfig;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * {@code POST /v1/decisions} served on the event loop: the hot path of the decision API.
 *
 * <p>Why it exists beside {@link DecisionResource}. Through Quarkus REST a decision hopped from the event loop to a
 * worker thread, passed the REST and validation machinery, and then parked that worker until its audit record was
 * fsynced; under load most of the time went to the hops and the parked threads, not to deciding. Here the body is
 * read and bound on the event loop with the same {@link ObjectMapper} (so the same depth, length, duplicate-key and
 * trailing-data limits), validated with the same constraints, decided, and answered when the audit writer reports
 * the record durable, with no thread waiting for it.
 *
 * <p>What stays with the resource. The route takes a request only when nothing about it can make the event loop
 * wait or change how it is answered: no query string ({@code ?explain} and anything else), a plain JSON content type
 * and an {@code Accept} the resource would answer with JSON. Everything else falls through to the resource,
 * untouched, and so does the batch endpoint. A request whose identity needs more than verifying signatures (a
 * principal, whose elevation lookup may query a store and write its own audit record, or a refused credential)
 * and every request when the nonce store is Redis are decided on a worker thread by the resource's own code, and
 * still answered without waiting for the audit record on that worker.
 *
 * <p>The answers are the resource's: the same response record and mapper, the same problem details
 * ({@link ProblemMappers}), the same correlation header (added by {@link CorrelationFilter} for every route).
 */
@ApplicationScoped
public class DecisionRoute {

    static final String PATH = "/v1/decisions";
    private static final String JSON = "application/json";
    private static final String JSON_UTF8 = "application/json;charset=UTF-8";

    private final DecisionService decisions;
    private final DecisionCallers callers;
    private final RequestContexts contexts;
    private final ObjectMapper mapper;
    private final HttpLimitsConfig limits;
    private final boolean localState;

    DecisionRoute(DecisionService decisions, DecisionCallers callers, RequestContexts contexts, ObjectMapper mapper,
            HttpLimitsConfig limits, StateConfig state) {
        this.decisions = decisions;
        this.callers = callers;
        this.contexts = contexts;
        this.mapper = mapper;
        this.limits = limits;
        this.localState = state.backend() == StateConfig.Backend.MEMORY;
    }

    // after the filters (correlation id, declared body size) and Quarkus' security handlers, so HTTP permissions
    // apply here too; before Quarkus REST
    void install(@Observes Router router) {
        router.post(PATH).order(-1).handler(this::handle);
    }

    private void handle(RoutingContext routing) {
        HttpServerRequest http = routing.request();
        if (!takes(http)) {
            routing.next();
            return;
        }
        if (routing.body().available()) {
            answer(routing, routing.body().buffer());
            return;
        }
        readBody(routing);
    }

    /** Whether the request is one this route answers exactly as the resource would; see the class comment. */
    static boolean takes(HttpServerRequest http) {
        return http.method() == HttpMethod.POST && PATH.equals(http.path()) && http.query() == null
                && !http.isEnded() && http.getHeader(HttpHeaders.CONTENT_ENCODING) == null
                && isPlainJson(http.getHeader(HttpHeaders.CONTENT_TYPE))
                && acceptsJson(http.getHeader(HttpHeaders.ACCEPT));
    }

    private static boolean isPlainJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        if (!type.equalsIgnoreCase(JSON)) {
            return false;
        }
        String parameters = semicolon < 0 ? "" : contentType.substring(semicolon + 1).strip();
        return parameters.isEmpty() || parameters.replace(" ", "").equalsIgnoreCase("charset=utf-8");
    }

    private static boolean acceptsJson(String accept) {
        return accept == null || accept.equals("*/*") || accept.equalsIgnoreCase(JSON);
    }

    // The body-size filter refused a declared length over the limit; a chunked body is counted as it arrives.
    private void readBody(RoutingContext routing) {
        HttpServerRequest http = routing.request();
        Buffer body = Buffer.buffer();
        // set by the data handler, read by the end handler; both run on this request's event loop
        boolean[] refused = {false};
        http.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > limits.maxBodyBytes()) {
                refused[0] = true;
                BodySizeFilter.refuse(routing.response(), "request body exceeds the limit of "
                        + limits.maxBodyBytes() + " bytes");
                return;
            }
            body.appendBuffer(chunk);
        });
        http.endHandler(ended -> {
            if (!refused[0]) {
                answer(routing, body);
            }
        });
        http.resume();
    }

    private void answer(RoutingContext routing, Buffer body) {
        HttpServerRequest http = routing.request();
        DecisionRequest request;
        DecisionCallers.Callers parties;
        try {
            request = bind(body);
            parties = callers.resolve(http, request.subjectToken());
        } catch (ProblemException refused) {
            problem(routing.response(), refused.problem());
            return;
        } catch (RuntimeException unexpected) {
            problem(routing.response(), ProblemMappers.unexpectedProblem(unexpected));
            return;
        }
        RequestContext context = contexts.of(routing);
        Supplier<URI> uri = () -> URI.create(http.absoluteURI());
        Context vertx = Vertx.currentContext();
        if (mayWait(parties)) {
            vertx.<DecisionOutcome>executeBlocking(() -> DecisionResource.decideOne(
                    decisions, callers, parties, request, false, http, uri, context), false)
                    .onComplete(decided -> respond(routing.response(), decided));
            return;
        }
        Executor onContext = task -> vertx.runOnContext(ignored -> task.run());
        try {
            decisions.decideAsync(callers.query(parties, request.policy(), request.input(), false, context),
                    callers.privilegeGate(http, uri, parties), onContext)
                    .whenComplete((outcome, failed) -> respond(routing.response(), outcome, failed));
        } catch (RuntimeException unexpected) {
            problem(routing.response(), ProblemMappers.unexpectedProblem(unexpected));
        }
    }

    /**
     * Whether deciding this request may block: looking up a principal's elevation may query the state store and
     * write an audit record of its own, a refused credential is recorded synchronously, and a privileged decision
     * asks the nonce store, which blocks when it is Redis.
     */
    private boolean mayWait(DecisionCallers.Callers parties) {
        return !localState || parties.principal() != null || parties.rejection() != null;
    }

    /** The request bound and checked as the resource's parameter is, or the problem the resource would answer. */
    private DecisionRequest bind(Buffer body) {
        DecisionRequest request;
        try {
            request = body.length() == 0 ? null : mapper.readValue(body.getBytes(), DecisionRequest.class);
        } catch (JsonProcessingException unreadable) {
            throw new ProblemException(ProblemMappers.unreadableProblem(unreadable));
        } catch (IOException impossible) {
            throw new IllegalStateException("reading a byte array", impossible);
        }
        DecisionResource.requireValid(request);
        DecisionResource.requireObject(request.input(), "input");
        return request;
    }

    private void respond(HttpServerResponse response, AsyncResult<DecisionOutcome> decided) {
        respond(response, decided.result(), decided.cause());
    }

    private void respond(HttpServerResponse response, DecisionOutcome outcome, Throwable failed) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (failed != null) {
            problem(response, ProblemMappers.unexpectedProblem(failed));
            return;
        }
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(DecisionResponse.of(outcome));
        } catch (JsonProcessingException impossible) {
            problem(response, ProblemMappers.unexpectedProblem(impossible));
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, JSON_UTF8).end(Buffer.buffer(json));
    }

    private static void problem(HttpServerResponse response, Problem problem) {
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE.toString())
                .end(ProblemJson.write(problem));
    }
}
