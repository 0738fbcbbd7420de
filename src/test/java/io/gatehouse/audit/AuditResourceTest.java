package io.gatehouse.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditResourceTest {

    @Inject
    AuditSink sink;

    private PublicKey publicKey() throws Exception {
        String pem = given().get("/v1/audit/public-key").then().statusCode(200).extract().asString();
        Path file = Files.createTempFile("audit", ".pub.pem");
        Files.writeString(file, pem);
        return AuditKeys.readPublicKey(file);
    }

    private static JsonNode get(String path) {
        return AuditEvents.json(given().get(path).then().statusCode(200).extract().asString());
    }

    @Test
    @DisplayName("GET /v1/audit/proof/{id} returns the record and a path that leads to a root the audit key signed")
    void whenProofIsFetchedThenItVerifiesIndependently() throws Exception {
        for (int i = 0; i < 5; i++) {
            sink.record(AuditEvents.decision("http-proof-" + i, true));
        }

        JsonNode proof = get("/v1/audit/proof/http-proof-3");

        assertThat(proof.get("decision_id").asText()).isEqualTo("http-proof-3");
        assertThat(proof.at("/record/id").asText()).isEqualTo("http-proof-3");
        Checkpoint checkpoint = Checkpoint.fromJson(proof.get("checkpoint"));
        assertThat(AuditKeys.verify(checkpoint, publicKey())).isTrue();
        java.util.List<byte[]> hashes = new java.util.ArrayList<>();
        proof.get("hashes").forEach(hash -> hashes.add(Hashes.decode(hash.asText())));
        byte[] root = ReferenceMerkle.rootFromPath(proof.get("leaf_index").asInt(), proof.get("tree_size").asInt(),
                proof.get("entry").asText().getBytes(StandardCharsets.UTF_8), hashes);
        assertThat(root).isEqualTo(checkpoint.rootHash());
    }

    @Test
    @DisplayName("a decision over HTTP is in the log under its decision id with the response's correlation id")
    void whenDecidedOverHttpThenTheRecordCarriesTheCorrelationId() {
        io.restassured.response.Response decision = given().contentType("application/json")
                .header("X-Request-Id", "e2e-audit-1")
                .body("{\"policy\": \"s2s.operations\", \"input\": {\"operation\": \"cache.flush\","
                        + " \"resource\": {\"id\": \"cache/sessions\"}, \"password\": \"hunter2\"}}")
                .post("/v1/decisions");
        decision.then().statusCode(200);
        String decisionId = decision.jsonPath().getString("decision_id");

        JsonNode proof = get("/v1/audit/proof/" + decisionId);

        assertThat(decision.header("X-Request-Id")).isEqualTo("e2e-audit-1");
        assertThat(proof.at("/record/correlation_id").asText()).isEqualTo("e2e-audit-1");
        assertThat(proof.at("/record/type").asText()).isEqualTo("decision");
        assertThat(proof.get("entry").asText()).doesNotContain("hunter2").contains("\"input_digest\":\"sha256:");
    }

    @Test
    @DisplayName("an unknown decision id is a 404 problem detail naming the id")
    void whenIdIsUnknownThenNotFound() {
        given().get("/v1/audit/proof/no-such-decision").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("'no-such-decision'"));
    }

    @Test
    @DisplayName("GET /v1/audit/checkpoint covers every durable record and verifies with the public key")
    void whenCheckpointIsFetchedThenItIsSignedAndCurrent() throws Exception {
        sink.record(AuditEvents.decision("http-checkpoint", true));

        Checkpoint checkpoint = Checkpoint.fromJson(get("/v1/audit/checkpoint"));

        assertThat(AuditKeys.verify(checkpoint, publicKey())).isTrue();
        assertThat(checkpoint.treeSize()).isPositive();
    }

    @Test
    @DisplayName("GET /v1/audit/consistency proves an older checkpoint is a prefix of the newest")
    void whenConsistencyIsFetchedThenItVerifies() throws Exception {
        sink.record(AuditEvents.decision("http-consistency-1", true));
        Checkpoint older = Checkpoint.fromJson(get("/v1/audit/checkpoint"));
        sink.record(AuditEvents.decision("http-consistency-2", true));
        Checkpoint newer = Checkpoint.fromJson(get("/v1/audit/checkpoint"));

        JsonNode proof = get("/v1/audit/consistency?from=" + older.treeSize() + "&to=" + newer.treeSize());

        java.util.List<byte[]> hashes = new java.util.ArrayList<>();
        proof.get("hashes").forEach(hash -> hashes.add(Hashes.decode(hash.asText())));
        assertThat(MerkleTree.verifyConsistency(older.treeSize(), newer.treeSize(), older.rootHash(),
                newer.rootHash(), hashes)).isTrue();
        assertThat(Checkpoint.fromJson(proof.get("to_checkpoint"))).isEqualTo(newer);
    }

    @Test
    @DisplayName("a consistency query beyond the newest checkpoint or without sizes is a 400 problem detail")
    void whenSizesAreBadThenBadRequest() {
        given().get("/v1/audit/consistency?from=1&to=999999999").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("newest checkpoint"));
        given().get("/v1/audit/consistency?from=1").then().statusCode(400)
                .body("status", equalTo(400));
    }
}
