package io.gatehouse.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.gatehouse.identity.CredentialRejectedException;
import io.gatehouse.identity.JwtVerifier;
import io.gatehouse.identity.RejectionReason;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@QuarkusTest
@DisplayName("token endpoints over HTTP")
class TokenEndpointTest {

    static final String REFUNDER = "spiffe://prod.example.org/ns/payments/sa/refunder";

    @Inject
    TokenKeys keys;

    @Inject
    TokenConfig config;

    @Inject
    JwtVerifier verifier;

    @Inject
    Clock clock;

    /** A Gatehouse token for {@code subject} addressed to Gatehouse itself, as an earlier exchange would give. */
    String gatehouseToken(String subject, String audience) throws KeyUnavailableException {
        Instant now = clock.instant();
        return new TokenIssuer(config.issuer(), keys.ring()).sign(subject, List.of(audience), "", null, Map.of(),
                now, now.plus(Duration.ofMinutes(2))).token();
    }

    @Test
    void theJwksPublishesTheSigningKeyWithoutPrivateParts() throws Exception {
        String kid = keys.ring().signing(clock.instant()).kid();

        given().when().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.kid", hasItem(kid))
                .body("keys[0].kty", equalTo("EC"))
                .body("keys[0].alg", equalTo("ES256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0]", not(org.hamcrest.Matchers.hasKey("d")));
    }

    @Test
    void theMetadataNamesTheEndpointsAndTheExchangeGrant() {
        given().when().get("/.well-known/oauth-authorization-server").then().statusCode(200)
                .body("issuer", equalTo(config.issuer()))
                .body("token_endpoint", equalTo(config.issuer() + "/oauth2/token"))
                .body("jwks_uri", equalTo(config.issuer() + "/.well-known/jwks.json"))
                .body("grant_types_supported", hasItem(TokenExchange.GRANT_TYPE));
    }

    @Test
    void aMissingSubjectTokenIsAnInvalidRequestWithoutCaching() {
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", TokenExchange.GRANT_TYPE)
                .formParam("subject_token_type", TokenExchange.TYPE_ACCESS_TOKEN)
                .when().post("/oauth2/token").then().statusCode(400)
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void aRepeatedParameterIsAnInvalidRequest() {
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", TokenExchange.GRANT_TYPE)
                .formParam("subject_token", "a.b.c")
                .formParam("subject_token", "d.e.f")
                .formParam("subject_token_type", TokenExchange.TYPE_JWT)
                .when().post("/oauth2/token").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void aForgedSubjectTokenIsRefusedAndCountedByReason() {
        String forged = io.gatehouse.identity.TestJwts.unsigned(io.gatehouse.identity.TestJwts.header("none", "x"),
                Map.of("iss", config.issuer(), "sub", REFUNDER)) + ".";

        given().contentType(ContentType.URLENC)
                .formParam("grant_type", TokenExchange.GRANT_TYPE)
                .formParam("subject_token", forged)
                .formParam("subject_token_type", TokenExchange.TYPE_JWT)
                .formParam("audience", "payments-api")
                .when().post("/oauth2/token").then().statusCode(400)
                .body("error", equalTo("invalid_request"));

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("gatehouse_tokens_refused_total{reason=\"algorithm_not_allowed\"}")
                .contains("gatehouse_signing_key_expiry_seconds");
    }

    @Test
    @DisplayName("revocation takes effect at once and is listed for sidecars")
    void revocationTakesEffectAtOnce() throws Exception {
        String token = gatehouseToken(REFUNDER, "payments-api");
        String jti = verifier.verifyForRevocation(token).jti();

        given().contentType(ContentType.URLENC).formParam("token", token)
                .when().post("/oauth2/revoke").then().statusCode(200);

        Assertions.assertThatThrownBy(() -> verifier.verifyForRevocation(token))
                .extracting(e -> ((CredentialRejectedException) e).reason()).isEqualTo(RejectionReason.REVOKED);
        given().when().get("/v1/revocations").then().statusCode(200).body("revoked.jti", hasItem(jti));
        given().header("Authorization", "Bearer " + gatehouseToken(REFUNDER, config.audience()))
                .when().get("/v1/whoami").then().statusCode(200).body("principal.subject", equalTo(REFUNDER));
    }

    @Test
    void revokingAnUnverifiableTokenAnswers200AndListsNothing() {
        given().contentType(ContentType.URLENC).formParam("token", "not-a-token")
                .when().post("/oauth2/revoke").then().statusCode(200);
    }

    static final io.gatehouse.testing.Proofs REFUNDER_KEY = io.gatehouse.testing.Proofs.es256();

    @io.quarkus.test.common.http.TestHTTPResource("/oauth2/token")
    java.net.URL tokenEndpoint;

    /** A subject token bound to the refunder's proof key, as a key-bound token (RFC 9449 cnf.jkt) is. */
    String boundToken() throws KeyUnavailableException {
        Instant now = clock.instant();
        return new TokenIssuer(config.issuer(), keys.ring()).sign(REFUNDER, List.of(config.audience()), "", null,
                Map.of("cnf", Map.of("jkt", REFUNDER_KEY.thumbprint())), now, now.plus(Duration.ofMinutes(2)))
                .token();
    }

    String proof() {
        return REFUNDER_KEY.proof("POST", tokenEndpoint.toString(), clock.instant()).sign();
    }

    io.restassured.specification.RequestSpecification exchangeFor(String subjectToken, String audience) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", TokenExchange.GRANT_TYPE)
                .formParam("subject_token", subjectToken)
                .formParam("subject_token_type", TokenExchange.TYPE_JWT)
                .formParam("audience", audience);
    }

    @Test
    @DisplayName("an exchange without a proof is refused: the token policy marks exchanges privileged")
    void exchangeWithoutProofIsRefused() throws Exception {
        exchangeFor(boundToken(), "payments-api")
                .when().post(tokenEndpoint).then().statusCode(400)
                .body("error", equalTo("invalid_dpop_proof"));
    }

    @Test
    @DisplayName("a proof is used once: the same exchange replayed is refused")
    void replayedExchangeIsRefused() throws Exception {
        String token = boundToken();
        String proof = proof();
        exchangeFor(token, "payments-api").header("Gatehouse-Proof", proof)
                .when().post(tokenEndpoint).then().statusCode(200);
        exchangeFor(token, "payments-api").header("Gatehouse-Proof", proof)
                .when().post(tokenEndpoint).then().statusCode(400)
                .body("error", equalTo("invalid_dpop_proof"))
                .body("error_description", org.hamcrest.Matchers.containsString("replay"));
    }

    @Test
    @DisplayName("a Gatehouse token is exchanged through the token policy for a scoped token")
    void exchangeThroughTheTokenPolicy() throws Exception {
        String issued = given().contentType(ContentType.URLENC).header("Gatehouse-Proof", proof())
                .formParam("grant_type", TokenExchange.GRANT_TYPE)
                .formParam("subject_token", boundToken())
                .formParam("subject_token_type", TokenExchange.TYPE_JWT)
                .formParam("audience", "payments-api")
                .formParam("scope", "refunds:read")
                .when().post(tokenEndpoint).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(300))
                .body("access_token", notNullValue())
                .extract().path("access_token");
        // the proof's nonce is spent; the next exchange needs its own

        assertThat(verifier.verifyForRevocation(issued).claims().get("scope").asText()).isEqualTo("refunds:read");
        given().contentType(ContentType.URLENC).header("Gatehouse-Proof", proof())
                .formParam("grant_type", TokenExchange.GRANT_TYPE)
                .formParam("subject_token", boundToken())
                .formParam("subject_token_type", TokenExchange.TYPE_JWT)
                .formParam("audience", "billing-api")
                .when().post(tokenEndpoint).then().statusCode(400)
                .body("error", equalTo("invalid_target"));
    }
}
