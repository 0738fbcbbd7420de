package io.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gatehouse diff} on real policy directories compiled by the real engine. */
class DiffCommandTest {

    @TempDir
    Path root;

    private Path old;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    static String refunds(int limit, String extra) {
        return """
                package payments.refunds

                operation "refund.issue" {
                    owner: "payments-platform"
                    risk: "high"
                    description: "move money back to a customer"
                }

                default allow := false

                allow if {
                    input.operation == "refund.issue"
                    input.resource.amount <= %d
                }
                %s
                """.formatted(limit, extra);
    }

    private Path directory(String name, String policy) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("refunds.pol"), policy);
        return dir;
    }

    private int diff(String... args) {
        CommandLine command = new CommandLine(new DiffCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @BeforeEach
    void oldRevision() throws IOException {
        old = directory("old", refunds(500, ""));
    }

    @Test
    void whenThePoliciesDecideAlikeThenExitZero() throws IOException {
        Path same = directory("new", refunds(500, "# only a comment changed"));

        assertThat(diff(old.toString(), same.toString())).isZero();
        assertThat(out.toString()).contains("0 widened, 0 narrowed, 0 changed").contains("exit 0");
    }

    @Test
    void whenTheLimitIsRaisedThenTheWidenedAmountIsReportedUnderItsOperationAndExitTwo() throws IOException {
        Path raised = directory("new", refunds(1000, ""));

        int status = diff(old.toString(), raised.toString());

        assertThat(status).isEqualTo(2);
        assertThat(out.toString()).contains("operation refund.issue:").contains("WIDENED")
                .contains("\"amount\":501").contains("ACCESS WIDENED");
    }

    @Test
    void whenTheLimitIsLoweredThenExitOne() throws IOException {
        Path lowered = directory("new", refunds(300, ""));

        assertThat(diff(old.toString(), lowered.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("NARROWED").doesNotContain("WIDENED ");
    }

    @Test
    void whenADenyIsAddedThenTheChangedDecisionNamesTheRulesOnBothSides() throws IOException {
        Path stricter = directory("new", refunds(500,
                "deny contains \"weekend\" if input.context.day == \"sunday\""));

        int status = diff(old.toString(), stricter.toString(), "--format", "json");

        assertThat(status).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(out.toString());
        JsonNode narrowed = report.get("operations").get("refund.issue").get(0);
        assertThat(narrowed.get("change").asText()).isEqualTo("narrowed");
        assertThat(narrowed.get("input").get("context").get("day").asText()).isEqualTo("sunday");
        assertThat(narrowed.get("before").get("rules").toString()).contains("allow");
        assertThat(narrowed.get("after").get("reasons").toString()).contains("weekend");
        assertThat(report.get("exit_status").asInt()).isEqualTo(1);
    }

    @Test
    void whenOnlyRecordedInputsAreComparedThenOnlyThoseCount() throws IOException {
        Path raised = directory("new", refunds(1000, ""));
        Path inputs = Files.writeString(root.resolve("inputs.jsonl"), """
                {"policy": "payments.refunds", "input": {"operation": "refund.issue", "resource": {"amount": 100}}}
                {"operation": "refund.issue", "resource": {"amount": 700}}
                """);

        int status = diff(old.toString(), raised.toString(), "--no-generate", "--inputs", inputs.toString());

        assertThat(status).isEqualTo(2);
        assertThat(out.toString()).contains("compared 2 queries: 2 recorded, 0 generated")
                .contains("(inputs.jsonl:2)");
    }

    @Test
    void whenAGrantInADataDocumentIsWidenedThenTheGeneratedInputsFindTheNewlyAllowedCaller() throws IOException {
        Path before = copy(Path.of("policies"), root.resolve("seed-old"));
        Path after = copy(Path.of("policies"), root.resolve("seed-new"));
        Path grants = after.resolve("s2s/grants.json");
        Files.writeString(grants, Files.readString(grants).replace(
                "{\"operation\": \"cache.flush\", \"max_sensitivity\": \"internal\"}",
                "{\"operation\": \"cache.flush\", \"max_sensitivity\": \"confidential\"}"));

        int status = diff(before.toString(), after.toString(), "--format", "json");

        assertThat(status).isEqualTo(2);
        JsonNode widened = new ObjectMapper().readTree(out.toString()).get("operations").get("cache.flush").get(0);
        assertThat(widened.get("change").asText()).isEqualTo("widened");
        assertThat(widened.get("input").get("principal").get("spiffe_id").asText()).endsWith("/sa/janitor");
        assertThat(widened.get("input").get("resource").get("sensitivity").asText()).isEqualTo("confidential");
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

    @Test
    void whenTheNewRevisionDoesNotCompileThenExitThreeWithItsErrors() throws IOException {
        Path broken = directory("new", "package payments.refunds\nallow if {\n");

        assertThat(diff(old.toString(), broken.toString())).isEqualTo(3);
        assertThat(err.toString()).contains("does not compile").contains("refunds.pol:");
    }

    @Test
    void whenAnInputLineIsMalformedThenExitThreeNamingTheLine() throws IOException {
        Path inputs = Files.writeString(root.resolve("inputs.jsonl"), "{\"a\": 1}\nnot json\n");

        assertThat(diff(old.toString(), old.toString(), "--inputs", inputs.toString())).isEqualTo(3);
        assertThat(err.toString()).contains("inputs.jsonl:2:");
    }

    @Test
    void whenAnOptionIsUnknownThenExitThreeNotTheWidenedStatus() {
        assertThat(diff(old.toString(), old.toString(), "--no-such-option")).isEqualTo(3);
    }

    @Test
    void whenRunThroughTheGatehouseLauncherThenTheSameExitStatusComesBack() throws IOException {
        Path raised = directory("new", refunds(1000, ""));

        assertThat(Main.run("diff", old.toString(), raised.toString())).isEqualTo(2);
        assertThat(Main.run("diff", old.toString(), old.toString(), "--bogus")).isEqualTo(3);
    }
}
