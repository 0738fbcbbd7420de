package io.gatehouse.bench.workload;

import java.util.Map;
import java.util.Objects;

/**
 * A decision query against a generated rule set: an action, the subject's attributes and the resource's.
 *
 * <p>Attribute values are strings or longs. The subject is called so, not principal, because the service reserves
 * {@code input.principal} for the verified caller and would drop a principal sent in the body.
 */
public record Query(String action, Map<String, Object> subject, Map<String, Object> resource) {

    public Query {
        Objects.requireNonNull(action, "action");
        subject = Map.copyOf(subject);
        resource = Map.copyOf(resource);
    }

    /** The value at a condition's path, or null when absent. */
    public Object at(Condition.Path path) {
        switch (path.part()) {
            case ACTION:
                return action;
            case SUBJECT:
                return subject.get(path.field());
            case RESOURCE:
                return resource.get(path.field());
        }
        throw new AssertionError(path);
    }
}
