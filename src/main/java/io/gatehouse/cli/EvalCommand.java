package io.gatehouse.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatehouse.engine.DecideOptions;
import io.gatehouse.engine.Decision;
import io.gatehouse.engine.EvaluationException;
import io.gatehouse.engine.Revision;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "eval", description = {
    "Evaluate QUERY, a rule or package path such as s2s.operations.allow, against an input document.",
    "With --decide, QUERY is an entrypoint package and the output is the decision the service would give."})
final class EvalCommand implements Callable<Integer> {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUERY", description = "rule or package path, or package with --decide")
    String query;

    @Option(names = {"-d", "--dir"}, description = "policy directory (default: ${DEFAULT-VALUE})",
            defaultValue = "policies")
    Path dir;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "input JSON or YAML file, - for stdin")
    String input;

    @Option(names = "--decide", description = "decide with QUERY as the entrypoint package")
    boolean decide;

    @Option(names = "--explain", description = "with --decide, explain why")
    boolean explain;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Revision> revision = Policies.load(dir, err);
        if (revision.isEmpty()) {
            return Main.FOUND_PROBLEMS;
        }
        Value inputValue = Values.fromJson(readInput());
        if (decide || explain) {
            Decision decision = revision.get().decide(query, inputValue,
                    explain ? DecideOptions.EXPLAIN : DecideOptions.DEFAULT);
            out.println(JSON.writeValueAsString(decisionJson(decision)));
            return 0;
        }
        try {
            Optional<Value> result = revision.get().query(query, inputValue);
            ObjectNode answer = JSON.createObjectNode();
            result.ifPresent(value -> answer.set("result", Values.toJson(value)));
            out.println(JSON.writeValueAsString(answer));
            return 0;
        } catch (EvaluationException failed) {
            err.println((failed.location() == null ? "" : failed.location() + ": ") + failed.code() + ": "
                    + failed.getMessage());
            return Main.FOUND_PROBLEMS;
        }
    }

    private JsonNode readInput() throws IOException {
        if (input == null) {
            return JSON.createObjectNode();
        }
        if (input.equals("-")) {
            return JSON.readTree(System.in);
        }
        Path file = Path.of(input);
        try (InputStream in = Files.newInputStream(file)) {
            String name = file.getFileName().toString();
            return name.endsWith(".yaml") || name.endsWith(".yml") ? YAML.readTree(in) : JSON.readTree(in);
        }
    }

    static ObjectNode decisionJson(Decision decision) {
        ObjectNode node = JSON.createObjectNode();
        node.put("allow", decision.allowed());
        node.set("reasons", JSON.valueToTree(decision.reasons()));
        node.set("obligations", Values.toJson(decision.obligations()));
        node.put("revision", decision.revision());
        if (decision.error() != null) {
            node.put("error", decision.error());
        }
        if (decision.operation() != null) {
            node.put("operation", decision.operation());
        }
        node.set("rules", JSON.valueToTree(decision.rules()));
        if (decision.explanation() != null) {
            node.set("explanation", JSON.valueToTree(decision.explanation()));
        }
        return node;
    }
}
