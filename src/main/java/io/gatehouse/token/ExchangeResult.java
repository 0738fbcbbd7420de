package io.gatehouse.token;

import java.util.List;
import java.util.Objects;

/** What a token exchange came to: a token, or a refusal with an RFC 6749 error code. */
public sealed interface ExchangeResult {

    /**
     * A token was issued.
     *
     * @param scope the granted scopes, space-delimited
     * @param scopeNarrowed whether the policy granted less than was asked, so the response must name the scope
     */
    record Issued(
            String accessToken, String issuedTokenType, String tokenType, long expiresIn, String scope,
            boolean scopeNarrowed, String jti, String subject, String actor, List<String> audiences, String kid)
            implements ExchangeResult {

        public Issued {
            Objects.requireNonNull(accessToken, "accessToken");
            audiences = List.copyOf(audiences);
        }

        @Override
        public String toString() {
            return "Issued[jti=" + jti + ", subject=" + subject + ", audiences=" + audiences + "]";
        }
    }

    /**
     * No token.
     *
     * @param error the RFC 6749 section 5.2 error code
     * @param description a human-readable description, without any credential
     * @param reason the metric label, from a fixed set ({@link TokenExchange#REFUSAL_REASONS})
     * @param status the HTTP status to answer with
     */
    record Refused(String error, String description, String reason, int status) implements ExchangeResult {

        public Refused {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
