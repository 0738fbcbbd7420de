package io.gatehouse.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.gatehouse.identity.TestJwts;
import io.gatehouse.token.KeyUnavailableException;
import io.gatehouse.token.TokenConfig;
import io.gatehouse.token.TokenIssuer;
import io.gatehouse.token.TokenKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.gatehouse.replay.ProofVerifier;
import io.gatehouse.testing.Proofs;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Verified identity in decisions: the principal comes only from a credential Gatehouse verified (a real ES256
 * token signed by its own key ring), and a credential that fails verification is a deny naming the failed step.
 */
@QuarkusTest
@DisplayName("verified identity reaches input.principal; the body's claims never do")
class DecisionIdentityTest {

    static final String REFUNDER = "spiffe://prod.example.org/ns/payments/sa/refunder";

    @Inject
    TokenKeys keys;

    @Inject
    TokenConfig config;

    @Inject
    Clock clock;

    @TestHTTPResource("/v1/decisions")
    URL decisions;

    static final Proofs REFUNDER_KEY = Proofs.es256();

    /** A Gatehouse token for {@code subject}, bound to the refunder's proof key through {@code cnf.jkt}. */
    String tokenFor(String subject) throws KeyUnavailableException {
        Instant now = clock.instant();
        return new TokenIssuer(config.issuer(), keys.ring()).sign(subject, List.of(config.audience()), "", null,
                Map.of("cnf", Map.of("jkt", REFUNDER_KEY.thumbprint())), now, now.plus(Duration.ofMinutes(2)))
                .token();
    }

    String proof(String token) {
        return REFUNDER_KEY.proof("POST", decisions.toString(), clock.instant())
                .claim("ath", ProofVerifier.accessTokenHash(token)).sign();
    }

    static String readSecret(String subjectToken) {
        String token = subjectToken == null ? "" : ", \"subject_token\": \"" + subjectToken + "\"";
        return """
                {"policy": "s2s.operations"%s, "input": {
                  "operation": "secrets.read",
                  "resource": {"id": "vault/payments/stripe", "sensitivity": "confidential"},
                  "context": {"time": "2026-03-02T10:00:00Z"}}}""".formatted(token);
    }

    @Test
    void whenTheGrantedServiceAsksWithAFreshProofThenAllowedWithTheObligation() throws Exception {
        String token = tokenFor(REFUNDER);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .header("Gatehouse-Proof", proof(token))
                .body(readSecret(null))
                .when().post(decisions)
                .then().statusCode(200)
                .body("allow", is(true))
                .body("obligations.log_resource", is("vault/payments/stripe"));
    }

    @Test
    void whenAPrivilegedQueryCarriesNoProofThenDeniedForReplayProtection() throws Exception {
        given().contentType(ContentType.JSON).body(readSecret(tokenFor(REFUNDER)))
                .when().post(decisions)
                .then().statusCode(200)
                .body("allow", is(false))
                .body("error", containsString("replay protection"));
    }

    @Test
    void whenThePrivilegedQueryIsReplayedThenTheSecondIsDenied() throws Exception {
        String token = tokenFor(REFUNDER);
        String proof = proof(token);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .header("Gatehouse-Proof", proof).body(readSecret(null))
                .when().post(decisions).then().statusCode(200).body("allow", is(true));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .header("Gatehouse-Proof", proof).body(readSecret(null))
                .when().post(decisions).then().statusCode(200)
                .body("allow", is(false))
                .body("error", containsString("replay protection"));
    }

    @Test
    void whenAnotherVerifiedServiceAsksThenItsGrantsApplyNotTheRefunders() throws Exception {
        given().contentType(ContentType.JSON)
                .body(readSecret(tokenFor("spiffe://prod.example.org/ns/runtime/sa/janitor")))
                .when().post("/v1/decisions")
                .then().statusCode(200)
                .body("allow", is(false))
                .body("reasons", not(hasItem("caller identity is not verified")));
    }

    @Test
    void whenTheTokenIsForgedThenDeniedNamingTheFailedStep() {
        String forged = TestJwts.unsigned(TestJwts.header("none", "x"),
                Map.of("iss", config.issuer(), "sub", REFUNDER, "aud", config.audience())) + ".";
        given().contentType(ContentType.JSON).body(readSecret(forged))
                .when().post("/v1/decisions")
                .then().statusCode(200)
                .body("allow", is(false))
                .body("error", containsString("credential rejected"));
    }

    @Test
    void whenTheTokenIsTamperedThenDenied() throws Exception {
        String token = tokenFor(REFUNDER);
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        given().contentType(ContentType.JSON).body(readSecret(tampered))
                .when().post("/v1/decisions")
                .then().statusCode(200)
                .body("allow", is(false))
                .body("error", containsString("credential rejected"));
    }
}
