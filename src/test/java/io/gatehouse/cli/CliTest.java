package io.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.parse.PolicyFormatter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command-line tools on the bundled policies and on broken ones, through the real picocli entry point. */
class CliTest {

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new Main());
        Extensions.register(commandLine);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Nested
    @DisplayName("check")
    class Check {

        @Test
        void whenTheBundledPoliciesCompileThenOkWithTheRevision() {
            Run run = run("check", "policies");
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("ok: revision ");
        }

        @Test
        void whenAFileHasErrorsThenEveryOneIsListedWithItsPositionAndTheStatusIsOne(@TempDir Path dir)
                throws IOException {
            Files.writeString(dir.resolve("bad.pol"), "package bad\nallow if frob(1)\ndeny contains x if nope(2)\n");
            Run run = run("check", dir.toString());
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).contains("bad.pol:2:10: E103").contains("bad.pol:3:20: E103").contains("errors");
        }
    }

    @Nested
    @DisplayName("test")
    class PolicyTestRuns {

        @Test
        void whenTheBundledPolicyTestsRunThenAllPass() {
            Run run = run("test", "policies", "--coverage");
            assertThat(run.status()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains(" passed, 0 failed").contains("coverage:").contains("operations.pol");
        }

        @Test
        void whenATestFailsThenItIsNamedWithItsPositionAndTheStatusIsOne(@TempDir Path dir) throws IOException {
            Files.writeString(dir.resolve("app.pol"), "package app\nallow if input.user == \"ann\"\n");
            Files.writeString(dir.resolve("app_test.pol"), """
                    package app_test
                    import data.app
                    test_ann if app.allow with input as {"user": "ann"}
                    test_bo if app.allow with input as {"user": "bo"}
                    """);
            Run run = run("test", dir.toString());
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.out()).contains("FAIL app_test.test_bo (app_test.pol:4:1): undefined")
                    .contains("1 passed, 1 failed");
        }
    }

    @Nested
    @DisplayName("eval and explain")
    class Eval {

        @Test
        void whenARuleIsEvaluatedThenItsValueIsPrintedAsJson(@TempDir Path dir) throws IOException {
            Path input = dir.resolve("input.json");
            Files.writeString(input, "{\"operation\": \"cache.flush\", \"resource\": {\"sensitivity\": \"internal\"}}");
            Run run = run("eval", "s2s.operations.deny", "--input", input.toString());
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).contains("\"result\"").contains("caller identity is not verified");
        }

        @Test
        void whenDecidingWithExplainThenTheExplanationIsPrinted() {
            Run run = run("eval", "cedar.gdrive", "--explain");
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).contains("\"allow\" : false").contains("\"explanation\"");
        }

        @Test
        void whenTheTreeIsPrintedAsDotThenItIsADigraph() {
            Run run = run("explain", "s2s.operations", "--dot");
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("digraph");
        }

        @Test
        void whenTheCatalogIsListedThenOwnersAndRisksShow() {
            Run run = run("catalog", "policies");
            assertThat(run.status()).isZero();
            assertThat(run.out()).contains("db.migrate").contains("data-platform").contains("critical");
        }
    }

    @Nested
    @DisplayName("fmt")
    class Fmt {

        @Test
        void whenTheBundledPoliciesAreCheckedThenTheyAreAlreadyFormatted() {
            Run run = run("fmt", "--check", "policies");
            assertThat(run.status()).as(run.out() + run.err()).isZero();
        }

        @Test
        void whenMessyCodeIsFormattedThenItIsCanonicalAndFormattingAgainChangesNothing() throws Exception {
            String messy = "package   t\n\n\n# keep me\nallow if {input.a==1;   input.b   in {\"x\",\"y\"}}\n"
                    + "deny contains   sprintf(\"%v\",[ -input.n ])   if{\n      input.n>  2   # why\n}\n";
            String formatted = PolicyFormatter.format("t.pol", messy);
            assertThat(formatted).isEqualTo("""
                    package t

                    # keep me
                    allow if { input.a == 1; input.b in {"x", "y"} }
                    deny contains sprintf("%v", [-input.n]) if {
                        input.n > 2 # why
                    }
                    """);
            assertThat(PolicyFormatter.format("t.pol", formatted)).isEqualTo(formatted);
        }

        @Test
        void whenEveryBundledPolicyIsFormattedTwiceThenTheSecondPassChangesNothing() throws Exception {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(Path.of("policies"))) {
                files = walk.filter(file -> file.toString().endsWith(".pol")).toList();
            }
            assertThat(files).isNotEmpty();
            for (Path file : files) {
                String once = PolicyFormatter.format(file.toString(), Files.readString(file));
                assertThat(PolicyFormatter.format(file.toString(), once)).as(file.toString()).isEqualTo(once);
            }
        }

        @Test
        void whenAFileDoesNotParseThenFmtReportsItAndFails(@TempDir Path dir) throws IOException {
            Files.writeString(dir.resolve("broken.pol"), "package t\nallow if {\n");
            Run run = run("fmt", "--check", dir.toString());
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).contains("E001");
        }
    }
}
