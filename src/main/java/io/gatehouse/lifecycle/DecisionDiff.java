package io.gatehouse.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.engine.DecideOptions;
import io.gatehouse.engine.Decision;
import io.gatehouse.engine.Revision;
import io.gatehouse.value.Value;
import io.gatehouse.value.Values;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides the same queries with two revisions and reports every query whose decision changed, grouped by operation,
 * with the rules that decided on each side.
 *
 * <p>Queries come from JSON-lines files (recorded inputs, or audit records, which carry the redacted input and the
 * policy) and from inputs generated out of the constants and input paths the policies of both revisions test (see
 * {@link PolicyScan}). Generation enumerates every combination of candidate values when there are at most
 * {@code maxGenerated}, else draws that many with a fixed seed plus every single-path variation of a base input,
 * so two runs over the same directories compare the same inputs.
 */
public final class DecisionDiff {

    /** The generated inputs per entrypoint package when nothing else is asked. */
    public static final int DEFAULT_MAX_GENERATED = 4096;

    private static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final String ABSENT = "<absent>";
    private static final long SEED = 20260105L;

    /**
     * One query.
     *
     * @param policy the entrypoint package
     * @param input the input document
     * @param origin where it came from: {@code file:line} or {@code generated}
     */
    public record Query(String policy, JsonNode input, String origin) {

