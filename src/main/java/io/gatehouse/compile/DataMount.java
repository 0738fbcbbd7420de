package io.gatehouse.compile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gatehouse.ast.Pos;
import io.gatehouse.check.Problems;
import io.gatehouse.value.Value;
import io.gatehouse.value.ValueOrder;
import io.gatehouse.value.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mounts data documents under {@code data}. The rule: a file's path relative to the policy directory, without its
 * extension, is its place below {@code data} ({@code teams/payments.json} is {@code data.teams.payments}); a file
 * named {@code data.json}, {@code data.yaml} or {@code data.yml} is mounted at its folder and its top level must be
 * an object whose members merge with what else is there. Two files may not define the same leaf.
 */
public final class DataMount {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private DataMount() {
    }

    public static boolean isDataFile(String file) {
        return file.endsWith(".json") || file.endsWith(".yaml") || file.endsWith(".yml");
    }

    /** The path below {@code data} where a file is mounted. */
    public static List<String> mountPath(String file) {
        List<String> parts = new ArrayList<>(List.of(file.replace('\\', '/').split("/")));
        String name = parts.remove(parts.size() - 1);
        String stem = name.substring(0, name.lastIndexOf('.'));
        if (!stem.equals("data")) {
            parts.add(stem);
        }
        return parts;
    }

    static Value.Obj mount(Map<String, String> files, Problems problems) {
        TreeMap<String, Value> root = new TreeMap<>(ValueOrder.CODE_POINTS);
        new TreeMap<>(files).forEach((file, text) -> {
            Value value = parse(file, text, problems);
            if (value == null) {
                return;
            }
            List<String> path = mountPath(file);
            if (path.isEmpty() && !(value instanceof Value.Obj)) {
                problems.error(Problems.Code.DATA_FILE, new Pos(file, 1, 1), "a top-level data file must hold an "
                        + "object, given " + value.typeName(), null);
                return;
            }
            merge(root, path, value, file, problems);
        });
        return new Value.Obj(root);
    }

    private static Value parse(String file, String text, Problems problems) {
        try {
            JsonNode node = (file.endsWith(".json") ? JSON : YAML).readTree(text);
            return Values.fromJson(node);
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
            problems.error(Problems.Code.DATA_FILE, new Pos(file, 1, 1), "cannot read data file: "
                    + message.toLowerCase(java.util.Locale.ROOT), null);
            return null;
        }
    }

    private static void merge(TreeMap<String, Value> members, List<String> path, Value value, String file,
            Problems problems) {
        if (path.isEmpty()) {
            for (Map.Entry<String, Value> entry : ((Value.Obj) value).members().entrySet()) {
                merge(members, List.of(entry.getKey()), entry.getValue(), file, problems);
            }
            return;
        }
        String key = path.get(0);
        Value existing = members.get(key);
        if (path.size() == 1 && existing == null) {
            members.put(key, value);
            return;
        }
        if (existing != null && !(existing instanceof Value.Obj)
                || path.size() == 1 && !(value instanceof Value.Obj)) {
            problems.error(Problems.Code.DATA_CONFLICT, new Pos(file, 1, 1), "data document \"" + key
                    + "\" is defined by more than one file", "each leaf of data comes from one file");
            return;
        }
        TreeMap<String, Value> child = new TreeMap<>(ValueOrder.CODE_POINTS);
        if (existing instanceof Value.Obj object) {
            child.putAll(object.members());
        }
        if (path.size() == 1) {
            merge(child, List.of(), value, file, problems);
        } else {
            merge(child, path.subList(1, path.size()), value, file, problems);
        }
        members.put(key, new Value.Obj(child));
    }
}
