package io.gatehouse.bench.workload;

import java.util.List;
import java.util.Map;

/**
 * A generated entity. Attribute values are String, Long, Boolean, {@link EntityRef}, a List standing for a Cedar
 * set, or a Map standing for a Cedar record.
 */
public record Entity(EntityRef uid, Map<String, Object> attrs, List<EntityRef> parents) {

    public Entity {
        attrs = Map.copyOf(attrs);
        parents = List.copyOf(parents);
    }
}