        public Query {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** How a decision changed. */
    public enum Change {
        /** Denied before, allowed now: access widened. */
        WIDENED,
        /** Allowed before, denied now. */
        NARROWED,
        /** Same allow or deny, different reasons, obligations or error. */
        CHANGED
    }

    /**
     * One query whose decision changed.
     *
     * @param operation the privileged operation, else the input's {@code operation} string, else {@code (none)}
     */
    public record Difference(Query query, String operation, Change change, Decision before, Decision after) {
    }

    /**
     * The outcome of a diff.
     *
     * @param before the old revision's id
     * @param after the new revision's id
     * @param recorded how many recorded queries were compared
     * @param generated how many generated queries were compared
     * @param differences every changed decision, sorted by operation, change, policy and input
     */
    public record Report(String before, String after, int recorded, int generated, List<Difference> differences) {

        public Report {
            differences = List.copyOf(differences);
        }

        /** 0 nothing changed, 1 decisions changed but none widened, 2 some access widened. */
        public int exitStatus() {
            if (differences.stream().anyMatch(difference -> difference.change() == Change.WIDENED)) {
                return 2;
            }
            return differences.isEmpty() ? 0 : 1;
        }

        public long count(Change change) {
            return differences.stream().filter(difference -> difference.change() == change).count();
        }

        /** The differences by operation, operations sorted. */
        public SortedMap<String, List<Difference>> byOperation() {
            SortedMap<String, List<Difference>> grouped = new TreeMap<>();
            differences.forEach(difference ->
                    grouped.computeIfAbsent(difference.operation(), key -> new ArrayList<>()).add(difference));
            return grouped;
        }
    }

    private DecisionDiff() {
    }

    /** Compares {@code before} and {@code after} on {@code recorded} plus generated queries. */
    public static Report compare(Revision before, Revision after, List<Query> recorded, List<Query> generated) {
        Map<String, Query> unique = new LinkedHashMap<>();
        recorded.forEach(query -> unique.putIfAbsent(key(query), query));
        int recordedCount = unique.size();
        generated.forEach(query -> unique.putIfAbsent(key(query), query));
        List<Difference> differences = new ArrayList<>();
        for (Query query : unique.values()) {
            Value input = Values.fromJson(query.input());
            Decision old = before.decide(query.policy(), input, DecideOptions.DEFAULT);
            Decision now = after.decide(query.policy(), input, DecideOptions.DEFAULT);
            changeOf(old, now).ifPresent(change -> differences.add(
                    new Difference(query, operationOf(query, old, now), change, old, now)));
        }
        differences.sort(Comparator.comparing(Difference::operation).thenComparing(Difference::change)
                .thenComparing(difference -> difference.query().policy())
                .thenComparing(difference -> difference.query().input().toString()));
        return new Report(before.id(), after.id(), recordedCount, unique.size() - recordedCount, differences);
    }

    static Optional<Change> changeOf(Decision before, Decision after) {
        if (!before.allowed() && after.allowed()) {
            return Optional.of(Change.WIDENED);
        }
        if (before.allowed() && !after.allowed()) {
            return Optional.of(Change.NARROWED);
        }
        boolean same = before.reasons().equals(after.reasons())
                && Objects.equals(before.error(), after.error())
                && Values.toJson(before.obligations()).toString().equals(Values.toJson(after.obligations()).toString());
        return same ? Optional.empty() : Optional.of(Change.CHANGED);
    }

    private static String operationOf(Query query, Decision before, Decision after) {
        if (after.operation() != null) {
            return after.operation();
        }
        if (before.operation() != null) {
            return before.operation();
        }
        JsonNode operation = query.input().get("operation");
        return operation != null && operation.isTextual() ? operation.textValue() : "(none)";
    }

    private static String key(Query query) {
        return query.policy() + '\u0000' + query.input();
    }

    /**
     * Reads queries from a JSON-lines file. A line is {@code {"policy": ..., "input": {...}}}, or a bare input
     * object, which is asked of every one of {@code entrypoints}. Blank lines are skipped.
     *
     * @throws IOException when the file cannot be read or a line is not such a JSON object, naming the line
     */
    public static List<Query> readQueries(Path file, List<String> entrypoints) throws IOException {
        List<Query> queries = new ArrayList<>();
        forEachLine(file, (node, origin) -> queries.addAll(queriesOf(node, origin, entrypoints)));
        return queries;
    }

    /**
     * Reads the decision records of an audit log: a JSON-lines file, or the log's directory (every {@code *.jsonl}
     * under {@code segments/}, in name order). Each record of type {@code decision} asks its redacted {@code input}
     * of the policy in {@code details.policy}; other records are skipped.
     */
    public static List<Query> readAudit(Path log) throws IOException {
        List<Query> queries = new ArrayList<>();
        for (Path file : auditFiles(log)) {
            forEachLine(file, (node, origin) -> {
                JsonNode input = node.get("input");
                String policy = textAt(node.path("details"), "policy");
                if ("decision".equals(textAt(node, "type")) && input != null && input.isObject() && policy != null) {
                    queries.add(new Query(policy, input, origin));
                }
            });
        }
        return queries;
    }

    private static List<Path> auditFiles(Path log) throws IOException {
        if (!Files.isDirectory(log)) {
            return List.of(log);
        }
        Path segments = Files.isDirectory(log.resolve("segments")) ? log.resolve("segments") : log;
        try (var files = Files.list(segments)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    private interface LineHandler {
        void accept(JsonNode node, String origin) throws IOException;
    }

    private static void forEachLine(Path file, LineHandler handler) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (!line.isBlank()) {
                    String origin = file.getFileName() + ":" + number;
                    handler.accept(parseObject(line, origin), origin);
                }
            }
        }
    }

    private static JsonNode parseObject(String line, String origin) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException malformed) {
            throw new IOException(origin + ": not a JSON object: " + malformed.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IOException(origin + ": not a JSON object");
        }
        return node;
    }

    private static List<Query> queriesOf(JsonNode node, String origin, List<String> entrypoints) throws IOException {
        JsonNode input = node.get("input");
        String policy = textAt(node, "policy");
        if (input != null && policy != null) {
            if (!input.isObject()) {
                throw new IOException(origin + ": \"input\" must be a JSON object");
            }
            return List.of(new Query(policy, input, origin));
        }
        return entrypoints.stream().map(entrypoint -> new Query(entrypoint, node, origin)).toList();
    }

    private static String textAt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** Generated queries for the entrypoints of both scans, at most {@code maxPerPackage} per package. */
    public static List<Query> generate(List<PolicyScan.Entrypoint> before, List<PolicyScan.Entrypoint> after,
            int maxPerPackage) {
        Map<String, SortedMap<String, SortedSet<String>>> merged = new TreeMap<>();
        for (PolicyScan.Entrypoint entrypoint : concat(before, after)) {
            SortedMap<String, SortedSet<String>> paths = merged.computeIfAbsent(entrypoint.packageName(),
                    key -> new TreeMap<>());
            entrypoint.candidates().forEach((path, values) ->
                    paths.computeIfAbsent(path, key -> new TreeSet<>()).addAll(values));
        }
        List<Query> queries = new ArrayList<>();
        merged.forEach((policy, paths) -> queries.addAll(generateFor(policy, paths, maxPerPackage)));
        return queries;
    }

