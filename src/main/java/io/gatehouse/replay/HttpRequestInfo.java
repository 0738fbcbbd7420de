package io.gatehouse.replay;

import java.net.URI;
import java.util.Objects;

/**
 * The parts of an HTTP request a proof is bound to.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param uri the request URI as the server received it; its query and fragment are ignored
 * @param accessToken the bearer credential the request carries, or null; the proof must then hash it in {@code ath}
 */
public record HttpRequestInfo(String method, URI uri, String accessToken) {

    public HttpRequestInfo {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
    }
}
