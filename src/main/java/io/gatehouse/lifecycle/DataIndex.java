package io.gatehouse.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatehouse.compile.DataMount;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The strings of a revision's data documents, indexed the way policy lines use them, so the input generator offers a
 * path the data values it is actually compared with: object keys for {@code doc[input.p]}, array strings for
 * {@code input.p in doc.list}, and the values of field {@code f} for {@code x.f == input.p}.
 */
final class DataIndex {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final SortedSet<String> keys = new TreeSet<>();
    private final SortedSet<String> elements = new TreeSet<>();
    private final Map<String, SortedSet<String>> fieldValues = new TreeMap<>();

    private DataIndex() {
    }

    /** Every data document of {@code files} (relative path to text), by where it is mounted below {@code data}. */
    static Map<String, DataIndex> byMount(Map<String, String> files) {
        Map<String, DataIndex> indexes = new TreeMap<>();
        files.forEach((path, text) -> {
            String lower = path.toLowerCase(Locale.ROOT);
            if (!DataMount.isDataFile(lower)) {
                return;
            }
            DataIndex index = new DataIndex();
            try {
                index.collect((lower.endsWith(".json") ? JSON : YAML).readTree(text), null);
            } catch (IOException malformed) {
                // the engine reports a malformed data document; the scan only loses its candidates
            }
            indexes.put(String.join(".", DataMount.mountPath(path)), index);
        });
        return indexes;
    }

    /**
     * One index over the documents a policy file reads: those mounted at or below, or above, one of the
     * {@code data} paths it imports or names.
     */
    static DataIndex merged(Map<String, DataIndex> byMount, Set<String> referenced) {
        DataIndex merged = new DataIndex();
        byMount.forEach((mount, index) -> {
            boolean read = referenced.stream().anyMatch(path -> mount.equals(path) || mount.startsWith(path + ".")
                    || path.startsWith(mount + ".") || path.isEmpty());
            if (read) {
                merged.keys.addAll(index.keys);
                merged.elements.addAll(index.elements);
                index.fieldValues.forEach((field, values) ->
                        merged.fieldValues.computeIfAbsent(field, key -> new TreeSet<>()).addAll(values));
            }
        });
        return merged;
    }

    /** The data strings worth trying for {@code path} on this line of tokens. */
    SortedSet<String> candidatesFor(List<PolicyScan.Token> tokens, String path) {
        SortedSet<String> candidates = new TreeSet<>();
        for (int index = 0; index < tokens.size(); index++) {
            PolicyScan.Token token = tokens.get(index);
            if (token.is("[") && index > 0 && tokens.get(index - 1).kind != PolicyScan.Token.Kind.SYMBOL
                    && startsInput(tokens, index + 1, path)) {
                candidates.addAll(keys);
            }
            if (token.is("in") && index + 1 < tokens.size() && !tokens.get(index + 1).is("input")
                    && tokens.get(index + 1).kind == PolicyScan.Token.Kind.IDENTIFIER) {
                candidates.addAll(elements);
            }
            if (token.isComparison() && !token.is("in")) {
                candidates.addAll(fieldValues.getOrDefault(fieldBefore(tokens, index), new TreeSet<>()));
                candidates.addAll(fieldValues.getOrDefault(fieldAfter(tokens, index), new TreeSet<>()));
            }
        }
        return candidates;
    }

    private static boolean startsInput(List<PolicyScan.Token> tokens, int at, String path) {
        return at < tokens.size() && tokens.get(at).is("input") && PolicyScan.inputPaths(tokens.subList(at,
                tokens.size())).stream().findFirst().map(path::equals).orElse(false);
    }

    /** {@code x.field ==}: the field name just before a comparison, when it belongs to a reference not input. */
    private static String fieldBefore(List<PolicyScan.Token> tokens, int comparison) {
        int at = comparison - 1;
        return at >= 2 && tokens.get(at - 1).is(".") && !referencesInput(tokens, at) ? tokens.get(at).text : "";
    }

    private static String fieldAfter(List<PolicyScan.Token> tokens, int comparison) {
        int at = comparison + 1;
        if (at + 2 < tokens.size() && !tokens.get(at).is("input") && tokens.get(at + 1).is(".")) {
            return tokens.get(at + 2).text;
        }
        return "";
    }

    private static boolean referencesInput(List<PolicyScan.Token> tokens, int end) {
        int at = end;
        while (at >= 2 && tokens.get(at - 1).is(".")) {
            at -= 2;
        }
        return tokens.get(at).is("input");
    }

    private void collect(JsonNode node, String field) {
        if (node == null) {
            return;
        }
        if (node.isTextual() && field != null) {
            fieldValues.computeIfAbsent(field, key -> new TreeSet<>()).add(node.textValue());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            keys.add(entry.getKey());
            collect(entry.getValue(), entry.getKey());
        }
        if (node.isArray()) {
            node.forEach(item -> {
                if (item.isTextual()) {
                    elements.add(item.textValue());
                }
                collect(item, field);
            });
        }
    }
}