    private static List<PolicyScan.Entrypoint> concat(List<PolicyScan.Entrypoint> a, List<PolicyScan.Entrypoint> b) {
        List<PolicyScan.Entrypoint> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<Query> generateFor(String policy, SortedMap<String, SortedSet<String>> paths, int max) {
        List<String> names = new ArrayList<>(paths.keySet());
        List<List<String>> choices = new ArrayList<>();
        for (String name : names) {
            List<String> values = new ArrayList<>(paths.get(name));
            values.add(ABSENT);
            choices.add(values);
        }
        Set<List<Integer>> picks = new LinkedHashSet<>();
        double combinations = choices.stream().mapToDouble(List::size).reduce(1, (a, b) -> a * b);
        if (combinations <= max) {
            enumerate(choices, 0, new ArrayList<>(), picks);
        } else {
            variations(choices, picks);
            Random random = new Random(SEED ^ policy.hashCode());
            for (int attempt = 0; picks.size() < max && attempt < max * 4; attempt++) {
                List<Integer> pick = new ArrayList<>();
                choices.forEach(values -> pick.add(random.nextInt(values.size())));
                picks.add(pick);
            }
        }
        List<Query> queries = new ArrayList<>();
        for (List<Integer> pick : picks) {
            queries.add(new Query(policy, inputOf(names, choices, pick), "generated"));
        }
        return queries;
    }

    private static void enumerate(List<List<String>> choices, int depth, List<Integer> pick,
            Set<List<Integer>> picks) {
        if (depth == choices.size()) {
            picks.add(List.copyOf(pick));
            return;
        }
        for (int index = 0; index < choices.get(depth).size(); index++) {
            pick.add(index);
            enumerate(choices, depth + 1, pick, picks);
            pick.remove(pick.size() - 1);
        }
    }

    /** The base input (every path at its first candidate) and every input that changes one path of it. */
    private static void variations(List<List<String>> choices, Set<List<Integer>> picks) {
        List<Integer> base = new ArrayList<>();
        choices.forEach(values -> base.add(0));
        picks.add(List.copyOf(base));
        for (int path = 0; path < choices.size(); path++) {
            for (int index = 1; index < choices.get(path).size(); index++) {
                List<Integer> pick = new ArrayList<>(base);
                pick.set(path, index);
                picks.add(List.copyOf(pick));
            }
        }
    }

    /** Paths are set shortest first; a deeper path under one already set to a non-object is left out. */
    private static JsonNode inputOf(List<String> names, List<List<String>> choices, List<Integer> pick) {
        ObjectNode input = JSON.createObjectNode();
        List<Integer> order = new ArrayList<>();
        for (int index = 0; index < names.size(); index++) {
            order.add(index);
        }
        order.sort(Comparator.comparingInt((Integer index) -> names.get(index).split("\\.").length)
                .thenComparing(names::get));
        for (int index : order) {
            String value = choices.get(index).get(pick.get(index));
            if (!ABSENT.equals(value)) {
                place(input, names.get(index).split("\\."), value);
            }
        }
        return input;
    }

    private static void place(ObjectNode root, String[] segments, String json) {
        ObjectNode parent = root;
        for (int index = 0; index < segments.length - 1; index++) {
            JsonNode child = parent.get(segments[index]);
            if (child == null) {
                child = parent.putObject(segments[index]);
            }
            if (!(child instanceof ObjectNode object)) {
                return;
            }
            parent = object;
        }
        if (!parent.has(segments[segments.length - 1])) {
            parent.set(segments[segments.length - 1], parse(json));
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException impossible) {
            throw new IllegalStateException("candidate " + json + " is not JSON", impossible);
        }
    }
}
