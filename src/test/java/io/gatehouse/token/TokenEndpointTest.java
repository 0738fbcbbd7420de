package io.gatehouse.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.gatehouse.decision.RevisionHolder;
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
import org.junit.jupiter.api.Assumptions;
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
    RevisionHolder revisions;

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
                .when().get("/v1/whoami").then().statusCode(200).body("bearer.subject", equalTo(REFUNDER));
    }

    @Test
    void revokingAnUnverifiableTokenAnswers200AndListsNothing() {
        given().contentType(ContentType.URLENC).formParam("token", "not-a-token")
                .when().post("/oauth2/revoke").then().statusCode(200);
    }

    @Test
    @DisplayName("a Gatehouse token is exchanged through the token policy for a scoped token")
    void exchangeThroughTheTokenPolicy() throws Exception {
        Assumptions.assumeTrue(revisions.current().isPresent(), "needs the policy engine and a loaded revision");

        String issued = given().contentType(ContentType.URLENC)
                .formParam("grant_type", TokenExchange.GRANT_TYPE)
                .formParam("subject_token", gatehouseToken(REFUNDER, config.audience()))
                .formParam("subject_token_type", TokenExchange.TYPE_JWT)
                .formParam("audience", "payments-api")
                .formParam("scope", "refunds:read")
                .when().post("/oauth2/token").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(300))
                .body("access_token", notNullValue())
                .extract().path("access_token");

        assertThat(verifier.verifyForRevocation(issued).claims().get("scope").asText()).isEqualTo("refunds:read");
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", TokenExchange.GRANT_TYPE)
                .formParam("subject_token", gatehouseToken(REFUNDER, config.audience()))
                .formParam("subject_token_type", TokenExchange.TYPE_JWT)
                .formParam("audience", "billing-api")
                .when().post("/oauth2/token").then().statusCode(400)
                .body("error", equalTo("invalid_target"));
    }
}
