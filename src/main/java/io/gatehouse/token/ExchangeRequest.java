package io.gatehouse.token;

import java.util.List;

/**
 * The form parameters of an RFC 8693 token exchange, as sent; {@link TokenExchange} validates them.
 *
 * @param audiences every {@code audience} parameter
 * @param resources every {@code resource} parameter
 * @param scope the space-delimited {@code scope}, or null
 */
public record ExchangeRequest(
        String grantType, String subjectToken, String subjectTokenType, String actorToken, String actorTokenType,
        List<String> audiences, List<String> resources, String scope, String requestedTokenType) {

    public ExchangeRequest {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** The credential values never appear in logs, errors or audit records. */
    @Override
    public String toString() {
        return "ExchangeRequest[grantType=" + grantType + ", subjectTokenType=" + subjectTokenType
                + ", actorTokenType=" + actorTokenType + ", audiences=" + audiences + ", resources=" + resources
                + ", scope=" + scope + ", requestedTokenType=" + requestedTokenType + "]";
    }
}
