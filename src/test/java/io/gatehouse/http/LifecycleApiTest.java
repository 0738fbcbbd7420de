package io.gatehouse.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.gatehouse.decision.RevisionHolder;
import io.gatehouse.engine.PolicyEngine;
import io.gatehouse.engine.Revision;
import io.gatehouse.lifecycle.BundleArchive;
import io.gatehouse.lifecycle.BundleSigner;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
class LifecycleApiTest {

    private static final String ADMIN = "Bearer test-admin-secret";

    @Inject
    RevisionHolder revisions;

    @Nested
    @DisplayName("GET /v1/policies")
    class Policies {

        @Test
        void whenListedThenTheActivationHistoryAndModeShowBesideTheRevision() {
            String current = revisions.current().orElseThrow().id();
            given().when().get("/v1/policies")
                    .then().statusCode(200)
                    .body("revision", equalTo(current))
                    .body("mode", equalTo("central"))
                    .body("sequence", notNullValue())
                    .body("activated_at", not(emptyOrNullString()))
                    .body("history[0].revision", equalTo(current))
                    .body("last_reload_error", nullValue());
        }
    }

    @Nested
    @DisplayName("POST /v1/policies/reload")
    class Reload {

        @Test
        void whenNoCredentialsArePresentedThenUnauthorizedWithABearerChallenge() {
            given().when().post("/v1/policies/reload")
                    .then().statusCode(401)
                    .header("WWW-Authenticate", "Bearer")
                    .contentType("application/problem+json");
        }

        @Test
        void whenTheWrongSecretIsPresentedThenForbidden() {
            given().header("Authorization", "Bearer not-the-secret").when().post("/v1/policies/reload")
                    .then().statusCode(403)
                    .contentType("application/problem+json");
        }

        @Test
        void whenTheAdminReloadsAnUnchangedDirectoryThenTheRevisionStays() {
            String current = revisions.current().orElseThrow().id();
            given().header("Authorization", ADMIN).when().post("/v1/policies/reload")
                    .then().statusCode(200)
                    .body("status", equalTo("unchanged"))
                    .body("revision", equalTo(current));
        }
    }

    @Nested
    @DisplayName("POST /v1/policies/rollback")
    class Rollback {

        @TempDir
        Path directory;

        @Test
        void whenRolledBackThenThePreviousRevisionAnswersDecisionsAgain() throws Exception {
            Revision original = revisions.current().orElseThrow();
            Files.writeString(directory.resolve("other.pol"), "package other\ndefault allow := false\n");
            Revision other = PolicyEngine.load(directory);
            revisions.activate(other, 0L);
            try {
                given().header("Authorization", ADMIN).when().post("/v1/policies/rollback")
                        .then().statusCode(200)
                        .body("status", equalTo("activated"))
                        .body("revision", equalTo(original.id()))
                        .body("previous", equalTo(other.id()));
                given().contentType(ContentType.JSON).body(DecisionApiTest.flushQuery())
                        .when().post("/v1/decisions")
                        .then().statusCode(200).body("revision", equalTo(original.id()));
            } finally {
                revisions.activate(original, 0L);
            }
        }

        @Test
        void whenRolledBackToAKeptRevisionByIdThenThatRevisionAnswers() throws Exception {
            Revision original = revisions.current().orElseThrow();
            Files.writeString(directory.resolve("other.pol"), "package other\ndefault allow := false\n");
            revisions.activate(PolicyEngine.load(directory), 0L);
            try {
                given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                        .body("{\"revision\": \"" + original.id() + "\"}")
                        .when().post("/v1/policies/rollback")
                        .then().statusCode(200).body("revision", equalTo(original.id()));
                assertThat(revisions.current().orElseThrow().id()).isEqualTo(original.id());
            } finally {
                revisions.activate(original, 0L);
            }
        }

        @Test
        void whenTheRevisionIsNotKeptThenNotFoundNamingIt() {
            given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                    .body("{\"revision\": \"0000\"}")
                    .when().post("/v1/policies/rollback")
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("detail", containsString("\"0000\""))
                    .body("errors[0].field", equalTo("revision"));
        }

        @Test
        void whenNotAnAdminThenTheRevisionIsNotTouched() {
            String current = revisions.current().orElseThrow().id();
            given().when().post("/v1/policies/rollback").then().statusCode(401);
            assertThat(revisions.current().orElseThrow().id()).isEqualTo(current);
        }
    }

    @Nested
    @DisplayName("GET /v1/bundles/{name}")
    class Bundles {

        @Test
        void whenTheDefaultBundleIsFetchedThenItIsTheWholeRevisionSignedWithTheBundleKey() throws Exception {
            String current = revisions.current().orElseThrow().id();
            Response response = given().when().get("/v1/bundles/default");
            response.then().statusCode(200)
                    .contentType("application/zip")
                    .header("ETag", "\"" + current + "\"");
            byte[] archive = response.asByteArray();

            BundleArchive.Contents contents = BundleArchive.read(archive, 1 << 24);

            assertThat(contents.manifest().revision()).isEqualTo(current);
            assertThat(contents.files()).containsKeys("s2s/operations.pol", "s2s/grants.json");
            assertThatCode(() -> BundleSigner.verify(archive, response.header("Gatehouse-Bundle-Signature"),
                    publicKey())).doesNotThrowAnyException();
        }

        @Test
        void whenTheCallerHasTheRevisionThenNotModified() {
            String current = revisions.current().orElseThrow().id();
            given().header("If-None-Match", "\"" + current + "\"").when().get("/v1/bundles/default")
                    .then().statusCode(304)
                    .header("ETag", "\"" + current + "\"");
        }

        @Test
        void whenTheCallerHasAnotherRevisionThenTheBundleIsSent() {
            given().header("If-None-Match", "\"something-else\"").when().get("/v1/bundles/default")
                    .then().statusCode(200);
        }

        @Test
        void whenFetchedTwiceThenTheArchiveAndSignatureAreTheSame() {
            Response first = given().when().get("/v1/bundles/default");
            Response second = given().when().get("/v1/bundles/default");

            assertThat(second.asByteArray()).isEqualTo(first.asByteArray());
            assertThat(second.header("Gatehouse-Bundle-Signature"))
                    .isEqualTo(first.header("Gatehouse-Bundle-Signature"));
        }

        @Test
        void whenTheBundleIsUnknownThenNotFoundListingTheConfiguredOnes() {
            given().when().get("/v1/bundles/nope")
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("detail", containsString("default"));
        }

        private PublicKey publicKey() throws Exception {
            String pem = given().when().get("/v1/bundles/default/key").then().statusCode(200)
                    .extract().asString();
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                    .decode(body.getBytes(StandardCharsets.US_ASCII))));
        }
    }

    @Nested
    @DisplayName("metrics")
    class Metrics {

        @Test
        void whenScrapedThenTheActiveRevisionIsOneInfoSeriesAndReloadFailuresAreCounted() {
            String current = revisions.current().orElseThrow().id();
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

            assertThat(metrics).contains("gatehouse_policy_revision_info{revision=\"" + current + "\"} 1.0")
                    .contains("gatehouse_policy_reload_failures_total");
            assertThat(metrics.lines().filter(line -> line.startsWith("gatehouse_policy_revision_info{")))
                    .hasSize(1);
        }
    }
}
