package io.gatehouse.bench.engines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.bench.workload.Entity;
import io.gatehouse.bench.workload.EntityQuery;
import io.gatehouse.bench.workload.EntityRef;
import io.gatehouse.bench.workload.Query;
import io.gatehouse.bench.workload.ScenarioWorkload;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON forms of the generated queries and entities shared by several adapters and by the HTTP benchmark. */
public final class Inputs {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Inputs() {
    }

    /** {@code {"action": ..., "subject": {...}, "resource": {...}}}: the Gatehouse input of a rule-set query. */
    public static ObjectNode ruleInput(Query query) {
        ObjectNode input = NODES.objectNode();
        input.put("action", query.action());
        input.set("subject", attributes(query.subject()));
        input.set("resource", attributes(query.resource()));
        return input;
    }

    /** A flat attribute map of strings and longs as a JSON object, keys sorted. */
    public static ObjectNode attributes(Map<String, Object> attributes) {
        ObjectNode node = NODES.objectNode();
        new TreeMap<>(attributes).forEach((key, value) -> node.set(key, JSON.valueToTree(value)));
        return node;
    }

    /** The request-file form of the Cedar corpus: entity references written as {@code Type::"id"} strings. */
    public static ObjectNode scenarioInput(EntityQuery query) {
        ObjectNode input = NODES.objectNode();
        input.put("principal", query.principal().text());
        input.put("action", query.action().text());
        input.put("resource", query.resource().text());
        input.set("context", NODES.objectNode());
        return input;
    }

    /**
     * Cedar entity JSON: {@code [{"uid": {"type", "id"}, "attrs": {...}, "parents": [...]}]}, with entity references
     * in attributes written as {@code {"__entity": {...}}}.
     */
    public static ArrayNode cedarEntities(ScenarioWorkload workload) {
        ArrayNode all = NODES.arrayNode();
        for (Entity entity : workload.entities()) {
            ObjectNode node = all.addObject();
            node.set("uid", uid(entity.uid()));
            ObjectNode attrs = node.putObject("attrs");
            entity.attrs().forEach((key, value) -> attrs.set(key, cedarValue(value)));
            ArrayNode parents = node.putArray("parents");
            entity.parents().forEach(parent -> parents.add(uid(parent)));
        }
        return all;
    }

    private static ObjectNode uid(EntityRef ref) {
        ObjectNode node = NODES.objectNode();
        node.put("type", ref.type());
        node.put("id", ref.id());
        return node;
    }

    private static JsonNode cedarValue(Object value) {
        if (value instanceof EntityRef ref) {
            ObjectNode node = NODES.objectNode();
            node.set("__entity", uid(ref));
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode node = NODES.arrayNode();
            list.forEach(item -> node.add(cedarValue(item)));
            return node;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            map.forEach((key, item) -> node.set((String) key, cedarValue(item)));
            return node;
        }
        return JSON.valueToTree(value);
    }

    /**
     * The Gatehouse data document of a scenario: {@code {"attrs": {uid: {...}}, "parents": {uid: [uid, ...]}}},
     * every uid written as {@code Type::"id"}, every entity present in both maps.
     */
    public static ObjectNode gatehouseData(ScenarioWorkload workload) {
        ObjectNode data = NODES.objectNode();
        ObjectNode attrs = data.putObject("attrs");
        ObjectNode parents = data.putObject("parents");
        for (Entity entity : workload.entities()) {
            ObjectNode node = attrs.putObject(entity.uid().text());
            new TreeMap<>(entity.attrs()).forEach((key, value) -> node.set(key, gatehouseValue(value)));
            ArrayNode list = parents.putArray(entity.uid().text());
            entity.parents().forEach(parent -> list.add(parent.text()));
        }
        return data;
    }

    private static JsonNode gatehouseValue(Object value) {
        if (value instanceof EntityRef ref) {
            return NODES.textNode(ref.text());
        }
        if (value instanceof List<?> list) {
            ArrayNode node = NODES.arrayNode();
            list.forEach(item -> node.add(gatehouseValue(item)));
            return node;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            map.forEach((key, item) -> node.set((String) key, gatehouseValue(item)));
            return node;
        }
        return JSON.valueToTree(value);
    }
}
