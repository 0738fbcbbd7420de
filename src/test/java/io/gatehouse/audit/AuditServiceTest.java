package io.gatehouse.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditServiceTest {

    @Inject
    AuditSink sink;

    @Inject
    AuditService service;

    @Test
    @DisplayName("the application's AuditSink writes durable records to the configured log")
    void whenRecordedThenTheTreeGrows() throws Exception {
        long before = service.log().treeSize();

        sink.record(AuditEvents.decision("service-test-1", true));

        assertThat(sink.writable()).isTrue();
        assertThat(service.log().treeSize()).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("the audit metrics are exported under Prometheus names, write failures included")
    void whenScrapedThenAuditMetricsAreThere() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("gatehouse_audit_write_failures_total", "gatehouse_audit_records_total",
                "gatehouse_audit_records_refused_total", "gatehouse_audit_writable 1.0", "gatehouse_audit_tree_size");
    }

    @Test
    @DisplayName("readiness names the audit check and reports it up while the log is writable")
    void whenWritableThenReadinessIsUp() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("audit"));
    }
}
