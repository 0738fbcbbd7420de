package io.gatehouse.elevation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gatehouse.replay.ProofVerifier;
import io.gatehouse.testing.Proofs;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The elevation endpoints over HTTP, with the development principals of the test profile. */
@QuarkusTest
class ElevationResourceTest {

    static final String ALICE_TOKEN = "alice-dev-token";
    static final String BOB_TOKEN = "bob-dev-token";
    static final Proofs ALICE_KEY = Proofs.fromJwk("{\"kty\":\"EC\","
            + "\"x\":\"jkMhhvv2bz6Wh-eWemNBISxwOA7y1yZC0wlNpAhbYnY\","
            + "\"y\":\"Tb3KTc6yPVlcIOzDv_mvXuzAU-fIOk4k1--JvvNxMfo\",\"crv\":\"P-256\","
            + "\"d\":\"N4JKjVp3zACbvwcDtTdaK5OEni6Y7E9Q5-Hjwqf8alQ\"}");
    static final Proofs BOB_KEY = Proofs.fromJwk("{\"kty\":\"EC\","
            + "\"x\":\"rgFApqGq5Z88zNGWfGuUVWqP2BwivSctwVGLDdO-8wc\","
            + "\"y\":\"vylmK_Z55kEPsB02wgUp1ROC3mto2ANa_-BNKz4xY5c\",\"crv\":\"P-256\","
            + "\"d\":\"o_mPDu1r0tnXxwCQNDC72Avn3Afm2Xzs6o1-C3wmzLY\"}");
    static final String BODY = "{\"operation\": \"refund.issue\", \"resource\": \"order-17\", \"duration\": \"PT10M\","
            + " \"justification\": \"incident INC-4711 needs a manual refund\"}";

    @TestHTTPResource("/v1/elevations")
    URL elevations;

    String proof(Proofs key, String token, String method, String url) {
        return key.proof(method, url, Instant.now()).claim("ath", ProofVerifier.accessTokenHash(token)).sign();
    }

    RequestSpecification as(String token, String proof) {
        return given().auth().oauth2(token).header("Gatehouse-Proof", proof).contentType("application/json");
    }

    Response requestElevation() {
        return as(ALICE_TOKEN, proof(ALICE_KEY, ALICE_TOKEN, "POST", elevations.toString())).body(BODY)
                .post(elevations);
    }

    @Test
    void whenCallerIsNotAuthenticatedThenUnauthorized() {
        given().contentType("application/json").body(BODY).post(elevations)
                .then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void whenProofIsMissingThenUnauthorizedWithAProblemNamingTheHeader() {
        given().auth().oauth2(ALICE_TOKEN).contentType("application/json").body(BODY).post(elevations)
                .then().statusCode(401).header("WWW-Authenticate", containsString("invalid_dpop_proof"))
                .body("code", equalTo("proof_invalid")).body("detail", containsString("Gatehouse-Proof"));
    }

    @Test
    void whenTheSameProofIsSentTwiceThenTheSecondIsRefusedAsReplay() {
        String proof = proof(ALICE_KEY, ALICE_TOKEN, "POST", elevations.toString());
        as(ALICE_TOKEN, proof).body(BODY).post(elevations).then().statusCode(201);

        as(ALICE_TOKEN, proof).body(BODY).post(elevations)
                .then().statusCode(401).body("code", equalTo("proof_replayed"));
        given().get("/q/metrics").then().body(containsString("gatehouse_replay_refused_total{reason=\"replayed\"}"));
    }

    @Test
    void whenProofIsSignedByAnotherKeyThanTheCallersThenRefused() {
        as(ALICE_TOKEN, proof(BOB_KEY, ALICE_TOKEN, "POST", elevations.toString())).body(BODY).post(elevations)
                .then().statusCode(401).body("detail", containsString("cnf.jkt"));
    }

    @Test
    void whenAHighRiskElevationIsApprovedByAnotherPrincipalThenActiveAndRevocableByItsRequester() {
        Response created = requestElevation();
        created.then().statusCode(201).body("status", equalTo("pending")).body("active", equalTo(false));
        String url = created.header("Location");

        as(ALICE_TOKEN, proof(ALICE_KEY, ALICE_TOKEN, "POST", url + "/approve")).post(url + "/approve")
                .then().statusCode(403).body("code", equalTo("self_approval"));
        as(BOB_TOKEN, proof(BOB_KEY, BOB_TOKEN, "POST", url + "/approve")).post(url + "/approve")
                .then().statusCode(200).body("status", equalTo("active")).body("approved_by", equalTo("bob"));
        as(ALICE_TOKEN, proof(ALICE_KEY, ALICE_TOKEN, "DELETE", url)).delete(url)
                .then().statusCode(200).body("status", equalTo("revoked")).body("active", equalTo(false));

        given().auth().oauth2(BOB_TOKEN).get(url).then().statusCode(200).body("ended_by", equalTo("alice"));
    }

    @Test
    void whenTheCatalogRatesTheOperationLowThenTheElevationIsActiveAtOnce() {
        as(ALICE_TOKEN, proof(ALICE_KEY, ALICE_TOKEN, "POST", elevations.toString()))
                .body(BODY.replace("refund.issue", "cache.flush")).post(elevations)
                .then().statusCode(201).body("status", equalTo("active")).body("approval_required", equalTo(false));
    }

    @Test
    void whenThePolicyDeniesTheDurationThenForbiddenWithThePolicysReason() {
        as(ALICE_TOKEN, proof(ALICE_KEY, ALICE_TOKEN, "POST", elevations.toString()))
                .body(BODY.replace("PT10M", "PT20M")).post(elevations)
                .then().statusCode(403).body("code", equalTo("policy_denied"))
                .body("reasons[0]", equalTo("duration 1200s is above the policy maximum of 900s"));
    }

    @Test
    void whenElevationIsUnknownThenNotFound() {
        String url = elevations + "/elv_missing/approve";
        as(BOB_TOKEN, proof(BOB_KEY, BOB_TOKEN, "POST", url)).post(url)
                .then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void whenBodyLacksAFieldThenBadRequestNamingIt() {
        as(ALICE_TOKEN, proof(ALICE_KEY, ALICE_TOKEN, "POST", elevations.toString()))
                .body("{\"operation\": \"refund.issue\", \"duration\": \"PT5M\", \"justification\": \"long enough\"}")
                .post(elevations)
                .then().statusCode(400).body("detail", equalTo("field 'resource' is required"));
    }
}
