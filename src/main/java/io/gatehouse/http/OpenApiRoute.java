package io.gatehouse.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * {@code GET /q/openapi}: the OpenAPI document of the HTTP API, YAML by default, JSON for {@code ?format=json}, an
 * {@code Accept} of {@code application/json} or {@code /q/openapi.json}.
 *
 * <p>Why a file and not the Quarkus extension. The document is generated at build time by the SmallRye OpenAPI
 * scanner (the Maven plugin, see {@code pom.xml}), the scanner the extension uses. The extension then read that
 * document again at every start, applied its runtime filters (none apply here) and wrote it out as JSON and as YAML:
 * about a sixth of the time to ready, for an endpoint few callers ever ask for. Here the files are read on the first
 * request and kept.
 */
@ApplicationScoped
public class OpenApiRoute {

    static final String PATH = "/q/openapi";
    static final String JSON = "application/json;charset=UTF-8";
    static final String YAML = "application/yaml;charset=UTF-8";
    private static final String RESOURCE = "META-INF/openapi/openapi.";

    private volatile Buffer json;
    private volatile Buffer yaml;

    void install(@Observes Router router) {
        router.get(PATH).handler(routing -> answer(routing, wantsJson(routing)));
        router.get(PATH + ".json").handler(routing -> answer(routing, true));
        router.get(PATH + ".yaml").handler(routing -> answer(routing, false));
        router.get(PATH + ".yml").handler(routing -> answer(routing, false));
    }

    private static boolean wantsJson(RoutingContext routing) {
        String format = routing.request().getParam("format");
        if (format != null) {
            return format.equalsIgnoreCase("json");
        }
        String accept = routing.request().getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json");
    }

    private void answer(RoutingContext routing, boolean asJson) {
        routing.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, asJson ? JSON : YAML)
                .end(asJson ? json() : yaml());
    }

    private Buffer json() {
        Buffer document = json;
        if (document == null) {
            document = read("json");
            json = document;
        }
        return document;
    }

    private Buffer yaml() {
        Buffer document = yaml;
        if (document == null) {
            document = read("yaml");
            yaml = document;
        }
        return document;
    }

    // invariant: the build writes both files; a missing one is a packaging fault, answered with a 500
    private static Buffer read(String extension) {
        try (InputStream in = OpenApiRoute.class.getClassLoader().getResourceAsStream(RESOURCE + extension)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + extension + " is not packaged");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
